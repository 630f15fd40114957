/**
 * The Docusaurus build adapter of the doc checks, used as
 * `beforeDefaultRemarkPlugins` of the docs: it runs before Docusaurus's own
 * admonition and link plugins, so boxes become admonitions and code links
 * are absolute before Docusaurus looks at them.
 */
import type { PluggableList } from 'unified';
import remarkAlertsToAdmonitions from './alerts';
import remarkTestCaseAnchors from './anchors';
import remarkDocChecks from './check';
import remarkCodeLinks from './code-links';
import { refuseParserHazards } from './hazards';
import remarkReviewNotices from './review-notices';
import remarkRunBadges from './run-badges';
import type { DriverSourceOptions } from './options';

export { refuseParserHazards, remarkAlertsToAdmonitions, remarkCodeLinks, remarkDocChecks, remarkReviewNotices, remarkRunBadges, remarkTestCaseAnchors };
export type { CheckOptions } from './check';
export type { CodeLinkOptions } from './code-links';
export { readDriverSourceOptions, validateDriverSourceOptions, type DriverSourceOptions } from './options';

/**
 * The plugins in the order the site runs them: check the page as written
 * first; anchors go on boxes once they are admonitions.
 */
export function docChecksRemarkPlugins(root: string, source: DriverSourceOptions, baseUrl = '/'): PluggableList {
  return [
    [remarkDocChecks, { root, driverSourceRoot: source.driverSourceRoot }],
    remarkAlertsToAdmonitions,
    remarkTestCaseAnchors,
    [remarkCodeLinks, { root, ...source }],
    [remarkRunBadges, { root }],
    // Last, so the notice is not taken for one of the test case's own boxes.
    [remarkReviewNotices, { root, driverSourceRoot: source.driverSourceRoot, reviewBase: `${baseUrl.replace(/\/?$/, '/')}review/` }],
  ];
}
