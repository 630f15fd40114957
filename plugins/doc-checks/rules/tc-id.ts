import type { PageRule } from '../types';
import { ruleUrl } from './url';

/** Test case ids are what the Results Template, links and reviewers refer to. */
const rule: PageRule = {
  id: 'tc-id',
  description: 'Test case ids are unique, consecutive from TC-01, in order, with headings of the form `TC-NN: Title`',
  url: ruleUrl('tc-id'),
  severity: 'error',
  scope: 'page',
  check({ page, report }) {
    const seen = new Map<number, string>();
    let expected = 1;
    for (const tc of page.testCases) {
      const at = tc.heading.node;
      const extra = { testCase: tc.id };
      if (!tc.wellFormedHeading) {
        report(at, `Heading \`${tc.heading.text}\` is not of the form \`TC-NN: Title\`; expected at least two digits, a colon and a title`, extra);
      }
      const first = seen.get(tc.number);
      if (first !== undefined) {
        report(at, `Duplicate test case id ${tc.id}; it is already used by \`${first}\``, extra);
        continue;
      }
      seen.set(tc.number, tc.heading.text);
      if (tc.number !== expected) {
        const want = `TC-${String(expected).padStart(2, '0')}`;
        report(at, `Found ${tc.id} where ${want} was expected; ids must be consecutive and in order`, extra);
      }
      expected = tc.number + 1;
    }
  },
};

export default rule;
