/**
 * Runs a plan's `pattern` (a JavaScript regular expression without flags)
 * in time linear in the input, whatever the pattern is.
 *
 * The pattern is translated to RE2 syntax and run by re2js, a linear-time
 * engine. JavaScript's own engine backtracks, so a pattern such as `(a+)+$`
 * could hang it; it is used here only to check the syntax, never to match.
 * Patterns the linear engine cannot express (backreferences, lookaround) are
 * reported as unrunnable rather than run some other way.
 */
import { RE2JS } from 're2js';

export type PatternRun =
  | { status: 'matched'; index: number; match: string }
  | { status: 'not_matched' }
  | { status: 'unrunnable'; reason: string };

export type CompiledPattern =
  | { ok: true; regex: RE2JS; source: string }
  | { ok: false; status: 'unrunnable'; reason: string };

/** Longer patterns are refused: compilation must stay bounded too. */
export const MAX_PATTERN_LENGTH = 10_000;

/** JavaScript's `\s`: ASCII whitespace plus the Unicode space separators, BOM and line separators. */
const WHITESPACE: [number, number][] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const MAX_CODE_POINT = 0x10ffff;

const hex = (code: number): string => `\\x{${code.toString(16).toUpperCase()}}`;
const rangeText = ([lo, hi]: [number, number]): string => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`);
const WHITESPACE_ITEMS = WHITESPACE.map(rangeText).join('');
const NOT_WHITESPACE_ITEMS = complement(WHITESPACE).map(rangeText).join('');
/** JavaScript's `.` without the `s` flag: anything but a line terminator. */
const DOT = `[^${hex(0x0a)}${hex(0x0d)}${hex(0x2028)}${hex(0x2029)}]`;

function complement(ranges: [number, number][]): [number, number][] {
  const result: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) result.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}

const compiled = new Map<string, CompiledPattern>();

/** Compile once per pattern; the result is cached because plans repeat patterns across pages. */
export function compilePattern(pattern: string): CompiledPattern {
  return cachedIn(compiled, pattern, compileUncached);
}

/** A bounded cache: cleared when it grows past 500 patterns. */
function cachedIn(cache: Map<string, CompiledPattern>, pattern: string, compile: (p: string) => CompiledPattern): CompiledPattern {
  let result = cache.get(pattern);
  if (!result) {
    result = compile(pattern);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, result);
  }
  return result;
}

function compileUncached(pattern: string): CompiledPattern {
  const translated = translateJsPattern(pattern);
  if (!translated.ok) return { ok: false, status: 'unrunnable', reason: translated.reason };
  try {
    return { ok: true, regex: RE2JS.compile(translated.source), source: translated.source };
  } catch (error) {
    return {
      ok: false,
      status: 'unrunnable',
      reason: `the linear-time engine cannot run it (${String((error as Error)?.message ?? error)})`,
    };
  }
}

const compiledRe2 = new Map<string, CompiledPattern>();

/**
 * Compile a pattern written in RE2 syntax already (Go's `regexp`, as
 * `go test -run` and Ginkgo's focus read theirs), cached like the others.
 */
export function compileRe2(pattern: string): CompiledPattern {
  return cachedIn(compiledRe2, pattern, compileRe2Uncached);
}

function compileRe2Uncached(pattern: string): CompiledPattern {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, status: 'unrunnable', reason: `the pattern is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are run` };
  }
  try {
    return { ok: true, regex: RE2JS.compile(pattern), source: pattern };
  } catch (error) {
    return { ok: false, status: 'unrunnable', reason: String((error as Error)?.message ?? error) };
  }
}

/** Search `text` for the first match of `pattern`, in time linear in `text`. */
export function runPattern(pattern: string, text: string): PatternRun {
  const compiledPattern = compilePattern(pattern);
  if (!compiledPattern.ok) return { status: 'unrunnable', reason: compiledPattern.reason };
  const matcher = compiledPattern.regex.matcher(text);
  if (!matcher.find()) return { status: 'not_matched' };
  const index = matcher.start();
  return { status: 'matched', index, match: text.slice(index, matcher.end()) };
}

// ---------------------------------------------------------------------------
// Translation from JavaScript (no flags, Annex B syntax) to RE2 syntax

type Translation = { ok: true; source: string } | { ok: false; reason: string };

class Unrunnable extends Error {}

/**
 * Rewrite a JavaScript pattern in RE2 syntax with the same meaning. Literal
 * characters are written as `\x{...}` so the two syntaxes cannot disagree
 * about them; constructs whose meanings differ (`.`, `\s`, `[]`, `[^]`,
 * legacy octal and identity escapes) are spelled out.
 */
export function translateJsPattern(pattern: string): Translation {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, reason: `the pattern is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are run` };
  }
  try {
    // Syntax check only: constructing a RegExp compiles nothing that runs.
    new RegExp(pattern);
  } catch (error) {
    return { ok: false, reason: `it is not a valid JavaScript regular expression (${(error as Error).message})` };
  }
  try {
    return { ok: true, source: new Translator(pattern).translate() };
  } catch (error) {
    if (error instanceof Unrunnable) return { ok: false, reason: error.message };
    throw error;
  }
}

/** One character class item: a code point range or a class escape already in RE2 syntax. */
type ClassItem = { range: [number, number] } | { escape: string };

class Translator {
  private i = 0;
  private readonly groupCount: number;
  private readonly hasNamedGroups: boolean;

  constructor(private readonly src: string) {
    const groups = countGroups(src);
    this.groupCount = groups.count;
    this.hasNamedGroups = groups.named;
  }

  translate(): string {
    let out = '';
    const src = this.src;
    while (this.i < src.length) {
      const ch = src[this.i];
      if (ch === '\\') {
        out += this.escapeOutsideClass();
      } else if (ch === '[') {
        out += this.characterClass();
      } else if (ch === '(') {
        out += this.groupOpening();
      } else if (ch === '.') {
        out += DOT;
        this.i++;
      } else if (ch === ')' || ch === '|' || ch === '^' || ch === '$' || ch === '*' || ch === '+' || ch === '?') {
        out += ch;
        this.i++;
      } else if (ch === '{') {
        const quantifier = /^\{\d+(,\d*)?\}/.exec(src.slice(this.i, this.i + 40));
        if (quantifier) {
          out += quantifier[0];
          this.i += quantifier[0].length;
        } else {
          out += hex(0x7b);
          this.i++;
        }
      } else {
        const code = this.codePointHere();
        out += hex(code);
      }
    }
    return out;
  }

  /** The code point at the cursor (a surrogate pair counts as one), advancing past it. */
  private codePointHere(): number {
    const code = this.src.codePointAt(this.i) ?? 0;
    this.i += code > 0xffff ? 2 : 1;
    return code;
  }

  private groupOpening(): string {
    const rest = this.src.slice(this.i, this.i + 4);
    if (rest.startsWith('(?=') || rest.startsWith('(?!')) {
      throw new Unrunnable('it uses a lookahead (`(?=` or `(?!`), which the linear-time engine cannot run');
    }
    if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
      throw new Unrunnable('it uses a lookbehind (`(?<=` or `(?<!`), which the linear-time engine cannot run');
    }
    if (rest.startsWith('(?:')) {
      this.i += 3;
      return '(?:';
    }
    if (rest.startsWith('(?<')) {
      // A named group: the name does not matter for a search, only the grouping.
      const close = this.src.indexOf('>', this.i);
      this.i = close + 1;
      return '(';
    }
    if (rest.startsWith('(?')) {
      throw new Unrunnable(`it uses the group syntax \`${rest.slice(0, 3)}\`, which the linear-time engine cannot run`);
    }
    this.i++;
    return '(';
  }

  private escapeOutsideClass(): string {
    const src = this.src;
    const next = src[this.i + 1];
    if (next === undefined) throw new Unrunnable('it ends with a lone backslash');
    switch (next) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 'b':
      case 'B':
        this.i += 2;
        return `\\${next}`;
      case 's':
        this.i += 2;
        return `[${WHITESPACE_ITEMS}]`;
      case 'S':
        this.i += 2;
        return `[${NOT_WHITESPACE_ITEMS}]`;
      case 'k':
        if (this.hasNamedGroups) {
          throw new Unrunnable('it uses a named backreference (`\\k<...>`), which the linear-time engine cannot run');
        }
        this.i += 2;
        return hex(0x6b);
      default:
        if (next >= '1' && next <= '9') {
          const digits = /^\d+/.exec(src.slice(this.i + 1, this.i + 12))?.[0] ?? next;
          const n = Number(digits);
          if (n <= this.groupCount) {
            throw new Unrunnable(`it uses a backreference (\`\\${digits}\`), which the linear-time engine cannot run`);
          }
        }
        return hex(this.characterEscape(false));
    }
  }

  /**
   * A character escape that stands for one code point (after the class
   * escapes have been handled), advancing past it.
   */
  private characterEscape(inClass: boolean): number {
    const src = this.src;
    const next = src[this.i + 1];
    const simple: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, f: 0x0c, v: 0x0b };
    if (next in simple) {
      this.i += 2;
      return simple[next];
    }
    if (inClass && next === 'b') {
      this.i += 2;
      return 0x08;
    }
    if (next === 'c') {
      const letter = src[this.i + 2] ?? '';
      const controlChar = inClass ? /^[A-Za-z0-9_]$/ : /^[A-Za-z]$/;
      if (controlChar.test(letter)) {
        this.i += 3;
        return letter.charCodeAt(0) % 32;
      }
      // Annex B: a `\c` that is not a control escape is a backslash, then `c`.
      this.i += 1;
      return 0x5c;
    }
    if (next === 'x') {
      const digits = /^[0-9A-Fa-f]{2}/.exec(src.slice(this.i + 2, this.i + 4));
      if (digits) {
        this.i += 4;
        return parseInt(digits[0], 16);
      }
    }
    if (next === 'u') {
      const digits = /^[0-9A-Fa-f]{4}/.exec(src.slice(this.i + 2, this.i + 6));
      if (digits) {
        this.i += 6;
        return parseInt(digits[0], 16);
      }
    }
    if (next >= '0' && next <= '7') {
      // `\0` alone is NUL; otherwise a legacy octal escape of up to three digits, at most 0o377.
      const octal = /^[0-7]{1,3}/.exec(src.slice(this.i + 1, this.i + 4))![0];
      const digits = Number.parseInt(octal, 8) > 0o377 ? octal.slice(0, 2) : octal;
      this.i += 1 + digits.length;
      return Number.parseInt(digits, 8);
    }
    // An identity escape: the character itself (`\/`, `\.`, and in this mode also `\a`, `\8`, ...).
    this.i += 1;
    return this.codePointHere();
  }

  private characterClass(): string {
    const src = this.src;
    this.i++;
    let negated = false;
    if (src[this.i] === '^') {
      negated = true;
      this.i++;
    }
    if (src[this.i] === ']') {
      this.i++;
      // `[]` matches nothing and `[^]` matches any character, unlike in RE2.
      return negated ? `[${hex(0)}-${hex(MAX_CODE_POINT)}]` : `[^${hex(0)}-${hex(MAX_CODE_POINT)}]`;
    }
    const items: ClassItem[] = [];
    while (this.i < src.length && src[this.i] !== ']') {
      const first = this.classAtom();
      if (src[this.i] === '-' && src[this.i + 1] !== ']' && this.i + 1 < src.length) {
        const dashAt = this.i;
        this.i++;
        const second = this.classAtom();
        if ('range' in first && 'range' in second) {
          items.push({ range: [first.range[0], second.range[0]] });
        } else {
          // Annex B: a range with a class escape at either end is three separate items.
          items.push(first, { range: [src.charCodeAt(dashAt), src.charCodeAt(dashAt)] }, second);
        }
      } else {
        items.push(first);
      }
    }
    this.i++; // the closing `]`
    const body = items.map((item) => ('range' in item ? rangeText(item.range) : item.escape)).join('');
    return `[${negated ? '^' : ''}${body}]`;
  }

  private classAtom(): ClassItem {
    const src = this.src;
    if (src[this.i] !== '\\') {
      const code = this.codePointHere();
      return { range: [code, code] };
    }
    const next = src[this.i + 1];
    if (next === 'd' || next === 'D' || next === 'w' || next === 'W') {
      this.i += 2;
      return { escape: `\\${next}` };
    }
    if (next === 's' || next === 'S') {
      this.i += 2;
      return { escape: next === 's' ? WHITESPACE_ITEMS : NOT_WHITESPACE_ITEMS };
    }
    const code = this.characterEscape(true);
    return { range: [code, code] };
  }
}

/** Capturing groups, so `\N` can be told apart from a legacy octal escape as JavaScript does. */
function countGroups(src: string): { count: number; named: boolean } {
  let count = 0;
  let named = false;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') {
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      if (src[i + 1] === '^') i++;
      // `[]` and `[^]` close at once; elsewhere a `]` right after `[` would still be inside.
      if (src[i + 1] === ']') i++;
      else inClass = true;
    } else if (ch === '(') {
      if (src[i + 1] !== '?') count++;
      else if (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!') {
        count++;
        named = true;
      }
    }
  }
  return { count, named };
}
