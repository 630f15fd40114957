/**
 * The tree rebuilt from markdownlint's tokens is remark's tree, field for
 * field and offset for offset, or it says why it is not (and the caller
 * parses the page with remark). Held to that on every markdown file of the
 * project (and of the driver, when its checkout is given), on one small page
 * per reason to fall back, and on shapes that once came out different; the
 * generated corpus is in to-mdast.corpus.test.ts, so the two run side by side.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseMarkdown } from '../../plugins/doc-checks/parse';
import { convert, differences, firstDifference } from './compare';

const ROOT = path.resolve(__dirname, '../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && !entry.parentPath.includes('node_modules'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

describe("the project's markdown", () => {
  // The driver's own pages when its checkout is given; the project's always.
  const driver = process.env.RDS_CSI_GUIDE_SOURCE;
  const files = [
    ...['docs', '.planning', 'test/fixtures'].flatMap((dir) => markdownFiles(path.join(ROOT, dir))),
    ...(driver ? markdownFiles(path.resolve(ROOT, driver)) : []),
  ];

  test('every page rebuilt equals remark, and the guides are rebuilt', async () => {
    const texts = files.map((file) => readFileSync(file, 'utf8'));
    const names = files.map((file) => path.relative(ROOT, file));
    const results = await convert(texts);
    expect(differences(names, texts, results), 'pages that differ from remark').toEqual([]);
    const guides = ['docs/HARDWARE_VALIDATION.md', 'docs/TESTING.md'].map((guide) => results[names.indexOf(guide)]);
    expect(guides.map((result) => ('unsupported' in result ? result.unsupported : 'rebuilt'))).toEqual(['rebuilt', 'rebuilt']);
    expect(files.length).toBeGreaterThan(100);
  });
});

describe('one page per reason to fall back', () => {
  const cases: [string, string, string][] = [
    ['a tab in a list item', '- a\n\n\tb\n', 'a tab in the indentation'],
    ['two runs of tildes', 'a ~~b~~ c\n', 'tildes that may strike text through'],
    ['a strikethrough closed after half an emoji (micromark reads UTF-16 units)', 'x~a🎉~y\n', 'tildes that may strike text through'],
    ['a reference link', '[a][b]\n\n[b]: https://example.com\n', 'a reference link'],
    ['math', 'costs $x$ here\n', 'mathText'],
    ['carriage returns', 'a\r\nb\r\n', 'a carriage return'],
    ['TOML front matter', '+++\ntitle = "x"\n+++\n\ntext\n', 'front matter not fenced by ---'],
    ['a tilde beside an emphasis mark', 'a**~ b** c\n', 'a tilde next to emphasis marks'],
    ['a dollar sign in a list item that goes on', '- costs $5\n  `more`\n', 'a dollar sign in a paragraph that goes on in a container'],
    ['a check after an empty list item', '-\n[ ] a\n', 'a paragraph that starts like a task list check, not at the start of a list item'],
  ];
  test.each(cases)('%s', async (_name, text, reason) => {
    const [result] = await convert([text]);
    expect(result).toEqual({ unsupported: reason });
  });
});

describe('shapes rebuilt exactly', () => {
  // Each once came out of the converter different from remark's tree.
  const cases: [string, string][] = [
    ['a task check followed by a tab', '- [x]\ta\n'],
    ['a task check whose spaces are a hard break', '- [x]  \n  a\n'],
    ['a task check followed by a dropped trailing space', '- [ ] \n  a\n'],
    ['a task check alone in its item, which is no check', '* [x]\n'],
    ['an escaped bracket, which is no check', '- \\[x] a\n'],
    ['a hard break in a list item in a quote in a list', '1. > - a  \n   >   b\n'],
    ['a line ending before a directive in a list in a directive', ':::note\n* a\n  :abbr[CSI] b\n:::\n'],
    ['tildes that can only open, as in measures', '- latency (~1ms) vs ~3ms\n'],
    ['a tilde that closes before one that opens', 'a~ b ~c\n'],
  ];
  test.each(cases)('%s', async (_name, text) => {
    const [result] = await convert([text]);
    if ('unsupported' in result) throw new Error(`left to remark: ${result.unsupported}`);
    expect(firstDifference(result.tree, parseMarkdown(text))).toBeUndefined();
  });
});
