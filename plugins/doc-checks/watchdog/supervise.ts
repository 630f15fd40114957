/**
 * The supervising side of the parse watchdog (see progress.ts). The
 * `docs-check` launcher runs the check in a child process and gives every
 * parse a time budget that grows with the file's size. A parse over budget
 * means the parser went quadratic on that file: the child is stopped and
 * the check runs again with the file named as stalled, so the report still
 * covers every other file and names the stalled one with `valid-input`.
 * This module loads nothing heavy: it only spawns, reads and times.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { PROGRESS_FD_ENV, STALLED_ENV, trace, type ProgressEvent } from './progress';

export const TIMEOUT_ENV = 'DOCS_CHECK_PARSE_TIMEOUT';
/** Seconds per parse, plus as much again per MiB of the file: a normal guide parses in well under a second. */
const DEFAULT_TIMEOUT_SECONDS = 20;
/** The shortest timeout taken: budgets are rounded to tenths of a second. */
const MIN_TIMEOUT_SECONDS = 0.1;
/** Past this many stalled files the input is hostile as a whole; stop trying. */
const MAX_STALLED = 10;

/**
 * A small young generation: short-lived parse objects are collected sooner,
 * which keeps the peak of small sets near markdownlint-cli2's at little
 * cost in time. How far the old generation may grow is set page by page
 * (heap.ts). This only schedules collections: no heap is capped.
 */
export const HEAP_FLAGS = ['--max-semi-space-size=4'];

export interface SuperviseIo {
  stdout: { write(chunk: Uint8Array): unknown };
  stderr: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
}

/** Seconds a file of `bytes` may take to parse. */
export function parseBudget(timeoutSeconds: number, bytes: number): number {
  return Math.round(timeoutSeconds * (1 + bytes / (1024 * 1024)) * 10) / 10;
}

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

/**
 * Runs `node script ...argv` until it finishes without a stalled parse,
 * passes on the report of that run, and returns its exit status.
 */
export async function supervise(script: string, argv: string[], io: SuperviseIo): Promise<number> {
  trace('watchdog: started');
  const timeout = timeoutOf(io.env);
  if (typeof timeout !== 'number') {
    io.stderr.write(`docs-check: ${timeout.problem}\n`);
    return 2;
  }
  const stalled: Record<string, number> = {};
  for (;;) {
    const outcome = await runOnce(script, argv, io, timeout, stalled);
    if ('code' in outcome) {
      io.stdout.write(outcome.report);
      return outcome.code;
    }
    stalled[outcome.file] = outcome.seconds;
    io.stderr.write(`docs-check: parsing \`${outcome.file}\` took more than ${outcome.seconds} s; checking again without it\n`);
    if (Object.keys(stalled).length > MAX_STALLED) {
      io.stderr.write(`docs-check: more than ${MAX_STALLED} files stalled the markdown parser; stopped\n`);
      return 2;
    }
  }
}

type Outcome = { code: number; report: Buffer } | { file: string; seconds: number };

function runOnce(
  script: string,
  argv: string[],
  io: SuperviseIo,
  timeout: number,
  stalled: Record<string, number>,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...HEAP_FLAGS, script, ...argv], {
      // The report is passed on only when the run ends by itself: a run that
      // is stopped, even just after it began to print, leaves nothing behind.
      stdio: ['inherit', 'pipe', 'inherit', 'pipe'],
      env: { ...io.env, [PROGRESS_FD_ENV]: '3', [STALLED_ENV]: JSON.stringify(stalled) },
    });
    // Parses under way, by channel (the engine's thread, markdownlint's worker).
    const running = new Map<string, { file: string; seconds: number; deadline: number }>();
    let stall: { file: string; seconds: number } | undefined;
    const report: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => report.push(chunk));

    const pipe = child.stdio[3];
    if (pipe && 'on' in pipe) {
      createInterface({ input: pipe as NodeJS.ReadableStream }).on('line', (line) => {
        const event = parseEvent(line);
        if (event?.event === 'begin') {
          const seconds = parseBudget(timeout, event.bytes);
          running.set(event.channel, { file: event.file, seconds, deadline: Date.now() + seconds * 1000 });
        } else if (event?.event === 'end') {
          running.delete(event.channel);
        }
      });
    }
    const timer = setInterval(() => {
      const now = Date.now();
      for (const parse of running.values()) {
        if (!stall && now > parse.deadline) {
          stall = { file: parse.file, seconds: parse.seconds };
          child.kill('SIGKILL');
        }
      }
    }, 100);
    child.on('error', (error) => {
      clearInterval(timer);
      io.stderr.write(`docs-check: cannot start the check: ${error.message}\n`);
      resolve({ code: 2, report: Buffer.alloc(0) });
    });
    // 'close', not 'exit': by then the child's output has been read to the end.
    child.on('close', (code, signal) => {
      clearInterval(timer);
      if (stall) resolve(stall);
      // Stopped from outside (Ctrl-C, a CI timeout): not a result of the check.
      else resolve({ code: code ?? (signal ? 2 : 0), report: Buffer.concat(report) });
    });
  });
}

function parseEvent(line: string): ProgressEvent | undefined {
  try {
    const value = JSON.parse(line) as ProgressEvent;
    if (value.event === 'begin' && typeof value.file === 'string' && typeof value.bytes === 'number') return value;
    if (value.event === 'end') return value;
  } catch {
    // Not a line of ours.
  }
  return undefined;
}
