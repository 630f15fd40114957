/**
 * The driver checkout's files other than Go source that the command checks
 * read: the Makefile and `go.mod`'s module path. Read through the
 * workspace, so they are read once, inside the source root.
 */
import type { SourceFile, Workspace } from '../types';
import { parseMakefile, type Makefile } from './makefile';

/** The names GNU make tries, in its order. */
const MAKEFILE_NAMES = ['GNUmakefile', 'makefile', 'Makefile'];

const parsed = new WeakMap<SourceFile, Makefile>();

/** The Makefile `make` would read at the root of the source, or undefined when there is none. */
export async function driverMakefile(workspace: Workspace): Promise<{ path: string; makefile: Makefile } | undefined> {
  for (const name of MAKEFILE_NAMES) {
    const file = await workspace.sourceFile(name);
    if ('problem' in file) continue;
    let makefile = parsed.get(file);
    if (!makefile) {
      makefile = parseMakefile(file.text);
      parsed.set(file, makefile);
    }
    return { path: name, makefile };
  }
  return undefined;
}

/** The `module` directive of `go.mod` (first word after it, quotes removed). */
export async function goModulePath(workspace: Workspace): Promise<string | undefined> {
  const file = await workspace.sourceFile('go.mod');
  if ('problem' in file) return undefined;
  for (const line of file.text.split(/\r?\n/)) {
    const words = line.replace(/\/\/.*$/, '').trim().split(/\s+/);
    if (words[0] === 'module' && words[1]) return words[1].replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}
