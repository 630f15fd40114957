import GithubSlugger from 'github-slugger';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { attr, contains, hasClass, loadPage, markdownOf, normalise, sectionOf, textOf, type Element } from './html';
import { boxText, sourcePage } from './source';

const IDS = Array.from({ length: 11 }, (_, i) => `TC-${String(i + 1).padStart(2, '0')}`);

describe('the built Hardware Validation page', () => {
  let article: Element[];
  let testCaseHeadings: Element[];
  const source = sourcePage('docs/HARDWARE_VALIDATION.md');

  beforeAll(() => {
    article = markdownOf(loadPage(inject('buildDir'), 'docs/hardware-validation.html'));
    testCaseHeadings = article.filter((e) => e.tagName === 'h3' && /^TC-\d+/.test(normalise(textOf(e))));
  });

  const testCase = (id: string) => {
    const heading = testCaseHeadings.find((h) => normalise(textOf(h)).startsWith(`${id}:`));
    if (!heading) throw new Error(`No heading for ${id} on the page`);
    return { heading, section: sectionOf(article, heading) };
  };

  it('has a heading for each of TC-01 to TC-11, in order, with the slug of its text as id', () => {
    expect(testCaseHeadings.map((h) => normalise(textOf(h)).slice(0, 5))).toEqual(IDS);
    for (const heading of testCaseHeadings) {
      const slug = new GithubSlugger().slug(normalise(textOf(heading)));
      expect(attr(heading, 'id')).toBe(slug);
      expect(slug).toMatch(/^tc-\d{2}-[a-z0-9-]+$/);
    }
  });

  it.each([
    ['TC-09', 'caution', 'alert--warning'],
    ['TC-10', 'danger', 'alert--danger'],
    ['TC-11', 'caution', 'alert--warning'],
  ])('renders the box of %s as a %s admonition with the text of the source box', (id, kind, alertClass) => {
    const boxes = source.testCases.find((t) => t.id === id)?.boxesBeforeSteps ?? [];
    expect(boxes.map((b) => b.kind)).toContain(kind);
    const box = boxes.find((b) => b.kind === kind)!;

    const admonitions = testCase(id).section.filter((e) => hasClass(e, 'theme-admonition'));
    const admonition = admonitions.find((e) => hasClass(e, `theme-admonition-${kind}`));
    expect(admonition, `a .theme-admonition-${kind} inside ${id}`).toBeDefined();
    expect(hasClass(admonition!, alertClass)).toBe(true);
    const text = normalise(textOf(admonition!));
    expect(text).toContain(boxText(box));
    // The GitHub markup is gone: no alert marker, no bold label repeated in the box.
    expect(text).not.toMatch(/\[!(CAUTION|NOTE|WARNING)\]/);
    expect(text).not.toMatch(/\b(DANGER|CAUTION):/);
  });

  it('leaves no GitHub alert marker anywhere on the page', () => {
    expect(article.some((e) => /\[!(CAUTION|NOTE|TIP|IMPORTANT|WARNING)\]/.test(textOf(e)))).toBe(false);
  });

  it('has a Results Template table with one body row per test case, in order', () => {
    const heading = article.find((e) => e.tagName === 'h2' && attr(e, 'id') === 'results-template');
    expect(heading).toBeDefined();
    const section = sectionOf(article, heading!);
    const bodyRows = (table: Element) =>
      section.filter((e) => e.tagName === 'tr' && (e.parentNode as Element).tagName === 'tbody' && contains(table, e));
    const firstCell = (row: Element) => normalise(textOf(row.childNodes.find((c) => 'tagName' in c && c.tagName === 'td')!));
    // The section also holds tables for the environment and timings: take the one listing test cases.
    const results = section
      .filter((e) => e.tagName === 'table')
      .filter((table) => bodyRows(table).some((row) => /^TC-\d+$/.test(firstCell(row))));
    expect(results).toHaveLength(1);
    const rows = bodyRows(results[0]);
    expect(rows).toHaveLength(11);
    expect(rows.map(firstCell)).toEqual(IDS);
  });
});

