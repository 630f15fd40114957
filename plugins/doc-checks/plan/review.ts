/**
 * Review records for a plan's checkpoints. A review pins what was reviewed:
 * the sha256 of the plan and of every file in `files_modified` at review
 * time. An approval stays valid while those files are unchanged; after an
 * edit it is `stale`, naming the files that changed.
 *
 * Records live in `<plan-base>-REVIEW.json` beside the plan and are only
 * ever appended, under a lock, with an atomic replace of the file.
 */
import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { resolveInside } from '../source/paths';
import { locateFile, type Roots } from './locate';
import { LockError, withFileLock, writeFileAtomic, type LockOptions } from './lock';
import type { CheckpointType, Gate, Plan, PlanTask } from './model';
import { besidePlan, summaryApprovals, type SummaryApproval } from './summary';
import { GATES, isCheckpoint } from './tasks';

export type ReviewDecision = 'approved' | 'changes_requested';

export interface ReviewRecord {
  /** 1-based task number in the plan. */
  task: number;
  taskName: string;
  decision: ReviewDecision;
  reviewer: string;
  /** ISO 8601 time of the review. */
  time: string;
  /** What the reviewer answered: `approved`, or the changes asked for. */
  resumeSignal: string;
  /** sha256 (hex) of each pinned file at review time; null when it did not exist. */
  files: Record<string, string | null>;
}

export interface ReviewFile {
  /** Repository-relative path of the plan. */
  plan: string;
  records: ReviewRecord[];
}

export type CheckpointStatus = 'pending' | 'approved' | 'changes_requested' | 'stale';

export interface CheckpointState {
  task: PlanTask;
  type: CheckpointType;
  gate: Gate;
  /** True when the task has no `gate` and `blocking` was assumed. */
  gateAssumed: boolean;
  status: CheckpointStatus;
  /** Whether the approval fixes the content it approved (false for summary lines). */
  pinned: boolean;
  /** Human-readable facts behind the status. */
  details: string[];
  /** The latest record for the task, if any. */
  record?: ReviewRecord;
  summary?: SummaryApproval;
}

/** A review file that exists but cannot be used; it is never overwritten. */
export class ReviewFileError extends Error {
  override name = 'ReviewFileError';
}

export const reviewFileFor = (planPath: string): string => besidePlan(planPath, '-REVIEW.json');

/** The task a review applies to when none is named: the first human-verify checkpoint. */
export function defaultReviewTask(plan: Plan): PlanTask | undefined {
  return plan.tasks.find((t) => t.type === 'checkpoint:human-verify');
}

export const isBlocking = (gate: Gate): boolean => gate === 'blocking' || gate === 'blocking-human';

/** The exact command that records a decision for a task. */
export function reviewCommand(plan: Plan, task: PlanTask, decision: 'approve' | 'request-changes' = 'approve'): string {
  const taskOption = defaultReviewTask(plan)?.index === task.index ? '' : ` --task ${task.index}`;
  const decisionOption = decision === 'approve' ? '--approve' : '--request-changes "WHAT TO CHANGE"';
  return `docs-check review ${quoteArg(plan.path)} ${decisionOption} --reviewer NAME${taskOption}`;
}

