/**
 * Where a path named in a plan lives: the plans come from the driver
 * repository, where `docs/` sits beside `pkg/`. Here the docs are in the site
 * repository and the Go code in the driver source checkout, so a path is
 * looked up in the repository root first, then in the driver source root.
 * Every lookup goes through `resolveInside`: nothing outside the roots is read.
 */
import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { isFile, resolveInside } from '../source/paths';
import { decodeText } from '../text';
import { noteFile } from '../cache/track';

export interface Roots {
  /** The site repository. */
  root: string;
  /** The driver source checkout, when there is one. */
  sourceRoot?: string;
}

export type RootName = 'repository' | 'driver source';

export type FileLocation =
  | { found: true; absolute: string; relative: string; where: RootName }
  | { found: false; reason: string };

export function locateFile(roots: Roots, path: string): FileLocation {
  const candidates: [RootName, string][] = [['repository', roots.root]];
  if (roots.sourceRoot) candidates.push(['driver source', roots.sourceRoot]);
  const problems: string[] = [];
  let directory = false;
  for (const [where, root] of candidates) {
    noteFile(root, path);
    const resolved = resolveInside(root, path);
    if (!resolved.ok) {
      problems.push(resolved.problem);
      continue;
    }
    if (isFile(resolved.absolute)) return { found: true, absolute: resolved.absolute, relative: resolved.relative, where };
    directory ||= isDirectory(resolved.absolute);
  }
  if (problems.length === candidates.length) return { found: false, reason: `${problems[0]}; it is not read` };
  if (directory) return { found: false, reason: `\`${path}\` is a directory, not a file` };
  const places = roots.sourceRoot ? 'the repository or the driver source' : 'the repository (no driver source root is configured)';
  return { found: false, reason: `\`${path}\` does not exist in ${places}` };
}

/**
 * The text of a located file, cut at the engine's size limit like every
 * other input; undefined when it cannot be read (permissions, a race).
 */
export async function readLocated(location: { absolute: string }): Promise<string | undefined> {
  try {
    return decodeText(await readFile(location.absolute)).text;
  } catch {
    return undefined;
  }
}

function isDirectory(absolute: string): boolean {
  try {
    return statSync(absolute).isDirectory();
  } catch {
    return false;
  }
}
