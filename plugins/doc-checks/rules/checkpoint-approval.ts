import { checkpointStates, isBlocking, reviewCommand } from '../plan/review';
import type { PlanRule } from '../types';
import { ruleUrl } from './url';

const STATUS_TEXT = {
  pending: 'is pending',
  stale: 'is stale',
  suspect: 'is suspect',
  changes_requested: 'has changes requested',
} as const;

/**
 * A blocking checkpoint needs a current approval: one recorded for the
 * reviewed sections as they are now (not stale), whose linked driver code
 * has not moved since (not suspect). Warnings by default; errors with
 * `requireApprovals`.
 */
const rule: PlanRule = {
  id: 'checkpoint-approval',
  description: 'Blocking checkpoint tasks of a plan have a review approval that matches the current files',
  url: ruleUrl('checkpoint-approval'),
  severity: 'warning',
  scope: 'plan',
  async check({ plan, options, report }) {
    const states = await checkpointStates(plan, { root: options.root, sourceRoot: options.sourceRoot });
    for (const state of states) {
      if (!isBlocking(state.gate) || state.status === 'approved') continue;
      const task = state.task;
      const name = task.name ? ` (${task.name.replace(/^Task\s+\d+\s*:\s*/i, '')})` : '';
      const gate = state.gateAssumed ? 'no gate, so blocking' : `gate ${state.gate}`;
      report(
        { start: task.at, end: task.at },
        `Checkpoint task ${task.index}${name} [${state.type}, ${gate}] ${STATUS_TEXT[state.status]}: ` +
          `${state.details.join('; ')}; record approval with \`${reviewCommand(plan, task)}\``,
        { severity: options.requireApprovals ? 'error' : 'warning' },
      );
    }
  },
};

export default rule;
