/**
 * The reviewer's side in a browser. On the shared build (plan 32-02 pending):
 * the checklist keeps its ticks across a reload, an item's link lands on the
 * box it asks about, the page reads well at 390 px, and the reviewed
 * sections of the guide carry a notice. Then the review cycle on a copy of
 * the site: approve, edit a TC-10 step (the page shows stale, with the
 * diff), approve again, change a linked Go function (suspect, naming it).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runReviewCommand } from '../../plugins/doc-checks/plan/commands';
import { describeInBrowser, launchChromium, servedSiteAndBrowser } from '../setup/browser';
import { DRIVER_SOURCE, SITE_ROOT, buildEnv, buildSite, copySite, makeTempDir, serveSite } from '../setup/site';

const REVIEW = '/rds-csi-docs/review/32-resilience-regression-tests/32-02';
const PLAN = '.planning/phases/32-resilience-regression-tests/32-02-PLAN.md';
const GIT_ENV = { GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org' };

let page: Page;

/** Whether the page scrolls sideways at its current width. */
const sideways = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describeInBrowser('the Review page in a browser', () => {
  const site = servedSiteAndBrowser();
  let browser: Browser;

  beforeAll(async () => {
    browser = site.browser;
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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
    // In the window, and below the sticky navbar rather than behind it.
    await expect.poll(() => box.evaluate((el) => {
      const rect = el.getBoundingClientRect();
      const navbar = document.querySelector('.navbar')!.getBoundingClientRect();
      return rect.top >= navbar.bottom && rect.top < window.innerHeight;
    })).toBe(true);
  });

  it('reads on a 390 px phone: code as code, the plan’s prompt, commands that wrap, the commit step', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(`${site.server.url}${REVIEW}`);
      await phone.getByTestId('review-progress').waitFor();
      expect(await sideways(phone)).toBe(false);
      // `...-REVIEW.json` in a detail is code, not backticks.
      const details = phone.getByTestId('checkpoint-details');
      expect(await details.locator('code').first().innerText()).toBe('.planning/phases/32-resilience-regression-tests/32-02-REVIEW.json');
      expect(await details.innerText()).not.toContain('`');
      expect(await phone.getByTestId('resume-prompt').innerText()).toBe('Type "approved" or describe changes needed.');
      expect(await phone.getByTestId('ticks-note').innerText()).toContain('Ticks are kept in this browser only');
      const commands = phone.getByTestId('review-commands');
      const text = await commands.innerText();
      expect(text).toContain(`npx docs-check review ${PLAN} --approve --reviewer NAME`);
      expect(text).toContain('git add .planning/phases/32-resilience-regression-tests/32-02-REVIEW.json');
      expect(text).toContain("git commit -m 'Review 32-02 task 3: approved by NAME' -- .planning/phases/32-resilience-regression-tests/32-02-REVIEW.json");
      // Every command block wraps instead of clipping: nothing overflows its box.
      const clipped = await commands.locator('pre').evaluateAll((pres) => pres.filter((p) => p.scrollWidth > p.clientWidth + 1).length);
      expect(clipped).toBe(0);
      await phone.screenshot({ path: path.join(SITE_ROOT, 'test-results/review-32-02-390px.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('marks each section the pending checkpoint reviews, linking its Review page', async () => {
    await page.goto(`${site.server.url}/rds-csi-docs/docs/hardware-validation`);
    const notices = page.locator('.review-notice--pending');
    expect(await notices.count()).toBe(4); // TC-09, TC-10, TC-11, Results Template
    const tc10 = page.locator('h3#tc-10-rds-restart-volume-preservation + .review-notice');
    expect(await tc10.innerText()).toContain('This section is part of a review that has not been approved yet. See its Review page.');
    expect(await tc10.locator('a').getAttribute('href')).toBe(REVIEW);
    // TC-01 is not under review.
    expect(await page.locator('h3#tc-01-basic-volume-lifecycle + .review-notice').count()).toBe(0);
  });
});

describeInBrowser('the review cycle, as the site shows it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  const commitAll = (cwd: string) => {
    git(cwd, 'add', '-A');
    git(cwd, 'commit', '-qm', 'step');
  };
  const approve = async (site: string, source: string) => {
    const io = { stdout: () => {}, stderr: () => {}, cwd: site, env: {} };
    expect(await runReviewCommand([PLAN, '--source-root', source, '--approve', '--reviewer', 'Alex'], io)).toBe(0);
  };
  /** Builds the copy, serves it, and opens `route` in a fresh page. */
  const view = async (site: string, source: string, route: string, run: (p: Page) => Promise<void>) => {
    const out = makeTempDir('rds-csi-review-build');
    const env = buildEnv({ RDS_CSI_SOURCE: source });
    try {
      const result = await buildSite(site, out, env);
      expect(result.code, result.output.slice(-2000)).toBe(0);
      const served = await serveSite(site, out, env);
      const p = await browser.newPage({ viewport: { width: 390, height: 844 } });
      try {
        await p.goto(`${served.url}${route}`);
        await run(p);
      } finally {
        await p.close();
        await served.stop();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  };

  it('approve, edit a TC-10 step (stale, with the diff), approve again, change linked code (suspect)', async () => {
    const site = copySite();
    const source = makeTempDir('rds-csi-driver-src');
    try {
      cpSync(DRIVER_SOURCE, source, { recursive: true });
      for (const d of [site, source]) {
        git(d, 'init', '-q');
        commitAll(d);
      }
      await approve(site, source);
      commitAll(site);

      const guide = path.join(site, 'docs/HARDWARE_VALIDATION.md');
      const text = readFileSync(guide, 'utf8');
      const step = text.indexOf('2. **', text.indexOf('### TC-10'));
      const old = text.slice(step, text.indexOf('\n', step));
      writeFileSync(guide, `${text.slice(0, step)}2. **Write a marker file, then wait a minute**${text.slice(step + old.length)}`);
      await view(site, source, REVIEW, async (p) => {
        expect(await p.locator('[data-status="stale"]').first().innerText()).toBe('Stale');
        const change = p.getByTestId('checkpoint-change');
        expect(await change.locator('p').innerText()).toBe('TC-10 in docs/HARDWARE_VALIDATION.md changed since the review:');
        const diff = await change.locator('pre').innerText();
        expect(diff).toContain(`- ${old}`);
        expect(diff).toContain('+ 2. **Write a marker file, then wait a minute**');
        expect(await sideways(p)).toBe(false);
        await p.goto(p.url().replace(/review\/32-resilience-regression-tests\/32-02$/, 'docs/hardware-validation'));
        // Every section the stale checkpoint reviews carries the notice; TC-01 does not.
        expect(await p.locator('h3#tc-10-rds-restart-volume-preservation + .review-notice--stale').count()).toBe(1);
        expect(await p.locator('.review-notice--stale').count()).toBe(4);
        expect(await p.locator('h3#tc-01-basic-volume-lifecycle + .review-notice').count()).toBe(0);
      });

      commitAll(site);
      await approve(site, source);
      const go = path.join(source, 'pkg/rds/connection_manager.go');
      writeFileSync(go, readFileSync(go, 'utf8').replace('bo.InitialInterval = cm.config.InitialInterval', 'bo.InitialInterval = 2 * cm.config.InitialInterval'));
      await view(site, source, REVIEW, async (p) => {
        expect(await p.locator('[data-status="suspect"]').first().innerText()).toBe('Suspect');
        const change = p.getByTestId('checkpoint-change');
        expect(await change.locator('p').innerText()).toBe('pkg/rds/connection_manager.go#ConnectionManager.attemptReconnection changed in the driver source since the review:');
        expect(await change.locator('pre').innerText()).toContain('+ \tbo.InitialInterval = 2 * cm.config.InitialInterval');
      });
    } finally {
      rmSync(site, { recursive: true, force: true });
      rmSync(source, { recursive: true, force: true });
    }
  }, 900_000);
});
