/**
 * The cache file: read with suspicion, written whole. Anyone can put a
 * file at the cache's path (a pull request can commit one), so a file that
 * is not exactly what this version writes for this user (not signed with
 * this user's key, not JSON, too large, another format, a path that leaves
 * the repository, a diagnostic of the wrong shape) is ignored as a whole,
 * with one line saying why.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { writeFileAtomic } from '../plan/lock';
import type { Diagnostic, RuleMeta } from '../types';
import type { HashedFile } from './inputs';
import { CACHE_FORMAT_VERSION } from './key';
import { normalisedPath, type InputId } from './track';

/** The default cache file, at the repository root (and in .gitignore). */
export const DEFAULT_CACHE_FILE = '.docs-check-cache';

/** Far above what the largest guides produce; a bigger file is not ours. */
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;

const FORMAT = 'docs-check-cache';

export interface CachedFile {
  /** Every input the file's check read, with its state then. */
  inputs: Record<InputId, string>;
  /** The engine's findings for the file, sorted. */
  engine: Diagnostic[];
  /** markdownlint's findings for the file, in markdownlint's order. */
  style: Diagnostic[];
  /** The markdownlint rules behind `style`, as markdownlint describes them. */
  styleRules: RuleMeta[];
}

export interface CacheContents {
  format: typeof FORMAT;
  version: number;
  /** cacheKey(): a different key means none of the entries apply. */
  key: string;
  /** Inputs of every file's results: the markdownlint config and what it extends. */
  shared: Record<InputId, string>;
  /** The engine's rules, as the formatters list them. */
  rules: RuleMeta[];
  files: Record<string, CachedFile>;
  /** Content hashes by real path, with the stat they were taken at (inputs.ts). */
  hashes: Record<string, HashedFile>;
}

export type CacheRead = { kind: 'absent' } | { kind: 'ok'; cache: CacheContents } | { kind: 'ignored'; reason: string };

/** The file's first line: an HMAC-SHA256 of the rest, with the key of secret.ts. */
const signature = (secret: Buffer, body: string): string => createHmac('sha256', secret).update(body).digest('hex');

export async function readCache(file: string, secret: Buffer): Promise<CacheRead> {
  let info;
  try {
    info = await lstat(file);
  } catch {
    return { kind: 'absent' };
  }
  if (!info.isFile()) return { kind: 'ignored', reason: 'it is not a regular file' };
  if (info.size > MAX_CACHE_BYTES) return { kind: 'ignored', reason: `it is ${info.size} bytes, more than the ${MAX_CACHE_BYTES} a cache may have` };
  let text: string;
  try {
    // Non-blocking, and checked again once open: it may have been swapped for a FIFO meanwhile.
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    try {
      const opened = await handle.stat();
      if (!opened.isFile() || opened.size > MAX_CACHE_BYTES) return { kind: 'ignored', reason: 'it is not a regular file of a cache\'s size' };
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { kind: 'ignored', reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const newline = text.indexOf('\n');
  const [mac, body] = newline < 0 ? ['', text] : [text.slice(0, newline), text.slice(newline + 1)];
  const expected = signature(secret, body);
  if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) {
    return { kind: 'ignored', reason: 'it was not written by docs-check for this user (its signature does not match)' };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { kind: 'ignored', reason: 'it is not valid JSON' };
  }
  const problem = cacheProblem(value);
  return problem ? { kind: 'ignored', reason: problem } : { kind: 'ok', cache: value as CacheContents };
}

export async function writeCache(file: string, cache: CacheContents, secret: Buffer): Promise<void> {
  const body = JSON.stringify(cache);
  await writeFileAtomic(file, `${signature(secret, body)}\n${body}`);
}

function cacheProblem(value: unknown): string | undefined {
  if (!isObject(value) || value.format !== FORMAT) return 'it is not a docs-check cache';
  if (value.version !== CACHE_FORMAT_VERSION) return `it is of cache format ${String(value.version).slice(0, 20)}, not ${CACHE_FORMAT_VERSION}`;
  if (typeof value.key !== 'string' || !isStateMap(value.shared) || !isRuleList(value.rules) || !isObject(value.files) || !isHashMap(value.hashes)) {
    return 'its layout is not the one this docs-check writes';
  }
  for (const [file, entry] of Object.entries(value.files)) {
    if (file === '' || normalisedPath(file) !== file) return `it names \`${file.slice(0, 200)}\`, which is not a path inside the repository`;
    if (!isObject(entry) || !isStateMap(entry.inputs) || !isRuleList(entry.styleRules)) return `its entry for \`${file}\` is not one this docs-check writes`;
    for (const list of [entry.engine, entry.style]) {
      if (!Array.isArray(list) || !list.every((d) => isDiagnosticOf(d, file))) return `its entry for \`${file}\` holds a finding of another shape or file`;
    }
  }
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStateMap = (value: unknown): value is Record<string, string> =>
  isObject(value) && Object.values(value).every((v) => typeof v === 'string');

const isHashMap = (value: unknown): value is Record<string, HashedFile> =>
  isObject(value) &&
  Object.values(value).every(
    (v) => Array.isArray(v) && v.length === 6 && v.slice(0, 5).every((n) => typeof n === 'string' && /^\d{1,40}$/.test(n)) && typeof v[5] === 'string' && /^[0-9a-f]{64}$/.test(v[5]),
  );

const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
const isSeverity = (value: unknown): boolean => value === 'error' || value === 'warning';

function isDiagnosticOf(value: unknown, file: string): boolean {
  return (
    isObject(value) &&
    value.file === file &&
    isCount(value.line) &&
    isCount(value.column) &&
    isCount(value.endLine) &&
    isCount(value.endColumn) &&
    typeof value.ruleId === 'string' &&
    isSeverity(value.severity) &&
    typeof value.message === 'string' &&
    (value.testCase === undefined || typeof value.testCase === 'string') &&
    (value.url === undefined || typeof value.url === 'string') &&
    Object.keys(value).every((k) => DIAGNOSTIC_KEYS.has(k))
  );
}

const DIAGNOSTIC_KEYS = new Set(['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'severity', 'message', 'testCase', 'url']);
const RULE_KEYS = new Set(['id', 'description', 'url', 'severity', 'scope']);

function isRuleList(value: unknown): value is RuleMeta[] {
  return (
    Array.isArray(value) &&
    value.every(
      (r) =>
        isObject(r) &&
        typeof r.id === 'string' &&
        typeof r.description === 'string' &&
        typeof r.url === 'string' &&
        isSeverity(r.severity) &&
        (r.scope === 'page' || r.scope === 'plan') &&
        Object.keys(r).every((k) => RULE_KEYS.has(k)),
    )
  );
}
