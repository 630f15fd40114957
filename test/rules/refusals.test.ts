/**
 * Pages the engine refuses by name, unread: MDX (it is code) and pages
 * reached through a symbolic link (a link can publish any file of the
 * machine). `docs-check` lists both among the files it checks.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkProject } from '../../plugins/doc-checks/engine';

const scratch = mkdtempSync(path.join(tmpdir(), 'refusals-'));
const outside = mkdtempSync(path.join(tmpdir(), 'refusals-outside-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const write = (file: string, text: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

describe('pages refused before they are read', () => {
  write(path.join(scratch, 'docs/GUIDE.md'), '# Guide\n');
  write(path.join(scratch, 'docs/p.mdx'), "# P\n\nexport const x = 1\n\n<div dangerouslySetInnerHTML={{ __html: '<img src=x onerror=alert(1)>' }} />\n");
  write(path.join(outside, 'secret.md'), '# Secret\n\ntoken=abc\n');
  symlinkSync(path.join(outside, 'secret.md'), path.join(scratch, 'docs/zz.md'));
  symlinkSync(outside, path.join(scratch, 'docs/linked'));

  test('docs-check lists .mdx pages and links among the default files, and refuses each with one finding', async () => {
    const results = await checkProject({ root: scratch });
    const findings = results.files.flatMap((f) => f.diagnostics).map(({ file, line, column, ruleId, message }) => ({ file, line, column, ruleId, message }));
    expect(findings).toEqual([
      {
        file: 'docs/linked',
        line: 1,
        column: 1,
        ruleId: 'valid-input',
        message: '`docs/linked` is reached through the symbolic link `docs/linked`; expected a regular file in the repository (a link can publish any file of the build machine)',
      },
      {
        file: 'docs/p.mdx',
        line: 1,
        column: 1,
        ruleId: 'valid-input',
        message: '`docs/p.mdx` is MDX, which runs code when the site is built and read; expected a `.md` page (CommonMark and GFM, no JSX)',
      },
      {
        file: 'docs/zz.md',
        line: 1,
        column: 1,
        ruleId: 'valid-input',
        message: '`docs/zz.md` is reached through the symbolic link `docs/zz.md`; expected a regular file in the repository (a link can publish any file of the build machine)',
      },
    ]);
    expect(results.errorCount).toBe(3);
  });

  test('a page named through a linked directory is refused at the link', async () => {
    const results = await checkProject({ root: scratch, files: ['docs/linked/secret.md'] });
    expect(results.files[0].diagnostics.map((d) => d.message)).toEqual([
      '`docs/linked/secret.md` is reached through the symbolic link `docs/linked`; expected a regular file in the repository (a link can publish any file of the build machine)',
    ]);
  });
});
