/**
 * How the browser tests find Chromium, and what a run without one says:
 * the browser tests are skipped with one closing line, except in CI, where
 * the run fails.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOW_TO_GET_A_BROWSER, findChromium } from '../setup/find-chromium';
import { SITE_ROOT, makeTempDir } from '../setup/site';

const scratch = makeTempDir('rds-csi-browser-lookup');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fakeExecutable(...parts: string[]): string {
  const file = path.join(scratch, ...parts);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

const nothingElse = { platform: 'aix' as NodeJS.Platform, playwrightPath: () => undefined };

describe('finding Chromium', () => {
  const fromEnv = fakeExecutable('env', 'my-chrome');
  const playwright = fakeExecutable('ms-playwright', 'chrome');
  const onPath = fakeExecutable('bin', 'chromium-browser');

  it('takes the path in CHROMIUM_PATH first', () => {
    const env = { CHROMIUM_PATH: fromEnv, PATH: path.dirname(onPath) };
    expect(findChromium({ ...nothingElse, env, playwrightPath: () => playwright })).toEqual({
      found: true,
      executablePath: fromEnv,
      source: 'CHROMIUM_PATH',
    });
  });

  it('takes PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH too', () => {
    const env = { PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: fromEnv };
    expect(findChromium({ ...nothingElse, env })).toMatchObject({ found: true, executablePath: fromEnv });
  });

  it('tries nothing else when the variable points nowhere, and says so', () => {
    const env = { CHROMIUM_PATH: path.join(scratch, 'missing'), PATH: path.dirname(onPath) };
    expect(findChromium({ ...nothingElse, env, playwrightPath: () => playwright })).toEqual({
      found: false,
      reason: `CHROMIUM_PATH=${path.join(scratch, 'missing')} is not an executable file`,
    });
  });

  it("prefers Playwright's own Chromium to the system's", () => {
    const env = { PATH: path.dirname(onPath) };
    expect(findChromium({ ...nothingElse, env, playwrightPath: () => playwright })).toMatchObject({
      executablePath: playwright,
      source: "Playwright's Chromium",
    });
  });

  it("skips Playwright's Chromium when it was never downloaded, and searches PATH", () => {
    const env = { PATH: `${path.join(scratch, 'empty')}${path.delimiter}${path.dirname(onPath)}` };
    const result = findChromium({ ...nothingElse, env, playwrightPath: () => path.join(scratch, 'not-downloaded') });
    expect(result).toEqual({ found: true, executablePath: onPath, source: 'PATH' });
  });

  it('finds nothing on an empty PATH', () => {
    expect(findChromium({ ...nothingElse, env: { PATH: '' } })).toEqual({ found: false, reason: 'no Chromium or Chrome was found' });
  });
});

/** Runs the one-test fixture project with vitest, with the browser pointed nowhere. */
function runWithoutBrowser(extraEnv: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', NO_COLOR: '1', FORCE_COLOR: '0', ...extraEnv };
  delete env.VITEST;
  delete env.VITEST_WORKER_ID;
  delete env.VITEST_POOL_ID;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(SITE_ROOT, 'node_modules/vitest/vitest.mjs'), 'run'],
      { cwd: path.join(SITE_ROOT, 'test/fixtures/no-browser'), env },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

// Two runs of vitest in child processes: slow on a busy machine.
describe('a test run without a browser', { timeout: 180_000 }, () => {
  const runs = Promise.all([runWithoutBrowser({ CI: '' }), runWithoutBrowser({ CI: 'true' })]);

  it('skips the browser tests and ends with one line naming them and saying how to get a browser', async () => {
    const [{ code, output }] = await runs;
    expect(code).toBe(0);
    const lines = output.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      'Browser tests not run (CHROMIUM_PATH=/nonexistent/chromium is not an executable file): ' +
        `test/fixtures/no-browser/test/browser/opens-a-page.spec.ts. To run them, ${HOW_TO_GET_A_BROWSER}.`,
    );
    expect(output).toMatch(/Tests\s+1 skipped \(1\)/);
  });

  it('fails in CI', async () => {
    const [, { code, output }] = await runs;
    expect(code).not.toBe(0);
    expect(output).toContain('CI needs the browser tests, but CHROMIUM_PATH=/nonexistent/chromium is not an executable file');
    expect(output).not.toContain('Browser tests not run');
  });
});
