/**
 * Where to seed a defect in a guide, found through the parsed page (shell
 * calls, code blocks, links, manifests), never by searching the text: each
 * locator returns the file line to edit and how to edit it, so a test can
 * say "the first `kubectl logs -c` call" and keep working when the guide
 * moves its lines around.
 */
import type { Code, Link } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isScalar } from 'yaml';
import { kindOf, parseKubectl } from '../../plugins/doc-checks/deploy/kubectl';
import { blockPoint, pageManifests } from '../../plugins/doc-checks/deploy/page-manifests';
import { readYaml } from '../../plugins/doc-checks/deploy/yaml-docs';
import { parseGoTest } from '../../plugins/doc-checks/model/go-test-command';
import { unwrap } from '../../plugins/doc-checks/model/invocations';
import { statedNumbers } from '../../plugins/doc-checks/rules/code-number';
import type { Command, Page, Point, ShellCall } from '../../plugins/doc-checks/types';

/** One line of the guide and what to turn it into. */
export interface Site {
  /** 1-based file line. */
  line: number;
  edit(text: string): string;
}

/** A word of a shell call: its file position and its text as the parser read it. */
interface ShellWord {
  at: Point;
  text: string;
}

/** Replaces the source text of the shell word at `column` (quoted or bare) with `to`. */
function replaceWord(text: string, column: number, to: string): string {
  const start = column - 1;
  const quote = text[start] === '"' || text[start] === "'" ? text[start] : undefined;
  const end = quote ? text.indexOf(quote, start + 1) + 1 : start + (/^\S+/.exec(text.slice(start))?.[0].length ?? 0);
  return text.slice(0, start) + to + text.slice(end);
}

function wordSite(word: ShellWord, to: (text: string) => string): Site {
  return { line: word.at.line, edit: (text) => replaceWord(text, word.at.column, to(word.text)) };
}

/** Every shell call of the page with its block, in document order. */
function calls(page: Page): { call: ShellCall; command: Command }[] {
  return page.commands.flatMap((command) => command.calls.map((call) => ({ call, command })));
}

function wordOf(command: Command, call: ShellCall, index: number): ShellWord {
  const position = call.at![index];
  return { at: blockPoint(command.node, position.line, position.column), text: call.words[index] };
}

/** The value word of a kubectl flag (`-c`, `-n`, `-l` by long name) in the first call `accept` takes. */
function kubectlFlag(page: Page, flag: string, accept: (verb: string, value: string) => boolean = () => true) {
  for (const { call, command } of calls(page)) {
    const args = parseKubectl(call.words);
    const value = args?.flags.get(flag);
    if (!args || !value || !call.at || !accept(args.verb, value.text)) continue;
    // `--flag=value` is one word: replace the value part only.
    const word = wordOf(command, call, value.index);
    if (word.text !== value.text) return { at: word.at, text: word.text, replace: (to: string) => word.text.replace(value.text, to) };
    return { at: word.at, text: word.text, replace: (to: string) => to };
  }
  throw new Error(`the guide has no kubectl call with a ${flag} flag of that kind`);
}

export function kubectlFlagSite(page: Page, flag: string, to: (value: string) => string, accept?: (verb: string, value: string) => boolean): Site {
  const word = kubectlFlag(page, flag, accept);
  return wordSite(word, (text) => word.replace(to(text)));
}

/** The NAME of the first `kubectl get TYPE NAME` of the kind. */
export function kubectlGetNameSite(page: Page, kind: string, to: (name: string) => string): Site {
  for (const { call, command } of calls(page)) {
    const args = parseKubectl(call.words);
    const [type, name] = args?.positionals ?? [];
    if (args?.verb === 'get' && call.at && type && name && kindOf(type.text) === kind) return wordSite(wordOf(command, call, name.index), to);
  }
  throw new Error(`the guide has no \`kubectl get ${kind} NAME\``);
}

