import { verifyArtifact, verifyKeyLink } from '../plan/must-haves';
import type { PlanRule } from '../types';
import { ruleUrl } from './url';

/**
 * The plan's must_haves hold: artifacts exist with what they must contain,
 * key links are wired. A key link whose ends are not files cannot be
 * checked: that is a warning with the reason, not a failure.
 */
const rule: PlanRule = {
  id: 'plan-must-haves',
  description: 'The artifacts and key links a plan lists in must_haves exist and are wired',
  url: ruleUrl('plan-must-haves'),
  severity: 'error',
  scope: 'plan',
  async check({ plan, options, report }) {
    const roots = { root: options.root, sourceRoot: options.sourceRoot };
    for (const artifact of plan.artifacts) {
      const result = await verifyArtifact(artifact, roots);
      const at = { start: artifact.at, end: artifact.at };
      if (result.status === 'missing') {
        report(at, `Artifact \`${artifact.path}\` is missing: ${result.details.join('; ')}`);
      } else if (result.status === 'failed') {
        report(at, `Artifact \`${artifact.path}\` ${result.details.join('; ')}`);
      }
    }
    for (const link of plan.keyLinks) {
      const result = await verifyKeyLink(link, roots);
      const at = { start: link.at, end: link.at };
      const name = `Key link \`${link.from}\` -> \`${link.to}\``;
      if (result.status === 'not_wired') {
        report(at, `${name} is not wired: ${result.detail}`);
      } else if (result.status === 'uncheckable') {
        report(at, `${name} cannot be checked: ${result.detail}`, { severity: 'warning' });
      }
    }
  },
};

export default rule;
