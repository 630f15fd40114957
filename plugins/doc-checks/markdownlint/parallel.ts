/**
 * Runs markdownlint in a worker thread when the bundled worker script is
 * given (the `docs-check` launcher passes it) and the pages are large
 * enough for the second thread to pay, else in this thread (tests run the
 * TypeScript sources, which a worker cannot load).
 */
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { resolveInside } from '../source/paths';
import { OptionsError } from '../options';
import type { MarkdownlintRequest, MarkdownlintRun } from './run';

export async function lintStyle(request: MarkdownlintRequest, workerScript?: URL): Promise<MarkdownlintRun> {
  if (!workerScript || (await pageBytes(request.root, request.files)) < WORKER_MIN_BYTES) {
    return (await import('./run')).runMarkdownlint(request);
  }
  const { root, files } = request;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { workerData: { root, files } });
    worker.once('message', (reply: { ok: true; result: MarkdownlintRun } | { ok: false; name: string; message: string }) => {
      // Settled once the worker is gone, so its heap is freed before a large page is parsed again.
      const settle = () =>
        reply.ok
          ? resolve(reply.result)
          : // A bad markdownlint config is the user's to fix: keep it a configuration error.
            reject(reply.name === 'OptionsError' ? new OptionsError(reply.message) : new Error(reply.message));
      worker.terminate().then(settle, settle);
    });
    worker.once('error', reject);
  });
}

/**
 * Pages from this size on are linted before the engine checks them, not at
 * the same time. A parse keeps about 120 bytes of micromark events alive
 * per byte of markdown until its tree is built (250 MB for a 2 MiB page),
 * and markdownlint parses the page again: two such parses at once double
 * the peak. Smaller pages keep the two threads side by side.
 */
export const LINT_ALONE_BYTES = 512 * 1024;

/**
 * Below this many bytes of pages in all, markdownlint runs in the check's
 * own thread. A worker holds a second heap and a second copy of the parser:
 * on the project's docs that put the check 40 MB (1.3x) over
 * markdownlint-cli2's peak, for little time saved. On a guide of 1,000 test
 * cases (2.3 MB) the two parses side by side save more time than the
 * worker costs memory.
 */
export const WORKER_MIN_BYTES = 1024 * 1024;

/** Whether one of the files (repository-relative) is a page of LINT_ALONE_BYTES or more. */
export async function hasLargePage(root: string, files: readonly string[]): Promise<boolean> {
  for (const file of files) {
    if ((await sizeOf(root, file)) >= LINT_ALONE_BYTES) return true;
  }
  return false;
}

/** The bytes of the files (repository-relative) together; missing or escaping paths count 0. */
export async function pageBytes(root: string, files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += await sizeOf(root, file);
  return total;
}

async function sizeOf(root: string, file: string): Promise<number> {
  const resolved = resolveInside(root, file);
  if (!resolved.ok) return 0;
  return stat(resolved.absolute).then(
    (s) => (s.isFile() ? s.size : 0),
    () => 0,
  );
}
