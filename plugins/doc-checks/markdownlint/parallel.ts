/**
 * Runs markdownlint in a worker thread when the bundled worker script is
 * given (the `docs-check` launcher passes it), else in this thread (tests
 * run the TypeScript sources, which a worker cannot load).
 */
import { Worker } from 'node:worker_threads';
import { OptionsError } from '../options';
import type { MarkdownlintRequest, MarkdownlintRun } from './run';

export async function lintStyle(request: MarkdownlintRequest, workerScript?: URL): Promise<MarkdownlintRun> {
  if (!workerScript) return (await import('./run')).runMarkdownlint(request);
  const { root, files } = request;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { workerData: { root, files } });
    worker.once('message', (reply: { ok: true; result: MarkdownlintRun } | { ok: false; name: string; message: string }) => {
      if (reply.ok) resolve(reply.result);
      // A bad markdownlint config is the user's to fix: keep it a configuration error.
      else reject(reply.name === 'OptionsError' ? new OptionsError(reply.message) : new Error(reply.message));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
