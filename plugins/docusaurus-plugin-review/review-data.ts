/**
 * What a Review page shows, computed at build time by the same engine the
 * CLI uses: the plan's checkpoints with their how-to-verify checklists
 * linked to the exact places in the docs, the must_haves verification, and
 * the commands that record a decision. Plain JSON, so pages can render it.
 */
import { createHash } from 'node:crypto';
import { ProjectWorkspace } from '../doc-checks/workspace';
import type { Roots } from '../doc-checks/plan/locate';
import { verifyMustHaves } from '../doc-checks/plan/must-haves';
import { checkpointStates, hashPinned, reviewCommand } from '../doc-checks/plan/review';
import { resolveReviewItems } from '../doc-checks/plan/review-targets';
import { planBaseName } from '../doc-checks/plan/summary';
import type { Page } from '../doc-checks/types';

export interface ReviewChecklistItem {
  text: string;
  /** Site path with anchor, e.g. `/rds-csi-docs/docs/hardware-validation#tc-09-...-step-4`. */
  href?: string;
  label?: string;
}

export interface ReviewCheckpoint {
  task: number;
  name: string;
  type: string;
  gate: string;
  status: string;
  pinned: boolean;
  details: string[];
  whatBuilt?: string;
  resumeSignal?: string;
  items: ReviewChecklistItem[];
  approveCommand: string;
  requestChangesCommand: string;
  /** Ticks are stored under this key; it changes when the reviewed content does. */
  storageKey: string;
}

export interface ReviewData {
  plan: string;
  slug: string;
  title: string;
  problems: string[];
  checkpoints: ReviewCheckpoint[];
  artifacts: { path: string; status: string; details: string[] }[];
  keyLinks: { from: string; to: string; pattern?: string; status: string; foundIn?: string; detail: string }[];
  truths: { text: string; status: string; backedBy: string[] }[];
}

export interface ReviewDataOptions extends Roots {
  /** Maps a repository-relative page path to its site path (without anchor). */
  pageUrl: (page: Page) => string | undefined;
}

export async function buildReviewData(options: ReviewDataOptions): Promise<ReviewData[]> {
  const workspace = new ProjectWorkspace({ root: options.root, sourceRoot: options.sourceRoot });
  const data: ReviewData[] = [];
  for (const plan of await workspace.plans()) {
    const mustHaves = await verifyMustHaves(plan, options);
    const states = await checkpointStates(plan, options);
    const pages: Page[] = [];
    for (const file of plan.filesModified.filter((f) => f.endsWith('.md'))) {
      const page = await workspace.page(file);
      if (page) pages.push(page);
    }
    const pinned = await hashPinned(options, plan);
    const contentHash = createHash('sha256').update(JSON.stringify(pinned)).digest('hex').slice(0, 16);
    data.push({
      plan: plan.path,
      slug: planBaseName(plan.path),
      title: plan.tasks.find((t) => t.type.startsWith('checkpoint:'))?.name ?? planBaseName(plan.path),
      problems: plan.problems.map((p) => `line ${p.at.line}: ${p.message}`),
      checkpoints: states.map((state) => ({
        task: state.task.index,
        name: state.task.name,
        type: state.type,
        gate: state.gate,
        status: state.status,
        pinned: state.pinned,
        details: state.details,
        whatBuilt: state.task.whatBuilt,
        resumeSignal: state.task.resumeSignal,
        items: resolveReviewItems(state.task.howToVerify ?? '', pages).map(({ text, target }) => {
          const page = target && pages.find((p) => p.path === target.page);
          const url = page && options.pageUrl(page);
          return url ? { text, href: target.anchor ? `${url}#${target.anchor}` : url, label: target.label } : { text };
        }),
        approveCommand: reviewCommand(plan, state.task, 'approve'),
        requestChangesCommand: reviewCommand(plan, state.task, 'request-changes'),
        storageKey: `docs-review:${plan.path}:task-${state.task.index}:${contentHash}`,
      })),
      artifacts: mustHaves.artifacts.map((a) => ({ path: a.path, status: a.status, details: a.details })),
      keyLinks: mustHaves.keyLinks.map((k) => ({
        from: k.link.from,
        to: k.link.to,
        ...(k.link.pattern !== undefined ? { pattern: k.link.pattern } : {}),
        status: k.status,
        ...(k.foundIn ? { foundIn: k.foundIn } : {}),
        detail: k.detail,
      })),
      truths: mustHaves.truths.map((t) => ({
        text: t.truth.value,
        status: t.status,
        backedBy: t.backedBy.map((b) => `${b.kind} ${b.label}: ${b.status}`),
      })),
    });
  }
  return data;
}
