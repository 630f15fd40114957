/**
 * Matching a log line a guide shows (or a pattern it greps for) against the
 * format strings the driver logs. Formats become linear-time re2js patterns
 * with each printf verb as a wildcard; user patterns run only through re2js.
 */
import { RE2JS } from 're2js';
import { MAX_PATTERN_LENGTH } from '../plan/safe-regex';
import type { Located, LogCall } from './go-source';

const VERB = /%[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?([a-zA-Z%])/g;
/** A klog header: `I0218 10:15:02.123456       1 file.go:123] `. */
const KLOG_HEADER = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [^\]\s]+:\d+\] /;

export interface CompiledFormat {
  call: Located<LogCall>;
  regex: RE2JS;
  /** The format without its verbs: what edit distance compares. */
  literal: string;
  /**
   * False for a format of verbs and punctuation only (`%s`, `%s: %w`, as
   * error wrappers write them): it matches any line, so it vouches for none.
   */
  hasText: boolean;
}

/**
 * A format whose pattern is compiled on first use. A guide's log line is
 * tried against a thousand formats; the text before the first verb and
 * after the last one must start and end the line (the pattern is anchored),
 * which rules out nearly all of them without compiling or running a regex.
 */
class LazyFormat implements CompiledFormat {
  readonly literal: string;
  readonly hasText: boolean;
  private readonly head: string;
  private readonly tail: string;
  private compiled?: RE2JS;

  constructor(readonly call: Located<LogCall>) {
    this.literal = literalOf(call.format);
    this.hasText = /\p{L}/u.test(this.literal);
    const parts = literalParts(call.format);
    this.head = parts[0];
    this.tail = parts.length > 1 ? parts[parts.length - 1] : '';
  }

  get regex(): RE2JS {
    this.compiled ??= RE2JS.compile(`^${formatPattern(this.call.format)}$`, RE2JS.DOTALL);
    return this.compiled;
  }

  /** Whether the whole text matches the format. */
  matches(text: string): boolean {
    if (text.length < this.head.length + this.tail.length) return false;
    if (!text.startsWith(this.head) || !text.endsWith(this.tail)) return false;
    return this.regex.matches(text);
  }
}

const cache = new WeakMap<object, LazyFormat[]>();

/** Compiled once per list of formats (one list per source model and run). */
export function compileFormats(calls: Located<LogCall>[]): CompiledFormat[] {
  let compiled = cache.get(calls);
  if (!compiled) {
    compiled = calls.map((call) => new LazyFormat(call));
    cache.set(calls, compiled);
  }
  return compiled;
}

/** The literal text between the wildcard verbs of a format (`%%` is a literal `%`). */
function literalParts(format: string): string[] {
  const parts: string[] = [];
  let current = '';
  let last = 0;
  for (const m of format.matchAll(VERB)) {
    current += format.slice(last, m.index);
    if (m[1] === '%') current += '%';
    else {
      parts.push(current);
      current = '';
    }
    last = m.index + m[0].length;
  }
  parts.push(current + format.slice(last));
  return parts;
}

function formatPattern(format: string): string {
  let out = '';
  let last = 0;
  for (const m of format.matchAll(VERB)) {
    out += RE2JS.quote(format.slice(last, m.index)) + (m[1] === '%' ? '%' : '.*');
    last = m.index + m[0].length;
  }
  return out + RE2JS.quote(format.slice(last));
}

export function literalOf(format: string): string {
  return format.replace(VERB, (verb, letter: string) => (letter === '%' ? '%' : ''));
}

/** The message of a shown log line: the klog header removed. */
export function messageOf(line: string): string {
  return line.replace(KLOG_HEADER, '').trim();
}

/**
 * The format a message matches, or undefined. A structured line
 * (`"msg" key="value" key2=3`) matches a structured call with that message
 * whose keys include the line's keys.
 */
