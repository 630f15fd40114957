/**
 * Shell commands in the guides are parsed with mvdan/sh (the parser behind
 * shfmt), so rules see real simple commands: quoting, pipes, loops,
 * command substitutions and heredocs are understood, not pattern-matched.
 */
import type { Code } from 'mdast';
import mvdan, { type ShNode } from 'mvdan-sh';
import type { Command, ShellCall } from '../types';

export const SHELL_LANGS: ReadonlySet<string> = new Set(['bash', 'sh', 'shell', 'zsh']);

/** `ssh` options that take a value, so the host is found after them. */
const SSH_OPTIONS_WITH_VALUE = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split('').map((c) => `-${c}`));
/** How deep `ssh host 'ssh other cmd'` is unwrapped. */
const MAX_NESTING = 3;

const { syntax } = mvdan;
const parser = syntax.NewParser();

/**
 * mvdan-sh's NodeType formats the Go type name on every call, which
 * dominated the cost of a check; node types are cached per constructor.
 */
const typeNames = new Map<unknown, string>();
function nodeType(node: ShNode): string {
  const key = (node as { constructor?: unknown }).constructor;
  let name = typeNames.get(key);
  if (name === undefined) {
    name = syntax.NodeType(node);
    if (key !== Object) typeNames.set(key, name);
  }
  return name;
}

export function isShellBlock(code: Code): boolean {
  return SHELL_LANGS.has((code.lang ?? '').toLowerCase());
}

export function parseCommand(code: Code): Command {
  const command: Command = { node: code, lang: code.lang ?? '', text: code.value, calls: [] };
  const parsed = parseShell(code.value, undefined, 0);
  if ('error' in parsed) command.syntaxError = parsed.error;
  else {
    command.calls = parsed.calls;
    if (parsed.placeholders.length > 0) command.placeholders = parsed.placeholders;
  }
  return command;
}

type Parsed = { calls: ShellCall[]; placeholders: Placeholder[] } | { error: NonNullable<Command['syntaxError']> };

