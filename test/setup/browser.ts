/**
 * The browser tests' side of the browser lookup: a describe block that runs
 * only with a browser (and fails in CI without one), and the launch.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { HOW_TO_GET_A_BROWSER, findChromium } from './find-chromium';
import { serveSite, type Server } from './site';

export const BROWSER = findChromium();

/** True when the environment says this is a CI run (`CI=true`, `CI=1`, ...). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!env.CI && env.CI !== 'false' && env.CI !== '0';
}

/**
 * Headless Chromium on a machine without internet: none of the background
 * fetches that would be refused, and no sandbox as root (Chromium's sandbox
 * refuses to start as root).
 */
export const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

/**
 * A describe block of browser tests. Without a browser its tests are skipped,
 * the skip names the reason, and the run ends with one line saying so
 * (test/setup/browser-reporter.ts); in CI a missing browser fails the file.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (!BROWSER.found && isCi()) {
    throw new Error(`CI needs the browser tests, but ${BROWSER.reason}: ${HOW_TO_GET_A_BROWSER}.`);
  }
  if (BROWSER.found) describe(name, body);
  else describe.skip(`${name} (no browser: ${BROWSER.reason})`, body);
}

export function launchChromium(): Promise<Browser> {
  if (!BROWSER.found) throw new Error(`No browser: ${BROWSER.reason}`);
  return chromium.launch({ executablePath: BROWSER.executablePath, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * The shared build served on loopback and a browser, for the tests of one
 * describe block: started before them, stopped after them.
 */
export function servedSiteAndBrowser(): { readonly server: Server; readonly browser: Browser } {
  const state: { server?: Server; browser?: Browser } = {};
  beforeAll(async () => {
    state.server = await serveSite(inject('siteDir'), inject('buildDir'), inject('buildEnv'));
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.stop();
  });
  return {
    get server() {
      return state.server!;
    },
    get browser() {
      return state.browser!;
    },
  };
}
