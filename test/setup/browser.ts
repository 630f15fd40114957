/**
 * The browser tests' side of the browser lookup: a describe block that runs
 * only with a browser (and fails in CI without one), and the launch.
 */
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';
import { HOW_TO_GET_A_BROWSER, findChromium } from './find-chromium';

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
