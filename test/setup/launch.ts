/**
 * Runs the built `docs-check` launcher as users run it, with a clean
 * environment and DOCS_CHECK_TRACE set, so a test can read what the run
 * parsed; and scratch directories removed after the test file.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';

const execFileAsync = promisify(execFile);
export const LAUNCHER = path.resolve(__dirname, '../../bin/docs-check.mjs');

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A new scratch directory, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** A scratch directory holding `files` (repository-relative path to text), removed after the test file. */
export function scratchRepository(prefix: string, files: Record<string, string>): string {
  const root = tempDir(prefix);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Lines of DOCS_CHECK_TRACE: what the run parsed. */
  trace: string[];
}

/** Runs `launcher` (the project's by default) with `args` in `cwd`; `env` adds to PATH and HOME. */
export async function launch(args: string[], cwd: string, { launcher = LAUNCHER, env = {} }: { launcher?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const trace = path.join(tempDir('docs-check-trace-'), 'trace');
  const fullEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOCS_CHECK_TRACE: trace, ...env };
  let result: Omit<Run, 'trace'>;
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [launcher, ...args], { cwd, env: fullEnv, encoding: 'utf8', maxBuffer: 64 << 20 });
    result = { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    result = { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
  return { ...result, trace: existsSync(trace) ? readFileSync(trace, 'utf8').split('\n').filter(Boolean) : [] };
}
