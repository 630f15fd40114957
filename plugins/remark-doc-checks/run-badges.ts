/**
 * Shows the last `docs-check run` on the page: a line after each block
 * marked `run` (passed, failed or not run, the driver commit, the date)
 * and a summary under the page title; with `--routeros-mock`, a line per
 * RouterOS step after its block and their count (run-badges-routeros.ts). The results come from the committed
 * report (`docs-check run --report static/run-report.json`); the build
 * never runs anything itself. Blocks are matched by their first command,
 * not their line, so edits around them keep their results.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Code, Nodes, Paragraph, Parents, Root } from 'mdast';
import type { Plugin } from 'unified';
import { firstCommand, readMeta, shellBlockPlaces } from '../doc-checks/run/blocks';
import { readSteps, stepBadge, stepsOfBlock, stepSummary, type ReportedStep } from './run-badges-routeros';

export const DEFAULT_RUN_REPORT = 'static/run-report.json';

export interface RunBadgeOptions {
  root: string;
  /** Repository-relative path of the report (default: static/run-report.json). */
  report?: string;
}

interface ReportedBlock {
  file: string;
  firstCommand: string;
  status: 'passed' | 'failed';
}

interface Report {
  date: string;
  driverCommit?: string;
  blocks: ReportedBlock[];
  steps: ReportedStep[];
}

type Outcome = 'passed' | 'failed' | 'not run';

const remarkRunBadges: Plugin<[RunBadgeOptions], Root> = function ({ root, report = DEFAULT_RUN_REPORT }) {
  const last = readReport(path.join(root, report));
  return (tree, file) => {
    const page = file.path ? path.relative(root, file.path).split(path.sep).join('/') : '';
    const results = last?.blocks.filter((b) => b.file === page) ?? [];
    const seen = new Map<string, number>();
    const outcomes: Outcome[] = [];
    forEachRunnable(tree, (code, parent, index) => {
      const command = firstCommand(code.value);
      const nth = seen.get(command) ?? 0;
      seen.set(command, nth + 1);
      const outcome: Outcome = results.filter((r) => r.firstCommand === command).at(nth)?.status ?? 'not run';
      outcomes.push(outcome);
      parent.children.splice(index + 1, 0, badge(outcome, outcome === 'not run' ? undefined : last));
    });
    const steps = insertStepBadges(tree, page, last?.steps ?? []);
    if (steps.length > 0) insertAtTop(tree, paragraph('run-summary', stepSummary(steps, details(last!))));
    if (outcomes.length > 0) insertSummary(tree, outcomes, last);
  };
};

/** After each shell block, a line per RouterOS step of the report in it; the steps shown. */
function insertStepBadges(tree: Root, page: string, reported: readonly ReportedStep[]): ReportedStep[] {
  if (!reported.some((s) => s.file === page)) return [];
  const shown: ReportedStep[] = [];
  for (const [code, place] of shellBlockPlaces(tree)) {
    const steps = stepsOfBlock(reported, page, place.firstCommand, place.nth);
    if (steps.length === 0) continue;
    const parent = parentOf(tree, code);
    if (!parent) continue;
    (parent.children as Nodes[]).splice((parent.children as Nodes[]).indexOf(code) + 1, 0, ...steps.map(stepBadge));
    shown.push(...steps);
  }
  return shown;
}

function parentOf(node: Nodes, child: Code): Parents | undefined {
  if (!('children' in node)) return undefined;
  const parent = node as Parents;
  if ((parent.children as Nodes[]).includes(child)) return parent;
  for (const c of parent.children as Nodes[]) {
    const found = parentOf(c, child);
    if (found) return found;
  }
  return undefined;
}

/** Runnable code blocks in document order; the callback may insert after the block. */
function forEachRunnable(node: Nodes, visit: (code: Code, parent: Parents, index: number) => void): void {
  if (!('children' in node)) return;
  const parent = node as Parents;
  for (let i = 0; i < parent.children.length; i++) {
    const child = parent.children[i] as Nodes;
    if (child.type === 'code' && readMeta(child.meta).run) visit(child, parent, i);
    else forEachRunnable(child, visit);
  }
}

function badge(outcome: Outcome, report: Report | undefined): Paragraph {
  const details = report ? ` · driver ${shortCommit(report.driverCommit)} · ${report.date}` : '';
  return paragraph(`run-badge run-badge--${outcome.replace(' ', '-')}`, `Last run: ${outcome}${details}`);
}

function insertSummary(tree: Root, outcomes: Outcome[], report: Report | undefined): void {
  const count = (o: Outcome) => outcomes.filter((x) => x === o).length;
  const text = report
    ? `Runnable blocks (marked run): ${count('passed')} passed, ${count('failed')} failed, ${count('not run')} not run in the last docs-check run (${details(report)}).`
    : `Runnable blocks (marked run): ${outcomes.length}, not run yet.`;
  insertAtTop(tree, paragraph('run-summary', text));
}

function details(report: Report): string {
  return `driver ${shortCommit(report.driverCommit)}, ${report.date}`;
}

/** Right under the page title. */
function insertAtTop(tree: Root, node: Paragraph): void {
  const title = tree.children.findIndex((n) => n.type === 'heading' && n.depth === 1);
  tree.children.splice(title + 1, 0, node);
}

function paragraph(className: string, text: string): Paragraph {
  return {
    type: 'paragraph',
    data: { hProperties: { className: className.split(' ') } },
    children: [{ type: 'text', value: text }],
  };
}

function shortCommit(commit: string | undefined): string {
  return commit ? commit.slice(0, 12) : 'unknown';
}

/** The committed report, read as data: anything malformed counts as no report. */
function readReport(file: string): Report | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const record = data as { finishedAt?: unknown; driverCommit?: unknown; blocks?: unknown; routerOsMock?: unknown };
  if (typeof record?.finishedAt !== 'string' || !Array.isArray(record.blocks)) return undefined;
  const blocks = record.blocks.filter(
    (b): b is ReportedBlock =>
      typeof b?.file === 'string' && typeof b?.firstCommand === 'string' && (b?.status === 'passed' || b?.status === 'failed'),
  );
  return {
    date: record.finishedAt.slice(0, 10),
    ...(typeof record.driverCommit === 'string' && /^[0-9a-f]{7,40}$/.test(record.driverCommit) ? { driverCommit: record.driverCommit } : {}),
    blocks,
    steps: readSteps(record),
  };
}

export default remarkRunBadges;
