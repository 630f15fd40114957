/**
 * markdownlint in a worker thread: the CLI lints style on one core while
 * the engine checks the same files on the other.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runMarkdownlint, type MarkdownlintRequest } from './run';

runMarkdownlint(workerData as MarkdownlintRequest).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: Error) => parentPort?.postMessage({ ok: false, name: error?.name, message: String(error?.message ?? error) }),
);
