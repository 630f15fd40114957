/** The rule `docs-check run` reports under: a failed block, or a RouterOS step whose reply differs in structure. */
import { ruleUrl } from '../rules/url';
import type { RuleMeta } from '../types';

export const RUN_RESULT: RuleMeta = {
  id: 'run-result',
  description: 'A block marked `run` passes when `docs-check run` executes it',
  url: ruleUrl('run-result'),
  severity: 'error',
  scope: 'page',
};
