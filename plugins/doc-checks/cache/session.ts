/**
 * One run's use of the cache: which files' results still hold, and the
 * results of the files checked again, written back at the end. The launcher
 * uses it alone when every file is a hit (front.ts); the CLI uses it to
 * check only the misses.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { collectResults } from '../results';
import { resolveInside } from '../source/paths';
import type { CheckResults, Diagnostic, RuleMeta } from '../types';
import { CACHE_FORMAT_VERSION, cacheKey, type CacheSettings } from './key';
import { ContentHashes, InputStates, type HashedFile } from './inputs';
import { cacheSecret } from './secret';
import { readCache, writeCache, type CacheContents, type CachedFile } from './store';
import type { InputId, InputLog } from './track';

export interface CacheOpenRequest extends Omit<CacheSettings, 'today'> {
  /** Absolute path of the cache file. */
  location: string;
  /** Where the signing key is found (secret.ts). */
  env: Record<string, string | undefined>;
  /** YYYY-MM-DD; default: today (UTC, as the engine's `last-updated` reads it). */
  today?: string;
}

export class CheckCache {
  readonly key: string;
  private readonly states: InputStates;
  private readonly files = new Map<string, CachedFile>();
  private shared: Record<InputId, string> = {};
  private rules: RuleMeta[] | undefined;
  private sharedHolds: Promise<boolean>;
  private readonly knownHashes: Map<string, HashedFile>;
  /** Files whose results this run computed or reused (kept even when the file is missing). */
  private readonly checked = new Set<string>();

  private constructor(
    readonly request: CacheOpenRequest,
    previous: CacheContents | undefined,
    private readonly secret: Buffer | undefined,
  ) {
    const today = request.today ?? new Date().toISOString().slice(0, 10);
    this.key = cacheKey({ ...request, today });
    // Content hashes hold whatever the key: they are facts about files, not results.
    this.knownHashes = new Map(previous ? Object.entries(previous.hashes) : []);
    this.states = new InputStates(request.root, request.sourceRoot, new ContentHashes(this.knownHashes));
    const usable = previous?.key === this.key ? previous : undefined;
    if (usable) {
      for (const [file, entry] of Object.entries(usable.files)) this.files.set(file, entry);
      this.shared = usable.shared;
      this.rules = usable.rules;
    }
    this.sharedHolds = usable ? this.holds(this.shared) : Promise.resolve(false);
  }

  /** Opens the cache file; one line on `note` when it is there but cannot be used. */
  static async open(request: CacheOpenRequest, note: (line: string) => void, { create = true } = {}): Promise<CheckCache> {
    const secret = cacheSecret(request.env, create);
    if ('problem' in secret) {
      note(`docs-check: not using the cache file \`${request.location}\`: ${secret.problem}; checking every file`);
      return new CheckCache(request, undefined, undefined);
    }
    const read = await readCache(request.location, secret);
    if (read.kind === 'ignored') note(`docs-check: ignoring the cache file \`${request.location}\`: ${read.reason}; checking every file`);
    return new CheckCache(request, read.kind === 'ok' ? read.cache : undefined, secret);
  }

  /** The recorded results of `file`, when every input they were computed from is as it was. */
  async hit(file: string): Promise<CachedFile | undefined> {
    const entry = this.files.get(file);
    if (!entry || !(await this.sharedHolds) || !(await this.holds(entry.inputs))) return undefined;
    this.checked.add(file);
    return entry;
  }

  /** The engine's rule list, when the cache knows it. */
  knownRules(): RuleMeta[] | undefined {
    return this.rules;
  }

  /** Inputs of every result (the markdownlint config): when they changed, every entry is dropped. */
  async setShared(log: InputLog): Promise<void> {
    const states = await this.statesOf(log);
    if (!states || !(await this.sharedHolds) || JSON.stringify(states) !== JSON.stringify(this.shared)) this.files.clear();
    this.shared = states ?? {};
    this.sharedHolds = Promise.resolve(states !== undefined);
  }

  setRules(rules: RuleMeta[]): void {
    this.rules = rules;
  }

  /** Records the results of a file checked in this run, or forgets it when they cannot be kept. */
  async store(file: string, log: InputLog, results: Omit<CachedFile, 'inputs'>): Promise<void> {
    this.checked.add(file);
    const inputs = log.uncacheable === undefined ? await this.statesOf(log) : undefined;
    if (inputs) this.files.set(file, { inputs, ...results });
    else this.files.delete(file);
  }

  async save(): Promise<void> {
    if (!this.rules || !this.secret || !(await this.sharedHolds)) return;
    // Results and hashes of files that are gone are not written again, so the
    // file does not grow with every file the repository ever had. A file
    // checked in this run stays, missing or not: its absence is its result.
    const files: Record<string, CachedFile> = {};
    for (const [file, entry] of [...this.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!this.checked.has(file) && !this.exists(file)) continue;
      Object.defineProperty(files, file, { value: entry, enumerable: true, writable: true, configurable: true });
    }
    const hashes: Record<string, HashedFile> = {};
    for (const [file, hashed] of [...this.knownHashes, ...this.states.hashes.used]) {
      if (!existsSync(file)) continue;
      Object.defineProperty(hashes, file, { value: hashed, enumerable: true, writable: true, configurable: true });
    }
    const contents: CacheContents = {
      format: 'docs-check-cache',
      version: CACHE_FORMAT_VERSION,
      key: this.key,
      shared: this.shared,
      rules: this.rules,
      files,
      hashes,
    };
    await writeCache(this.request.location, contents, this.secret);
  }

  /** Whether a repository-relative `file` still exists inside the repository. */
  private exists(file: string): boolean {
    const resolved = resolveInside(this.request.root, file);
    return resolved.ok && existsSync(resolved.absolute);
  }

  private async statesOf(log: InputLog): Promise<Record<InputId, string> | undefined> {
    const states: Record<InputId, string> = {};
    for (const id of [...log.inputs].sort()) {
      const state = await this.states.state(id);
      if (state === undefined) return undefined;
      states[id] = state;
    }
    return states;
  }

  private async holds(inputs: Record<InputId, string>): Promise<boolean> {
    for (const [id, state] of Object.entries(inputs)) {
      if ((await this.states.state(id)) !== state) return false;
    }
    return true;
  }
}

/**
 * The report of a run from each file's results, assembled as a run that
 * checked every file would: the same diagnostics in the same order, and
 * markdownlint's rules listed in the order they first reported.
 */
export function assembleResults(
  files: readonly string[],
  pages: readonly string[],
  entries: ReadonlyMap<string, Pick<CachedFile, 'engine' | 'style' | 'styleRules'>>,
  engineRules: readonly RuleMeta[],
  outside: readonly Diagnostic[],
): CheckResults {
  const engine = [...outside, ...files.flatMap((f) => entries.get(f)?.engine ?? [])];
  const style = pages.flatMap((f) => entries.get(f)?.style ?? []);
  // First description of each rule wins, as in a run of every file.
  const styleRules = new Map<string, RuleMeta>();
  for (const rule of pages.flatMap((f) => entries.get(f)?.styleRules ?? [])) if (!styleRules.has(rule.id)) styleRules.set(rule.id, rule);
  return collectResults([...engine, ...style], [...engineRules, ...styleRules.values()], files);
}

/** The cache file `--cache-location` names, or the default at the repository root. */
export function cacheLocation(flag: string | undefined, cwd: string, root: string, defaultName: string): string {
  return flag === undefined ? path.join(root, defaultName) : path.resolve(cwd, flag);
}
