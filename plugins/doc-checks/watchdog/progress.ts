/**
 * The checked side of the parse watchdog. Some markdown makes the parser
 * quadratic (tables of thousands of rows, paragraphs of thousands of
 * emphasis markers, containers nested hundreds deep), and no linear
 * pre-scan knows every such shape. So when docs-check runs under its
 * supervisor (see supervise.ts), each parse is bracketed by a line on a
 * pipe the supervisor reads: it sees which file a slow run is stuck in,
 * stops the run, and starts it again with that file named in the
 * environment, which the parsers then skip and report.
 */
import { appendFileSync, writeSync } from 'node:fs';
import type { Hazard } from '../text';

/** The file descriptor of the supervisor's pipe. */
export const PROGRESS_FD_ENV = 'DOCS_CHECK_PROGRESS_FD';
/** JSON object: repository-relative file -> seconds it was given before it was stopped. */
export const STALLED_ENV = 'DOCS_CHECK_STALLED';
/**
 * A file to append one line to for each parse and for the watchdog's start,
 * for seeing what a run really does (a `--cache` run where nothing changed
 * parses nothing and starts no watchdog).
 */
export const TRACE_ENV = 'DOCS_CHECK_TRACE';

/** One line in the trace file, when one is set; tracing never fails a check. */
export function trace(line: string): void {
  const file = process.env[TRACE_ENV];
  if (!file) return;
  try {
    appendFileSync(file, `${line}\n`);
  } catch {
    // An unwritable trace file is the tracer's problem, not the check's.
  }
}

/** One line on the pipe: a parse began (with the file and its size) or ended. */
export type ProgressEvent =
  | { event: 'begin'; channel: string; file: string; bytes: number }
  | { event: 'end'; channel: string };

function progressFd(): number | undefined {
  const value = process.env[PROGRESS_FD_ENV];
  const fd = value === undefined ? NaN : Number(value);
  return Number.isInteger(fd) && fd > 2 ? fd : undefined;
}

function send(event: ProgressEvent): void {
  const fd = progressFd();
  if (fd === undefined) return;
  try {
    writeSync(fd, `${JSON.stringify(event)}\n`);
  } catch {
    // The supervisor is gone; the check itself can still finish.
  }
}

/** Runs `parse` between a begin and an end line on the pipe (nothing without a supervisor). */
export function whileParsing<T>(channel: string, file: string, text: string, parse: () => T): T {
  trace(`parse markdown (${channel}): ${file}`);
  send({ event: 'begin', channel, file, bytes: Buffer.byteLength(text) });
  try {
    return parse();
  } finally {
    send({ event: 'end', channel });
  }
}

export async function whileParsingAsync<T>(channel: string, file: string, text: string, parse: () => Promise<T>): Promise<T> {
  trace(`parse markdown (${channel}): ${file}`);
  send({ event: 'begin', channel, file, bytes: Buffer.byteLength(text) });
  try {
    return await parse();
  } finally {
    send({ event: 'end', channel });
  }
}

/** The files the supervisor stopped, with the seconds each was given. */
function stalledFiles(): Map<string, number> {
  const stalled = new Map<string, number>();
  try {
    const parsed: unknown = JSON.parse(process.env[STALLED_ENV] ?? '{}');
    if (parsed && typeof parsed === 'object') {
      for (const [file, seconds] of Object.entries(parsed)) {
        if (typeof seconds === 'number') stalled.set(file, seconds);
      }
    }
  } catch {
    // Not written by the supervisor: nothing was stopped.
  }
  return stalled;
}

/** The finding for a file whose parse the supervisor stopped, if it did. */
export function stallFinding(file: string): Hazard | undefined {
  const seconds = stalledFiles().get(file);
  if (seconds === undefined) return undefined;
  return {
    message:
      `Parsing this file took more than ${seconds} s, so it was stopped and the file was not checked ` +
      '(expected markdown the parser reads in linear time: very large tables or paragraphs, or containers nested hundreds deep, are not)',
    point: { line: 1, column: 1 },
  };
}
