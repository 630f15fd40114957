/**
 * Ends a run whose browser tests were skipped for want of a browser with one
 * line naming them and saying how to get a browser, so a newcomer's green run
 * does not hide tests that never ran.
 */
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { HOW_TO_GET_A_BROWSER, findChromium } from './find-chromium';

const BROWSER_TESTS = `${path.sep}test${path.sep}browser${path.sep}`;

export function skippedBrowserTests(modules: ReadonlyArray<TestModule>): string[] {
  const root = path.resolve(__dirname, '../..');
  return modules
    .filter((m) => m.moduleId.includes(BROWSER_TESTS))
    .filter((m) => [...m.children.allTests()].some((t) => t.result().state === 'skipped'))
    .map((m) => path.relative(root, m.moduleId).split(path.sep).join('/'))
    .sort();
}

export function missingBrowserLine(files: string[], reason: string): string {
  return `Browser tests not run (${reason}): ${files.join(', ')}. To run them, ${HOW_TO_GET_A_BROWSER}.`;
}

export default class BrowserReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const browser = findChromium();
    if (browser.found) return;
    const files = skippedBrowserTests(modules);
    if (files.length > 0) process.stdout.write(`\n${missingBrowserLine(files, browser.reason)}\n`);
  }
}
