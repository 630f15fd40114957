/**
 * `results-template` on guides too long for a fixture: a message about a
 * stray row names the expected ids, and with thousands of rows that list
 * must not be repeated whole in every message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkProject } from '../../plugins/doc-checks/engine';
import resultsTemplate from '../../plugins/doc-checks/rules/results-template';

const root = mkdtempSync(path.join(tmpdir(), 'results-template-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const id = (n: number) => `TC-${String(n).padStart(2, '0')}`;

/** A guide of `count` test cases whose Results Template has the given extra rows after the right ones. */
function guide(count: number, extraRows: string[]): string {
  const cases = Array.from({ length: count }, (_, i) => `### ${id(i + 1)}: Case ${i + 1}\n\n**Objective:** Check ${i + 1}.\n`);
  const rows = Array.from({ length: count }, (_, i) => `| ${id(i + 1)} | Case ${i + 1} | ☐ Pass ☐ Fail |`);
  return ['# Guide', '', ...cases, '## Results Template', '', '| Test Case | Title | Status |', '|---|---|---|', ...rows, ...extraRows, ''].join('\n');
}

async function messages(text: string): Promise<string[]> {
  const results = await checkProject({ root, files: ['docs/GUIDE.md'], contents: new Map([['docs/GUIDE.md', text]]), rules: [resultsTemplate], today: '2026-11-26' });
  return results.files.flatMap((f) => f.diagnostics).map((d) => d.message);
}

describe('results-template on long guides', () => {
  test('names the first ten expected ids and how many more, not all of them', async () => {
    expect(await messages(guide(12, ['| Pre-flight | Environment | ☐ Pass ☐ Fail |']))).toEqual([
      'The Results Template has a row for Pre-flight, which is not a test case of this guide; expected only TC-01, TC-02, TC-03, TC-04, TC-05, TC-06, TC-07, TC-08, TC-09, TC-10 and 2 more',
    ]);
  });

  test('says once what is wrong with a row that stands where a missing test case belongs', async () => {
    // Row 2 has a typo for TC-02; in the second guide it repeats TC-01 instead.
    const typo = guide(3, []).replace('| TC-02 | Case 2 |', '| TC-2 | Case 2 |');
    expect(await messages(typo)).toEqual(['Row 2 of the Results Template is TC-2, which is not a test case of this guide; expected TC-02 (Case 2)']);
    const repeated = guide(3, []).replace('| TC-02 | Case 2 |', '| TC-01 | Case 1 |');
    expect(await messages(repeated)).toEqual(['Row 2 of the Results Template is TC-01 a second time; expected TC-02 (Case 2)']);
  });
});
