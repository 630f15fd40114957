import { someOf } from '../brief';
import type { PageRule } from '../types';
import { ruleUrl } from './url';

/** The table testers fill in must list exactly the test cases the guide defines. */
const rule: PageRule = {
  id: 'results-template',
  description: 'The Results Template has one row per test case with the same id and title, in the same order, and nothing else',
  url: ruleUrl('results-template'),
  severity: 'error',
  scope: 'page',
  check({ page, report }) {
    const cases = page.testCases;
    if (cases.length === 0) return;
    const template = page.resultsTemplate;
    if (!template) {
      report(cases[0].heading.node, `The guide defines ${cases.length} test cases but has no \`## Results Template\` section; expected one with a row per test case`);
      return;
    }
    if (!template.table) {
      report(template.heading.node, 'The Results Template has no table whose first column is the test case; expected `| Test Case | Title | Status | ... |`');
      return;
    }
    const rows = template.rows;
    const ids = new Set(cases.map((tc) => tc.id));
    // The first row of each id is the one that counts; later ones are duplicates.
    const byId = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (!byId.has(row.id)) byId.set(row.id, row);
    // Rows a message about a missing test case already covers: reported once, not twice.
    const explained = new Set<(typeof rows)[number]>();
    cases.forEach((tc, i) => {
      const extra = { testCase: tc.id };
      const own = byId.get(tc.id);
      if (!own) {
        const at = rows[i];
        // The row where the test case belongs holds a typo or a repeated id: one finding says both.
        if (at && !explained.has(at) && (!ids.has(at.id) || byId.get(at.id) !== at)) {
          explained.add(at);
          const holds = ids.has(at.id) ? `${at.id} a second time` : `${at.id || 'an empty id'}, which is not a test case of this guide`;
          report(at.node, `Row ${i + 1} of the Results Template is ${holds}; expected ${tc.id} (${tc.title})`, extra);
          return;
        }
        const near = at ?? rows.at(-1);
        report(near?.node ?? template.table, `The Results Template has no row for ${tc.id} (${tc.title}); expected it as row ${i + 1}`, extra);
        return;
      }
      if (own.title !== tc.title) {
        report(own.node, `The Results Template calls ${tc.id} "${own.title}"; expected the test case title "${tc.title}"`, extra);
      }
    });
    // Order is judged among the rows both sides have, so one missing or extra row does not
    // make every row after it look out of place.
    const rowNumber = new Map(rows.map((row, i) => [row, i + 1]));
    const listed = [...byId.values()].filter((row) => ids.has(row.id));
    const wanted = cases.filter((tc) => byId.has(tc.id));
    listed.forEach((row, k) => {
      const want = wanted[k];
      if (want && row.id !== want.id) {
        report(row.node, `Row ${rowNumber.get(row)} of the Results Template is ${row.id}; expected ${want.id}, in the order of the test cases`, { testCase: want.id });
      }
    });
    const seen = new Set<string>();
    const expectedIds = someOf([...ids]);
    for (const row of rows) {
      if (explained.has(row)) continue;
      if (!ids.has(row.id)) report(row.node, `The Results Template has a row for ${row.id || 'an empty id'}, which is not a test case of this guide; expected only ${expectedIds}`);
      else if (seen.has(row.id)) report(row.node, `The Results Template lists ${row.id} twice; expected one row per test case`);
      seen.add(row.id);
    }
  },
};

export default rule;
