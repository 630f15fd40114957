/**
 * The offline search, asked the way its search bar asks: the built index
 * holds one lunr index per kind of match (titles, headings, descriptions,
 * keywords, content), and the bar lists matches kind by kind, best first
 * within each kind.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import lunr from 'lunr';
import { describe, expect, inject, it } from 'vitest';

interface IndexedDocument {
  i: number;
  /** URL of the page. */
  u: string;
  /** Fragment of the section, when the document is a section. */
  h?: string;
  /** Title or text. */
  t: string;
  /** The page (document id in the titles) a section belongs to. */
  p?: number;
}

const KINDS = ['title', 'heading', 'description', 'keywords', 'content'] as const;
const LIMIT = 8;

function loadIndex() {
  const raw = JSON.parse(readFileSync(path.join(inject('buildDir'), 'search-index.json'), 'utf8')) as {
    documents: IndexedDocument[];
    index: object;
  }[];
  return raw.map(({ documents, index }, kind) => ({ kind: KINDS[kind], documents, index: lunr.Index.load(index) }));
}

/** The pages of the first results for `word`, in the order the search bar lists them. */
function search(word: string): { kind: string; url: string; text: string }[] {
  const indexes = loadIndex();
  const results: { kind: string; url: string; text: string; id: number }[] = [];
  // The bar asks for the word as typed, then for words it starts.
  for (const wildcard of [lunr.Query.wildcard.NONE, lunr.Query.wildcard.TRAILING]) {
    for (const { kind, documents, index } of indexes) {
      const hits = index.query((q) => q.term(word, { wildcard, presence: lunr.Query.presence.REQUIRED }));
      for (const hit of hits) {
        const document = documents.find((d) => String(d.i) === hit.ref)!;
        if (results.length < LIMIT && !results.some((r) => r.id === document.i)) {
          results.push({ kind, url: `${document.u}${document.h ?? ''}`, text: document.t, id: document.i });
        }
      }
    }
  }
  return results.map(({ kind, url, text }) => ({ kind, url, text }));
}

describe('the search index', () => {
  it('lists the guides before any rule page for "reconnect"', () => {
    const results = search('reconnect');
    expect(results[0]).toMatchObject({
      kind: 'heading',
      url: '/rds-csi-docs/docs/hardware-validation#tc-09-nvme-reconnect-after-network-interruption',
    });
    const pages = results.map((r) => r.url.replace(/#.*/, ''));
    const firstRule = pages.findIndex((p) => p.includes('/rules/'));
    const lastGuide = pages.map((p) => p.includes('/docs/')).lastIndexOf(true);
    expect(lastGuide).toBeGreaterThanOrEqual(0);
    if (firstRule !== -1) expect(firstRule).toBeGreaterThan(lastGuide);
  });

  it("does not index the examples on rule pages, which quote the guides' text", () => {
    const rules = search('interruption').filter((r) => r.url.includes('/rules/'));
    expect(rules).toEqual([]);
  });

  it('still finds a rule page by what it checks', () => {
    expect(search('caution').map((r) => r.url)).toContain('/rds-csi-docs/rules/tc-caution');
  });

  it('indexes the Review pages, which a plugin generates', () => {
    const titles = loadIndex()[0].documents.map((d) => d.u);
    expect(titles).toEqual(expect.arrayContaining(['/rds-csi-docs/review', '/rds-csi-docs/review/32-resilience-regression-tests/32-02']));
    const review = search('checkpoint').map((r) => r.url.replace(/#.*/, ''));
    expect(review).toContain('/rds-csi-docs/review/32-resilience-regression-tests/32-02');
  });
});
