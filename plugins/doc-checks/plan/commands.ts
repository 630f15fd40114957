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
import { checkProject } from '../engine';
import { RULES } from '../rules/index';
import { locateFile } from './locate';
import { inputProblem, MAX_NAME, MAX_TEXT, printable } from './printable';
import { changeLines, reportFails, toJson, toText, verifyPlan } from './report';
import {
  checkpointStates,
  commitCommands,
  defaultReviewTask,
  recordReview,
  ReviewFileError,
  reviewCommand,
  type ReviewDecision,
  type ReviewRecord,
} from './review';
import { unitName } from './units';
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

const REVIEW_HELP = `Usage: npx docs-check review PLAN --approve --reviewer NAME [--task N] [--accept-errors]
       npx docs-check review PLAN --request-changes "TEXT" --reviewer NAME [--task N]
       npx docs-check review PLAN                      (show the review status)

Records a review of a checkpoint task (default: the plan's first
checkpoint:human-verify task) in <plan>-REVIEW.json beside the plan. It pins the
git commit, the plan, each test case and section the how-to-verify names, the
other files_modified, and the Go declarations the reviewed sections link to.
An approval is refused while the doc checks find errors in the plan's files.

Options:
      --accept-errors      approve despite errors of the doc checks; the record lists them
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
        'accept-errors': { type: 'boolean' },
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
    const badInput = inputProblem('--reviewer', reviewer, MAX_NAME) ?? (changes !== undefined ? inputProblem('--request-changes', changes, MAX_TEXT) : undefined);
    if (badInput) throw new Usage(badInput);
    if (changes !== undefined && changes.trim() === '') {
      throw new Usage('--request-changes needs the changes asked for, e.g. --request-changes "Shorten TC-10 step 5"');
    }
    if (values['accept-errors'] && !values.approve) throw new Usage('--accept-errors goes with --approve');
    const task = reviewTask(plan, values.task);
    const decision: ReviewDecision = values.approve ? 'approved' : 'changes_requested';
    let acceptedErrors: string[] | undefined;
    if (decision === 'approved') {
      const errors = await checkErrors(roots, plan);
      if (errors.length && !values['accept-errors']) {
        write(
          io.stderr,
          `docs-check review: not approved: the doc checks find ${errors.length} error(s) in the files under review:\n` +
            errors.slice(0, SHOWN_ERRORS).map((e) => `  ${e}\n`).join('') +
            (errors.length > SHOWN_ERRORS ? `  ... and ${errors.length - SHOWN_ERRORS} more (run docs-check on these files)\n` : '') +
            'Fix them and review again, or approve them knowingly with --accept-errors (the record lists them).\n',
        );
        return 1;
      }
      acceptedErrors = errors;
    }
    const { record, reviewFile } = await recordReview({ roots, plan, task, decision, reviewer, changes: changes?.trim(), acceptedErrors });
    const what = decision === 'approved' ? 'approval' : 'change request';
    const lines = [
      `Recorded ${what} of Task ${task.index} (${task.name}) by ${reviewer} in ${reviewFile}`,
      `Pinned: ${describePins(record)}`,
      `Commit: ${record.commit ?? 'none (not a git repository)'}`,
    ];
    if (acceptedErrors?.length) lines.push(`Accepted ${acceptedErrors.length} error(s) of the doc checks:`, ...acceptedErrors.map((e) => `  ${e}`));
    lines.push(
      'Commit the record (from the repository root) so that CI sees it:',
      ...commitCommands(plan, task, decision, reviewer).map((c) => `  ${c}`),
    );
    write(io.stdout, `${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    return failure(error, 'review', io);
  }
}

/** Findings listed when an approval is refused; the rest are counted. */
const SHOWN_ERRORS = 20;

/** What a record pins, in one line. */
function describePins(record: ReviewRecord): string {
  const files = Object.entries(record.files).map(([file, hash]) => (hash === null ? `${file} (absent)` : file));
  const units = (record.units ?? []).map((u) => `${unitName(u)} of ${u.file}`);
  const code = (record.code ?? []).map((c) => `${c.file}#${c.symbol}${c.hash === null ? ' (not found)' : ''}`);
  return [...files, ...units, ...code].join(', ');
}

/** Errors of the doc checks in the plan and the pages it modifies, one line each. */
async function checkErrors(roots: Roots, plan: Plan): Promise<string[]> {
  const files = [plan.path, ...plan.filesModified.filter((f) => /\.mdx?$/i.test(f) && locateFile({ root: roots.root }, f).found)];
  const results = await checkProject({
    root: roots.root,
    sourceRoot: roots.sourceRoot,
    files,
    rules: RULES.filter((r) => r.id !== 'checkpoint-approval'),
  });
  return results.files.flatMap((f) =>
    f.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => printable(`${d.file}:${d.line}:${d.column}  ${d.message}  ${d.ruleId}`)),
  );
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
    lines.push(...changeLines(s.changes, '    '));
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
