/**
 * One plan's verification report (must_haves and checkpoints) and its two
 * renderings: text in the style of the planning workflow's verification
 * report, and JSON.
 */
import type { Roots } from './locate';
import type { Plan } from './model';
import { mustHavesFail, verifyMustHaves, type MustHavesResult } from './must-haves';
import type { PinChange } from './pins';
import { printable } from './printable';
import { checkpointStates, isBlocking, reviewCommand, type CheckpointState } from './review';

export interface PlanReport {
  plan: Plan;
  mustHaves: MustHavesResult;
  checkpoints: CheckpointState[];
}

export async function verifyPlan(plan: Plan, roots: Roots): Promise<PlanReport> {
  return { plan, mustHaves: await verifyMustHaves(plan, roots), checkpoints: await checkpointStates(plan, roots) };
}

/** A failing must-have or an unreadable plan makes `docs-check plan` exit 1. */
export function reportFails(report: PlanReport): boolean {
  return mustHavesFail(report.mustHaves) || report.plan.problems.length > 0;
}

export interface PlanReportJson {
  plan: string;
  problems: { line: number; column: number; message: string }[];
  artifacts: { path: string; status: string; details: string[]; foundIn: string | null }[];
  keyLinks: {
    from: string;
    to: string;
    via: string | null;
    pattern: string | null;
    status: string;
    foundIn: 'from' | 'to' | null;
    line: number | null;
    detail: string;
  }[];
  /** Prose: listed with the evidence of the checks that back them, never marked verified. */
  truths: { truth: string; backedBy: { kind: string; label: string; because: string; status: string; evidence: string }[] }[];
  checkpoints: {
    task: number;
    name: string;
    type: string;
    gate: string;
    status: string;
    pinned: boolean;
    details: string[];
    /** What moved since the approval (stale or suspect), with line diffs. */
    changes: { name: string; what: string; diff: string | null; noDiff: string | null }[];
    command: string | null;
  }[];
}

export function toJson(report: PlanReport): PlanReportJson {
  const { plan, mustHaves, checkpoints } = report;
  return {
    plan: plan.path,
    problems: plan.problems.map((p) => ({ line: p.at.line, column: p.at.column, message: p.message })),
    artifacts: mustHaves.artifacts.map((a) => ({
      path: a.path,
      status: a.status,
      details: a.details,
      foundIn: a.foundIn ?? null,
    })),
    keyLinks: mustHaves.keyLinks.map((k) => ({
      from: k.link.from,
      to: k.link.to,
      via: k.link.via ?? null,
      pattern: k.link.pattern ?? null,
      status: k.status,
      foundIn: k.foundIn ?? null,
      line: k.line ?? null,
      detail: k.detail,
    })),
    truths: mustHaves.truths.map((t) => ({
      truth: t.truth.value,
      backedBy: t.backedBy.map(({ kind, label, because, status, evidence }) => ({ kind, label, because, status, evidence })),
    })),
    checkpoints: checkpoints.map((c) => ({
      task: c.task.index,
      name: c.task.name,
      type: c.type,
      gate: c.gate,
      status: c.status,
      pinned: c.pinned,
      details: c.details,
      changes: c.changes.map((ch) => ({ name: ch.name, what: ch.what, diff: ch.diff ?? null, noDiff: ch.noDiff ?? null })),
      command: needsReview(c) ? reviewCommand(plan, c.task) : null,
    })),
  };
}

/** Whether recording an approval would change the checkpoint's status. */
export const needsReview = (c: CheckpointState): boolean => c.status !== 'approved' || !c.pinned;

const label = (status: string): string => `${status.toUpperCase().padEnd(11)} `;

export function toText(report: PlanReport): string {
  const { plan, mustHaves, checkpoints } = report;
  const out: string[] = [plan.path];
  if (plan.problems.length) {
    out.push('  Problems');
    for (const p of plan.problems) out.push(`    ${p.at.line}:${p.at.column}  ${p.message}`);
  }
  out.push('  Artifacts');
  if (mustHaves.artifacts.length === 0) out.push('    (none listed in must_haves)');
  for (const a of mustHaves.artifacts) out.push(`    ${label(a.status)}${a.path}: ${a.details.join('; ')}`);
  out.push('  Key links');
  if (mustHaves.keyLinks.length === 0) out.push('    (none listed in must_haves)');
  for (const k of mustHaves.keyLinks) out.push(`    ${label(k.status)}${k.link.from} -> ${k.link.to}: ${k.detail}`);
  if (mustHaves.truths.length) {
    out.push('  Truths (prose: judge each from the evidence of its checks)');
    for (const t of mustHaves.truths) {
      out.push(`    ${label('truth')}${t.truth.value}`);
      if (t.backedBy.length === 0) out.push('                  no check shares its ids or words; a person must confirm it');
      for (const b of t.backedBy) out.push(`                  ${b.kind} ${b.label} (${b.because}): ${b.status}: ${b.evidence}`);
    }
  }
  out.push('  Checkpoints');
  if (checkpoints.length === 0) out.push('    (no checkpoint tasks)');
  for (const c of checkpoints) {
    const gate = c.gateAssumed ? 'blocking (assumed: no gate given)' : c.gate;
    out.push(`    ${label(c.status)}Task ${c.task.index}: ${stripTaskPrefix(c.task.name)} [${c.type}, gate ${gate}]`);
    for (const d of c.details) out.push(`                  ${d}`);
    out.push(...changeLines(c.changes, '                  '));
    if (needsReview(c)) out.push(`                  record approval: ${reviewCommand(plan, c.task)}`);
  }
  const count = (n: number, total: number, what: string) => `${n}/${total} ${what}`;
  out.push(
    `  Result: ${[
      count(mustHaves.artifacts.filter((a) => a.status === 'verified').length, mustHaves.artifacts.length, 'artifacts verified'),
      count(mustHaves.keyLinks.filter((k) => k.status === 'wired').length, mustHaves.keyLinks.length, 'key links wired'),
      count(
        checkpoints.filter((c) => c.status === 'approved').length,
        checkpoints.length,
        `checkpoints approved (${checkpoints.filter((c) => isBlocking(c.gate)).length} blocking)`,
      ),
    ].join(', ')}`,
  );
  return out.join('\n');
}

/** `Task 3: Review ...` -> `Review ...`, as the number is printed already. */
const stripTaskPrefix = (name: string): string => name.replace(/^Task\s+\d+\s*:\s*/i, '') || '(unnamed)';

/** What moved since an approval, each with its diff indented under it; printable text only. */
export function changeLines(changes: PinChange[], indent: string): string[] {
  const out: string[] = [];
  for (const change of changes) {
    if (!change.diff && !change.noDiff) continue;
    out.push(`${indent}${printable(change.name, 200)} ${change.what}${change.noDiff ? ` (${change.noDiff})` : ''}${change.diff ? ':' : ''}`);
    for (const line of (change.diff ?? '').split('\n').filter(Boolean)) out.push(`${indent}  | ${printable(line, 300)}`);
  }
  return out;
}
