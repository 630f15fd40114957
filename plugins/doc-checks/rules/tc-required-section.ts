import { SECTION_ORDER, type PageRule, type SectionName } from '../types';
import { ruleUrl } from './url';

const quote = (name: string) => `\`${name}\``;

/** Operators follow a test case top to bottom: every part must be there, in order. */
const rule: PageRule = {
  id: 'tc-required-section',
  description: 'Every test case has Objective, Estimated Time, Prerequisites, Steps, Cleanup, Success Criteria and Troubleshooting, in that order, none empty',
  url: ruleUrl('tc-required-section'),
  severity: 'error',
  scope: 'page',
  check({ page, report }) {
    for (const tc of page.testCases) {
      const extra = { testCase: tc.id };
      const present = new Map<SectionName, number>();
      let furthest = -1;
      for (const section of tc.sections) {
        const rank = SECTION_ORDER.indexOf(section.name);
        if (present.has(section.name)) {
          report(section.node, `Duplicate ${quote(section.name)} in ${tc.id}; expected it once`, extra);
          continue;
        }
        present.set(section.name, rank);
        if (rank < furthest) {
          const before = SECTION_ORDER[furthest];
          report(section.node, `${quote(section.name)} in ${tc.id} comes after ${quote(before)}; expected the order ${SECTION_ORDER.join(', ')}`, extra);
        }
        furthest = Math.max(furthest, rank);
        if (section.empty) report(section.node, `${quote(section.name)} in ${tc.id} is empty; expected content after the label`, extra);
      }
      SECTION_ORDER.forEach((name, rank) => {
        if (present.has(name)) return;
        const after = SECTION_ORDER.slice(0, rank).reverse().find((n) => present.has(n));
        const where = after ? `after ${quote(after)}` : 'right after the heading';
        report(tc.heading.node, `Missing ${quote(name)} in ${tc.id}, expected it ${where}`, extra);
      });
    }
  },
};

export default rule;
