/**
 * Which runs lint style before, not beside, the engine: those with a page
 * large enough that two parses of it at once would double the peak memory.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasLargePage, LINT_ALONE_BYTES, lintStyle, pageBytes, WORKER_MIN_BYTES } from '../../plugins/doc-checks/markdownlint/parallel';

const root = mkdtempSync(path.join(tmpdir(), 'docs-check-large-'));
const outside = mkdtempSync(path.join(tmpdir(), 'docs-check-outside-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});
mkdirSync(path.join(root, 'docs'));
writeFileSync(path.join(root, 'docs/SMALL.md'), '# Small\n');
writeFileSync(path.join(root, 'docs/JUST-UNDER.md'), 'x'.repeat(LINT_ALONE_BYTES - 1));
writeFileSync(path.join(root, 'docs/LARGE.md'), 'x'.repeat(LINT_ALONE_BYTES));
writeFileSync(path.join(outside, 'BIG.md'), 'x'.repeat(LINT_ALONE_BYTES));

describe('large pages', () => {
  it('finds a page of LINT_ALONE_BYTES or more among the files', async () => {
    expect(await hasLargePage(root, ['docs/SMALL.md', 'docs/LARGE.md'])).toBe(true);
  });

  it('keeps the two threads side by side for smaller pages', async () => {
    expect(await hasLargePage(root, ['docs/SMALL.md', 'docs/JUST-UNDER.md'])).toBe(false);
  });

  it('counts neither missing files nor paths that leave the repository', async () => {
    symlinkSync(outside, path.join(root, 'docs/elsewhere'));
    expect(await hasLargePage(root, ['docs/MISSING.md', '../BIG.md', 'docs/elsewhere/BIG.md', 'docs'])).toBe(false);
  });

  it('adds up the bytes of the pages, counting missing files and paths that leave the repository as none', async () => {
    expect(await pageBytes(root, ['docs/SMALL.md', 'docs/LARGE.md', 'docs/MISSING.md', '../BIG.md'])).toBe(8 + LINT_ALONE_BYTES);
  });

  it('lints pages under WORKER_MIN_BYTES in all in this thread, without starting the worker', async () => {
    expect(await pageBytes(root, ['docs/SMALL.md', 'docs/JUST-UNDER.md'])).toBeLessThan(WORKER_MIN_BYTES);
    // A worker script that does not exist: starting it would fail the run.
    const missingWorker = new URL('file:///nonexistent/markdownlint-worker.mjs');
    const run = await lintStyle({ root, files: ['docs/SMALL.md'] }, missingWorker);
    // A page of one heading: markdownlint finds nothing in it.
    expect(run.diagnostics).toEqual([]);
    await expect(lintStyle({ root, files: ['docs/SMALL.md', 'docs/LARGE.md', 'docs/JUST-UNDER.md'] }, missingWorker)).rejects.toThrow();
  });
});
