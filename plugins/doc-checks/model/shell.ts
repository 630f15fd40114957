/**
 * Shell commands in the guides are parsed with mvdan/sh (the parser behind
 * shfmt), so rules see real simple commands: quoting, pipes, loops,
 * command substitutions and heredocs are understood, not pattern-matched.
 */
import type { Code } from 'mdast';
import { createRequire } from 'node:module';
import type { ShNode, ShParser, ShSyntax } from 'mvdan-sh';
import type { Command, ShellAssignment, ShellCall } from '../types';
import { columnOf, items, lineOf, offsetOf, present, rawOf, typeName, type GoNode } from './sh-ast';

export const SHELL_LANGS: ReadonlySet<string> = new Set(['bash', 'sh', 'shell', 'zsh']);

/** `ssh` options that take a value, so the host is found after them. */
const SSH_OPTIONS_WITH_VALUE = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split('').map((c) => `-${c}`));
/** How deep `ssh host 'ssh other cmd'` is unwrapped. */
const MAX_NESTING = 3;

/**
 * mvdan-sh is loaded on first use, and with require: importing this 1.5 MB
 * CommonJS file as an ES module makes Node scan it for exports first,
 * which took longer than the whole parse of a guide's commands. Where
 * `require` is in scope (the CLI's bundle), the bundler sees the call and
 * bundles the parser, so V8's code cache covers it too; run from source it
 * is Node's own require.
 */
let parser: ShParser | undefined;
function shellParser(): ShParser {
  if (!parser) {
    const loaded = typeof require === 'function' ? require('mvdan-sh') : createRequire(import.meta.url)('mvdan-sh');
    parser = (loaded as { syntax: ShSyntax }).syntax.NewParser();
  }
  return parser;
}

export function isShellBlock(code: Code): boolean {
  return SHELL_LANGS.has((code.lang ?? '').toLowerCase());
}

/** A line and column inside a block as a span in the file: line 1 is the line after the opening fence. */
export function spanInBlock(command: Command, line: number, column: number) {
  const point = {
    line: (command.node.position?.start.line ?? 1) + line,
    column: column + (command.node.position?.start.column ?? 1) - 1,
  };
  return { start: point, end: point };
}

export function parseCommand(code: Code): Command {
  const command: Command = { node: code, lang: code.lang ?? '', text: code.value, calls: [] };
  const parsed = parseShell(code.value, undefined, 0);
  if ('error' in parsed) command.syntaxError = parsed.error;
  else {
    command.calls = parsed.calls;
    if (parsed.assignments.length > 0) command.assignments = parsed.assignments;
    if (parsed.placeholders.length > 0) command.placeholders = parsed.placeholders;
    if (parsed.expansions.length > 0) command.expansions = parsed.expansions;
  }
  return command;
}

type Expansion = NonNullable<Command['expansions']>[number];
type Parsed =
  | { calls: ShellCall[]; placeholders: Placeholder[]; assignments: ShellAssignment[]; expansions: Expansion[] }
  | { error: NonNullable<Command['syntaxError']> };

function parseShell(source: string, via: string | undefined, depth: number): Parsed {
  let file: ShNode;
  try {
    file = shellParser().Parse(source, 'block');
  } catch (raw) {
    if (isStackOverflow(raw)) return TOO_DEEP;
    const error = raw as { Text?: string; Pos?: { Line(): number; Col(): number } };
    return {
      error: {
        message: typeof error?.Text === 'string' ? error.Text : String(raw),
        line: error?.Pos?.Line?.() || 1,
        column: error?.Pos?.Col?.() || 1,
      },
    };
  }
  const calls: ShellCall[] = [];
  const placeholders: Placeholder[] = [];
  const assignments: ShellAssignment[] = [];
  const expansions: Expansion[] = [];
  try {
    collect(file, source, via, depth, { calls, placeholders, assignments, expansions });
  } catch (raw) {
    // A pipeline thousands of commands long is a tree thousands deep.
    if (isStackOverflow(raw)) return TOO_DEEP;
    throw raw;
  }
  return { calls, placeholders, assignments, expansions };
}

/**
 * Input nested deeper than the parsers' stacks (hundreds of subshells,
 * thousands of piped commands): reported on the block, not parsed further.
 */
const TOO_DEEP: Parsed = { error: { message: 'nested too deep to parse', line: 1, column: 1, tooDeep: true } };

function isStackOverflow(raw: unknown): boolean {
  return raw instanceof RangeError || /Maximum call stack size exceeded/.test(String(raw));
}

