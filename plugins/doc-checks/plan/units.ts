/**
 * The units a review pins inside a page: a test case (by its id) or a
 * section (by its heading text), each running from its heading to the next
 * heading of the same or a higher rank. A unit is hashed over its parsed
 * content, not its bytes: positions are dropped and runs of whitespace in
 * text are one space, so re-wrapping a paragraph or trailing whitespace
 * keeps an approval while any change of words, code, links or structure
 * does not.
 */
import { createHash } from 'node:crypto';
import type { Heading, Nodes, RootContent } from 'mdast';
import type { Page } from '../types';

export interface UnitRef {
  kind: 'test case' | 'section';
  /** `TC-10`, or the heading text of a section. */
  key: string;
}

export interface PageUnit extends UnitRef {
  heading: Heading;
  /** The heading and every node up to the next heading of the same or a higher rank. */
  nodes: RootContent[];
  /** 1-based lines of the unit in the page. */
  startLine: number;
  endLine: number;
  /** The unit's markdown source, for diffs. */
  source: string;
}

export const unitName = (ref: UnitRef): string => (ref.kind === 'test case' ? ref.key : `section "${ref.key}"`);

/** The unit of `page` named by `ref`, as the page is now; undefined when it is gone. */
export function findUnit(page: Page, ref: UnitRef): PageUnit | undefined {
  const heading =
    ref.kind === 'test case'
      ? page.testCases.find((tc) => tc.id === ref.key)?.heading.node
      : page.headings.find((h) => h.text === ref.key)?.node;
  if (!heading) return undefined;
  const children = page.tree.children;
  const start = children.indexOf(heading);
  if (start === -1) return undefined;
  let end = start + 1;
  while (end < children.length) {
    const node = children[end];
    if (node.type === 'heading' && node.depth <= heading.depth) break;
    end++;
  }
  const nodes = children.slice(start, end);
  const first = nodes[0].position;
  const last = nodes[nodes.length - 1].position;
  const source = first && last ? page.text.slice(first.start.offset, last.end.offset) : '';
  return { ...ref, heading, nodes, startLine: first?.start.line ?? 1, endLine: last?.end.line ?? 1, source };
}

/** sha256 of nodes' content with positions dropped and whitespace in text normalised. */
export function hashNodes(nodes: readonly Nodes[]): string {
  const hash = createHash('sha256');
  let text = '';
  const flush = () => {
    if (text) hash.update(`t:${text.replace(/\s+/g, ' ')}\n`);
    text = '';
  };
  const walk = (node: Nodes) => {
    // A hard break is whitespace at a line end: treat it like any other whitespace.
    if (node.type === 'text' || node.type === 'break') {
      text += node.type === 'text' ? node.value : ' ';
      return;
    }
    flush();
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'position' || key === 'children' || key === 'data') continue;
      // Code keeps its indentation; trailing whitespace on a line means nothing.
      fields[key] = key === 'value' && typeof value === 'string' ? value.replace(/[ \t]+$/gm, '').replace(/\s+$/, '') : value;
    }
    hash.update(`n:${JSON.stringify(fields)}\n`);
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
    flush();
    hash.update('end\n');
  };
  for (const node of nodes) walk(node);
  flush();
  return hash.digest('hex');
}