function parseShell(source: string, via: string | undefined, depth: number): Parsed {
  let file: ShNode;
  try {
    file = parser.Parse(source, 'block');
  } catch (raw) {
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
  forEachStatement(file.Stmts as ShNode[], {
    redirects(redirs) {
      placeholders.push(...findPlaceholders(redirs, source));
    },
    call(cmd, args) {
      const words = args.map(wordText);
      const line = cmd.Pos().Line();
      calls.push({ words, line, ...(via ? { via } : {}) });
      const remote = depth < MAX_NESTING ? sshRemoteCommand(words) : undefined;
      if (remote) {
        const inner = parseShell(remote.command, remote.host, depth + 1);
        // The remote command is one argument: its calls sit on the ssh line.
        if ('calls' in inner) for (const c of inner.calls) calls.push({ ...c, line });
      }
    },
  });
  return { calls, placeholders };
}

interface Visitor {
  redirects(redirs: ShNode[]): void;
  call(cmd: ShNode, args: ShNode[]): void;
}

/**
 * Visits every statement, nested ones included (pipelines, lists, loops,
 * conditionals, functions, command substitutions). Each property of a
 * mvdan-sh node is read once: every read converts Go values to JavaScript
 * again, which dominated the cost of a check.
 */
function forEachStatement(stmts: ShNode[] | null | undefined, visit: Visitor): void {
  for (const stmt of stmts ?? []) {
    const redirs = (stmt.Redirs ?? []) as ShNode[];
    if (redirs.length > 0) {
      visit.redirects(redirs);
      for (const redirect of redirs) wordStatements(redirect.Word, visit);
    }
    const cmd = stmt.Cmd as ShNode | null;
    if (cmd) commandStatements(cmd, visit);
  }
}

function commandStatements(cmd: ShNode, visit: Visitor): void {
  const nested = (stmts: unknown) => forEachStatement(stmts as ShNode[], visit);
  switch (nodeType(cmd)) {
    case 'CallExpr': {
      const args = (cmd.Args ?? []) as ShNode[];
      for (const assign of (cmd.Assigns ?? []) as ShNode[]) wordStatements(assign.Value, visit);
      if (args.length === 0) return;
      visit.call(cmd, args);
      for (const word of args) wordStatements(word, visit);
      return;
    }
    case 'BinaryCmd':
      return nested([cmd.X, cmd.Y]);
    case 'Block':
    case 'Subshell':
      return nested(cmd.Stmts);
    case 'IfClause':
      for (let clause: ShNode | null = cmd; clause; clause = clause.Else) {
        nested(clause.Cond);
        nested(clause.Then);
      }
      return;
    case 'WhileClause':
      nested(cmd.Cond);
      return nested(cmd.Do);
    case 'ForClause':
      return nested(cmd.Do);
    case 'CaseClause':
      for (const item of (cmd.Items ?? []) as ShNode[]) nested(item.Stmts);
      return;
    case 'FuncDecl':
      return nested([cmd.Body]);
    case 'CoprocClause':
    case 'TimeClause':
      return nested(cmd.Stmt ? [cmd.Stmt] : []);
    case 'DeclClause':
      for (const assign of (cmd.Args ?? []) as ShNode[]) wordStatements(assign.Value, visit);
      return;
    default:
      return;
  }
}

/** Statements inside a word: `$(...)`, backquotes, `<(...)`, also within double quotes. */
function wordStatements(word: ShNode | null | undefined, visit: Visitor): void {
  if (!word) return;
  for (const part of partsOf(word)) {
    const type = nodeType(part);
    if (type === 'CmdSubst' || type === 'ProcSubst') forEachStatement(part.Stmts, visit);
    else if (type === 'DblQuoted') wordStatements(part, visit);
  }
}

type Placeholder = NonNullable<Command['placeholders']>[number];

/**
 * `kubectl get pod <pod-name> -o wide` parses, but as two redirections:
 * `< pod-name` and `> -o`. A `<` redirection whose word is followed at once
 * by `>` is a placeholder someone forgot to replace.
 */
function findPlaceholders(redirs: ShNode[], source: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (let i = 0; i + 1 < redirs.length; i++) {
    const input = redirs[i];
    const output = redirs[i + 1];
    const start = input.OpPos.Offset();
    const wordEnd = input.Word?.End().Offset();
    if (source[start] !== '<' || wordEnd === undefined || output.OpPos.Offset() !== wordEnd || source[wordEnd] !== '>') continue;
    found.push({ text: source.slice(start, wordEnd + 1), line: input.OpPos.Line(), column: input.OpPos.Col() });
  }
  return found;
}

/** `ssh [options] host command...` -> the host and the remote command line. */
function sshRemoteCommand(words: string[]): { host: string; command: string } | undefined {
  if (words[0] !== 'ssh') return undefined;
  let i = 1;
  while (i < words.length && words[i].startsWith('-')) {
    i += SSH_OPTIONS_WITH_VALUE.has(words[i]) ? 2 : 1;
  }
  const host = words[i];
  const rest = words.slice(i + 1);
  return host && rest.length > 0 ? { host, command: rest.join(' ') } : undefined;
}

/** The text of a shell word with quotes removed; expansions kept as written. */
function wordText(word: ShNode): string {
  return partsOf(word).map(partText).join('');
}

/** A word's parts, read once per word (see forEachStatement). */
const wordParts = new WeakMap<ShNode, ShNode[]>();
function partsOf(word: ShNode): ShNode[] {
  let parts = wordParts.get(word);
  if (!parts) {
    parts = (word.Parts ?? []) as ShNode[];
    wordParts.set(word, parts);
  }
  return parts;
}

function partText(part: ShNode): string {
  switch (nodeType(part)) {
    case 'Lit':
    case 'SglQuoted':
      return part.Value as string;
    case 'DblQuoted':
      return partsOf(part).map(partText).join('');
    case 'ParamExp':
      return `$${part.Param?.Value ?? ''}`;
    case 'CmdSubst':
      return '$(...)';
    default:
      return '';
  }
}
