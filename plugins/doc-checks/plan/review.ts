/**
 * Review records for a plan's checkpoints. A review pins what was reviewed
 * (pins.ts): the plan, the test cases and sections the how-to-verify names,
 * the other files_modified, and the Go declarations the reviewed sections
 * link to, plus the git commits the review saw. An approval stays valid
 * while they are unchanged; an edit of a reviewed section makes it `stale`,
 * a change of linked code makes it `suspect`, each naming what moved.
 *
 * Records live in `<plan-base>-REVIEW.json` beside the plan and are only
 * ever appended, under a lock, with an atomic replace of the file. Records
 * written before sections were pinned (no `version`) still read: they pin
 * whole files, and an approval in them is shown as not pinned per section.
 */
import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { headCommit } from '../git';
import { noteAbsolute } from '../cache/track';
import { ProjectWorkspace } from '../workspace';
import { resolveInside } from '../source/paths';
import { locateFile, type Roots } from './locate';
import { LockError, withFileLock, writeFileAtomic, type LockOptions } from './lock';
import type { CheckpointType, Gate, Plan, PlanTask } from './model';
import { checkPins, computePins, missingPins, type CodePin, type PinChange, type Pins, type UnitPin } from './pins';
import { printable } from './printable';
import { besidePlan, planBaseName, summaryApprovals, type SummaryApproval } from './summary';
import { GATES, isCheckpoint } from './tasks';

/** The record format this version writes. */
export const RECORD_VERSION = 2;

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
  /** Hash of each whole pinned file at review time; null when it did not exist. */
  files: Record<string, string | null>;
  /** Absent in records written before sections were pinned. */
  version?: number;
  /** The git commit of the repository the review saw; null outside git. */
  commit?: string | null;
  /** The git commit of the driver source the review saw; null when none or not git. */
  sourceCommit?: string | null;
  units?: UnitPin[];
  code?: CodePin[];
  /** Findings of the checks that the reviewer approved despite (`--accept-errors`). */
  acceptedErrors?: string[];
}

export interface ReviewFile {
  /** Repository-relative path of the plan. */
  plan: string;
  records: ReviewRecord[];
}

export type CheckpointStatus = 'pending' | 'approved' | 'changes_requested' | 'stale' | 'suspect';

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
  /** What moved since the approval (stale: reviewed text; suspect: linked code), with diffs. */
  changes: PinChange[];
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
  return `npx docs-check review ${quoteArg(plan.path)} ${decisionOption} --reviewer NAME${taskOption}`;
}

/** The commands that commit a recorded review, as the CLI prints them and the Review page shows them. */
export function commitCommands(plan: Plan, task: PlanTask, decision: ReviewDecision, reviewer: string): string[] {
  const reviewFile = reviewFileFor(plan.path);
  const what = decision === 'approved' ? 'approved' : 'changes requested';
  const message = `Review ${planBaseName(plan.path)} task ${task.index}: ${what} by ${reviewer}`;
  return [`git add ${quoteArg(reviewFile)}`, `git commit -m ${quoteArg(message)} -- ${quoteArg(reviewFile)}`];
}

