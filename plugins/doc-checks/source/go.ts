/**
 * A small index of the top-level declarations of a Go file: functions,
 * methods, types, variables and constants with their 1-based lines. Code
 * links such as `connection_manager.go#attemptReconnection` are resolved
 * against it.
 *
 * It is a tokenizer plus a declaration scanner, not a Go parser: it only
 * needs to know where top-level declarations start. Comments, strings, raw
 * strings and runes are skipped so that `func` inside them is never taken for
 * a declaration. Semicolons are inserted at line ends by Go's own rule, so a
 * grouped `var (...)` splits into specs exactly as the compiler sees it.
 * Every loop consumes input, so any text (binary, truncated, hostile) is
 * indexed in linear time without throwing.
 */
import type { GoDeclaration } from '../types';

type TokenKind = 'ident' | 'literal' | 'punct' | 'semicolon';

interface Token {
  kind: TokenKind;
  value: string;
  line: number;
}

/** Keywords after which Go inserts a semicolon at the end of a line. */
const SEMICOLON_KEYWORDS = new Set(['break', 'continue', 'fallthrough', 'return']);
const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

export function indexGoSource(text: string): GoDeclaration[] {
  try {
    return new DeclarationScanner(tokenize(String(text))).scan();
  } catch {
    // Nothing above is expected to throw; an index must never break a build.
    return [];
  }
}

// ---------------------------------------------------------------------------
// Tokenizer

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;

  /** Go's automatic semicolon: after a line-ending token that can end a statement. */
  const endOfLine = () => {
    const last = tokens[tokens.length - 1];
    if (last && endsStatement(last)) tokens.push({ kind: 'semicolon', value: '\n', line });
  };

  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      endOfLine();
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      let newlines = 0;
      for (let j = i; j < stop; j++) if (text.charCodeAt(j) === 10) newlines++;
      // A comment spanning lines acts like a newline.
      if (newlines > 0) endOfLine();
      line += newlines;
      i = stop;
    } else if (c === '`') {
      const start = line;
      let j = i + 1;
      while (j < n && text[j] !== '`') {
        if (text.charCodeAt(j) === 10) line++;
        j++;
      }
      tokens.push({ kind: 'literal', value: '`', line: start });
      i = j + 1;
    } else if (c === '"' || c === "'") {
      // Interpreted strings and runes end at their quote or, when broken, at the line end.
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' && text[j + 1] !== '\n' ? 2 : 1;
      tokens.push({ kind: 'literal', value: c, line });
      i = j < n && text[j] === c ? j + 1 : j;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text[j])) j++;
      tokens.push({ kind: 'ident', value: text.slice(i, j), line });
      i = j;
    } else if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && (isIdentPart(text[j]) || text[j] === '.')) j++;
      tokens.push({ kind: 'literal', value: text.slice(i, j), line });
      i = j;
    } else if ((c === '+' || c === '-') && text[i + 1] === c) {
      tokens.push({ kind: 'punct', value: c + c, line });
      i += 2;
    } else {
      // Any other character (operators, stray bytes) is a one-character token.
      tokens.push({ kind: 'punct', value: c, line });
      i++;
    }
  }
  endOfLine();
  return tokens;
}

function endsStatement(token: Token): boolean {
  if (token.kind === 'literal') return true;
  if (token.kind === 'ident') return !isKeyword(token.value) || SEMICOLON_KEYWORDS.has(token.value);
  if (token.kind === 'punct') return CLOSERS.has(token.value) || token.value === '++' || token.value === '--';
  return false;
}

const KEYWORDS = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for',
  'func', 'go', 'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select',
  'struct', 'switch', 'type', 'var',
]);

