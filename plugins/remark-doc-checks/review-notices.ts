/**
 * On the hosted site, every section that a blocking checkpoint reviews
 * carries a notice while that checkpoint is pending, stale or suspect, with
 * a link to the plan's Review page: a reader sees which instructions no
 * person has approved in their current form. The facts are the engine's
 * (checkpointStates, reviewedUnits), as `docs-check plan` shows them.
 */
import path from 'node:path';
import type { Heading, Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { reviewedUnits } from '../doc-checks/plan/pins';
import { checkpointStates, isBlocking, type CheckpointState } from '../doc-checks/plan/review';
import { reviewSlugs } from '../doc-checks/plan/review-slugs';
import { relativeToRoot } from '../doc-checks/source/paths';
import type { UnitRef } from '../doc-checks/plan/units';
import { ProjectWorkspace } from '../doc-checks/workspace';

export interface ReviewNoticeOptions {
  root: string;
  driverSourceRoot?: string;
  /** Site path of the Review section, e.g. `/rds-csi-docs/review/`. */
  reviewBase: string;
}

const WHY: Record<string, string> = {
  pending: 'is part of a review that has not been approved yet',
  stale: 'is part of a review whose approval is stale: reviewed content changed since',
  suspect: 'is part of a review that is suspect: driver code it links to changed since the approval',
};

const remarkReviewNotices: Plugin<[ReviewNoticeOptions], Root> = function (options) {
  return async (tree: Root, file: VFile) => {
    const page = file.path ? relativeToRoot(options.root, path.resolve(file.path)) : undefined;
    if (!page) return;
    const roots = { root: options.root, sourceRoot: options.driverSourceRoot };
    const workspace = new ProjectWorkspace(roots);
    const plans = await workspace.plans();
    const slugs = reviewSlugs(plans.map((p) => p.path));
    for (const plan of plans) {
      if (!plan.filesModified.includes(page)) continue;
      for (const state of await checkpointStates(plan, roots)) {
        if (!isBlocking(state.gate) || !(state.status in WHY)) continue;
        const url = `${options.reviewBase}${slugs.get(plan.path)}`;
        for (const { file: unitFile, ref } of await reviewedUnits(workspace, plan, state.task)) {
          if (unitFile !== page) continue;
          const index = tree.children.findIndex((n) => n.type === 'heading' && names(n, ref));
          if (index !== -1) tree.children.splice(index + 1, 0, notice(state, url));
        }
      }
    }
  };
};

export default remarkReviewNotices;

function names(heading: Heading, ref: UnitRef): boolean {
  const text = toString(heading).replace(/\s*\{#[^{}\s]+\}\s*$/, '');
  return ref.kind === 'test case' ? text.startsWith(`${ref.key}:`) || text === ref.key : text === ref.key;
}

function notice(state: CheckpointState, url: string): ContainerDirective {
  const status = state.status as keyof typeof WHY;
  return {
    type: 'containerDirective',
    name: 'warning',
    // Docusaurus passes `class` on to the admonition; tests and styles find the notice by it.
    attributes: { class: `review-notice review-notice--${status}` },
    children: [
      { type: 'paragraph', data: { directiveLabel: true }, children: [{ type: 'text', value: `Review ${status}` }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: `This section ${WHY[status]}. ` },
          { type: 'link', url, children: [{ type: 'text', value: 'See its Review page' }] },
          { type: 'text', value: '.' },
        ],
      },
    ],
  } as ContainerDirective;
}


