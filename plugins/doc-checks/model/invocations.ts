/**
 * The programs a shell block runs, with their arguments, seen through the
 * wrappers people put in front of them (`sudo`, `doas`, `env X=1`, `time`,
 * `timeout 5m`, `nohup`, `exec`). Assignments written before a command
 * (`VAR=x make t`) are not words of the call, so they need no unwrapping.
 */
import type { Code } from 'mdast';
import type { Command, Page, ShellCall, Span } from '../types';

export interface Invocation {
  /** The program as written: `make`, `./bin/rds-csi-plugin`. */
  program: string;
  args: string[];
  call: ShellCall;
  command: Command;
}

/** `sudo` options that take a value. */
const SUDO_WITH_VALUE = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U']);

/** Every call in the blocks whose program `accept` takes (the program's words from the wrapper on). */
export function invocations(commands: readonly Command[], accept: (program: string) => boolean): Invocation[] {
  const found: Invocation[] = [];
  for (const command of commands) {
    for (const call of command.calls) {
      const words = unwrap(call.words);
      if (words.length > 0 && accept(words[0])) found.push({ program: words[0], args: words.slice(1), call, command });
    }
  }
  return found;
}

/** The command a wrapper runs, or the words themselves. */
export function unwrap(words: string[]): string[] {
  let rest = words;
  for (let guard = 0; guard < 8 && rest.length > 0; guard++) {
    const [first, ...args] = rest;
    let i = 0;
    if (first === 'sudo' || first === 'doas') {
      while (i < args.length && args[i].startsWith('-')) i += SUDO_WITH_VALUE.has(args[i]) ? 2 : 1;
    } else if (first === 'env') {
      while (i < args.length && (args[i].startsWith('-') || args[i].includes('='))) i += args[i] === '-u' ? 2 : 1;
    } else if (first === 'timeout') {
      while (i < args.length && args[i].startsWith('-')) i++;
      i++; // the duration
    } else if (first === 'time' || first === 'nohup' || first === 'exec' || first === 'command') {
      while (i < args.length && args[i].startsWith('-')) i++;
    } else {
      return rest;
    }
    rest = args.slice(i);
  }
  return rest;
}

/** Where a call starts in the file: line 1 of a block is the line after its fence; an indented block starts at the fence's column. */
export function callSpan(node: Code, call: ShellCall): Span {
  const line = (node.position?.start.line ?? 1) + call.line;
  const column = node.position?.start.column ?? 1;
  return { start: { line, column }, end: { line, column } };
}

/** The test case a command block belongs to, for the diagnostic's `testCase`. */
export function testCaseOf(page: Page, command: Command): { testCase?: string } {
  const tc = page.testCases.find((t) => t.commands.includes(command));
  return tc ? { testCase: tc.id } : {};
}
