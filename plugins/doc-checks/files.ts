/**
 * Finds the markdown files to check below a root, without following
 * symbolic links and without leaving the root.
 */
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'build', '.docusaurus', 'dist']);

/** Repository-relative POSIX paths of files under `dirs` accepted by `accept`, sorted. */
export async function findFiles(
  root: string,
  dirs: string[],
  accept: (relative: string) => boolean,
  skipDirectory: (name: string) => boolean = (name) => SKIPPED_DIRECTORIES.has(name),
): Promise<string[]> {
  const found: string[] = [];
  async function walk(relative: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(path.join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !skipDirectory(entry.name)) await walk(child);
      else if (entry.isFile() && accept(child)) found.push(child);
      // Not followed, but listed: the engine reports a link (a site build would publish its target).
      else if (entry.isSymbolicLink() && (accept(child) || isDirectoryLink(path.join(root, child)))) found.push(child);
    }
  }
  for (const dir of dirs) await walk(dir.replace(/\/+$/, ''));
  return found.sort();
}

/** Files the check looks at: `.md` pages, and `.mdx` ones, which it refuses by name. */
export const isMarkdown = (p: string): boolean => p.endsWith('.md') || p.endsWith('.mdx');
export const isPlan = (p: string): boolean => p.endsWith('-PLAN.md');

/** The default check set: the site's docs and the user's plans. */
export function defaultFiles(root: string): Promise<string[]> {
  return findFiles(root, ['docs', '.planning'], isMarkdown);
}

function isDirectoryLink(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
