/**
 * What a check read, noted where it is read. `--cache` reuses a file's
 * results only while everything its rules consulted is unchanged, so every
 * way a rule reaches beyond its own page (another page, a file's existence,
 * the plans, a review record, the driver source, a git object) notes an
 * input here. The notes go to the log of the file being checked
 * (AsyncLocalStorage), and cost nothing when no cache is in use.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';

/**
 * One input, named so that its current state can be computed again later
 * (inputs.ts): `file:repo:docs/a.md` (content), `exists:driver:Makefile`
 * (presence only), `list:driver:examples` (the names in a directory),
 * `tree:go` (which Go files the driver has), `plans` (every plan under
 * `.planning/`).
 */
export type InputId = string;

export interface InputLog {
  /** Absolute roots: inputs are named relative to one of them. */
  readonly repo: string;
  readonly driver?: string;
  readonly inputs: Set<InputId>;
  /** Set when something was read that cannot be checked for change later. */
  uncacheable?: string;
}

const current = new AsyncLocalStorage<InputLog>();

export function newInputLog(repo: string, driver?: string): InputLog {
  return { repo: path.resolve(repo), driver: driver === undefined ? undefined : path.resolve(driver), inputs: new Set() };
}

/** Runs `check` with every input it reads noted in `log`. */
export function recordInputs<T>(log: InputLog, check: () => Promise<T>): Promise<T> {
  return current.run(log, check);
}

/**
 * The path as `resolveInside` reads it, or undefined when the string
 * alone already refuses it (absolute, leaving the root, a NUL byte): such
 * a refusal does not depend on any file.
 */
export function normalisedPath(relative: string): string | undefined {
  if (relative.includes('\0') || path.posix.isAbsolute(relative) || path.win32.isAbsolute(relative)) return undefined;
  const normalised = path.posix.normalize(relative.replace(/\\/g, '/'));
  if (normalised === '..' || normalised.startsWith('../')) return undefined;
  return normalised === '.' ? '' : normalised.replace(/\/+$/, '');
}

function baseOf(log: InputLog, root: string): 'repo' | 'driver' | undefined {
  const absolute = path.resolve(root);
  if (absolute === log.repo) return 'repo';
  if (log.driver !== undefined && absolute === log.driver) return 'driver';
  return undefined;
}

function note(root: string, relative: string, kind: 'file' | 'exists' | 'list'): void {
  const log = current.getStore();
  if (!log) return;
  const base = baseOf(log, root);
  if (!base) {
    log.uncacheable ??= 'a file outside the repository and the driver source was read';
    return;
  }
  const normalised = normalisedPath(relative);
  if (normalised !== undefined) log.inputs.add(`${kind}:${base}:${normalised}`);
}

/** The content (and kind, and real path) of `relative` inside `root` was read. */
export function noteFile(root: string, relative: string): void {
  note(root, relative, 'file');
}

/** Whether `relative` is a file inside `root` was asked, not its content. */
export function noteExists(root: string, relative: string): void {
  note(root, relative, 'exists');
}

/** The names in the directory `relative` inside `root` were listed. */
export function noteList(root: string, relative: string): void {
  note(root, relative, 'list');
}

/** A file read by its absolute path, which must lie inside one of the roots. */
export function noteAbsolute(absolute: string): void {
  const log = current.getStore();
  if (!log) return;
  for (const root of [log.repo, log.driver]) {
    if (root === undefined) continue;
    const relative = path.relative(root, path.resolve(absolute));
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
      note(root, relative.split(path.sep).join('/'), 'file');
      return;
    }
  }
  log.uncacheable ??= 'a file outside the repository and the driver source was read';
}

/** The list of the driver's Go files (the model of its packages); each file's content is noted when read. */
export function noteGoTree(root: string): void {
  const log = current.getStore();
  if (!log) return;
  if (baseOf(log, root) !== 'driver') log.uncacheable ??= 'a driver source other than the configured one was read';
  else log.inputs.add('tree:go');
}

/** Every plan under `.planning/` was read (their list and their text). */
export function notePlans(root: string): void {
  const log = current.getStore();
  if (!log) return;
  if (baseOf(log, root) !== 'repo') log.uncacheable ??= 'plans of another repository were read';
  else log.inputs.add('plans');
}

/**
 * A file at a git commit was read. What a commit holds never changes, so a
 * found file needs no check later; a missing one may appear (a fetch), so
 * the result that saw it missing is not kept.
 */
export function noteGitObject(found: boolean): void {
  const log = current.getStore();
  if (!log || found) return;
  log.uncacheable ??= 'a file was missing from a git commit, which a fetch may change';
}

/** The result depends on something that is not an input (a rule failure, a stopped parse). */
export function noteUncacheable(reason: string): void {
  const log = current.getStore();
  if (log) log.uncacheable ??= reason;
}
