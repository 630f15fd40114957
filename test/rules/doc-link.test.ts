/**
 * `doc-link` at a scale the fixtures do not reach: the "did you mean"
 * suggestion must cost about the same per broken anchor however many
 * headings the page has, since the rule runs outside the parse watchdog.
 * The page's anchors and links are made directly: parsing a page this
 * large is the watchdog's concern, not this rule's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildPage, classifyLink } from '../../plugins/doc-checks/model/guide';
import docLink from '../../plugins/doc-checks/rules/doc-link';
import { normaliseOptions } from '../../plugins/doc-checks/options';
import { ProjectWorkspace } from '../../plugins/doc-checks/workspace';

const root = mkdtempSync(path.join(tmpdir(), 'doc-link-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Milliseconds the rule takes over a page with these anchors and links, and what it reported. */
async function timeRule(anchors: string[], fragments: string[]): Promise<{ ms: number; messages: string[] }> {
  const small = buildPage('docs/BIG.md', '# Big\n\n[x](#a)\n');
  const node = small.links[0].node;
  const page = { ...small, anchors: new Set(anchors), links: fragments.map((f) => classifyLink(`#${f}`, node, 'docs/BIG.md')) };
  const workspace = new ProjectWorkspace({ root });
  const options = normaliseOptions({ root, today: '2026-11-26' });
  const messages: string[] = [];
  const started = performance.now();
  await docLink.check({ page, workspace, options, report: (_at, message) => messages.push(message) });
  return { ms: performance.now() - started, messages };
}

describe('doc-link on a page of thousands of headings and broken anchors', () => {
  test('suggests in time that grows with the page, not with its square', async () => {
    const n = 40_000;
    const anchors = Array.from({ length: n }, (_, i) => `section-${n - i}`);
    // No heading shares a prefix with these: a search of every heading per anchor reads them all.
    const broken = Array.from({ length: n }, (_, i) => `gone-away-${i}`);
    const { ms, messages } = await timeRule(anchors, [...broken, 'section-1-old']);
    expect(messages).toHaveLength(n + 1);
    expect(messages[0]).toBe('Anchor `#gone-away-0` does not exist on this page; expected the slug of a heading');
    // The first heading, in sorted order, that starts with the fragment's first two words.
    expect(messages[n]).toBe('Anchor `#section-1-old` does not exist on this page; did you mean `#section-1`?');
    // Measured: ~100 ms with the sorted index; a scan of every heading per anchor takes minutes.
    expect(ms).toBeLessThan(3000);
  });
});
