/**
 * The parse watchdog. Some markdown makes a parser quadratic (tables of
 * thousands of rows, paragraphs of thousands of emphasis markers,
 * containers nested hundreds deep), and no linear pre-scan knows every such
 * shape. So the command line gives each parse a time budget that grows with
 * the file's size, and runs the parse under it: V8 stops a parse that runs
 * over (node:vm's timeout, which interrupts any JavaScript, regular
 * expressions included). The file is then reported once, as `valid-input`,
 * and the check goes on with the other files in the same process.
 *
 * Without a budget (the site build, the editor bridge, the engine called
 * directly) a parse simply runs.
 */
import { Script } from 'node:vm';
import { noteUncacheable } from '../cache/track';
import type { Hazard } from '../text';
import { trace } from './trace';

export const TIMEOUT_ENV = 'DOCS_CHECK_PARSE_TIMEOUT';
/** Seconds per parse, plus as much again per MiB of the file: a normal guide parses in well under a second. */
const DEFAULT_TIMEOUT_SECONDS = 20;
/** The shortest timeout taken: budgets are rounded to tenths of a second. */
const MIN_TIMEOUT_SECONDS = 0.1;
/** Past this many stalled files the input is hostile as a whole; stop trying. */
export const MAX_STALLED = 10;

/** Seconds a file of `bytes` may take to parse. */
export function parseBudget(timeoutSeconds: number, bytes: number): number {
  return Math.round(timeoutSeconds * (1 + bytes / (1024 * 1024)) * 10) / 10;
}

/** The seconds DOCS_CHECK_PARSE_TIMEOUT gives, or why it cannot be used. */
export function timeoutOf(env: Record<string, string | undefined>): number | { problem: string } {
  const value = env[TIMEOUT_ENV];
  if (value === undefined || value === '') return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    return { problem: `${TIMEOUT_ENV}: \`${value}\` is not a number of seconds; expected a positive number such as 20` };
  }
  // Budgets are kept to a tenth of a second; less would stop every parse and report "more than 0 s".
  if (seconds < MIN_TIMEOUT_SECONDS) {
    return { problem: `${TIMEOUT_ENV}: \`${value}\` seconds is too short to parse any file; expected at least ${MIN_TIMEOUT_SECONDS}, such as 20` };
  }
  return seconds;
}

/** A parse stopped over its budget; the file is reported by `stallFinding`. */
export class ParseStalled extends Error {
  override name = 'ParseStalled';
}

/** More than MAX_STALLED files stalled: the run stops (exit status 2). */
export class TooManyStalls extends Error {
  override name = 'TooManyStalls';
  constructor() {
    super(`more than ${MAX_STALLED} files stalled the markdown parser; stopped`);
  }
}

let timeoutSeconds: number | undefined;
/** Repository-relative file -> the seconds its parse was given before it was stopped, in the order stopped. */
const stalled = new Map<string, number>();
/** Set while a budgeted parse runs: a parse inside it shares its budget. */
let running = false;

/** Turns the watchdog on for this process, with `seconds` per parse (see parseBudget). */
export function enableParseBudget(seconds: number): void {
  timeoutSeconds = seconds;
  trace('watchdog: started');
}

const PARSE_KEY = 'docs-check.budgeted-parse';
const PARSE = Symbol.for(PARSE_KEY);
// One compiled call: the timeout of runInThisContext covers whatever the called function runs.
let call: Script | undefined;

/**
 * Runs `parse` of `file` (whose content is `text`) within its budget, when
 * the watchdog is on. Throws ParseStalled when it runs over, and
 * TooManyStalls once more than MAX_STALLED files have.
 */
export function withinBudget<T>(channel: string, file: string, text: string, parse: () => T): T {
  trace(`parse markdown (${channel}): ${file}`);
  if (timeoutSeconds === undefined || running) return parse();
  const seconds = parseBudget(timeoutSeconds, Buffer.byteLength(text));
  call ??= new Script(`globalThis[Symbol.for('${PARSE_KEY}')]()`, { filename: 'docs-check parse budget' });
  const global = globalThis as unknown as Record<symbol, unknown>;
  global[PARSE] = parse;
  running = true;
  try {
    return call.runInThisContext({ timeout: Math.round(seconds * 1000), displayErrors: false }) as T;
  } catch (error) {
    if ((error as { code?: string })?.code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
    stalled.set(file, seconds);
    trace(`watchdog: stopped the parse of ${file}`);
    if (stalled.size > MAX_STALLED) throw new TooManyStalls();
    throw new ParseStalled(`parsing \`${file}\` took more than ${seconds} s`);
  } finally {
    running = false;
    delete global[PARSE];
  }
}

/** The files whose parse was stopped, with the seconds each was given, in the order stopped. */
export function stalledFiles(): ReadonlyMap<string, number> {
  return stalled;
}

/** A stall that ends the run is passed on; any other error is the caller's. */
export function rethrowIfFatal(error: unknown): void {
  if (error instanceof TooManyStalls) throw error;
}

/** The finding for a file whose parse was stopped, if it was. */
export function stallFinding(file: string): Hazard | undefined {
  const seconds = stalled.get(file);
  if (seconds === undefined) return undefined;
  return {
    message:
      `Parsing this file took more than ${seconds} s, so it was stopped and the file was not checked ` +
      '(expected markdown the parser reads in linear time: very large tables or paragraphs, or containers nested hundreds deep, are not)',
    point: { line: 1, column: 1 },
  };
}

/**
 * For a reader about to build on `file`'s parse: its stall finding, if the
 * watchdog stopped it, noted as a result the cache must not keep (how long
 * a parse may take depends on the machine, not on the file).
 */
export function stoppedParse(file: string): Hazard | undefined {
  const stalled = stallFinding(file);
  if (stalled) noteUncacheable(`the parse of \`${file}\` was stopped`);
  return stalled;
}
