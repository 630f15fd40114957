import { verifyKeyLink } from '../plan/must-haves';
import type { PageRule } from '../types';
import { ruleUrl } from './url';

/**
 * A page that a plan names as the `from` end of a key link carries the link,
 * with the meaning `docs-check plan` gives it (verifyKeyLink): the rule
 * reports exactly the links that `docs-check plan` calls not wired.
 */
const rule: PageRule = {
  id: 'key-link',
  description: 'Pages that plans name as the source of a key link are wired to it, as docs-check plan verifies',
  url: ruleUrl('key-link'),
  severity: 'error',
  scope: 'page',
  async check({ page, workspace, report }) {
    const plans = await workspace.plans();
    const at = page.headings[0]?.node ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    for (const plan of plans) {
      for (const link of plan.keyLinks) {
        if (link.from.replace(/^\.\//, '') !== page.path) continue;
        const name = `Key link \`${link.from}\` -> \`${link.to}\` of \`${plan.path}\`${link.via ? ` (${link.via})` : ''}`;
        // The page as it is being checked (editor buffer, page being built), not as on disk.
        const result = await verifyKeyLink(link, { root: workspace.root, sourceRoot: workspace.sourceRoot }, page.text);
        if (result.status === 'not_wired') report(at, `${name} is not wired: ${result.detail}`);
        else if (result.patternProblem) report(at, `${name} cannot be checked: ${result.detail}`, { severity: 'warning' });
      }
    }
  },
};

export default rule;
