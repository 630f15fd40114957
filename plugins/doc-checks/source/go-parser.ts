/**
 * The Go grammar (tree-sitter-go, compiled to WebAssembly) behind one bounded
 * parse. The grammar is loaded once per process, on first use; no native
 * code and no install script is involved.
 *
 * Driver source is trusted more than a pull request, but a checkout can still
 * hold generated or hostile files, so every parse is bounded: the file size,
 * the parse time (tree-sitter cancels through its progress callback), and the
 * node count. A file over a bound is a `problem`, never a hang or a throw.
 */
import { createRequire } from 'node:module';
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { trace } from '../watchdog/trace';

export const GO_LIMITS = {
  /** The driver's largest file is about 80 KB. */
  maxBytes: 1024 * 1024,
  /** Parse time: a base plus a share per KiB, so a shared, busy machine does not refuse real files. */
  parseMillis: 2000,
  parseMillisPerKiB: 10,
  maxNodes: 500_000,
  /** Deeper nesting than this is not code a person wrote; walks stop there. */
  maxDepth: 200,
};

export type GoLimits = typeof GO_LIMITS;

let parserPromise: Promise<Parser> | undefined;

function goParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    trace('parse go: the Go parser was loaded');
    const require = createRequire(import.meta.url);
    // Its CommonJS build, loaded on first use: a bundle compiled from V8's code cache has no dynamic import.
    const { Language, Parser } = require('web-tree-sitter') as typeof import('web-tree-sitter');
    await Parser.init();
    const go = await Language.load(require.resolve('tree-sitter-go/tree-sitter-go.wasm'));
    const parser = new Parser();
    parser.setLanguage(go);
    return parser;
  })();
  return parserPromise;
}

export type ParsedGo = { tree: Tree; root: Node } | { problem: string };

/** Parses Go text within the limits; the caller must `tree.delete()` when done. */
export async function parseGo(text: string, limits: GoLimits = GO_LIMITS): Promise<ParsedGo> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    return { problem: `the file has ${bytes} bytes; expected at most ${limits.maxBytes} for a Go source file` };
  }
  const parser = await goParser();
  const budget = Math.round(limits.parseMillis + (limits.parseMillisPerKiB * bytes) / 1024);
  const deadline = performance.now() + budget;
  let tree: Tree | null = null;
  try {
    tree = parser.parse(text, null, { progressCallback: () => performance.now() > deadline });
  } catch (error) {
    parser.reset();
    return { problem: `the Go parser failed (${String((error as Error)?.message ?? error)})` };
  }
  if (!tree) {
    parser.reset();
    return { problem: `parsing took longer than ${budget} ms; expected Go source the parser can read in bounded time` };
  }
  const nodes = tree.rootNode.descendantCount;
  if (nodes > limits.maxNodes) {
    tree.delete();
    return { problem: `the file has ${nodes} syntax nodes; expected at most ${limits.maxNodes}` };
  }
  return { tree, root: tree.rootNode };
}

/** A node's field child, or undefined (tree-sitter returns null). */
export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}

export function fields(node: Node, name: string): Node[] {
  return node.childrenForFieldName(name).filter((n): n is Node => n !== null && n.isNamed);
}

export function named(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null);
}

export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}
