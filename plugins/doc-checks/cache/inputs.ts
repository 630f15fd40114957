/**
 * The current state of each input a check can read (see track.ts), as a
 * short string: equal strings mean the input is unchanged. Computed at
 * most once per run and input; reads only regular files inside the roots.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { findFiles, isPlan } from '../files';
import { normalisedPath, type InputId } from './track';

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * What a file's content hash was computed from: its identity, size and
 * change times, and when it was hashed. `[ino, size, mtimeNs, ctimeNs,
 * hashedAtMs, sha256]`, numbers as decimal strings.
 */
export type HashedFile = [string, string, string, string, string, string];

/**
 * Content hashes, remembered between runs by the file's stat (as git's
 * index does), so a warm run reads no unchanged file. A remembered hash is
 * used only when the file's change time is well before the moment it was
 * hashed: a file written in the same clock tick as the hash was taken
 * ("racily clean") is hashed again.
 */
export class ContentHashes {
  /** Hashes used or computed in this run, to remember for the next. */
  readonly used = new Map<string, HashedFile>();

  constructor(private readonly known: ReadonlyMap<string, HashedFile> = new Map()) {}

  hash(real: string, info: BigIntStats): string {
    const id = [String(info.ino), String(info.size), String(info.mtimeNs), String(info.ctimeNs)];
    const known = this.known.get(real);
    const settledBefore = (BigInt(known?.[4] ?? '0') - RACY_MARGIN_MS) * 1_000_000n;
    if (known && id.every((v, i) => known[i] === v) && info.ctimeNs < settledBefore && /^[0-9a-f]{64}$/.test(known[5])) {
      this.used.set(real, known);
      return known[5];
    }
    const hashedAt = String(Date.now());
    const hash = sha256(readFileSync(real));
    // Stat again: a write during the read must not be remembered under the new stat.
    const after = statSync(real, { bigint: true });
    if (String(after.ctimeNs) === id[3] && String(after.size) === id[1]) this.used.set(real, [...id, hashedAt, hash] as HashedFile);
    return hash;
  }
}

/** How long before it was hashed a file must have last changed for its stat to vouch for its hash. */
const RACY_MARGIN_MS = 2_000n;

/**
 * A path's kind, where it really is (symbolic links followed: a link that
 * starts to lead elsewhere changes the state) and, with `content`, a hash
 * of its bytes. Absent is a state too.
 */
export function pathState(absolute: string, content: boolean, hashes = new ContentHashes()): string {
  let real: string;
  try {
    // One system call, not a walk of every component.
    real = realpathSync.native(absolute);
  } catch (error) {
    return `none:${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
  let info;
  try {
    info = statSync(real, { bigint: true });
  } catch (error) {
    return `none:${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
  if (info.isDirectory()) return `dir:${real}`;
  if (!info.isFile()) return `special:${real}`;
  if (!content) return `file:${real}`;
  try {
    return `file:${real}:${hashes.hash(real, info)}`;
  } catch (error) {
    return `unreadable:${real}:${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

export class InputStates {
  private readonly known = new Map<InputId, Promise<string | undefined>>();

  constructor(
    readonly repo: string,
    readonly driver: string | undefined,
    readonly hashes = new ContentHashes(),
  ) {}

  /** The input's state now; undefined when the id is not one this version names (never equal). */
  state(id: InputId): Promise<string | undefined> {
    let known = this.known.get(id);
    if (!known) {
      known = this.compute(id);
      this.known.set(id, known);
    }
    return known;
  }

  private async compute(id: InputId): Promise<string | undefined> {
    if (id === 'plans') return this.plans();
    if (id === 'tree:go') return this.goTree();
    const match = /^(file|exists|list):(repo|driver):(.*)$/s.exec(id);
    if (!match) return undefined;
    const [, kind, base, relative] = match;
    const root = base === 'repo' ? this.repo : this.driver;
    // Only paths the recorder itself would write: a cache file cannot make us read elsewhere.
    if (root === undefined || normalisedPath(relative) !== relative) return undefined;
    const absolute = relative === '' ? root : `${root}/${relative}`;
    return kind === 'list' ? listState(absolute) : pathState(absolute, kind === 'file', this.hashes);
  }

  /** Which plans there are, and the text of each. */
  private async plans(): Promise<string> {
    const plans = await findFiles(this.repo, ['.planning'], isPlan);
    return sha256(plans.map((p) => `${p}\0${pathState(`${this.repo}/${p}`, true, this.hashes)}`).join('\n'));
  }

  /**
   * Which Go files the driver has: every `.go` entry outside `.git`, more
   * than the Go model lists (it skips test data and vendored code), so
   * that no change it sees goes unnoticed. Their content is an input of its
   * own, per file, noted when the model reads one.
   */
  private goTree(): string | undefined {
    if (this.driver === undefined) return undefined;
    return sha256(listGoFiles(this.driver).join('\n'));
  }
}

/** The names in a directory (links followed, as readdir does), or why there are none. */
function listState(absolute: string): string {
  try {
    // Where it really is too: a directory that turns into a link out of the root is refused.
    const real = realpathSync.native(absolute);
    return `names:${real}:${JSON.stringify(readdirSync(real).sort())}`;
  } catch (error) {
    return `none:${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/** Every `.go` entry below `root` except in `.git`, links not followed (and marked, as the model lists them too). */
function listGoFiles(root: string): string[] {
  const go: string[] = [];
  const walk = (relative: string): void => {
    let entries;
    try {
      entries = readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(child);
      } else if (child.endsWith('.go')) go.push(entry.isSymbolicLink() ? `${child} (link)` : child);
    }
  };
  walk('');
  return go.sort();
}
