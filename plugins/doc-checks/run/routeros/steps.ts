/**
 * RouterOS steps: the `ssh <rds> '<RouterOS command>'` calls of a guide's
 * shell blocks, found with the shell parser. The RDS is the host the page
 * names in its frontmatter (`rds_ssh: admin@10.42.241.3`); calls to any
 * other host (the worker nodes) are not RouterOS steps. Each step knows the
 * command as the local shell passes it to ssh, the expected output the
 * guide shows for it alone (if any), and the values the guide shows for
 * the variables it reads.
 */
import type { Code } from 'mdast';
import type { Command, Page, ShellCall } from '../../types';
import { expectedOutputs, readMeta, shellBlockPlaces, type BlockMeta } from '../blocks';

export type RemotePart = NonNullable<ShellCall['remote']>['parts'][number];

export interface RouterOsStep {
  file: string;
  /** 1-based line of the ssh call in the file. */
  line: number;
  heading?: string;
  testCase?: string;
  /**
   * The shell block the step is in: its first command, and how many blocks
   * of the page with that first command come before it (the site finds
   * the block by these when lines have moved).
   */
  block: { firstCommand: string; nth: number };
  /** The ssh destination as written (`admin@10.42.241.3`). */
  host: string;
  /** The RouterOS command as written, `$NAME` where the local shell puts a value. */
  command: string;
  parts: RemotePart[];
  /** The guide's expected output of this command alone. */
  expected?: { code: Code; meta: BlockMeta; line: number };
  /** Why the expected output after the block is not this command's own, when there is one. */
  expectedNote?: string;
  /** Values the guide shows for the variables, by name, with where it shows them. */
  shown: Map<string, { value: string; from: string }>;
}

/** The RDS the page's commands log in to: the `rds_ssh` frontmatter value, host part. */
export function rdsHostOf(page: Page): string | undefined {
  const value = (page.frontmatter?.data as { rds_ssh?: unknown } | undefined)?.rds_ssh;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return hostPart(value.trim());
}

function hostPart(destination: string): string {
  return destination.slice(destination.lastIndexOf('@') + 1);
}

export function commandText(parts: readonly RemotePart[]): string {
  return parts.map((p) => ('text' in p ? p.text : 'variable' in p ? `$${p.variable}` : p.unexpanded)).join('');
}

export function routerOsSteps(page: Page): RouterOsStep[] {
  const rds = rdsHostOf(page);
  if (!rds) return [];
  const expectedAfter = expectedOutputs(page);
  const places = shellBlockPlaces(page.tree);
  const steps: RouterOsStep[] = [];
  for (const command of page.commands) {
    const block = places.get(command.node);
    if (!block) continue;
    const fence = command.node.position?.start.line ?? 1;
    const heading = [...page.headings].reverse().find((h) => (h.node.position?.start.line ?? 0) < fence)?.text;
    const testCase = page.testCases.find((tc) => tc.commands.includes(command));
    const after = expectedAfter.get(command.node);
    for (const call of command.calls) {
      if (!call.remote || hostPart(call.remote.host) !== rds) continue;
      const own = after ? ownership(command, call, after.label) : undefined;
      const line = fence + call.line;
      steps.push({
        file: page.path,
        line,
        ...(heading ? { heading } : {}),
        ...(testCase ? { testCase: testCase.id } : {}),
        block,
        host: call.remote.host,
        command: commandText(call.remote.parts),
        parts: call.remote.parts,
        ...(after && own === undefined
          ? { expected: { code: after.code, meta: readMeta(after.code.meta), line: after.code.position?.start.line ?? 1 } }
          : {}),
        ...(own ? { expectedNote: own } : {}),
        shown: new Map(),
      });
    }
  }
  bindShownValues(page, steps);
  return steps;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

/**
 * Undefined when the expected output after the block is this call's own,
 * else why not. It is when the call's output reaches the terminal
 * unchanged and it is the block's last command, or the command the label
 * names ("Expected output (second command):").
 */
function ownership(command: Command, call: ShellCall, label: string): string | undefined {
  if (call.stdoutTo !== undefined) return `its output goes to \`${call.stdoutTo}\``;
  const local = command.calls.filter((c) => !c.via);
  const index = local.indexOf(call);
  const next = local[index + 1];
  if (next?.piped) return `its output goes through \`${next.words[0]}\`; the expected output is that of the pipe`;
  const statements = local.filter((c) => !c.piped);
  const named = /\((\w+) command\)/i.exec(label)?.[1]?.toLowerCase();
  const position = statements.indexOf(call);
  if (named === 'last' || named === undefined) {
    return position === statements.length - 1 ? undefined : 'the expected output is that of the block\'s last command';
  }
  const wanted = ORDINALS.indexOf(named);
  return wanted === position ? undefined : `the expected output is that of the ${named} command`;
}

/**
 * A variable gets the value the guide shows for it: from the step's own
 * expected output when its `where` clause compares a field with it
 * (`slot="$VOL"` and an entry `slot="pvc-…"`), else the latest value shown
 * earlier in the same test case, as `NAME=value` in an expected output or
 * bound that way by an earlier step.
 */
function bindShownValues(page: Page, steps: RouterOsStep[]): void {
  for (const [index, step] of steps.entries()) {
    for (const name of variablesOf(step.parts)) {
      const own = step.expected ? valueInWhere(step.parts, name, step.expected.code.value) : undefined;
      if (own !== undefined) {
        step.shown.set(name, { value: own, from: `the expected output at line ${step.expected!.line}` });
        continue;
      }
      const earlier = step.testCase ? latestShown(page, steps.slice(0, index), step, name) : undefined;
      if (earlier) step.shown.set(name, earlier);
    }
  }
}

export function variablesOf(parts: readonly RemotePart[]): string[] {
  return [...new Set(parts.flatMap((p) => ('variable' in p ? [p.variable] : [])))];
}

/** `key="$NAME"` or `key=$NAME` in the command: the value of `key` in the first entry the guide shows. */
function valueInWhere(parts: readonly RemotePart[], name: string, expected: string): string | undefined {
  for (const [i, part] of parts.entries()) {
    if (!('variable' in part) || part.variable !== name) continue;
    const before = parts[i - 1];
    const key = before && 'text' in before ? /([a-z][a-z0-9-]*)="?$/.exec(before.text)?.[1] : undefined;
    if (!key) continue;
    const match = new RegExp(String.raw`(?:^|\s)${key}=(?:"([^"]*)"|(\S+))`).exec(expected);
    if (match) return match[1] ?? match[2];
  }
  return undefined;
}

function latestShown(page: Page, earlierSteps: RouterOsStep[], step: RouterOsStep, name: string): { value: string; from: string } | undefined {
  const testCase = page.testCases.find((tc) => tc.id === step.testCase);
  const found: { line: number; value: string; from: string }[] = [];
  for (const code of testCase?.expectedOutputs ?? []) {
    const line = code.position?.start.line ?? 0;
    if (line >= step.line) continue;
    for (const match of code.value.matchAll(new RegExp(String.raw`(?:^|\s)${name}=(\S+)`, 'g'))) {
      found.push({ line, value: match[1], from: `the expected output at line ${line}` });
    }
  }
  for (const earlier of earlierSteps) {
    const bound = earlier.testCase === step.testCase ? earlier.shown.get(name) : undefined;
    if (bound) found.push({ line: earlier.line, ...bound });
  }
  const latest = found.sort((a, b) => a.line - b.line).at(-1);
  return latest && { value: latest.value, from: latest.from };
}
