/**
 * Helpers for tests that need a real production build of the site: copy the
 * site into a scratch directory (with node_modules linked, not copied), build
 * it with the Docusaurus CLI, and serve a build on loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { guideDriverSource } from './driver-source';

export const SITE_ROOT = path.resolve(__dirname, '../..');
/** The real driver checkout: the copied site holds the guides, whose code links must resolve in it. */
export const DRIVER_SOURCE = guideDriverSource();
/** Repository and ref of the shared test build: not the defaults, to prove the links follow the settings. */
export const TEST_REPOSITORY = 'https://github.com/example-org/rds-csi-fork';
export const TEST_REF = 'release-0.10';
const DOCUSAURUS = path.join(SITE_ROOT, 'node_modules/@docusaurus/core/bin/docusaurus.mjs');

/** What a site build needs; everything else of the repository stays out of the copy. */
const SITE_FILES = [
  'package.json',
  'tsconfig.json',
  'docusaurus.config.ts',
  'driver-source.json',
  'sidebars.ts',
  'src',
  'static',
  'docs',
  'plugins',
  '.planning',
];

export interface BuildResult {
  code: number | null;
  output: string;
}

/** Environment for a reproducible build: no persistent cache, the driver source. */
export function buildEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DOCUSAURUS_NO_PERSISTENT_CACHE: '1',
    RDS_CSI_SOURCE: DRIVER_SOURCE,
    NODE_ENV: 'production',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    ...extra,
  };
  // Settings of the developer's shell must not change what the tests see.
  for (const key of ['SITE_URL', 'BASE_URL', 'RDS_CSI_REPO', 'RDS_CSI_REF']) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/**
 * Copies the site into a scratch directory and writes `files` over it
 * (repository-relative path -> content; `null` deletes).
 */
export function copySite(files: Record<string, string | null> = {}): string {
  const dir = makeTempDir('rds-csi-site');
  for (const entry of SITE_FILES) {
    const from = path.join(SITE_ROOT, entry);
    if (!existsSync(from)) continue;
    cpSync(from, path.join(dir, entry), {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|\.docusaurus|build)([/\\]|$)/.test(path.relative(SITE_ROOT, source)),
    });
  }
  symlinkSync(path.join(SITE_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(dir, file);
    if (content === null) rmSync(target, { force: true });
    else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  return dir;
}

/** Runs `docusaurus build` in `siteDir`; never throws on a failed build. */
export function buildSite(siteDir: string, outDir: string, env: NodeJS.ProcessEnv = buildEnv()): Promise<BuildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DOCUSAURUS, 'build', '--out-dir', outDir], {
      cwd: siteDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: -1, output: `${output}\n${error.message}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves a build with `docusaurus serve`, started directly (not through npx)
 * so the process we stop is the server itself. Resolves once it answers.
 */
export async function serveSite(siteDir: string, outDir: string, env: NodeJS.ProcessEnv = buildEnv()): Promise<Server> {
  const port = await freePort();
  const bin = path.join(siteDir, 'node_modules/.bin/docusaurus');
  const child: ChildProcess = spawn(
    bin,
    ['serve', '--dir', outDir, '--port', String(port), '--host', '127.0.0.1', '--no-open'],
    { cwd: siteDir, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`docusaurus serve exited with ${code}:\n${output}`))),
  );
  try {
    await Promise.race([waitForHttp(base), exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  exited.catch(() => undefined);
  return { url: base, stop };
}

/** Polls until the server answers; the test timeout bounds the wait. */
async function waitForHttp(url: string): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status > 0) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
