import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { refuseParserHazards } from '../../plugins/remark-doc-checks/hazards';

const root = path.resolve('/srv/site');
const preprocess = refuseParserHazards(root);

describe('refuseParserHazards (the site build markdown preprocessor)', () => {
  it('passes an ordinary page through unchanged', () => {
    const fileContent = '# Guide\n\n**Objective:** *Verify* the __volume__.\n';
    expect(preprocess({ filePath: path.join(root, 'docs/GUIDE.md'), fileContent })).toBe(fileContent);
  });

  it('refuses a page nested too deep, with its repository path, position and rule id', () => {
    const fileContent = `# Deep\n\n${'>'.repeat(300)} quoted\n`;
    expect(() => preprocess({ filePath: path.join(root, 'docs/DEEP.md'), fileContent })).toThrow(
      '[doc-checks] 1 error in docs/DEEP.md:\n  docs/DEEP.md:3:1  Line 3 is nested more than 256 columns deep',
    );
  });

  it('refuses a page from outside the site (the bundler hands over the real path of a linked page)', () => {
    expect(() => preprocess({ filePath: '/elsewhere/page.md', fileContent: '# Secret\n' })).toThrow(
      '/elsewhere/page.md:1:1  `/elsewhere/page.md` is outside the site directory (reached through a symbolic link?); expected a regular file in the repository  valid-input',
    );
  });

  it('refuses MDX by name, whatever it holds', () => {
    expect(() => preprocess({ filePath: path.join(root, 'docs/p.mdx'), fileContent: '# P\n' })).toThrow(
      'docs/p.mdx:1:1  `docs/p.mdx` is MDX, which runs code when the site is built and read; expected a `.md` page (CommonMark and GFM, no JSX)  valid-input',
    );
  });

  it('refuses a page over the 2 MiB budget, which the CLI would check only in part', () => {
    const fileContent = `# Big\n\n${'word '.repeat(500_000)}\n`;
    expect(() => preprocess({ filePath: path.join(root, 'docs/BIG.md'), fileContent })).toThrow(
      'docs/BIG.md:1:1  File is 2500008 bytes; the site builds pages of at most 2097152 bytes (expected a guide of a few hundred KB)  valid-input',
    );
  });

  it('refuses the shapes that stall the parser the CLI refuses: lazy lines, open brackets, huge blocks', () => {
    const page = (body: string) => ({ filePath: path.join(root, 'docs/X.md'), fileContent: `# X\n\n${body}` });
    expect(() => preprocess(page(`${'>'.repeat(100)} a\n${'b\n'.repeat(20_000)}`))).toThrow('docs/X.md:204:1  More than 200 lines continue a quote');
    expect(() => preprocess(page(`${'['.repeat(20_000)}\n`))).toThrow('docs/X.md:3:129  More than 128 `[` open at once');
    expect(() => preprocess(page(`${'[x]'.repeat(50_000)}\n`))).toThrow('docs/X.md:3:6001  More than 2000 `[` in one block');
  });

  it('checks what follows a fence the parser has closed, though no closing fence came', () => {
    // The quote ends at the line without `>`, and the fence in it: the brackets are prose.
    const fileContent = `# X\n\n> \`\`\`sh\nOut of the quote.\n\n${'['.repeat(200)}\n`;
    expect(() => preprocess({ filePath: path.join(root, 'docs/X.md'), fileContent })).toThrow('docs/X.md:6:129  More than 128 `[` open at once');
  });

  it('refuses a page whose tables hold more cells than its size allows, at the table that passes the budget', () => {
    // 60 tables of 20 cells in 6,065 characters: 1,023 cells allowed, passed by the 52nd table.
    const table = `| a | b |\n| - | - |\n${'| x | y |\n'.repeat(8)}\n`;
    expect(() => preprocess({ filePath: path.join(root, 'docs/TABLES.md'), fileContent: `# X\n\n${table.repeat(60)}` })).toThrow(
      "docs/TABLES.md:564:1  This page's tables hold 1200 cells, and this table passes the 1023 allowed for its size; the file was not checked",
    );
  });
});