function collect(
  file: ShNode,
  source: string,
  via: string | undefined,
  depth: number,
  found: { calls: ShellCall[]; placeholders: Placeholder[]; assignments: ShellAssignment[]; expansions: Expansion[] },
): void {
  const { calls, placeholders, assignments, expansions } = found;
  const bytes = Buffer.from(source);
  // Variables read on another host through ssh are that host's business.
  const expanded = (word: GoNode | null | undefined) => {
    if (!via) parameterExpansions(word, expansions);
  };
  forEachStatement(items(rawOf(file).Stmts), {
    redirects(redirs) {
      placeholders.push(...findPlaceholders(redirs, source));
      for (const redirect of redirs) expanded(redirect.Word);
    },
    assign(assign) {
      expanded(assign.Value);
      if (via || !present(assign.Name)) return;
      const value = present(assign.Value) ? wordText(assign.Value) : '';
      assignments.push({ name: assign.Name.Value as string, value, line: lineOf(assign.Name.ValuePos) });
    },
    call(stmt, args, piped) {
      for (const word of args) expanded(word);
      const words = args.map(wordText);
      const line = lineOf(stmt.Position);
      const call: ShellCall = { words, line, ...(via ? { via } : { at: args.map(wordStart) }) };
      if (piped) call.piped = true;
      if (!via) Object.assign(call, redirections(stmt, bytes));
      const remote = depth < MAX_NESTING ? sshRemoteCommand(words) : undefined;
      if (remote && !via) call.remote = { host: remote.host, parts: remoteParts(args.slice(remote.commandIndex)) };
      calls.push(call);
      if (remote) {
        const inner = parseShell(remote.command, remote.host, depth + 1);
        // The remote command is one argument: its calls sit on the ssh line.
        if ('calls' in inner) for (const c of inner.calls) calls.push({ ...c, line });
      }
    },
  });
}

interface Visitor {
  redirects(redirs: GoNode[]): void;
  /** A plain `NAME=value`, alone or after `export`/`declare`/`local`. */
  assign(assign: GoNode): void;
  /** `piped`: the statement is the right-hand side of a `|`. */
  call(stmt: GoNode, args: GoNode[], piped: boolean): void;
}

/** mvdan/sh's operator codes (syntax/tokens.go) that the model reads. */
const PIPE = 12;
const REDIRECT_OUT = 54;
const HEREDOC = 61;
const HEREDOC_DASH = 62;

/**
 * Visits every statement, nested ones included: pipelines and lists,
 * subshells and blocks, conditionals, loops, case arms, functions, and
 * command substitutions inside words.
 */
function forEachStatement(stmts: GoNode[], visit: Visitor, piped = false): void {
  for (const stmt of stmts) {
    const redirs = items(stmt.Redirs);
    if (redirs.length > 0) {
      visit.redirects(redirs);
      for (const redirect of redirs) wordStatements(redirect.Word, visit);
    }
    if (present(stmt.Cmd)) commandStatements(stmt, stmt.Cmd, visit, piped);
  }
}

function commandStatements(stmt: GoNode, cmd: GoNode, visit: Visitor, piped: boolean): void {
  const nested = (stmts: GoNode[]) => forEachStatement(stmts, visit);
  const single = (child: GoNode | null | undefined) => (present(child) ? [child] : []);
  switch (typeName(cmd)) {
    case 'CallExpr': {
      const args = items(cmd.Args);
      for (const assign of items(cmd.Assigns)) {
        // `A=1 cmd` sets A for cmd only; `A=1` alone sets it for the shell.
        if (args.length === 0) visit.assign(assign);
        wordStatements(assign.Value, visit);
      }
      if (args.length === 0) return;
      visit.call(stmt, args, piped);
      for (const word of args) wordStatements(word, visit);
      return;
    }
    case 'BinaryCmd':
      forEachStatement(single(cmd.X), visit, piped);
      return forEachStatement(single(cmd.Y), visit, cmd.Op === PIPE);
    case 'Block':
    case 'Subshell':
      return nested(items(cmd.Stmts));
    case 'IfClause':
      for (let clause: GoNode | null = cmd; present(clause); clause = clause.Else) {
        nested(items(clause.Cond));
        nested(items(clause.Then));
      }
      return;
    case 'WhileClause':
      nested(items(cmd.Cond));
      return nested(items(cmd.Do));
    case 'ForClause':
      if (present(cmd.Loop)) for (const word of items(cmd.Loop.Items)) wordStatements(word, visit);
      return nested(items(cmd.Do));
    case 'CaseClause':
      wordStatements(cmd.Word, visit);
      for (const item of items(cmd.Items)) nested(items(item.Stmts));
      return;
    case 'FuncDecl':
      return nested(single(cmd.Body));
    case 'TimeClause':
    case 'CoprocClause':
      return nested(single(cmd.Stmt));
    case 'DeclClause':
      for (const assign of items(cmd.Args)) {
        if (!assign.Naked) visit.assign(assign);
        wordStatements(assign.Value, visit);
      }
      return;
    default:
      return;
  }
}

