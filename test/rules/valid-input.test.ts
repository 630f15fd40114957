/**
 * Byte-level input problems of `valid-input`. The fixture harness hands pages
 * to the engine as decoded strings, so bytes that are not UTF-8 and oversized
 * files are checked here, through the engine's own file reading.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkProject } from '../../plugins/doc-checks/engine';
import validInput from '../../plugins/doc-checks/rules/valid-input';
import { decodeText, MAX_FILE_BYTES } from '../../plugins/doc-checks/text';

const ENCODING_FIXTURES = path.resolve(__dirname, '../fixtures/encoding');

const findings = async (root: string, file: string) => {
  const results = await checkProject({ root, files: [file], rules: [validInput], today: '2026-11-26' });
  return results.files.flatMap((f) => f.diagnostics).map(({ line, column, ruleId, message }) => ({ line, column, ruleId, message }));
};

describe('valid-input on raw bytes', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'valid-input-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('reports the first byte that is not UTF-8, where it is', async () => {
    // Line 7 holds a Latin-1 "é" (0xE9) after "caf"; the em dash before it is valid UTF-8.
    expect(await findings(ENCODING_FIXTURES, 'not-ok-encoding.md')).toEqual([
      {
        line: 7,
        column: 71,
        ruleId: 'valid-input',
        message: 'File is not valid UTF-8; expected UTF-8 text (invalid bytes were replaced)',
      },
    ]);
  });

  test('accepts UTF-8 with a byte order mark', async () => {
    writeFileSync(path.join(scratch, 'bom.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Testing — ☐ Pass\n')]));
    expect(await findings(scratch, 'bom.md')).toEqual([]);
  });

  test('cuts a file larger than the limit and says so', () => {
    // Parsing megabytes of markdown is slow, so this checks the reading step on its own;
    // the rule reports whatever the reading step found, as the encoding test shows.
    const bytes = new Uint8Array(MAX_FILE_BYTES + 10).fill(0x61);
    const { text, problems } = decodeText(bytes);
    expect(text.length).toBe(MAX_FILE_BYTES);
    expect(problems).toEqual([
      {
        message: `File is ${MAX_FILE_BYTES + 10} bytes; only the first ${MAX_FILE_BYTES} bytes were checked`,
        point: { line: 1, column: 1 },
      },
    ]);
  });

  test('cuts a valid file on a character boundary, not inside a character', () => {
    // "é" is two bytes: with one leading "a" the limit falls between them.
    const bytes = Buffer.concat([Buffer.from('a'), Buffer.from('é'.repeat(MAX_FILE_BYTES / 2))]);
    const { text, problems } = decodeText(bytes);
    expect(text).toBe(`a${'é'.repeat(MAX_FILE_BYTES / 2 - 1)}`);
    expect(problems).toEqual([
      {
        message: `File is ${MAX_FILE_BYTES + 1} bytes; only the first ${MAX_FILE_BYTES - 1} bytes were checked`,
        point: { line: 1, column: 1 },
      },
    ]);
  });

  test('reports a file that does not exist instead of failing', async () => {
    expect(await findings(scratch, 'docs/MISSING.md')).toEqual([
      {
        line: 1,
        column: 1,
        ruleId: 'valid-input',
        message: '`docs/MISSING.md` does not exist inside the repository; expected a markdown file to check',
      },
    ]);
  });
});

describe('valid-input on input that would stall the markdown parser', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'valid-input-hazard-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const write = (name: string, text: string) => writeFileSync(path.join(scratch, name), text);
  const refused = (line: number, column: number, message: string) => [{ line, column, ruleId: 'valid-input', message }];

  test('20,000 nested quotes (a stack overflow when parsed) are reported, not parsed', async () => {
    write('quotes.md', `# Deep\n\n${'>'.repeat(20_000)} x\n`);
    expect(await findings(scratch, 'quotes.md')).toEqual(
      refused(3, 1, 'Line 3 is nested more than 256 columns deep in quotes, lists or indentation; the file was not checked (expected a document nested a few levels deep)'),
    );
  });

  test('lists nested hundreds deep (minutes to parse) are reported at the first line too deep', async () => {
    write('lists.md', Array.from({ length: 600 }, (_, i) => `${'  '.repeat(i)}- level ${i}\n`).join(''));
    const [finding] = await findings(scratch, 'lists.md');
    // Line 129 is 256 spaces and a `- ` marker: its item starts past column 256.
    expect(finding).toMatchObject({ line: 129, column: 1, ruleId: 'valid-input' });
  });

  test('an emphasis delimiter run of thousands of characters is reported where it starts', async () => {
    write('stars.md', `# Stars\n\nok ${'*'.repeat(50_000)}a\n`);
    expect(await findings(scratch, 'stars.md')).toEqual(
      refused(3, 4, 'A run of more than 1000 `*` characters; the file was not checked (expected emphasis markers a few characters long)'),
    );
  });

  test('lists opened dozens deep on one line are reported before the parser sees them', async () => {
    write('inline-lists.md', `# Lists\n\n${'- '.repeat(40)}item\n`);
    expect(await findings(scratch, 'inline-lists.md')).toEqual(
      refused(3, 1, 'Line 3 starts more than 32 nested lists; the file was not checked (expected lists nested a few levels deep)'),
    );
  });

  test('`:::` directives nested more than 8 deep are reported at the ninth opening', async () => {
    write('directives.md', `# Boxes\n\n${':::note\n'.repeat(9)}text\n`);
    expect(await findings(scratch, 'directives.md')).toEqual(
      refused(11, 1, 'Line 11 opens a `:::` directive nested more than 8 deep; the file was not checked (expected admonitions nested a few levels deep, each closed by its own `:::` line)'),
    );
  });

  test('a closing fence closes the outermost directive it is long enough for, as the parser does', async () => {
    // `:::` cannot close `::::`, so these nest: the ninth opening is too deep.
    write('short-close.md', '::::note\n:::\n'.repeat(9));
    expect((await findings(scratch, 'short-close.md')).map((f) => f.line)).toEqual([17]);
    // `::::` closes the `:::` container outside it, and with it the one inside.
    write('long-close.md', ':::note\n::::tip\n::::\n'.repeat(20));
    expect(await findings(scratch, 'long-close.md')).toEqual([]);
  });

  test('frontmatter nested thousands deep is refused before the YAML parser sees it', async () => {
    // Parsed, this aborts the whole process (the YAML parser exhausts the stack).
    write('deep-yaml.md', `---\ntitle: ${'{'.repeat(50_000)}\n---\n\n# Deep\n`);
    expect(await findings(scratch, 'deep-yaml.md')).toEqual(
      refused(2, 72, 'Frontmatter was not parsed: YAML `{` collections nested more than 64 deep; expected frontmatter nested a few levels deep'),
    );
  });

  test('a quote opened 100 deep and continued by 20,000 lazy lines (about a minute to parse) is refused', async () => {
    write('lazy.md', `# Lazy\n\n${'>'.repeat(100)} a\n${'b\n'.repeat(20_000)}`);
    expect(await findings(scratch, 'lazy.md')).toEqual(
      refused(204, 1, 'More than 200 lines continue a quote or list item without its `>` or indentation; the file was not checked (expected each line of a quote to start with `>`)'),
    );
  });

  test('20,000 nested `[` and 50,000 `[x]` in one paragraph are refused where the limit is passed', async () => {
    write('open.md', `# Open\n\n${'['.repeat(20_000)}\n`);
    expect(await findings(scratch, 'open.md')).toEqual(
      refused(3, 129, 'More than 128 `[` open at once; the file was not checked (expected brackets closed by `]`)'),
    );
    write('refs.md', `# Refs\n\n${'[x]'.repeat(50_000)}\n`);
    expect(await findings(scratch, 'refs.md')).toEqual(
      refused(3, 6001, 'More than 2000 `[` in one block; the file was not checked (expected a few links per paragraph, or blank lines between blocks)'),
    );
  });

  test('a table of 20,000 rows is refused: one block may hold 2,000 lines', async () => {
    write('table.md', `# Table\n\n| a | b |\n| - | - |\n${'| x | y |\n'.repeat(20_000)}`);
    expect(await findings(scratch, 'table.md')).toEqual(
      refused(2003, 1, 'A block of more than 2000 lines without a blank line; the file was not checked (expected paragraphs, tables and lists separated by blank lines)'),
    );
  });

  const tooManyCells = (total: number, allowed: number) =>
    `This page's tables hold ${total} cells, and this table passes the ${allowed} allowed for its size; the file was not checked ` +
    "(expected at most 1000 table cells a page plus one per 256 characters of it: the table parser slows with the square of a page's cells, so split the tables over several pages)";

  test('many small tables are refused at the one that passes the budget of cells of the page, with its total', async () => {
    // 60 tables of 20 cells in 6,070 characters: 1,000 + 23 cells allowed, passed by the 52nd table (line 564).
    const table = `| a | b |\n| - | - |\n${'| x | y |\n'.repeat(8)}\n`;
    write('tables.md', `# Tables\n\n${table.repeat(60)}`);
    expect(await findings(scratch, 'tables.md')).toEqual(refused(564, 1, tooManyCells(1200, 1023)));
  });

  test('a table counts its header and delimiter rows, and in a quote starts after the `>`', async () => {
    // 2 + 2 + 600 x 2 cells; 7,234 characters allow 1,028.
    write('quoted.md', `# Quoted\n\n> | a | b |\n> | - | - |\n${'> | x | y |\n'.repeat(600)}`);
    expect(await findings(scratch, 'quoted.md')).toEqual(refused(3, 3, tooManyCells(1204, 1028)));
  });

  test('rows are counted as GFM splits them: a line without pipes is a cell, escaped pipes split nothing', async () => {
    // 1 + 1 + 1,200 cells, so the budget (1,000 + 2,414 characters / 256) is passed by one table.
    write('bare.md', `|a|\n|-|\n${'x\n'.repeat(1_200)}`);
    expect(await findings(scratch, 'bare.md')).toEqual(refused(1, 1, tooManyCells(1202, 1009)));
    // The same rows with escaped pipes: still one cell each.
    write('escaped.md', `|a|\n|-|\n${'\\|\\|\n'.repeat(1_200)}`);
    expect(await findings(scratch, 'escaped.md')).toEqual(refused(1, 1, tooManyCells(1202, 1023)));
  });

  test('a page at its budget is parsed: pipes in prose and a setext heading are no tables', async () => {
    // 5 tables of 204 cells; 5,362 characters allow 1,000 + 20 cells.
    const table = `| a | b |\n| - | - |\n${'| x | y |\n'.repeat(100)}\n`;
    write('within.md', `# Within\n\n${table.repeat(5)}Not | a table\n${'a | b\n'.repeat(20)}\nHeading\n---\n${'x\n'.repeat(50)}`);
    expect(await findings(scratch, 'within.md')).toEqual([]);
  });

  describe('fenced code ends where the parser ends it, so nothing after it goes unchecked', () => {
    const tooManyOpen = (line: number) => refused(line, 129, 'More than 128 `[` open at once; the file was not checked (expected brackets closed by `]`)');
    const directiveTooDeep = (line: number) =>
      refused(line, 1, `Line ${line} opens a \`:::\` directive nested more than 8 deep; the file was not checked (expected admonitions nested a few levels deep, each closed by its own \`:::\` line)`);

    test('a fence in a quote ends with the quote: a line without `>` is no lazy line of code', async () => {
      write('quoted-fence.md', `# Quote\n\n> \`\`\`sh\nThe quote ends here, and its code.\n\n${':::note\n'.repeat(9)}`);
      expect(await findings(scratch, 'quoted-fence.md')).toEqual(directiveTooDeep(14));
    });

    test('a fence in a list item ends with the item, at the first line indented less', async () => {
      write('item-fence.md', `# List\n\n- \`\`\`sh\n  code\nOut of the list.\n\n${':::note\n'.repeat(9)}`);
      expect(await findings(scratch, 'item-fence.md')).toEqual(directiveTooDeep(15));
      // Indented as a list item's content, a fence followed by a line indented less may have ended.
      write('step-fence.md', `# Steps\n\n1. Step\n\n   \`\`\`sh\n   code\nOut of the list.\n\n${'['.repeat(200)}\n`);
      expect(await findings(scratch, 'step-fence.md')).toEqual(tooManyOpen(9));
    });

    test('a `:::` line closes the directive around a fence, and the fence in it', async () => {
      write('directive-fence.md', `:::note\n\`\`\`\n:::\n\n${'['.repeat(200)}\n`);
      expect(await findings(scratch, 'directive-fence.md')).toEqual(tooManyOpen(5));
      // An indented directive strips its indentation from its lines: indented four, this one closes the fence.
      write('indented-directive-fence.md', `   :::note\n\`\`\`\n    \`\`\`\n\n${'['.repeat(200)}\n`);
      expect(await findings(scratch, 'indented-directive-fence.md')).toEqual(tooManyOpen(5));
    });

    test('fence-like lines in HTML, frontmatter, indented code and inline code open no fence', async () => {
      const after = `\n${'['.repeat(200)}\n`;
      write('html-fence.md', `<div>\n\`\`\`\n</div>\n${after}`);
      expect(await findings(scratch, 'html-fence.md')).toEqual(tooManyOpen(5));
      write('frontmatter-fence.md', `---\nnote: |\n  \`\`\`\n---\n${after}`);
      expect(await findings(scratch, 'frontmatter-fence.md')).toEqual(tooManyOpen(6));
      write('indented-fence.md', `# Indented\n\n    \`\`\`\n${after}`);
      expect(await findings(scratch, 'indented-fence.md')).toEqual(tooManyOpen(5));
      write('inline-fence.md', `# Inline\n\n\`\`\`a\`b\`\`\`\n${after}`);
      expect(await findings(scratch, 'inline-fence.md')).toEqual(tooManyOpen(5));
    });

    test('a `:::` indented four columns is code and closes no directive', async () => {
      write('indented-close.md', ':::note\n\n    :::\n\n'.repeat(9));
      expect(await findings(scratch, 'indented-close.md')).toEqual(directiveTooDeep(33));
    });

    test('closed fences in quotes and list items still hide what they show', async () => {
      const brackets = '[[ -n "$X" '.repeat(200);
      write(
        'contained-code.md',
        `---\ntitle: Code\n---\n\n# Code\n\n> \`\`\`bash\n> ${brackets}\n> \`\`\`\n\n${'- ```md\n  :::caution\n  ```\n'.repeat(10)}\n` +
          `1. Step\n\n   \`\`\`bash\n   ${brackets}\n   \`\`\`\n\n2. Next\n\n<details>\n<summary>More</summary>\n\n~~~\n${brackets}\n~~~\n\n</details>\n`,
      );
      expect(await findings(scratch, 'contained-code.md')).toEqual([]);
    });
  });

  test('deep but sane nesting is still parsed and checked', async () => {
    // Closed admonitions, and unclosed ones shown inside fenced code, do not add up.
    const example = '```md\n:::caution\n```\n\n';
    write('boxes.md', `# Boxes\n\n${':::note\nText.\n:::\n\n'.repeat(50)}${example.repeat(20)}${'- '.repeat(8)}item\n`);
    expect(await findings(scratch, 'boxes.md')).toEqual([]);
    write('sane.md', `# Sane\n\n${'> '.repeat(20)}quote\n\n${Array.from({ length: 10 }, (_, i) => `${'  '.repeat(i)}- item\n`).join('')}`);
    expect(await findings(scratch, 'sane.md')).toEqual([]);
    // Brackets in code are not counted; escaped ones neither; a few lazy lines are normal.
    write('code.md', `# Code\n\n\`\`\`bash\n${'[[ -n "$X" '.repeat(200)}\n\`\`\`\n\n${'\\['.repeat(300)}\n\n> quote\n${'lazy\n'.repeat(200)}`);
    expect(await findings(scratch, 'code.md')).toEqual([]);
  });
});
