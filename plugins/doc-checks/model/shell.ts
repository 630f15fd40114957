/**
 * Shell commands in the guides are parsed with mvdan/sh (the parser behind
 * shfmt), so rules see real simple commands: quoting, pipes, loops,
 * command substitutions and heredocs are understood, not pattern-matched.
 */
import type { Code } from 'mdast';
import { syntax, type ShNode } from 'mvdan-sh';
import type { Command, ShellCall } from '../types';

export const SHELL_LANGS: ReadonlySet<string> = new Set(['bash', 'sh', 'shell', 'zsh']);

/** `ssh` options that take a value, so the host is found after them. */
const SSH_OPTIONS_WITH_VALUE = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split('').map((c) => `-${c}`));
/** How deep `ssh host 'ssh other cmd'` is unwrapped. */
const MAX_NESTING = 3;

const parser = syntax.NewParser();

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
  syntax.Walk(file, (node) => {
    if (node && syntax.NodeType(node) === 'Stmt') placeholders.push(...findPlaceholders(node, source));
    if (node && syntax.NodeType(node) === 'CallExpr' && node.Args.length > 0) {
      const words = (node.Args as ShNode[]).map(wordText);
      const line = node.Pos().Line();
      calls.push({ words, line, ...(via ? { via } : {}) });
      const remote = depth < MAX_NESTING ? sshRemoteCommand(words) : undefined;
      if (remote) {
        const inner = parseShell(remote.command, remote.host, depth + 1);
        // The remote command is one argument: its calls sit on the ssh line.
        if ('calls' in inner) for (const c of inner.calls) calls.push({ ...c, line });
      }
    }
    return true;
  });
  return { calls, placeholders };
}

type Placeholder = NonNullable<Command['placeholders']>[number];

/**
 * `kubectl get pod <pod-name> -o wide` parses, but as two redirections:
 * `< pod-name` and `> -o`. A `<` redirection whose word is followed at once
 * by `>` is a placeholder someone forgot to replace.
 */
function findPlaceholders(stmt: ShNode, source: string): Placeholder[] {
  const found: Placeholder[] = [];
  const redirs = (stmt.Redirs ?? []) as ShNode[];
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
  return (word.Parts as ShNode[]).map(partText).join('');
}

function partText(part: ShNode): string {
  switch (syntax.NodeType(part)) {
    case 'Lit':
    case 'SglQuoted':
      return part.Value as string;
    case 'DblQuoted':
      return (part.Parts as ShNode[]).map(partText).join('');
    case 'ParamExp':
      return `$${part.Param?.Value ?? ''}`;
    case 'CmdSubst':
      return '$(...)';
    default:
      return '';
  }
}
