/**
 * The files `--changed` checks: the changed ones, and the pages that link
 * to a changed or deleted file. A page's links can break without the page
 * changing (its target was deleted or renamed, a heading in it was
 * renamed), and a check of only the changed files would miss exactly that.
 */
import { isPlan } from './files';
import type { ChangedFiles } from './git';
import { ProjectWorkspace } from './workspace';

/** The `candidates` to check after `changes`, in their order. */
export async function filesToCheck(root: string, candidates: readonly string[], changes: ChangedFiles): Promise<string[]> {
  const touched = new Set([...changes.changed, ...changes.deleted]);
  if (touched.size === 0) return [];
  // The engine reads these pages again; parsed models of unchanged files are shared.
  const workspace = new ProjectWorkspace({ root });
  const selected: string[] = [];
  for (const file of candidates) {
    if (changes.changed.has(file)) {
      selected.push(file);
    } else if (!isPlan(file)) {
      const page = await workspace.page(file);
      if (page?.links.some((link) => link.kind === 'page' && link.target !== undefined && touched.has(link.target))) selected.push(file);
    }
  }
  return selected;
}