/** `value` as one shell word, quoted only when it must be. */
export const quoteArg = (value: string): string => (/^[\w./@:-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

// ---------------------------------------------------------------------------
// Reading and validating the review file

export type ReviewFileRead =
  | { kind: 'absent' }
  | { kind: 'ok'; file: ReviewFile }
  | { kind: 'invalid'; reason: string };

export async function readReviewFile(absolute: string, planPath: string): Promise<ReviewFileRead> {
  noteAbsolute(absolute);
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
  if (record.version === undefined) return undefined;
  if (record.version !== RECORD_VERSION) {
    return `has \`version\` ${printable(JSON.stringify(record.version), 40)}; this docs-check reads version ${RECORD_VERSION}`;
  }
  for (const key of ['commit', 'sourceCommit'] as const) {
    if (record[key] !== null && typeof record[key] !== 'string') return `has no \`${key}\` (a git commit or null)`;
  }
  const isUnit = (u: unknown) =>
    isObject(u) && typeof u.file === 'string' && (u.kind === 'test case' || u.kind === 'section') && typeof u.key === 'string' && typeof u.hash === 'string';
  if (!Array.isArray(record.units) || !record.units.every(isUnit)) return 'has no `units` list of {file, kind, key, hash}';
  const isCode = (c: unknown) =>
    isObject(c) && typeof c.file === 'string' && typeof c.symbol === 'string' && (c.hash === null || typeof c.hash === 'string');
  if (!Array.isArray(record.code) || !record.code.every(isCode)) return 'has no `code` list of {file, symbol, hash}';
  if (record.acceptedErrors !== undefined && !(Array.isArray(record.acceptedErrors) && record.acceptedErrors.every((e) => typeof e === 'string'))) {
    return 'has an `acceptedErrors` that is not a list of strings';
  }
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------
// Hashing what is reviewed

/** sha256 of a file's bytes: how records without a `version` pinned files. */
export async function hashFile(roots: Roots, file: string): Promise<string | null> {
  const location = locateFile(roots, file);
  if (!location.found) return null;
  try {
    return createHash('sha256').update(await readFile(location.absolute)).digest('hex');
  } catch {
    return null;
  }
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
  /** Findings the reviewer approved despite. */
  acceptedErrors?: string[];
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
    ...(await pinsOf(roots, plan, task)),
    ...(input.acceptedErrors?.length ? { acceptedErrors: input.acceptedErrors } : {}),
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

async function pinsOf(roots: Roots, plan: Plan, task: PlanTask): Promise<Pins & Pick<ReviewRecord, 'version' | 'commit' | 'sourceCommit'>> {
  const pins = await computePins(roots, plan, task);
  return {
    version: RECORD_VERSION,
    commit: (await headCommit(roots.root)) ?? null,
    sourceCommit: roots.sourceRoot ? ((await headCommit(roots.sourceRoot)) ?? null) : null,
    ...pins,
  };
}

export { LockError };

/** Plans under `.planning/` whose review covers a changed file: the plan, its files_modified, its review file. */
export async function plansTouchedBy(root: string, changed: ReadonlySet<string>): Promise<string[]> {
  const plans = await new ProjectWorkspace({ root }).plans();
  return plans
    .filter((plan) => [plan.path, reviewFileFor(plan.path), ...plan.filesModified].some((f) => changed.has(f)))
    .map((plan) => plan.path);
}

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
      changes: [],
    };
    const latest = records.filter((r) => r.task === task.index).at(-1);
    if (latest) {
      state.record = latest;
      await describeRecord(state, latest, roots, plan);
    } else {
      const summary = summaries.find((s) => s.task === task.index && (s.type === undefined || s.type === task.type));
      if (summary) {
        state.status = 'approved';
        state.summary = summary;
        state.details.push(
          `approved in \`${summary.file}\` line ${summary.line} (${printable(summary.note, 200)}), but not pinned: no review record says which content was approved`,
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

async function describeRecord(state: CheckpointState, record: ReviewRecord, roots: Roots, plan: Plan): Promise<void> {
  const who = `${printable(record.reviewer, 100)} on ${printable(record.time.slice(0, 10), 10)}`;
  if (record.decision === 'changes_requested') {
    state.status = 'changes_requested';
    state.details.push(`changes requested by ${who}: ${printable(record.resumeSignal)}`);
    return;
  }
  const pins: Pins = { files: record.files, units: record.units ?? [], code: record.code ?? [] };
  // A record that pins less than the review covers (a hand-written `"files": {}`) does not count.
  const missing = await missingPins(roots, plan, state.task, pins);
  if (missing.length) {
    state.details.push(
      `the approval by ${who} does not count: it pins no hash of ${missing.map((m) => printable(m, 200)).join(', ')}; ` +
        'record the approval again with docs-check review',
    );
    return;
  }
  const accepted = record.acceptedErrors?.length ? `, accepting ${record.acceptedErrors.length} error(s) of the checks` : '';
  if (record.version === undefined) {
    await describeLegacy(state, record, roots, who);
    return;
  }
  const { stale, suspect } = await checkPins(roots, pins, { commit: record.commit ?? null, sourceCommit: record.sourceCommit ?? null });
  state.pinned = true;
  const list = (changes: PinChange[]) => changes.map((c) => `${printable(c.name, 200)} ${c.what}`).join(', ');
  if (stale.length) {
    state.status = 'stale';
    state.changes = stale;
    state.details.push(`approved by ${who}${accepted}, but since then ${list(stale)}`);
  } else if (suspect.length) {
    state.status = 'suspect';
    state.changes = suspect;
    state.details.push(`approved by ${who}${accepted}, but the driver code the reviewed sections link to moved: ${list(suspect)}`);
  } else {
    const units = pins.units.map((u) => (u.kind === 'test case' ? u.key : printable(u.key, 80)));
    const what = [
      `${Object.keys(pins.files).length} file(s)`,
      units.length ? `${units.length} section(s) (${units.join(', ')})` : '',
      pins.code.length ? `${pins.code.length} Go declaration(s)` : '',
    ].filter(Boolean);
    state.status = 'approved';
    state.details.push(`approved by ${who}${accepted}; pinned ${what.join(', ')} unchanged`);
  }
}

/** A record of an earlier docs-check: whole files by bytes, no sections. */
async function describeLegacy(state: CheckpointState, record: ReviewRecord, roots: Roots, who: string): Promise<void> {
  const changed: PinChange[] = [];
  for (const [file, hash] of Object.entries(record.files)) {
    const now = await hashFile(roots, file);
    if (now === hash) continue;
    const what = hash === null ? 'did not exist at the review and exists now' : now === null ? 'is gone' : 'changed';
    changed.push({ name: `\`${printable(file, 200)}\``, what });
  }
  if (changed.length) {
    state.status = 'stale';
    state.pinned = true;
    state.changes = changed;
    state.details.push(`approved by ${who}, but since then ${changed.map((c) => `${c.name} ${c.what}`).join(', ')}`);
    return;
  }
  state.status = 'approved';
  state.details.push(
    `approved by ${who}; recorded by an earlier docs-check that pinned whole files, not the reviewed sections: record the approval again to pin them`,
  );
}
