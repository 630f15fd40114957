/**
 * Path safety: every file the engine reads is named relative to a root
 * (the repository, or the driver checkout) and must stay inside it, also
 * after symbolic links are followed. Nothing here throws.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export type Resolved = { ok: true; absolute: string; relative: string } | { ok: false; problem: string };

/** Resolve `relative` (POSIX, as written in a document) inside `root`. */
export function resolveInside(root: string, relative: string): Resolved {
  if (relative.includes('\0')) return { ok: false, problem: 'the path contains a NUL byte' };
  if (path.posix.isAbsolute(relative) || path.win32.isAbsolute(relative)) {
    return { ok: false, problem: `\`${relative}\` is an absolute path; expected a path relative to the root` };
  }
  const normalised = path.posix.normalize(relative.replace(/\\/g, '/'));
  if (normalised === '..' || normalised.startsWith('../')) {
    return { ok: false, problem: `\`${relative}\` leaves the root` };
  }
  const absoluteRoot = path.resolve(root);
  const absolute = path.join(absoluteRoot, normalised);
  // A symlink inside the root may still point outside it: compare real paths.
  const realRoot = safeRealpath(absoluteRoot) ?? absoluteRoot;
  const real = safeRealpath(absolute);
  if (real !== undefined && real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    return { ok: false, problem: `\`${relative}\` is a symbolic link that leaves the root` };
  }
  return { ok: true, absolute, relative: normalised === '.' ? '' : normalised };
}

/** Resolve a link written in `fromFile` (repository-relative) to a root-relative path. */
export function joinFrom(fromFile: string, link: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), link));
}

export function isFile(absolute: string): boolean {
  try {
    return statSync(absolute).isFile();
  } catch {
    return false;
  }
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** Repository-relative POSIX path for an absolute path (undefined when outside). */
export function relativeToRoot(root: string, absolute: string): string | undefined {
  const rel = path.relative(path.resolve(root), path.resolve(absolute));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
