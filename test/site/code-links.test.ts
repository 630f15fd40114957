import { describe, expect, inject, it } from 'vitest';
import { TEST_REF, TEST_REPOSITORY } from '../setup/site';
import { attr, hasClass, loadPage, markdownOf } from './html';
import { declarationLine, sourcePage } from './source';

const PAGES = [
  ['docs/HARDWARE_VALIDATION.md', 'docs/hardware-validation.html'],
  ['docs/TESTING.md', 'docs/testing.html'],
] as const;

describe.each(PAGES)('code links of %s', (sourceFile, builtFile) => {
  const codeLinks = sourcePage(sourceFile).links.filter((l) => l.kind === 'code');

  it('has code links to rewrite', () => {
    expect(codeLinks.length).toBeGreaterThan(0);
  });

  it('point at the configured repository and ref, with the line of the Go symbol', () => {
    const expected = codeLinks.map((link) => {
      const line = link.fragment ? declarationLine(link.target!, link.fragment) : undefined;
      if (link.fragment) expect(line, `${link.fragment} in ${link.target}`).toBeDefined();
      return `${TEST_REPOSITORY}/blob/${TEST_REF}/${link.target}${line ? `#L${line}` : ''}`;
    });
    const built = markdownOf(loadPage(inject('buildDir'), builtFile))
      .filter((e) => e.tagName === 'a')
      .map((a) => attr(a, 'href') ?? '')
      .filter((href) => href.startsWith(`${TEST_REPOSITORY}/`));
    expect(built).toEqual(expected);
  });

  it('look like links to code: the code-link class (its icon) and a title naming the file and symbol', () => {
    const expected = codeLinks.map((link) => ({
      codeLink: true,
      title: link.fragment ? `${link.target}: ${link.fragment}` : link.target,
    }));
    const built = markdownOf(loadPage(inject('buildDir'), builtFile))
      .filter((e) => e.tagName === 'a' && (attr(e, 'href') ?? '').startsWith(`${TEST_REPOSITORY}/`))
      .map((a) => ({ codeLink: hasClass(a, 'code-link'), title: attr(a, 'title') }));
    expect(built).toEqual(expected);
  });

  it('leaves no relative link into the driver source in the page', () => {
    const hrefs = markdownOf(loadPage(inject('buildDir'), builtFile)).map((e) => attr(e, 'href') ?? '');
    expect(hrefs.filter((h) => /(^|\/)pkg\/|\.go(#|$)/.test(h) && !h.startsWith(`${TEST_REPOSITORY}/`))).toEqual([]);
  });
});
