/**
 * `docs-check plan` (verify plans' must_haves and checkpoints) and
 * `docs-check review` (record a checkpoint review). Both take the arguments
 * after the subcommand, print through `io`, and return the exit status:
 * 0 fine, 1 a must-have fails (or a review could not be written),
 * 2 usage or configuration error. Neither throws for bad input.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findFiles, isPlan } from '../files';
import { gitTopLevel } from '../git';
import { relativeToRoot, resolveInside } from '../source/paths';
import { decodeText } from '../text';
import type { Roots } from './locate';
import { LockError } from './lock';
import type { Plan, PlanTask } from './model';
import { readPlan } from './reader';
import { reportFails, toJson, toText, verifyPlan } from './report';
import {
  checkpointStates,
  defaultReviewTask,
  recordReview,
  ReviewFileError,
  reviewCommand,
  type ReviewDecision,
} from './review';
import { isCheckpoint } from './tasks';

type Output = ((text: string) => void) | { write(chunk: string): unknown };

export interface CommandIo {
  stdout: Output;
  stderr: Output;
  cwd: string;
  env: Record<string, string | undefined>;
}

class Usage extends Error {}

const write = (out: Output, text: string): void => {
  if (typeof out === 'function') out(text);
  else out.write(text);
};

const PLAN_HELP = `Usage: npx docs-check plan [PLAN...] [--root DIR] [--source-root DIR] [--format stylish|json]

Verifies the must_haves of planning files (default: every .planning/**/*-PLAN.md
under the root): artifacts, key links and truths, and shows the review status
of each checkpoint task.

Options:
      --root DIR           repository root (default: git top level of the current directory)
      --source-root DIR    driver source checkout, where paths such as pkg/... are looked up
                           (default: $RDS_CSI_SOURCE)
  -f, --format NAME        stylish (default) or json
  -h, --help               show this help

Exit status: 0 all must-haves hold, 1 one fails, 2 usage error.
`;

const REVIEW_HELP = `Usage: npx docs-check review PLAN --approve --reviewer NAME [--task N]
       npx docs-check review PLAN --request-changes "TEXT" --reviewer NAME [--task N]
       npx docs-check review PLAN                      (show the review status)

Records a review of a checkpoint task (default: the plan's first
checkpoint:human-verify task) in <plan>-REVIEW.json beside the plan, pinning the
sha256 of the plan and of each file in files_modified.

Options:
      --root DIR           repository root (default: git top level of the current directory)
      --source-root DIR    driver source checkout (default: $RDS_CSI_SOURCE)
  -h, --help               show this help
`;

export async function runPlanCommand(argv: string[], io: CommandIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        root: { type: 'string' },
        'source-root': { type: 'string' },
        format: { type: 'string', short: 'f' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      write(io.stdout, PLAN_HELP);
      return 0;
    }
    const format = values.format ?? 'stylish';
    if (format !== 'stylish' && format !== 'json') {
      throw new Usage(`--format: \`${format}\` is not a format; expected stylish or json`);
    }
    const roots = await rootsOf(values.root, values['source-root'], io);
    const planPaths = positionals.length
      ? positionals.map((p) => planPathOf(p, roots.root, io.cwd))
      : await findFiles(roots.root, ['.planning'], isPlan);
    if (planPaths.length === 0) {
      write(io.stderr, `docs-check plan: no .planning/**/*-PLAN.md files under ${roots.root}\n`);
      if (format === 'json') write(io.stdout, '[]\n');
      return 0;
    }
    const reports = [];
    for (const planPath of planPaths) reports.push(await verifyPlan(await loadPlan(roots.root, planPath), roots));
    if (format === 'json') write(io.stdout, `${JSON.stringify(reports.map(toJson), null, 2)}\n`);
    else write(io.stdout, `${reports.map(toText).join('\n\n')}\n`);
    return reports.some(reportFails) ? 1 : 0;
  } catch (error) {
    return failure(error, 'plan', io);
  }
}

export async function runReviewCommand(argv: string[], io: CommandIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        approve: { type: 'boolean' },
        'request-changes': { type: 'string' },
        reviewer: { type: 'string' },
        task: { type: 'string' },
        root: { type: 'string' },
        'source-root': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      write(io.stdout, REVIEW_HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new Usage(`expected one plan file, got ${positionals.length}; see \`npx docs-check review --help\``);
    const roots = await rootsOf(values.root, values['source-root'], io);
    const plan = await loadPlan(roots.root, planPathOf(positionals[0], roots.root, io.cwd));

    const changes = values['request-changes'];
    if (values.approve && changes !== undefined) throw new Usage('give either --approve or --request-changes, not both');
    if (!values.approve && changes === undefined) {
      if (values.reviewer !== undefined || values.task !== undefined) {
        throw new Usage('--reviewer and --task need --approve or --request-changes');
      }
      return await showStatus(plan, roots, io);
    }
    const reviewer = values.reviewer?.trim();
    if (!reviewer) throw new Usage('--reviewer NAME is required to record a review');
    if (changes !== undefined && changes.trim() === '') {
      throw new Usage('--request-changes needs the changes asked for, e.g. --request-changes "Shorten TC-10 step 5"');
    }
    const task = reviewTask(plan, values.task);
    const decision: ReviewDecision = values.approve ? 'approved' : 'changes_requested';
    const { record, reviewFile } = await recordReview({
      roots,
      plan,
      task,
      decision,
      reviewer,
      changes: changes?.trim(),
    });
    const pinned = Object.entries(record.files)
      .map(([file, hash]) => (hash === null ? `${file} (absent)` : file))
      .join(', ');
    const what = decision === 'approved' ? 'approval' : 'change request';
    write(
      io.stdout,
      `Recorded ${what} of Task ${task.index} (${task.name}) by ${reviewer} in ${reviewFile}\nPinned: ${pinned}\n`,
    );
    return 0;
  } catch (error) {
    return failure(error, 'review', io);
  }
}

