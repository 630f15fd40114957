/**
 * The key that signs the cache file. A cache file is a claim about results
 * ("this page has no findings"); anyone who can put a file at its path (a
 * pull request that commits one) could make that claim, and every value
 * in it can be computed from public inputs. So the file is signed with a
 * random key kept outside the repository, readable by this user only, and
 * a file whose signature does not match is not used: results are trusted
 * only when this user's docs-check wrote them.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** `$XDG_CACHE_HOME/docs-check/cache-key`, by default `~/.cache/docs-check/cache-key`. */
export function secretLocation(env: Record<string, string | undefined>): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(homedir(), '.cache');
  return path.join(base, 'docs-check', 'cache-key');
}

/** The key, created on first use; a reason instead when there is no usable one. */
export function cacheSecret(env: Record<string, string | undefined>, create: boolean): Buffer | { problem: string } {
  const file = secretLocation(env);
  const read = readSecret(file);
  if (!('problem' in read) || !create || read.problem !== 'absent') return read;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      return { problem: `cannot create the key that signs it at \`${file}\` (${(error as Error).message})` };
    }
  }
  return readSecret(file);
}

function readSecret(file: string): Buffer | { problem: string } {
  let info;
  try {
    info = lstatSync(file);
  } catch {
    return { problem: 'absent' };
  }
  // Another user who could write it could sign results too.
  const ownerOnly = (info.mode & 0o022) === 0 && (process.getuid === undefined || info.uid === process.getuid());
  if (!info.isFile() || !ownerOnly || info.size > 1024) {
    return { problem: `the key that signs it, \`${file}\`, is not a regular file of this user that only this user can write` };
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) return { problem: `the key that signs it, \`${file}\`, is not one docs-check wrote` };
  return Buffer.from(text, 'hex');
}
