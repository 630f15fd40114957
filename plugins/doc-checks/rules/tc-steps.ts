import type { List } from 'mdast';
import type { PageRule } from '../types';
import { ruleUrl } from './url';

/** "Go back to step 4" only works when step 4 is where a reader expects it. */
const rule: PageRule = {
  id: 'tc-steps',
  description: 'Steps are an ordered list numbered 1 to n without gaps or repeats, with at least one command and one expected output per test case',
  url: ruleUrl('tc-steps'),
  severity: 'error',
  scope: 'page',
  check({ page, report }) {
    for (const tc of page.testCases) {
      const extra = { testCase: tc.id };
      const steps = tc.sections.find((s) => s.name === 'Steps');
      if (steps && !tc.stepsList) {
        report(steps.node, `\`Steps\` in ${tc.id} has no numbered list; expected steps written as \`1.\`, \`2.\`, ...`, extra);
      }
      // An unindented block between two items ends the list: the rest of the steps then sit
      // in another list that nothing numbers, and the block belongs to no step.
      const splits = (steps?.content ?? []).filter((n): n is List => n.type === 'list' && n.ordered === true && n !== tc.stepsList);
      for (const list of splits) {
        // A list node has a numeric `start`, so pass its position, not the node, as the span.
        report(list.position, `\`Steps\` in ${tc.id} restart as a separate numbered list at step ${list.start ?? 1}; expected one list, with each step's code blocks indented under its number`, extra);
      }
      let previous = 0;
      for (const step of tc.steps) {
        const expected = previous + 1;
        if (Number.isNaN(step.number)) {
          report(step.node, `Found an unnumbered step in ${tc.id} where step ${expected} was expected`, extra);
        } else if (step.number === previous) {
          report(step.node, `Step ${step.number} in ${tc.id} repeats the previous number; expected step ${expected}`, extra);
        } else if (step.number !== expected) {
          const after = previous === 0 ? 'as the first step' : `after step ${previous}`;
          report(step.node, `Found step ${step.number} in ${tc.id} ${after}; expected step ${expected}`, extra);
        }
        if (!Number.isNaN(step.number)) previous = step.number;
      }
      if (tc.commands.length === 0) {
        report(tc.heading.node, `${tc.id} has no command; expected at least one \`bash\` code block`, extra);
      }
      if (tc.expectedOutputs.length === 0) {
        report(tc.heading.node, `${tc.id} has no expected output; expected an "Expected output:" paragraph followed by a code block`, extra);
      }
    }
  },
};

export default rule;
