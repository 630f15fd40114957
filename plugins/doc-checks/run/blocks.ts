/**
 * Runnable blocks: shell blocks whose info string carries the meta word
 * `run` (```` ```bash run env=NAME ````), with the expected-output block the
 * guide shows after them. The `runnable-block` rule and `docs-check run`
 * both read blocks through here, so they agree on what runs.
 */
import type { Code, Nodes, Parents } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isExpectedLabel } from '../model/guide';
import { isShellBlock } from '../model/shell';
import type { Command, Page } from '../types';

export interface BlockMeta {
  run: boolean;
  /** Variables the block reads from the environment (`env=NAME,OTHER`). */
  env: string[];
  /** Kinds of values an expected-output block marks as varying (`varies=duration`). */
  varies: string[];
}

/** Meta words are separated by spaces; `key=a,b` lists values. */
export function readMeta(meta: string | null | undefined): BlockMeta {
  const found: BlockMeta = { run: false, env: [], varies: [] };
  for (const word of (meta ?? '').split(/\s+/)) {
    if (word === 'run') found.run = true;
    const [key, value] = word.split('=', 2);
    if (value === undefined) continue;
    const values = value.split(',').filter(Boolean);
    if (key === 'env') found.env.push(...values);
    if (key === 'varies') found.varies.push(...values);
  }
  return found;
}

export interface RunnableBlock {
  file: string;
  command: Command;
  meta: BlockMeta;
  /** 1-based line of the opening fence in the file. */
  line: number;
  /** The nearest heading above the block. */
  heading?: string;
  /** The test case the block belongs to, e.g. `TC-09`. */
  testCase?: string;
  /** The first command as written: the block's identity when lines move. */
  firstCommand: string;
  /** The expected-output block the guide shows right after it. */
  expected?: { code: Code; meta: BlockMeta };
}

export function runnableBlocks(page: Page): RunnableBlock[] {
  const expectedAfter = expectedOutputs(page);
  const blocks: RunnableBlock[] = [];
  for (const command of page.commands) {
    const meta = readMeta(command.node.meta);
    if (!meta.run) continue;
    const line = command.node.position?.start.line ?? 1;
    const heading = [...page.headings].reverse().find((h) => (h.node.position?.start.line ?? 0) < line)?.text;
    const testCase = page.testCases.find((tc) => tc.commands.includes(command))?.id;
    const expected = expectedAfter.get(command.node)?.code;
    blocks.push({
      file: page.path,
      command,
      meta,
      line,
      ...(heading ? { heading } : {}),
      ...(testCase ? { testCase } : {}),
      firstCommand: firstCommand(command.text),
      ...(expected ? { expected: { code: expected, meta: readMeta(expected.meta) } } : {}),
    });
  }
  return blocks;
}

/** The first line of a block that is not blank or a comment: its identity in a run report. */
export function firstCommand(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return (line ?? '').trim();
}

/**
 * Every shell block of a tree -> its first command, and how many shell
 * blocks with that first command come before it: how the site finds a
 * block of the report when lines have moved.
 */
export function shellBlockPlaces(tree: Nodes): Map<Code, { firstCommand: string; nth: number }> {
  const places = new Map<Code, { firstCommand: string; nth: number }>();
  const seen = new Map<string, number>();
  const visit = (node: Nodes): void => {
    if (node.type === 'code' && isShellBlock(node)) {
      const first = firstCommand(node.value);
      const nth = seen.get(first) ?? 0;
      seen.set(first, nth + 1);
      places.set(node, { firstCommand: first, nth });
    }
    if ('children' in node) for (const child of (node as Parents).children as Nodes[]) visit(child);
  };
  visit(tree);
  return places;
}

/**
 * Shell block -> the code block after it labelled "Expected ..." (the
 * guide's convention), with the label's text ("Expected output (second command):").
 */
export function expectedOutputs(page: Page): Map<Code, { code: Code; label: string }> {
  const found = new Map<Code, { code: Code; label: string }>();
  const visit = (node: Nodes): void => {
    if (!('children' in node)) return;
    const children = (node as Parents).children as Nodes[];
    children.forEach((child, i) => {
      const label = children[i + 1];
      const output = children[i + 2];
      if (child.type === 'code' && isExpectedLabel(label) && output?.type === 'code') {
        found.set(child, { code: output, label: toString(label).trim() });
      }
      visit(child);
    });
  };
  visit(page.tree);
  return found;
}

/** Whether a block is selected by `--filter`: a test case id, or text of its heading. */
export function matchesFilter(block: Pick<RunnableBlock, 'testCase' | 'heading'>, filters: readonly string[]): boolean {
  if (filters.length === 0) return true;
  return filters.some((f) => {
    if (/^TC-\d+$/i.test(f)) return block.testCase?.toUpperCase() === f.toUpperCase();
    return (block.heading ?? '').toLowerCase().includes(f.toLowerCase());
  });
}
