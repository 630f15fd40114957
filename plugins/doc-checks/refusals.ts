/**
 * Pages the engine and the site refuse before anyone parses or compiles
 * them, by one decision for both: MDX (it is code: `export`, JSX and
 * `dangerouslySetInnerHTML` run on the build machine and in every reader's
 * browser) and pages reached through a symbolic link (a link can publish
 * any file of the build machine, `.git/config` with its token included).
 */
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Hazard } from './text';

const AT_START = { line: 1, column: 1 };

/** MDX is refused by name, before its text is read. */
export function formatRefusal(file: string): Hazard | undefined {
  if (!/\.mdx$/i.test(file)) return undefined;
  return {
    message: `\`${file}\` is MDX, which runs code when the site is built and read; expected a \`.md\` page (CommonMark and GFM, no JSX)`,
    point: AT_START,
  };
}

/**
 * A page that is, or sits below, a symbolic link inside `root`, or that
 * resolves outside `root`. `file` is repository-relative.
 */
export function linkRefusal(root: string, file: string): Hazard | undefined {
  // A path that leaves the root by its text is the path checks' to report.
  const normalised = path.posix.normalize(file);
  if (normalised.startsWith('../') || normalised === '..' || path.isAbsolute(file)) return undefined;
  const realRoot = realOrSelf(path.resolve(root));
  let dir = path.resolve(root);
  for (const part of file.split('/')) {
    dir = path.join(dir, part);
    if (isSymbolicLink(dir)) {
      return {
        message: `\`${file}\` is reached through the symbolic link \`${path.relative(root, dir).split(path.sep).join('/')}\`; expected a regular file in the repository (a link can publish any file of the build machine)`,
        point: AT_START,
      };
    }
  }
  const real = realOrSelf(dir);
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    return { message: `\`${file}\` resolves outside the repository; expected a regular file in it`, point: AT_START };
  }
  return undefined;
}

function isSymbolicLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