export function matchMessage(message: string, formats: CompiledFormat[]): CompiledFormat | undefined {
  const structured = /^"((?:[^"\\]|\\.)*)"((?:\s+[\w.-]+=(?:"(?:[^"\\]|\\.)*"|\S*))*)\s*$/.exec(message);
  if (structured) {
    const text = structured[1].replace(/\\(.)/g, '$1');
    const keys = [...structured[2].matchAll(/([\w.-]+)=/g)].map((m) => m[1]);
    const hit = formats.find((f) => f.hasText && f.call.keys && matches(f, text) && keys.every((k) => f.call.keys!.includes(k)));
    if (hit) return hit;
  }
  return formats.find((f) => f.hasText && matches(f, message));
}

function matches(format: CompiledFormat, text: string): boolean {
  return format instanceof LazyFormat ? format.matches(text) : format.regex.matches(text);
}

/** The format whose literal text is closest to `text` by edit distance. */
export function nearestFormat(text: string, formats: CompiledFormat[]): CompiledFormat | undefined {
  let best: CompiledFormat | undefined;
  let bestDistance = Infinity;
  const a = text.slice(0, 300);
  for (const f of formats) {
    if (!f.hasText) continue;
    const b = f.literal.slice(0, 300);
    // Lengths alone bound the distance from below: skip what cannot win.
    if (Math.abs(a.length - b.length) >= bestDistance) continue;
    const d = editDistance(a, b, bestDistance);
    if (d < bestDistance) {
      bestDistance = d;
      best = f;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once every entry of a row reaches it. */
function editDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return previous[b.length];
}

export interface GrepPattern {
  pattern: string;
  ignoreCase: boolean;
  mode: 'basic' | 'extended' | 'fixed';
}

/** The pattern of a `grep` call's words, or undefined when there is none to check. */
export function grepPattern(words: string[]): GrepPattern | undefined {
  let ignoreCase = false;
  let mode: GrepPattern['mode'] = 'basic';
  const patterns: string[] = [];
  const operands: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === '--') { operands.push(...words.slice(i + 1)); break; }
    if (w === '-e' || w === '--regexp') { if (words[i + 1] !== undefined) patterns.push(words[++i]); continue; }
    if (w.startsWith('--regexp=')) { patterns.push(w.slice(9)); continue; }
    if (w === '--ignore-case') ignoreCase = true;
    else if (w === '--extended-regexp') mode = 'extended';
    else if (w === '--fixed-strings') mode = 'fixed';
    else if (/^-[A-Za-z]+$/.test(w)) {
      for (const flag of w.slice(1)) {
        if (flag === 'i') ignoreCase = true;
        else if (flag === 'E') mode = 'extended';
        else if (flag === 'F') mode = 'fixed';
        else if (flag === 'G') mode = 'basic';
      }
    } else if (w.startsWith('--')) continue;
    else operands.push(w);
  }
  const pattern = patterns[0] ?? operands[0];
  return pattern === undefined ? undefined : { pattern, ignoreCase, mode };
}

/** A grep pattern as an re2js regex, or why it cannot be run. */
export function compileGrep(grep: GrepPattern): { regex: RE2JS } | { problem: string } {
  if (grep.pattern.length > MAX_PATTERN_LENGTH) return { problem: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  const source = grep.mode === 'fixed' ? RE2JS.quote(grep.pattern) : grep.mode === 'basic' ? basicToExtended(grep.pattern) : grep.pattern;
  try {
    return { regex: RE2JS.compile(source, grep.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) };
  } catch (error) {
    return { problem: String((error as Error)?.message ?? error) };
  }
}

/** GNU basic syntax: `\|` `\+` `\?` `\(` `\)` `\{` `\}` are operators; bare `| + ? ( ) { }` are literal. */
function basicToExtended(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i];
      out += '|+?(){}'.includes(next) ? next : `\\${next}`;
    } else if ('|+?(){}'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}
