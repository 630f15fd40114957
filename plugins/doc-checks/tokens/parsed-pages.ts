/**
 * Pages markdownlint has already parsed, handed to the engine so it builds
 * their models without parsing them again. A tree is taken only for the
 * very text it was built from: a file that changed between the two reads
 * is parsed anew.
 */
import type { Root } from 'mdast';

export class ParsedPages {
  private readonly trees = new Map<string, { text: string; tree: Root }>();

  add(path: string, text: string, tree: Root): void {
    this.trees.set(path, { text, tree });
  }

  /** The tree of `path` built from `text`, once; later calls parse anew. */
  take(path: string, text: string): Root | undefined {
    const known = this.trees.get(path);
    if (!known) return undefined;
    this.trees.delete(path);
    return known.text === text ? known.tree : undefined;
  }

  get size(): number {
    return this.trees.size;
  }
}
