import { beforeAll, describe, expect, inject, it } from 'vitest';
import { attr, loadPage, markdownOf, normalise, sectionOf, textOf, type Element } from './html';

const BASE_URL = '/rds-csi-docs/';

describe('the built Testing page', () => {
  let article: Element[];
  let hardwareIds: Set<string>;

  beforeAll(() => {
    const buildDir = inject('buildDir');
    article = markdownOf(loadPage(buildDir, 'docs/testing.html'));
    hardwareIds = new Set(
      loadPage(buildDir, 'docs/hardware-validation.html')
        .map((e) => attr(e, 'id'))
        .filter((id): id is string => id !== undefined),
    );
  });

  const heading = (pattern: RegExp) => {
    const found = article.find((e) => /^h[1-6]$/.test(e.tagName) && pattern.test(normalise(textOf(e))));
    if (!found) throw new Error(`No heading matching ${pattern} on the page`);
    return found;
  };

  it('places the resilience section after the hardware integration section', () => {
    const hardware = heading(/^Hardware Integration Tests$/);
    const resilience = heading(/Resilience/);
    expect(article.indexOf(resilience)).toBeGreaterThan(article.indexOf(hardware));
  });

  it('links the resilience section to TC-09, TC-10 and TC-11 anchors that exist on the hardware page', () => {
    const section = sectionOf(article, heading(/Resilience/));
    const targets = section
      .filter((e) => e.tagName === 'a')
      .map((a) => attr(a, 'href') ?? '')
      .filter((href) => href.startsWith(`${BASE_URL}docs/hardware-validation#`));
    const anchors = targets.map((href) => href.slice(href.indexOf('#') + 1));
    expect(anchors.filter((a) => /^tc-(09|10|11)-/.test(a)).map((a) => a.slice(0, 5))).toEqual(
      expect.arrayContaining(['tc-09', 'tc-10', 'tc-11']),
    );
    for (const anchor of anchors) expect(hardwareIds, `#${anchor} on the hardware page`).toContain(anchor);
  });

  it('shows the make targets the driver has: e2e-test, never test-e2e, in its commands', () => {
    const commands = article.filter((e) => e.tagName === 'pre').map((e) => normalise(textOf(e)));
    expect(commands.some((c) => /(^| )make e2e-test( |$)/.test(c))).toBe(true);
    expect(commands.filter((c) => /make test-e2e\b/.test(c))).toEqual([]);
  });

  it('shows the line the reconciler logs when it clears a stale attachment', () => {
    const blocks = article.filter((e) => e.tagName === 'pre').map((e) => normalise(textOf(e)));
    expect(blocks.some((b) => b.includes('Clearing stale attachment: volume=') && b.includes('(node deleted)'))).toBe(true);
  });

  it('resolves every same-site link of the page to a page and anchor of the build', () => {
    const links = article.map((e) => (e.tagName === 'a' ? attr(e, 'href') : undefined)).filter((h): h is string => !!h);
    const ownIds = new Set(article.map((e) => attr(e, 'id')).filter(Boolean));
    for (const href of links) {
      if (href.startsWith('#')) expect(ownIds, href).toContain(href.slice(1));
      else if (href.startsWith(`${BASE_URL}docs/hardware-validation#`)) expect(hardwareIds, href).toContain(href.split('#')[1]);
    }
    expect(links.some((h) => h.includes('.md'))).toBe(false);
  });
});