async function showStatus(plan: Plan, roots: Roots, io: CommandIo): Promise<number> {
  const states = await checkpointStates(plan, roots);
  if (states.length === 0) {
    write(io.stdout, `${plan.path}: no checkpoint tasks\n`);
    return 0;
  }
  const lines = [plan.path];
  for (const s of states) {
    lines.push(`  Task ${s.task.index} (${s.task.name}) [${s.type}, gate ${s.gate}]: ${s.status}`);
    for (const d of s.details) lines.push(`    ${d}`);
    if (s.status !== 'approved' || !s.pinned) lines.push(`    record approval: ${reviewCommand(plan, s.task)}`);
  }
  write(io.stdout, `${lines.join('\n')}\n`);
  return 0;
}

function reviewTask(plan: Plan, option: string | undefined): PlanTask {
  if (option === undefined) {
    const task = defaultReviewTask(plan);
    if (!task) {
      const checkpoints = plan.tasks.filter(isCheckpoint).map((t) => t.index);
      throw new Usage(
        checkpoints.length
          ? `${plan.path} has no checkpoint:human-verify task; name one with --task (checkpoint tasks: ${checkpoints.join(', ')})`
          : `${plan.path} has no checkpoint task to review`,
      );
    }
    return task;
  }
  const number = /^\d+$/.test(option) ? Number(option) : NaN;
  const task = plan.tasks.find((t) => t.index === number);
  if (!task) throw new Usage(`--task: \`${option}\` is not a task of ${plan.path} (it has ${plan.tasks.length})`);
  if (!isCheckpoint(task)) {
    throw new Usage(`--task: task ${task.index} of ${plan.path} is \`${task.type || 'untyped'}\`, not a checkpoint`);
  }
  return task;
}

// ---------------------------------------------------------------------------
// Roots and paths

async function rootsOf(rootOption: string | undefined, sourceOption: string | undefined, io: CommandIo): Promise<Roots> {
  const root = rootOption !== undefined ? path.resolve(io.cwd, rootOption) : ((await gitTopLevel(io.cwd)) ?? io.cwd);
  if (!isDirectory(root)) throw new Usage(`--root: \`${rootOption ?? root}\` is not a directory`);
  const source = sourceOption ?? (io.env.RDS_CSI_SOURCE || undefined);
  if (source === undefined) return { root: path.resolve(root) };
  const sourceRoot = path.resolve(io.cwd, source);
  if (!isDirectory(sourceRoot)) {
    throw new Usage(`--source-root: \`${source}\` is not a directory; expected a checkout of the driver source`);
  }
  return { root: path.resolve(root), sourceRoot };
}

/** A plan argument (relative to the current directory) as a repository-relative path. */
function planPathOf(argument: string, root: string, cwd: string): string {
  const relative = relativeToRoot(root, path.resolve(cwd, argument));
  if (relative === undefined || relative === '') throw new Usage(`\`${argument}\` is not inside the repository ${root}`);
  const resolved = resolveInside(root, relative);
  if (!resolved.ok) throw new Usage(resolved.problem);
  let file = false;
  try {
    file = statSync(resolved.absolute).isFile();
  } catch {
    file = false;
  }
  if (!file) throw new Usage(`\`${argument}\` is not a file`);
  return relative;
}

async function loadPlan(root: string, planPath: string): Promise<Plan> {
  const resolved = resolveInside(root, planPath);
  if (!resolved.ok) throw new Usage(resolved.problem);
  let bytes: Buffer;
  try {
    bytes = await readFile(resolved.absolute);
  } catch (error) {
    throw new Usage(`cannot read \`${planPath}\`: ${(error as Error).message}`);
  }
  return readPlan(planPath, decodeText(bytes).text);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function failure(error: unknown, command: string, io: CommandIo): number {
  const message = String((error as Error)?.message ?? error);
  if (error instanceof Usage || (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
    write(io.stderr, `docs-check ${command}: ${message}\n`);
    return 2;
  }
  if (error instanceof ReviewFileError) {
    write(io.stderr, `docs-check ${command}: ${message}\n`);
    return 2;
  }
  if (error instanceof LockError) {
    write(io.stderr, `docs-check ${command}: ${message}\n`);
    return 1;
  }
  write(io.stderr, `docs-check ${command}: could not finish: ${message}\n`);
  return 1;
}