function isKeyword(word: string): boolean {
  return KEYWORDS.has(word);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdentStart(c: string): boolean {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_') return true;
  return c > '\u007f' && /\p{L}/u.test(c);
}

function isIdentPart(c: string): boolean {
  if (isIdentStart(c) || isDigit(c)) return true;
  return c > '\u007f' && /\p{Nd}/u.test(c);
}

// ---------------------------------------------------------------------------
// Declaration scanner

class DeclarationScanner {
  private index = 0;
  private readonly found: GoDeclaration[] = [];

  constructor(private readonly tokens: Token[]) {}

  scan(): GoDeclaration[] {
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index];
      if (token.kind === 'ident' && token.value === 'func') this.func();
      else if (token.kind === 'ident' && token.value === 'type') this.specs('type');
      else if (token.kind === 'ident' && (token.value === 'var' || token.value === 'const')) {
        this.specs(token.value);
      }
      // Whatever a top-level statement was, continue after its end.
      this.skipStatement();
    }
    return this.found;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  /** `func Name`, `func Name[T any]`, `func (r *T) Name`, `func (r T[K]) Name`. */
  private func(): void {
    this.index++; // func
    const next = this.peek();
    if (next?.kind === 'ident') {
      this.add(next.value, next.value, 'func', next.line);
      this.index++;
      return;
    }
    if (next?.value !== '(') return;
    const receiver = this.receiverType();
    const name = this.peek();
    if (receiver && name?.kind === 'ident') {
      this.add(name.value, `${receiver}.${name.value}`, 'method', name.line);
      this.index++;
    }
  }

  /** Consumes `( ... )` and returns the receiver's type name: its last identifier outside `[...]`. */
  private receiverType(): string | undefined {
    let depth = 0;
    let brackets = 0;
    let typeName: string | undefined;
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index++];
      if (token.value === '(') depth++;
      else if (token.value === ')') {
        if (--depth === 0) return typeName;
      } else if (token.value === '[') brackets++;
      else if (token.value === ']') brackets = Math.max(0, brackets - 1);
      else if (token.kind === 'ident' && brackets === 0 && depth === 1) typeName = token.value;
      else if (token.kind === 'semicolon' || token.value === '{') {
        // Not a receiver after all: leave the token for the statement skipper.
        this.index--;
        return undefined;
      }
    }
    return undefined;
  }

  /** A single spec (`type T ...`) or a group (`var ( ... )`). */
  private specs(keyword: 'type' | 'var' | 'const'): void {
    this.index++; // the keyword
    if (this.peek()?.value !== '(') {
      this.spec(keyword);
      return;
    }
    this.index++; // (
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index];
      if (token.value === ')') {
        this.index++;
        return;
      }
      if (token.kind === 'semicolon' || token.value === ';') {
        this.index++;
        continue;
      }
      const before = this.index;
      this.spec(keyword);
      this.skipSpec();
      if (this.index === before) this.index++;
    }
  }

  /** Records the names a spec declares: one for types, a comma list for var/const. */
  private spec(keyword: 'type' | 'var' | 'const'): void {
    const kind = keyword;
    for (;;) {
      const name = this.peek();
      if (name?.kind !== 'ident' || isKeyword(name.value)) return;
      this.add(name.value, name.value, kind, name.line);
      this.index++;
      if (keyword === 'type' || this.peek()?.value !== ',') return;
      this.index++; // ,
    }
  }

  /** Skips to the end of a spec inside a group: a semicolon or the group's `)`, at this depth. */
  private skipSpec(): void {
    let depth = 0;
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index];
      if (depth === 0 && (token.kind === 'semicolon' || token.value === ';' || token.value === ')')) return;
      if (OPENERS.has(token.value)) depth++;
      else if (CLOSERS.has(token.value)) depth = Math.max(0, depth - 1);
      this.index++;
    }
  }

  /** Skips past the end of a top-level statement: a semicolon outside any brackets. */
  private skipStatement(): void {
    let depth = 0;
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index++];
      if (OPENERS.has(token.value)) depth++;
      else if (CLOSERS.has(token.value)) depth = Math.max(0, depth - 1);
      else if (depth === 0 && (token.kind === 'semicolon' || token.value === ';')) return;
    }
  }

  private add(name: string, qualifiedName: string, kind: GoDeclaration['kind'], line: number): void {
    if (name === '_') return;
    this.found.push({ name, qualifiedName, kind, line });
  }
}

/** The declaration a link fragment names: `Type.Method` exactly, else the first of that name. */
export function findDeclaration(declarations: GoDeclaration[], symbol: string): GoDeclaration | undefined {
  return declarations.find((d) => d.qualifiedName === symbol) ?? declarations.find((d) => d.name === symbol);
}

/**
 * The source text of the declaration a fragment names, for pinning what a
 * review saw: from its line to the line before the next top-level
 * declaration, without the blank and comment lines in between (the next
 * declaration's doc comment). `Type.Field` names a struct field, which lives
 * in its type's declaration. The only place that turns declaration lines into
 * spans, so a full Go parser can replace it alone.
 */
export function declarationSource(
  file: { text: string; declarations: GoDeclaration[] },
  symbol: string,
): { declaration: GoDeclaration; startLine: number; endLine: number; text: string } | undefined {
  const declaration =
    findDeclaration(file.declarations, symbol) ??
    (symbol.includes('.') ? findDeclaration(file.declarations, symbol.slice(0, symbol.indexOf('.'))) : undefined);
  if (!declaration) return undefined;
  const lines = file.text.split('\n');
  const next = file.declarations.reduce((n, d) => (d.line > declaration.line && d.line < n ? d.line : n), lines.length + 1);
  let endLine = next - 1;
  while (endLine > declaration.line && /^\s*(\/\/.*)?$/.test(lines[endLine - 1] ?? '')) endLine--;
  return { declaration, startLine: declaration.line, endLine, text: lines.slice(declaration.line - 1, endLine).join('\n') };
}
