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
    cases.forEach((tc, i) => {
      const extra = { testCase: tc.id };
      const own = byId.get(tc.id);
      if (!own) {
        const at = rows[i] ?? rows.at(-1) ?? template.table;
        report(at?.node ?? template.table, `The Results Template has no row for ${tc.id} (${tc.title}); expected it as row ${i + 1}`, extra);
        return;
      }
      if (own.title !== tc.title) {
        report(own.node, `The Results Template calls ${tc.id} "${own.title}"; expected the test case title "${tc.title}"`, extra);
      }
    });
    // Order is judged among the rows both sides have, so one missing or extra row does not
    // make every row after it look out of place.
    const listed = [...byId.values()].filter((row) => ids.has(row.id));
    const wanted = cases.filter((tc) => byId.has(tc.id));
    listed.forEach((row, k) => {
      const want = wanted[k];
      if (want && row.id !== want.id) {
        report(row.node, `Row ${rows.indexOf(row) + 1} of the Results Template is ${row.id}; expected ${want.id}, in the order of the test cases`, { testCase: want.id });
      }
    });
    const seen = new Set<string>();
    for (const row of rows) {
      if (!ids.has(row.id)) report(row.node, `The Results Template has a row for ${row.id || 'an empty id'}, which is not a test case of this guide; expected only ${someOf([...ids])}`);
      else if (seen.has(row.id)) report(row.node, `The Results Template lists ${row.id} twice; expected one row per test case`);
      seen.add(row.id);
    }
  },
};

export default rule;
