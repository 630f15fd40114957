/**
 * Reading the site: on a 390 px phone no page scrolls sideways (wide tables
 * and code scroll inside themselves).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchChromium } from '../setup/browser';
import { serveSite, type Server } from '../setup/site';

const BASE = '/rds-csi-docs';
const GUIDE = `${BASE}/docs/hardware-validation`;

/** Every guide, rule page and Review page of the build, as URL paths. */
function pagesOfTheBuild(): string[] {
  const buildDir = inject('buildDir');
  const htmlIn = (dir: string) =>
    readdirSync(path.join(buildDir, dir))
      .filter((f) => f.endsWith('.html'))
      .map((f) => `${BASE}/${dir}/${f.replace(/\.html$/, '')}`);
  return [...htmlIn('docs'), `${BASE}/rules`, ...htmlIn('rules'), `${BASE}/review`, ...htmlIn('review')].sort();
}

let server: Server;
let browser: Browser;

describeInBrowser('reading the site in a browser', () => {
  beforeAll(async () => {
    server = await serveSite(inject('siteDir'), inject('buildDir'), inject('buildEnv'));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('never scrolls a page sideways on a 390 px phone', async () => {
    const pages = pagesOfTheBuild();
    expect(pages).toEqual(expect.arrayContaining([GUIDE, `${BASE}/docs/testing`, `${BASE}/rules/tc-caution`, `${BASE}/review/32-02`]));
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const tooWide: Record<string, { scrollWidth: number; widest: string }> = {};
    for (const url of pages) {
      await page.goto(`${server.url}${url}`, { waitUntil: 'load' });
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
});
