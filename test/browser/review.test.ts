/**
 * The reviewer's side in a browser: the checklist of plan 32-02 keeps its
 * ticks across a reload, and an item's link lands on the box it asks about.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, servedSiteAndBrowser } from '../setup/browser';
import { SITE_ROOT } from '../setup/site';

const REVIEW = '/rds-csi-docs/review/32-resilience-regression-tests/32-02';

let page: Page;

describeInBrowser('the Review page in a browser', () => {
  const site = servedSiteAndBrowser();

  beforeAll(async () => {
    page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  it('keeps the reviewer’s ticks across a reload', async () => {
    await page.goto(`${site.server.url}${REVIEW}`);
    const progress = page.getByTestId('review-progress');
    await expect.poll(() => progress.innerText()).toBe('0 of 5 checked');

    await page.getByTestId('review-item-1').check();
    await page.getByTestId('review-item-4').check();
    await expect.poll(() => progress.innerText()).toBe('2 of 5 checked');

    await page.reload();
    await expect.poll(() => progress.innerText()).toBe('2 of 5 checked');
    expect(await page.getByTestId('review-item-1').isChecked()).toBe(true);
    expect(await page.getByTestId('review-item-2').isChecked()).toBe(false);
    expect(await page.getByTestId('review-item-4').isChecked()).toBe(true);

    mkdirSync(path.join(SITE_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(SITE_ROOT, 'test-results/review-32-02.png'), fullPage: true });

    // Unticking is kept too.
    await page.getByTestId('review-item-1').uncheck();
    await page.reload();
    await expect.poll(() => progress.innerText()).toBe('1 of 5 checked');
  });

  it('sends the reviewer from the TC-10 item to the DANGER box', async () => {
    await page.goto(`${site.server.url}${REVIEW}`);
    await page.getByRole('link', { name: /Go to TC-10 DANGER box/ }).click();
    await page.waitForURL(/hardware-validation#tc-10-rds-restart-volume-preservation-danger$/);
    const box = page.locator('#tc-10-rds-restart-volume-preservation-danger');
    await box.waitFor({ state: 'visible' });
    expect(await box.getAttribute('class')).toContain('theme-admonition-danger');
    await expect.poll(() => box.evaluate((el) => {
      const rect = el.getBoundingClientRect();
      return rect.top >= 0 && rect.top < window.innerHeight;
    })).toBe(true);
  });
});
