/**
 * A lock file and atomic writes, so that two reviews recorded at the same
 * time (two terminals, two CI jobs) both land in the review file.
 *
 * The lock is created complete and exclusively: its content goes to a
 * private temporary file that is then hard-linked to the lock name (which
 * fails if the lock exists). A lock left by a crashed process is taken over
 * once it is older than `staleMs` or its process is gone. A file at the lock
 * name that docs-check did not write is never removed.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

export class LockError extends Error {
  override name = 'LockError';
}

export interface LockOptions {
  /** How long to wait for another holder before giving up. */
  timeoutMs?: number;
  /** A lock older than this is considered abandoned. */
  staleMs?: number;
  /** Pause between attempts (a random part is added). */
  retryMs?: number;
}

interface LockInfo {
  lockedBy: 'docs-check';
  pid: number;
  host: string;
  token: string;
  created: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const newToken = () => randomBytes(8).toString('hex');

/** Run `fn` while holding the lock file `lockPath`. */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const token = await acquire(lockPath, options);
  try {
    return await fn();
  } finally {
    await release(lockPath, token);
  }
}

async function acquire(lockPath: string, options: LockOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const retryMs = options.retryMs ?? 15;
  const deadline = Date.now() + timeoutMs;
  const token = newToken();
  const info: LockInfo = { lockedBy: 'docs-check', pid: process.pid, host: hostname(), token, created: new Date().toISOString() };
  for (;;) {
    if (await tryCreate(lockPath, JSON.stringify(info))) return token;
    const holder = await readHolder(lockPath);
    if (holder.kind === 'gone') continue;
    if (holder.kind === 'foreign') {
      throw new LockError(
        `\`${path.basename(lockPath)}\` exists and was not created by docs-check; remove it if no review is being recorded`,
      );
    }
    if (holder.kind === 'ours' && isAbandoned(holder.info, staleMs)) {
      await breakLock(lockPath, holder.info.token);
      continue;
    }
    if (Date.now() > deadline) {
      const by = holder.kind === 'ours' ? ` held by process ${holder.info.pid} since ${holder.info.created}` : '';
      throw new LockError(`Another review is being recorded (\`${path.basename(lockPath)}\`${by}); try again`);
    }
    await sleep(retryMs + Math.random() * retryMs);
  }
}

/** Create the lock with its content in one step; false when it exists. */
async function tryCreate(lockPath: string, content: string): Promise<boolean> {
  const temporary = `${lockPath}.${newToken()}.tmp`;
  await writeFile(temporary, content, { flag: 'wx' });
  try {
    await link(temporary, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    // No hard links on this file system: create exclusively, then write (readers wait for the content).
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(content);
      } finally {
        await handle.close();
      }
      return true;
    } catch (fallbackError) {
      if ((fallbackError as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fallbackError;
    }
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

type Holder = { kind: 'ours'; info: LockInfo } | { kind: 'writing' } | { kind: 'foreign' } | { kind: 'gone' };

async function readHolder(lockPath: string): Promise<Holder> {
  let text: string;
  let modified: number;
  try {
    [text, modified] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath).then((s) => s.mtimeMs)]);
  } catch {
    return { kind: 'gone' };
  }
  const info = parseLock(text);
  if (info) return { kind: 'ours', info };
  // Written by the no-hard-link fallback a moment ago: wait for its content.
  if (text === '' && Date.now() - modified < 2_000) return { kind: 'writing' };
  return { kind: 'foreign' };
}

function parseLock(text: string): LockInfo | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockInfo>;
    if (value && value.lockedBy === 'docs-check' && typeof value.token === 'string' && typeof value.pid === 'number') {
      return value as LockInfo;
    }
  } catch {
    // not ours
  }
  return undefined;
}

function isAbandoned(info: LockInfo, staleMs: number): boolean {
  const age = Date.now() - Date.parse(info.created);
  if (!(age < staleMs)) return true;
  if (info.host !== hostname()) return false;
  try {
    process.kill(info.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Move an abandoned lock aside; if what was moved is not the lock judged
 * abandoned (another process took over in between), put it back.
 */
async function breakLock(lockPath: string, abandonedToken: string): Promise<void> {
  const aside = `${lockPath}.${newToken()}.stale`;
  try {
    await rename(lockPath, aside);
  } catch {
    return;
  }
  try {
    const moved = parseLock(await readFile(aside, 'utf8'));
    if (moved?.token !== abandonedToken) await link(aside, lockPath).catch(() => undefined);
  } finally {
    await unlink(aside).catch(() => undefined);
  }
}

async function release(lockPath: string, token: string): Promise<void> {
  try {
    const info = parseLock(await readFile(lockPath, 'utf8'));
    if (info?.token === token) await unlink(lockPath);
  } catch {
    // Already gone: nothing to release.
  }
}

/**
 * Replace `target` with `data` in one step: readers see the old or the new
 * file, never a partial one. The temporary file is private to this call.
 */
export async function writeFileAtomic(target: string, data: string): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${newToken()}.tmp`);
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
