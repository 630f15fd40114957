/**
 * Pages of the largest size checked: which runs lint style before, not
 * beside, the engine (those with a page large enough that two parses of it
 * at once would double the peak memory), and a page of huge tables that the
 * command refuses before parsing it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { hasLargePage, LINT_ALONE_BYTES, lintStyle, pageBytes, WORKER_MIN_BYTES } from '../../plugins/doc-checks/markdownlint/parallel';
import { MAX_FILE_BYTES } from '../../plugins/doc-checks/text';

const REPO = path.resolve(__dirname, '../..');

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

/** Tables of 1,990 rows of 24 one-digit cells, up to the 2 MiB a check reads: 513,576 cells. */
function tablesPage(): string {
  const columns = 24;
  const header = `|${' h |'.repeat(columns)}\n|${' - |'.repeat(columns)}\n`;
  const row = (i: number) => `|${Array.from({ length: columns }, (_, c) => ` ${(i + c) % 10} |`).join('')}\n`;
  const parts = ['# Tables\n\n'];
  let size = parts[0].length + 1;
  for (let i = 0; ; i++) {
    const next = i % 1990 === 0 ? `\n${header}` : row(i);
    if (size + next.length > MAX_FILE_BYTES) break;
    parts.push(next);
    size += next.length;
  }
  return `${parts.join('')}\n`;
}

describe('a 2 MiB page of tables', () => {
  it('is refused by the pre-scan, at its first table, with the cells it holds and the cells allowed', { timeout: 60_000 }, async () => {
    writeFileSync(path.join(root, 'docs/TABLES.md'), tablesPage());
    // A parse of this page would run past this short limit; the refusal comes before any parse.
    const result = await promisify(execFile)(process.execPath, [path.join(REPO, 'bin/docs-check.mjs'), '--format', 'json', 'docs/TABLES.md'], {
      cwd: root,
      env: { ...process.env, DOCS_CHECK_PARSE_TIMEOUT: '1' },
    }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: '' });
    const [file] = JSON.parse(result.stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string; message: string }[] }[];
    expect(file.messages.map(({ line, column, ruleId, message }) => ({ line, column, ruleId, message }))).toEqual([
      {
        line: 4,
        column: 1,
        ruleId: 'valid-input',
        message:
          "This page's tables hold 513576 cells, and this table passes the 9191 allowed for its size; the file was not checked " +
          "(expected at most 1000 table cells a page plus one per 256 characters of it: the table parser slows with the square of a page's cells, so split the tables over several pages)",
      },
    ]);
  });
});