/** The last word (the pattern) of the first `grep` fed by `kubectl logs` whose pattern is literal. */
export function logGrepSite(page: Page, to: (pattern: string) => string): Site {
  for (const command of page.commands) {
    for (let i = 1; i < command.calls.length; i++) {
      const call = command.calls[i];
      const fedByLogs = call.piped && parseKubectl(command.calls[i - 1].words)?.verb === 'logs';
      const pattern = call.words.at(-1);
      if (call.words[0] === 'grep' && fedByLogs && call.at && pattern && !pattern.includes('$')) {
        return wordSite(wordOf(command, call, call.words.length - 1), (text) => `"${to(text)}"`);
      }
    }
  }
  throw new Error('the guide greps no literal pattern from `kubectl logs`');
}

/** The first program word of a call `accept` takes, with the call's words after unwrapping. */
export function callWordSite(page: Page, accept: (words: string[]) => number | undefined, to: (word: string) => string): Site {
  for (const { call, command } of calls(page)) {
    if (!call.at) continue;
    const words = unwrap(call.words);
    const index = accept(words);
    if (index !== undefined) return wordSite(wordOf(command, call, call.words.length - words.length + index), to);
  }
  throw new Error('the guide has no such call');
}

/** `make TARGET`: the first target word. */
export const makeTarget = (words: string[]) => (words[0] === 'make' && words[1] && !words[1].startsWith('-') ? 1 : undefined);

/** `go test ... -run PATTERN` (separate word) with a literal pattern: the pattern word. */
export const goTestRun = (words: string[]) => {
  if (words[0] !== 'go' || words[1] !== 'test' || parseGoTest(words.slice(2))?.run.length !== 1) return undefined;
  const index = words.indexOf('-run') + 1;
  return index > 0 && !words[index].includes('$') ? index : undefined;
};

/** `go test ... -ginkgo.focus=TEXT` with a literal text: the flag word. */
export const ginkgoFocus = (words: string[]) => {
  if (words[0] !== 'go' || words[1] !== 'test') return undefined;
  const index = words.findIndex((w) => w.startsWith('-ginkgo.focus=') && !w.includes('$'));
  return index === -1 ? undefined : index;
};

/** The first line of the first `text driver-log` block. */
export function driverLogSite(page: Page, edit: (line: string) => string): Site {
  const block = page.codeBlocks.find((c: Code) => c.lang === 'text' && (c.meta ?? '').split(/\s+/).includes('driver-log'));
  if (!block?.position) throw new Error('the guide has no `text driver-log` block');
  // Content starts on the line after the fence.
  return { line: block.position.start.line + 1, edit };
}

/** The first code link whose text states a number that `accept` takes: its text, with that number changed. */
export function codeNumberSite(page: Page, accept: (text: string, stated: { text: string; unit?: string }) => boolean, to: (number: string) => string): Site {
  for (const link of page.links) {
    const node = link.node as Link;
    if (link.kind !== 'code' || !node.position) continue;
    const text = toString(node);
    const stated = statedNumbers(text).find((s) => accept(text, s));
    if (!stated) continue;
    const child = node.children.find((c) => c.type === 'text' && c.value.includes(stated.text));
    if (!child?.position || child.position.start.line !== child.position.end.line) continue;
    const { start, end } = child.position;
    const changed = (child as { value: string }).value.replace(stated.text, to(stated.text));
    return { line: start.line, edit: (line) => line.slice(0, start.column - 1) + changed + line.slice(end.column - 1) };
  }
  throw new Error('the guide has no code link stating such a number');
}

/** The key (or its value) at `path` in the first manifest document of `kind` that has it. */
export function manifestSite(page: Page, kind: string, path: string[], part: 'key' | 'value', to: (text: string) => string): Site {
  for (const manifest of pageManifests(page)) {
    for (const { value, doc } of readYaml(manifest.text).docs) {
      if ((value as { kind?: unknown } | null)?.kind !== kind) continue;
      const node = doc.getIn(path, true);
      const parent = doc.getIn(path.slice(0, -1), true) as { items?: { key: unknown; value: unknown }[] } | undefined;
      const pair = parent?.items?.find((p) => p.value === node);
      const target = part === 'key' ? pair?.key : node;
      if (!isScalar(target) || !target.range) continue;
      const at = manifest.at(target.range[0]);
      const old = String(target.source ?? target.value);
      return { line: at.line, edit: (line) => line.slice(0, at.column - 1) + to(old) + line.slice(at.column - 1 + old.length) };
    }
  }
  throw new Error(`the guide has no ${kind} manifest with ${path.join('.')}`);
}