/** Statements inside a word: `$(...)`, backquotes, `<(...)`, also within double quotes. */
function wordStatements(word: GoNode | null | undefined, visit: Visitor): void {
  if (!present(word)) return;
  for (const part of items(word.Parts)) {
    const type = typeName(part);
    if (type === 'CmdSubst' || type === 'ProcSubst') forEachStatement(items(part.Stmts), visit);
    else if (type === 'DblQuoted') wordStatements(part, visit);
  }
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `$NAME` and `${NAME}` read in a word, in order (quoted ones included).
 * `${NAME:-default}` and other operators carry their own fallback and are
 * left out; so are special parameters (`$?`, `$1`).
 */
function parameterExpansions(word: GoNode | null | undefined, into: Expansion[]): void {
  if (!present(word)) return;
  for (const part of items(word.Parts)) {
    const type = typeName(part);
    if (type === 'DblQuoted') parameterExpansions(part, into);
    if (type !== 'ParamExp' || !present(part.Param) || present(part.Exp)) continue;
    const name = part.Param.Value as string;
    if (VARIABLE_NAME.test(name)) into.push({ name, line: lineOf(part.Dollar), column: columnOf(part.Dollar) });
  }
}

/** Where a word starts: the position field of its first part (they differ by part type). */
function wordStart(word: GoNode): { line: number; column: number } {
  const first = items(word.Parts)[0];
  const pos = first && (first.ValuePos ?? first.Left ?? first.Dollar ?? first.OpPos ?? first.Position);
  return pos ? { line: lineOf(pos), column: columnOf(pos) } : { line: 0, column: 0 };
}

/** The here-document a statement reads and the file its output goes to. */
function redirections(stmt: GoNode, bytes: Buffer): Pick<ShellCall, 'heredoc' | 'stdoutTo'> {
  const found: Pick<ShellCall, 'heredoc' | 'stdoutTo'> = {};
  for (const redirect of items(stmt.Redirs)) {
    if (redirect.Op === REDIRECT_OUT && present(redirect.Word)) found.stdoutTo = wordText(redirect.Word);
    if ((redirect.Op === HEREDOC || redirect.Op === HEREDOC_DASH) && present(redirect.Hdoc)) {
      const parts = items(redirect.Hdoc.Parts);
      const first = parts[0];
      const start = first && (first.ValuePos ?? first.Left ?? first.Dollar);
      if (!start) continue;
      const quoted = parts.length === 1 && typeName(first) === 'Lit';
      // A quoted delimiter keeps the body literal; otherwise the source text is the body as written.
      const text = quoted ? (first.Value as string) : heredocSource(bytes, offsetOf(start), wordText(redirect.Word));
      found.heredoc = { text, line: lineOf(start) };
    }
  }
  return found;
}

/** The body of an unquoted here-document: from its start up to the delimiter line. */
function heredocSource(bytes: Buffer, start: number, delimiter: string): string {
  const rest = bytes.subarray(start).toString();
  const lines = rest.split('\n');
  const end = lines.findIndex((line) => line.replace(/^\t+/, '') === delimiter);
  return (end === -1 ? lines : lines.slice(0, end)).join('\n') + (end > 0 ? '\n' : '');
}

type Placeholder = NonNullable<Command['placeholders']>[number];

/**
 * `kubectl get pod <pod-name> -o wide` parses, but as two redirections:
 * `< pod-name` and `> -o`. A `<` redirection whose literal word is followed
 * at once by `>` is a placeholder someone forgot to replace.
 */
function findPlaceholders(redirs: GoNode[], source: string): Placeholder[] {
  const found: Placeholder[] = [];
  const bytes = Buffer.from(source);
  for (let i = 0; i + 1 < redirs.length; i++) {
    const input = redirs[i];
    const output = redirs[i + 1];
    const parts = present(input.Word) ? items(input.Word.Parts) : [];
    const last = parts.at(-1);
    if (!last || typeName(last) !== 'Lit') continue;
    const start = offsetOf(input.OpPos);
    const wordEnd = offsetOf(last.ValueEnd);
    if (bytes[start] !== 0x3c || offsetOf(output.OpPos) !== wordEnd || bytes[wordEnd] !== 0x3e) continue;
    found.push({
      text: bytes.subarray(start, wordEnd + 1).toString(),
      line: lineOf(input.OpPos),
      column: columnOf(input.OpPos),
    });
  }
  return found;
}

/** `ssh [options] host command...` -> the host, the remote command line and the index of its first word. */
function sshRemoteCommand(words: string[]): { host: string; command: string; commandIndex: number } | undefined {
  if (words[0] !== 'ssh') return undefined;
  let i = 1;
  while (i < words.length && words[i].startsWith('-')) {
    i += SSH_OPTIONS_WITH_VALUE.has(words[i]) ? 2 : 1;
  }
  const host = words[i];
  const rest = words.slice(i + 1);
  return host && rest.length > 0 ? { host, command: rest.join(' '), commandIndex: i + 1 } : undefined;
}

type RemotePart = NonNullable<ShellCall['remote']>['parts'][number];

/**
 * The command line ssh sends, as the local shell leaves it: quotes and
 * escapes removed, words joined by one space (as ssh joins them), and each
 * `$NAME` the local shell expands kept apart, so a caller can put a value
 * in. `$'...'`, `$(...)`, `${NAME:-x}` and the like stay unexpanded text.
 */
function remoteParts(words: GoNode[]): RemotePart[] {
  const parts: RemotePart[] = [];
  const text = (value: string) => {
    const last = parts.at(-1);
    if (last && 'text' in last) last.text += value;
    else if (value !== '') parts.push({ text: value });
  };
  const visit = (part: GoNode, quoted: boolean): void => {
    const type = typeName(part);
    if (type === 'Lit') text(unescape(part.Value as string, quoted));
    else if (type === 'SglQuoted' && !part.Dollar) text(part.Value as string);
    else if (type === 'DblQuoted' && !part.Dollar) for (const inner of items(part.Parts)) visit(inner, true);
    else if (type === 'ParamExp' && simpleExpansion(part)) parts.push({ variable: part.Param.Value as string });
    else parts.push({ unexpanded: unexpandedText(part) });
  };
  words.forEach((word, i) => {
    if (i > 0) text(' ');
    for (const part of items(word.Parts)) visit(part, false);
  });
  return parts;
}

/** How a part the caller cannot expand is named in its messages. */
function unexpandedText(part: GoNode): string {
  switch (typeName(part)) {
    case 'ParamExp':
      return `\${${present(part.Param) ? (part.Param.Value as string) : ''}…}`;
    case 'SglQuoted':
      return `$'${part.Value as string}'`;
    case 'DblQuoted':
      return `$"…"`;
    case 'CmdSubst':
      return '$(…)';
    default:
      return typeName(part);
  }
}

/** `$NAME` or `${NAME}`: no default, length, slice, replacement or index. */
function simpleExpansion(part: GoNode): boolean {
  // Index is an interface: a nil one is an object of no type.
  const indexed = present(part.Index) && typeName(part.Index) !== '';
  return (
    present(part.Param) && VARIABLE_NAME.test(part.Param.Value as string) && !present(part.Exp) &&
    !present(part.Slice) && !present(part.Repl) && !indexed && !part.Length && !part.Excl && !part.Width && !part.Names
  );
}

/** Backslashes the shell removes: any escaped character outside quotes; `$`, `` ` ``, `"`, `\` and newline inside double quotes. */
function unescape(literal: string, quoted: boolean): string {
  return literal.replace(/\\([\s\S])/g, (escaped, char: string) => {
    if (char === '\n') return '';
    if (!quoted || '$`"\\'.includes(char)) return char;
    return escaped;
  });
}

/** The text of a shell word with quotes removed; expansions kept as written. */
function wordText(word: GoNode): string {
  return items(word.Parts).map(partText).join('');
}

function partText(part: GoNode): string {
  switch (typeName(part)) {
    case 'Lit':
    case 'SglQuoted':
      return part.Value as string;
    case 'DblQuoted':
      return items(part.Parts).map(partText).join('');
    case 'ParamExp':
      return `$${present(part.Param) ? part.Param.Value : ''}`;
    case 'CmdSubst':
      return '$(...)';
    default:
      return '';
  }
}
