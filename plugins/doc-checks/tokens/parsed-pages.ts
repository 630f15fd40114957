/**
 * Pages markdownlint has already parsed, handed to the engine so it builds
 * their models without parsing them again. Kept for the whole process, as
 * the models of workspace.ts are: a plan's rules open workspaces of their
 * own and read the same guides. A tree is taken once, and only for the
 * very text it was built from: a file that changed between the two reads
 * is parsed anew.
 */
import type { Root } from 'mdast';

const handedOver = new Map<string, { text: string; tree: Root }>();

/** `tree` is the mdast of `text`, the content of `path`; the last one handed over for a path wins. */
export function handOver(path: string, text: string, tree: Root): void {
  handedOver.set(path, { text, tree });
}

/** The tree handed over for `path` and exactly this `text`, once. */
export function takeHandedOver(path: string, text: string): Root | undefined {
  const known = handedOver.get(path);
  if (!known) return undefined;
  handedOver.delete(path);
  return known.text === text ? known.tree : undefined;
}
