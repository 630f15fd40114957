/**
 * DOCS_CHECK_TRACE: a file to append one line to for each parse and for
 * the watchdog's start, for seeing what a run really does (a `--cache` run
 * where nothing changed parses nothing and starts no watchdog).
 */
import { appendFileSync } from 'node:fs';

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
