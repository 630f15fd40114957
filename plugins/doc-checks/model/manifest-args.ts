/**
 * Container command lines in the YAML manifests a guide shows: every
 * container (and init container) of a pod spec, a pod template, a
 * Deployment or DaemonSet, with its `name`, `image`, `command` and `args`,
 * each word with its place in the file.
 */
import type { Code } from 'mdast';
import { isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { pointAt, yamlHazard } from '../text';
import type { Span } from '../types';

export const YAML_LANGS: ReadonlySet<string> = new Set(['yaml', 'yml']);

export interface ManifestWord {
  text: string;
  at: Span;
}

export interface ManifestContainer {
  name?: string;
  image?: string;
  command: ManifestWord[];
  args: ManifestWord[];
}

/** Deeper than this is no manifest a guide shows. */
const MAX_DEPTH = 40;

/** The containers of one YAML code block; none when the block does not parse. */
export function manifestContainers(code: Code): ManifestContainer[] {
  if (yamlHazard(code.value)) return [];
  const found: ManifestContainer[] = [];
  const place = (node: YamlNode): Span => {
    const point = pointAt(code.value, node.range?.[0] ?? 0);
    const line = (code.position?.start.line ?? 1) + point.line;
    const column = (code.position?.start.column ?? 1) + point.column - 1;
    return { start: { line, column }, end: { line, column } };
  };
  const words = (node: unknown): ManifestWord[] =>
    isSeq(node) ? node.items.filter(isScalar).map((item) => ({ text: String(item.value), at: place(item) })) : [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (isSeq(node)) for (const item of node.items) visit(item, depth + 1);
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if ((key === 'containers' || key === 'initContainers') && isSeq(pair.value)) {
        for (const item of pair.value.items) {
          if (!isMap(item)) continue;
          const text = (name: string) => {
            const value = item.get(name, true);
            return isScalar(value) ? String(value.value) : undefined;
          };
          found.push({ name: text('name'), image: text('image'), command: words(item.get('command', true)), args: words(item.get('args', true)) });
        }
      } else {
        visit(pair.value, depth + 1);
      }
    }
  };
  for (const doc of parseAllDocuments(code.value)) {
    if ('errors' in doc && doc.errors.length === 0) visit(doc.contents, 0);
  }
  return found;
}
