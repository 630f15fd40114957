/**
 * Reading the site: on a 390 px phone no page scrolls sideways (wide tables
 * and code scroll inside themselves), and on a desktop the table of contents
 * keeps the section being read in view all through the long guide.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { describeInBrowser, servedSiteAndBrowser } from '../setup/browser';

const BASE = '/rds-csi-docs';
const GUIDE = `${BASE}/docs/hardware-validation`;

/** Every guide, rule page and Review page of the build, as URL paths. */
function pagesOfTheBuild(): string[] {
  const buildDir = inject('buildDir');
  // Review pages sit one folder deeper (`review/<phase>/<plan>`): walk the folders.
  const htmlIn = (dir: string): string[] =>
    readdirSync(path.join(buildDir, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? htmlIn(`${dir}/${entry.name}`)
        : entry.name.endsWith('.html')
          ? [`${BASE}/${dir}/${entry.name.replace(/\.html$/, '')}`]
          : [],
    );
  return [...htmlIn('docs'), `${BASE}/rules`, ...htmlIn('rules'), `${BASE}/review`, ...htmlIn('review')].sort();
}

describeInBrowser('reading the site in a browser', () => {
  const site = servedSiteAndBrowser();

  it('never scrolls a page sideways on a 390 px phone', async () => {
    const pages = pagesOfTheBuild();
    expect(pages).toEqual(expect.arrayContaining([GUIDE, `${BASE}/docs/testing`, `${BASE}/rules/tc-caution`, `${BASE}/review/32-resilience-regression-tests/32-02`]));
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const tooWide: Record<string, { scrollWidth: number; widest: string }> = {};
    for (const url of pages) {
      await page.goto(`${site.server.url}${url}`, { waitUntil: 'load' });
      const measured = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        // Name the outermost element that sticks out, to say what to fix.
        const culprit = Array.from(document.querySelectorAll('main *')).find(
          (el) => el.getBoundingClientRect().right > width + 0.5 && !el.closest('[class*="overflow"], pre, table'),
        );
        return {
          width,
          scrollWidth: document.documentElement.scrollWidth,
          widest: culprit ? `${culprit.tagName.toLowerCase()}.${Array.from(culprit.classList).join('.')} "${culprit.textContent?.slice(0, 40)}"` : '',
        };
      });
      if (measured.scrollWidth > measured.width) tooWide[url] = { scrollWidth: measured.scrollWidth, widest: measured.widest };
    }
    await page.close();
    expect(tooWide).toEqual({});
  });

  it('keeps the active entry of the table of contents in view down to TC-10 and the end of the guide', async () => {
    const page: Page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${site.server.url}${GUIDE}`, { waitUntil: 'load' });
    const toc = page.locator('.theme-doc-toc-desktop');
    await toc.waitFor({ state: 'visible' });
    // The column must be taller than the window, or there is nothing to follow.
    expect(await toc.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);

    const activeEntryInView = () =>
      toc.evaluate((column) => {
        const active = column.querySelector('.table-of-contents__link--active');
        if (!active) return { text: '', inView: false };
        const box = column.getBoundingClientRect();
        const link = active.getBoundingClientRect();
        return { text: active.textContent ?? '', inView: link.top >= box.top && link.bottom <= box.bottom };
      });

    // Read down the guide heading by heading, as a reader scrolls.
    const headings = await page.locator('.theme-doc-markdown h2[id], .theme-doc-markdown h3[id]').evaluateAll((els) => els.map((el) => el.id));
    const tc10 = headings.findIndex((id) => id.startsWith('tc-10-'));
    expect(tc10).toBeGreaterThan(0);
    // From the second heading on: the first is in view at load, before any scroll, so nothing is highlighted yet.
    for (const id of headings.slice(1, tc10 + 1)) {
      // Headings carry a scroll margin: this puts the heading just below the navbar.
      await page.evaluate((target) => document.getElementById(target)!.scrollIntoView({ block: 'start' }), id);
      const expected = await page.locator(`[id="${id}"]`).evaluate((el) => el.textContent?.replace(/\u200b/g, '').trim() ?? '');
      await expect.poll(activeEntryInView, { timeout: 5_000 }).toEqual({ text: expected, inView: true });
    }
    // The end of the guide: the last sections are too short to reach the top of the window.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const lastEntries = await toc.locator('a').evaluateAll((links) => links.slice(-3).map((a) => a.textContent ?? ''));
    await expect.poll(async () => {
      const { text, inView } = await activeEntryInView();
      return inView && lastEntries.includes(text);
    }, { timeout: 5_000 }).toBe(true);
    await page.close();
  });
});
