/**
 * The Kubernetes manifests a page contains, in document order: fenced
 * `yaml`/`yml` blocks, and here-documents that feed `kubectl apply|create
 * -f -` (directly, or through `cat`/`tee` piped into it) or that `cat`
 * writes to a `*.yaml` file applied later.
 */
import type { Code } from 'mdast';
import { pointAt } from '../text';
import type { Command, Page, Point, ShellCall } from '../types';

export interface ManifestBlock {
  text: string;
  node: Code;
  /** The file position of an offset of `text`. */
  at(offset: number): Point;
  /** The shell call that applies it, for a here-document. */
  call?: ShellCall;
}

export const YAML_LANGS: ReadonlySet<string> = new Set(['yaml', 'yml']);

/** The position of a block-relative line and column (both 1-based) in the file. */
export function blockPoint(node: Code, line: number, column: number): Point {
  const start = node.position?.start ?? { line: 1, column: 1 };
  // Content starts on the line after the fence and is indented like the fence.
  return { line: start.line + line, column: start.column - 1 + column };
}

export function fencedManifest(node: Code): ManifestBlock | undefined {
  if (!YAML_LANGS.has((node.lang ?? '').toLowerCase())) return undefined;
  return { text: node.value, node, at: (offset) => shift(node, 1, pointAt(node.value, offset)) };
}

/** Here-documents of a shell block that are manifests. */
export function heredocManifests(command: Command): ManifestBlock[] {
  const blocks: ManifestBlock[] = [];
  command.calls.forEach((call, i) => {
    if (!call.heredoc || call.via || !feedsKubectl(call, command.calls[i + 1])) return;
    const { text, line } = call.heredoc;
    blocks.push({ text, node: command.node, call, at: (offset) => shift(command.node, line, pointAt(text, offset)) });
  });
  return blocks;
}

/** Found once per page: three rules read them. */
const manifestsOf = new WeakMap<Page, readonly ManifestBlock[]>();

/** Every manifest of the page, fenced or fed to kubectl, in document order. */
export function pageManifests(page: Page): readonly ManifestBlock[] {
  let blocks = manifestsOf.get(page);
  if (!blocks) {
    blocks = findManifests(page);
    manifestsOf.set(page, blocks);
  }
  return blocks;
}

function findManifests(page: Page): ManifestBlock[] {
  const commands = new Map(page.commands.map((c) => [c.node, c]));
  const blocks: ManifestBlock[] = [];
  for (const node of page.codeBlocks) {
    const fenced = fencedManifest(node);
    if (fenced) blocks.push(fenced);
    const command = commands.get(node);
    if (command) blocks.push(...heredocManifests(command));
  }
  return blocks;
}

function shift(node: Code, firstLine: number, point: Point): Point {
  return blockPoint(node, firstLine + point.line - 1, point.column);
}

export function isKubectlApply(call: ShellCall): boolean {
  const [program, verb] = call.words;
  if (program !== 'kubectl' || (verb !== 'apply' && verb !== 'create')) return false;
  return call.words.some((w, i) => ((w === '-f' || w === '--filename') && call.words[i + 1] === '-') || w === '--filename=-' || w === '-f-');
}

function feedsKubectl(call: ShellCall, next: ShellCall | undefined): boolean {
  if (isKubectlApply(call)) return true;
  const program = call.words[0];
  if (program !== 'cat' && program !== 'tee') return false;
  if (next?.piped && isKubectlApply(next)) return true;
  const target = program === 'tee' ? call.words.slice(1).find((w) => !w.startsWith('-')) : call.stdoutTo;
  return !!target && /\.ya?ml$/.test(target);
}