const quoteArg = (value: string): string => (/^[\w./@:-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

// ---------------------------------------------------------------------------
// Reading and validating the review file

export type ReviewFileRead =
  | { kind: 'absent' }
  | { kind: 'ok'; file: ReviewFile }
  | { kind: 'invalid'; reason: string };

export async function readReviewFile(absolute: string, planPath: string): Promise<ReviewFileRead> {
  let info;
  try {
    info = await lstat(absolute);
  } catch {
    return { kind: 'absent' };
  }
  if (info.isSymbolicLink()) return { kind: 'invalid', reason: 'it is a symbolic link; expected a file written by docs-check' };
  if (!info.isFile()) return { kind: 'invalid', reason: 'it is not a regular file' };
  let value: unknown;
  try {
    value = JSON.parse(await readFile(absolute, 'utf8'));
  } catch (error) {
    return { kind: 'invalid', reason: `it is not valid JSON (${(error as Error).message})` };
  }
  const problem = validateReviewFile(value, planPath);
  return problem ? { kind: 'invalid', reason: problem } : { kind: 'ok', file: value as ReviewFile };
}

function validateReviewFile(value: unknown, planPath: string): string | undefined {
  if (!isObject(value) || typeof value.plan !== 'string' || !Array.isArray(value.records)) {
    return 'expected a JSON object with `plan` and `records`';
  }
  if (value.plan !== planPath) return `it records reviews of \`${value.plan}\`, not of \`${planPath}\``;
  for (const [i, record] of value.records.entries()) {
    const problem = validateRecord(record);
    if (problem) return `record ${i + 1} ${problem}`;
  }
  return undefined;
}

function validateRecord(record: unknown): string | undefined {
  if (!isObject(record)) return 'is not an object';
  if (!Number.isInteger(record.task) || (record.task as number) < 1) return 'has no task number';
  if (record.decision !== 'approved' && record.decision !== 'changes_requested') {
    return 'has a `decision` other than `approved` or `changes_requested`';
  }
  for (const key of ['taskName', 'reviewer', 'time', 'resumeSignal'] as const) {
    if (typeof record[key] !== 'string') return `has no \`${key}\` string`;
  }
  if (!isObject(record.files) || !Object.values(record.files).every((h) => h === null || typeof h === 'string')) {
    return 'has no `files` map of sha256 hashes';
  }
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------
// Hashing what is reviewed

/** The files a review pins: the plan itself and its `files_modified`. */
export function pinnedPaths(plan: Plan): string[] {
  return [...new Set([plan.path, ...plan.filesModified])];
}

export async function hashFile(roots: Roots, file: string): Promise<string | null> {
  const location = locateFile(roots, file);
  if (!location.found) return null;
  try {
    return createHash('sha256').update(await readFile(location.absolute)).digest('hex');
  } catch {
    return null;
  }
}

export async function hashPinned(roots: Roots, plan: Plan): Promise<Record<string, string | null>> {
  const files: Record<string, string | null> = {};
  for (const file of pinnedPaths(plan)) files[file] = await hashFile(roots, file);
  return files;
}

// ---------------------------------------------------------------------------
// Recording a review

export interface ReviewInput {
  roots: Roots;
  plan: Plan;
  task: PlanTask;
  decision: ReviewDecision;
  reviewer: string;
  /** For `changes_requested`: the changes asked for. */
  changes?: string;
  now?: Date;
  lock?: LockOptions;
}

export async function recordReview(input: ReviewInput): Promise<{ record: ReviewRecord; reviewFile: string }> {
  const { roots, plan, task } = input;
  const reviewFile = reviewFileFor(plan.path);
  const resolved = resolveInside(roots.root, reviewFile);
  if (!resolved.ok) throw new ReviewFileError(`Cannot write \`${reviewFile}\`: ${resolved.problem}`);
  const record: ReviewRecord = {
    task: task.index,
    taskName: task.name,
    decision: input.decision,
    reviewer: input.reviewer,
    time: (input.now ?? new Date()).toISOString(),
    resumeSignal: input.decision === 'approved' ? 'approved' : (input.changes ?? ''),
    files: await hashPinned(roots, plan),
  };
  await withFileLock(
    `${resolved.absolute}.lock`,
    async () => {
      const existing = await readReviewFile(resolved.absolute, plan.path);
      if (existing.kind === 'invalid') {
        throw new ReviewFileError(
          `\`${reviewFile}\` cannot be used: ${existing.reason}. It was left unchanged; fix or move it, then review again`,
        );
      }
      const file: ReviewFile = existing.kind === 'ok' ? existing.file : { plan: plan.path, records: [] };
      file.records.push(record);
      await writeFileAtomic(resolved.absolute, `${JSON.stringify(file, null, 2)}\n`);
    },
    input.lock,
  );
  return { record, reviewFile };
}

export { LockError };

// ---------------------------------------------------------------------------
// Status of each checkpoint

export async function checkpointStates(plan: Plan, roots: Roots): Promise<CheckpointState[]> {
  const checkpoints = plan.tasks.filter(isCheckpoint);
  if (checkpoints.length === 0) return [];
  const reviewFile = reviewFileFor(plan.path);
  const resolved = resolveInside(roots.root, reviewFile);
  const read: ReviewFileRead = resolved.ok
    ? await readReviewFile(resolved.absolute, plan.path)
    : { kind: 'invalid', reason: resolved.problem };
  const records = read.kind === 'ok' ? read.file.records : [];
  const summaries = await summaryApprovals(roots.root, plan);

  const states: CheckpointState[] = [];
  for (const task of checkpoints) {
    const gateAssumed = !GATES.includes(task.gate as Gate);
    const state: CheckpointState = {
      task,
      type: task.type as CheckpointType,
      gate: gateAssumed ? 'blocking' : (task.gate as Gate),
      gateAssumed,
      status: 'pending',
      pinned: false,
      details: [],
    };
    const latest = records.filter((r) => r.task === task.index).at(-1);
    if (latest) {
      state.record = latest;
      await describeRecord(state, latest, roots);
    } else {
      const summary = summaries.find((s) => s.task === task.index && (s.type === undefined || s.type === task.type));
      if (summary) {
        state.status = 'approved';
        state.summary = summary;
        state.details.push(
          `approved in \`${summary.file}\` line ${summary.line} (${summary.note}), but not pinned: no review record says which content was approved`,
        );
      } else {
        state.details.push(`no review recorded in \`${reviewFile}\``);
      }
    }
    if (read.kind === 'invalid') state.details.push(`\`${reviewFile}\` cannot be used: ${read.reason}`);
    states.push(state);
  }
  return states;
}

async function describeRecord(state: CheckpointState, record: ReviewRecord, roots: Roots): Promise<void> {
  const when = record.time.slice(0, 10);
  if (record.decision === 'changes_requested') {
    state.status = 'changes_requested';
    state.details.push(`changes requested by ${record.reviewer} on ${when}: ${record.resumeSignal}`);
    return;
  }
  const changed: string[] = [];
  for (const [file, hash] of Object.entries(record.files)) {
    const now = await hashFile(roots, file);
    if (now === hash) continue;
    if (hash === null) changed.push(`\`${file}\` did not exist at the review and exists now`);
    else if (now === null) changed.push(`\`${file}\` is gone`);
    else changed.push(`\`${file}\` changed`);
  }
  state.pinned = true;
  if (changed.length) {
    state.status = 'stale';
    state.details.push(`approved by ${record.reviewer} on ${when}, but since then ${changed.join(', ')}`);
  } else {
    state.status = 'approved';
    state.details.push(
      `approved by ${record.reviewer} on ${when}; ${Object.keys(record.files).length} pinned files unchanged`,
    );
  }
}
