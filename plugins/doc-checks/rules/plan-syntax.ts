import type { PlanRule } from '../types';
import { ruleUrl } from './url';

/** What the plan reader could not read: YAML errors, wrong types, broken task blocks. */
const rule: PlanRule = {
  id: 'plan-syntax',
  description: 'Plans have valid YAML frontmatter with well-typed must_haves and well-formed task blocks',
  url: ruleUrl('plan-syntax'),
  severity: 'error',
  scope: 'plan',
  check({ plan, report }) {
    for (const problem of plan.problems) report({ start: problem.at, end: problem.at }, problem.message);
  },
};

export default rule;
