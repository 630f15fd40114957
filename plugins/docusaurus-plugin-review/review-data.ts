/**
 * What a Review page shows, computed at build time by the same engine the
 * CLI uses: the plan's checkpoints with their how-to-verify checklists
 * linked to the exact places in the docs, the must_haves verification, and
 * the commands that record a decision. Plain JSON, so pages can render it.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ProjectWorkspace } from '../doc-checks/workspace';
import type { Roots } from '../doc-checks/plan/locate';
import { toJson, verifyPlan, type PlanReportJson } from '../doc-checks/plan/report';
import { computePins } from '../doc-checks/plan/pins';
import { commitCommands, reviewCommand, reviewFileFor } from '../doc-checks/plan/review';
import { resolveReviewItems } from '../doc-checks/plan/review-targets';
import { planBaseName } from '../doc-checks/plan/summary';
import { reviewSlugs } from '../doc-checks/plan/review-slugs';
import type { Plan, PlanTask } from '../doc-checks/plan/model';
import type { Page } from '../doc-checks/types';

type CheckpointJson = PlanReportJson['checkpoints'][number];

export interface ReviewChecklistItem {
  text: string;
  /** Site path with anchor, e.g. `/rds-csi-docs/docs/hardware-validation#tc-09-...-step-4`. */
  href?: string;
  label?: string;
}

/**
 * A checkpoint as `docs-check plan --format json` reports it, plus what the
 * reviewer works with on the page.
 */
export interface ReviewCheckpoint extends CheckpointJson {
  whatBuilt?: string;
  resumeSignal?: string;
  items: ReviewChecklistItem[];
  approveCommand: string;
  requestChangesCommand: string;
  /** The review file and the commands that commit it after recording. */
  reviewFile: string;
  commitCommands: string[];
  /** Ticks are stored under this key; it changes when the reviewed content does. */
  storageKey: string;
}

/** The plan report of the CLI, with the checkpoints made reviewable and a URL slug. */
export interface ReviewData extends Omit<PlanReportJson, 'checkpoints'> {
  slug: string;
  title: string;
  checkpoints: ReviewCheckpoint[];
}

export interface ReviewDataOptions extends Roots {
  /** Maps a repository-relative page path to its site path (without anchor). */
  pageUrl: (page: Page) => string | undefined;
}

export async function buildReviewData(options: ReviewDataOptions): Promise<ReviewData[]> {
  const workspace = new ProjectWorkspace({ root: options.root, sourceRoot: options.sourceRoot });
  const data: ReviewData[] = [];
  const plans = await workspace.plans();
  const slugs = reviewSlugs(plans.map((p) => p.path));
  for (const plan of plans) {
    const report = await verifyPlan(plan, options);
    const json = toJson(report);
    const pages: Page[] = [];
    for (const file of plan.filesModified.filter((f) => f.endsWith('.md'))) {
      const page = await workspace.page(file);
      if (page) pages.push(page);
    }
    data.push({
      ...json,
      slug: slugs.get(plan.path)!,
      title: plan.tasks.find((t) => t.type.startsWith('checkpoint:'))?.name ?? planBaseName(plan.path),
      checkpoints: await Promise.all(report.checkpoints.map(async (state, i) => ({
        ...json.checkpoints[i],
        whatBuilt: state.task.whatBuilt,
        resumeSignal: state.task.resumeSignal,
        items: resolveReviewItems(state.task.howToVerify ?? '', pages).map(({ text, target }) => {
          const page = target && pages.find((p) => p.path === target.page);
          const url = page && options.pageUrl(page);
          return url ? { text, href: target.anchor ? `${url}#${target.anchor}` : url, label: target.label } : { text };
        }),
        approveCommand: reviewCommand(plan, state.task, 'approve'),
        requestChangesCommand: reviewCommand(plan, state.task, 'request-changes'),
        reviewFile: reviewFileFor(plan.path),
        commitCommands: commitCommands(plan, state.task, 'approved', 'NAME'),
        storageKey: `docs-review:${plan.path}:task-${state.task.index}:${await contentHash(options, plan, state.task)}`,
      }))),
    });
  }
  return data;
}

/** Ticks reset when what the review pins changes. */
async function contentHash(roots: Roots, plan: Plan, task: PlanTask): Promise<string> {
  const pins = await computePins(roots, plan, task);
  return createHash('sha256').update(JSON.stringify(pins)).digest('hex').slice(0, 16);
}
