/**
 * What a reader sees: the built site served on loopback and opened in
 * Chromium. Screenshots land in test-results/ for a look by eye.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, servedSiteAndBrowser } from '../setup/browser';
import { SITE_ROOT } from '../setup/site';
import { boxText, sourcePage } from '../site/source';

const SCREENSHOTS = path.join(SITE_ROOT, 'test-results');
const GUIDE = '/rds-csi-docs/docs/hardware-validation';

let page: Page;
const blocked: string[] = [];

describeInBrowser('the site in a browser', () => {
  const site = servedSiteAndBrowser();

  beforeAll(async () => {
    page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Nothing may be fetched from another host: fail the request and remember it.
    await page.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => {
      blocked.push(route.request().url());
      return route.abort();
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  it('shows the TC-10 DANGER box inside TC-10 on the hardware guide', async () => {
    const tc10 = sourcePage('docs/HARDWARE_VALIDATION.md').testCases.find((t) => t.id === 'TC-10');
    const danger = tc10?.boxesBeforeSteps.find((b) => b.kind === 'danger');
    expect(danger).toBeDefined();

    await page.goto(`${site.server.url}${GUIDE}#${tc10!.heading.anchor}`);
    const box = page.locator('.theme-admonition-danger').filter({ hasText: boxText(danger!).slice(0, 40) });
    await box.first().waitFor({ state: 'visible' });
    expect(await box.count()).toBe(1);
    await box.scrollIntoViewIfNeeded();
    expect(await box.isVisible()).toBe(true);
    expect((await box.innerText()).replace(/\s+/g, ' ')).toContain(boxText(danger!));
    // The box sits between the TC-10 heading and the TC-11 heading.
    const order = await box.evaluate((element) => {
      const tc10 = document.querySelector('h3[id^="tc-10-"]');
      const tc11 = document.querySelector('h3[id^="tc-11-"]');
      const follows = (a: Element | null, b: Element) => !!a && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      return { afterTc10: follows(tc10, element), beforeTc11: follows(element, tc11!) };
    });
    expect(order).toEqual({ afterTc10: true, beforeTc11: true });
    // Red, as a danger box should be: its left border is in the red range.
    const border = await box.evaluate((element) => getComputedStyle(element).borderLeftColor);
    const [r, g, b] = border.match(/\d+/g)!.map(Number);
    expect(r).toBeGreaterThan(g + 60);
    expect(r).toBeGreaterThan(b + 60);
    await box.screenshot({ path: path.join(SCREENSHOTS, 'tc-10-danger-box.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hardware-validation.png') });
  });

  it('finds ctrl_loss_tmo with the search bar and leads to the hardware guide', async () => {
    await page.goto(`${site.server.url}/rds-csi-docs/`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home.png') });
    const input = page.locator('input.navbar__search-input');
    await input.click();
    await input.pressSequentially('ctrl_loss_tmo');
    const suggestion = page.locator('[role="option"]').filter({ hasText: /Hardware Validation/ });
    await suggestion.first().waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search-ctrl_loss_tmo.png') });
    await suggestion.first().click();
    await page.waitForURL((url) => url.pathname === GUIDE);
    const hit = page.locator('.theme-doc-markdown').getByText('ctrl_loss_tmo').first();
    await hit.waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe(GUIDE);
  });

  it('switches between light and dark mode with the navbar toggle', async () => {
    await page.goto(`${site.server.url}/rds-csi-docs/`);
    const html = page.locator('html');
    const toggle = page.getByRole('button', { name: /Switch between dark and light mode/ });
    // The toggle cycles system -> light -> dark; at most three clicks reach each theme.
    const seen = new Set<string | null>([await html.getAttribute('data-theme')]);
    for (let click = 0; click < 3 && !(seen.has('dark') && seen.has('light')); click++) {
      await toggle.click();
      seen.add(await html.getAttribute('data-theme'));
    }
    expect([...seen].sort()).toEqual(['dark', 'light']);
    for (let click = 0; click < 3 && (await html.getAttribute('data-theme')) !== 'dark'; click++) await toggle.click();
    // The choice is remembered; a reload shows the settled theme without colour transitions.
    await page.reload();
    expect(await html.getAttribute('data-theme')).toBe('dark');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home-dark.png') });
    await page.goto(`${site.server.url}${GUIDE}`);
    expect(await html.getAttribute('data-theme')).toBe('dark');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hardware-validation-dark.png') });
  });

  it('fetched nothing from another host', () => {
    expect(blocked).toEqual([]);
  });
});
