/**
 * Which Chromium the browser tests drive, found the same way on every
 * machine the README names:
 *   1. a path in CHROMIUM_PATH or PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH (an
 *      explicit choice: when it points nowhere, no other browser is tried);
 *   2. Playwright's own Chromium, when `npx playwright-core install chromium`
 *      has put it where playwright-core looks;
 *   3. the system's Chromium or Chrome: on PATH, then the usual install places.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BROWSER_ENV_VARS = ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'] as const;

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

const INSTALL_PLACES: Partial<Record<NodeJS.Platform, (env: NodeJS.ProcessEnv) => string[]>> = {
  linux: () => ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'],
  darwin: () => [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: (env) =>
    [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']]
      .filter((dir): dir is string => !!dir)
      .flatMap((dir) => [
        path.join(dir, 'Chromium', 'Application', 'chrome.exe'),
        path.join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      ]),
};

export type BrowserLookup =
  | { found: true; executablePath: string; source: string }
  | { found: false; reason: string };

export interface LookupContext {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Where playwright-core keeps its own Chromium; undefined when it does not say. */
  playwrightPath: () => string | undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath() || undefined;
  } catch {
    return undefined;
  }
}

export function findChromium(context: Partial<LookupContext> = {}): BrowserLookup {
  const env = context.env ?? process.env;
  const platform = context.platform ?? process.platform;
  for (const name of BROWSER_ENV_VARS) {
    const value = env[name];
    if (!value) continue;
    if (isExecutableFile(value)) return { found: true, executablePath: value, source: name };
    return { found: false, reason: `${name}=${value} is not an executable file` };
  }
  const own = (context.playwrightPath ?? playwrightChromium)();
  if (own && isExecutableFile(own)) return { found: true, executablePath: own, source: "Playwright's Chromium" };
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const suffixes = platform === 'win32' ? ['.exe'] : [''];
  for (const name of PATH_NAMES) {
    for (const dir of dirs) {
      for (const suffix of suffixes) {
        const candidate = path.join(dir, name + suffix);
        if (isExecutableFile(candidate)) return { found: true, executablePath: candidate, source: 'PATH' };
      }
    }
  }
  for (const candidate of INSTALL_PLACES[platform]?.(env) ?? []) {
    if (isExecutableFile(candidate)) return { found: true, executablePath: candidate, source: 'system' };
  }
  return { found: false, reason: 'no Chromium or Chrome was found' };
}

/** What to do about a missing browser, in one sentence. */
export const HOW_TO_GET_A_BROWSER =
  'install Chromium (Debian: apt-get install chromium; or npx playwright-core install chromium) ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable';
