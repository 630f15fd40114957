/**
 * The whole review cycle on temporary git repositories: a copy of the
 * project's plan and guides, and a copy of the driver source they describe.
 * Approve; re-wrap a reviewed paragraph and edit TC-01 (still approved);
 * edit a TC-10 step (stale, with the diff); approve again; change a Go
 * function the reviewed sections link to (suspect, naming it); and the lint
 * with --require-approvals fails on pending, stale and suspect.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { main } from '../../plugins/doc-checks/cli';
import { runPlanCommand, runReviewCommand, type CommandIo } from '../../plugins/doc-checks/plan/commands';
import type { PlanReportJson } from '../../plugins/doc-checks/plan/report';
import { guideDriverSource } from '../setup/driver-source';

const REPO = path.resolve(__dirname, '../..');
const PLAN = '.planning/phases/32-resilience-regression-tests/32-02-PLAN.md';
const REVIEW = '.planning/phases/32-resilience-regression-tests/32-02-REVIEW.json';
const GUIDE = 'docs/HARDWARE_VALIDATION.md';
const GIT_ENV = { GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org' };

let dir: string;
let source: string;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });

function commitAll(cwd: string, message: string) {
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-qm', message);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'review-cycle-'));
  for (const file of [PLAN, GUIDE, 'docs/TESTING.md']) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(REPO, file), path.join(dir, file));
  }
  source = mkdtempSync(path.join(tmpdir(), 'review-cycle-src-'));
  cpSync(guideDriverSource(), source, { recursive: true });
  for (const d of [dir, source]) {
    git(d, 'init', '-q');
    commitAll(d, 'start');
  }
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(source, { recursive: true, force: true });
});

function io() {
  const out = { stdout: '', stderr: '' };
  const value: CommandIo = { stdout: (s) => void (out.stdout += s), stderr: (s) => void (out.stderr += s), cwd: dir, env: {} };
  return { io: value, out };
}

async function review(...args: string[]) {
  const { io: i, out } = io();
  const code = await runReviewCommand([PLAN, '--source-root', source, ...args], i);
  return { code, ...out };
}

async function checkpoint() {
  const { io: i, out } = io();
  await runPlanCommand([PLAN, '--root', dir, '--source-root', source, '--format', 'json'], i);
  return (JSON.parse(out.stdout) as PlanReportJson[])[0].checkpoints[0];
}

async function planText() {
  const { io: i, out } = io();
  await runPlanCommand([PLAN, '--root', dir, '--source-root', source], i);
  return out.stdout;
}

/** The lint of the plan with --require-approvals: exit code and the checkpoint finding. */
async function lintRequiringApprovals(...scope: string[]) {
  let stdout = '';
  const code = await main([...(scope.length ? scope : [PLAN]), '--require-approvals', '--no-markdownlint', '--source-root', source, '--format', 'json'], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => true },
    cwd: dir,
    env: {},
  });
  const results = JSON.parse(stdout) as { messages: { ruleId: string; severity: number; message: string }[] }[];
  const finding = results.flatMap((r) => r.messages).find((m) => m.ruleId === 'checkpoint-approval');
  return { code, finding };
}

function edit(file: string, from: string | RegExp, to: string, root = dir) {
  const absolute = path.join(root, file);
  const before = readFileSync(absolute, 'utf8');
  const after = before.replace(from, to);
  expect(after, `edit of ${file}`).not.toBe(before);
  writeFileSync(absolute, after);
}

describe('the review cycle', () => {
  test('approve, edit around and inside the reviewed sections, approve again, move the linked code', async () => {
    expect((await checkpoint()).status).toBe('pending');
    let lint = await lintRequiringApprovals();
    expect(lint.code).toBe(1);
    expect(lint.finding).toMatchObject({ severity: 2, message: expect.stringContaining('is pending') });

    // Approve, then commit the record exactly as printed.
    const approved = await review('--approve', '--reviewer', 'Alex Reviewer');
    expect(approved.code).toBe(0);
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    expect(approved.stdout).toContain(`Commit: ${head}\n`);
    const printed = approved.stdout.split('\n').filter((l) => /^ {2}git (add|commit) /.test(l));
    expect(printed).toEqual([
      `  git add ${REVIEW}`,
      `  git commit -m 'Review 32-02 task 3: approved by Alex Reviewer' -- ${REVIEW}`,
    ]);
    for (const command of printed) execFileSync('sh', ['-c', command], { cwd: dir, env: { ...process.env, ...GIT_ENV } });
    expect(git(dir, 'log', '-1', '--format=%s', '--name-only').trim().split('\n').filter(Boolean)).toEqual([
      'Review 32-02 task 3: approved by Alex Reviewer',
      REVIEW,
    ]);
    const record = JSON.parse(readFileSync(path.join(dir, REVIEW), 'utf8')).records[0];
    expect(record).toMatchObject({ version: 2, reviewer: 'Alex Reviewer', commit: head, sourceCommit: git(source, 'rev-parse', 'HEAD').trim() });
    expect(record.units.map((u: { file: string; key: string }) => `${u.file} ${u.key}`)).toEqual([
      `${GUIDE} TC-09`,
      `${GUIDE} TC-10`,
      `${GUIDE} TC-11`,
      `${GUIDE} Results Template`,
      'docs/TESTING.md Resilience Regression Tests',
    ]);
    expect(record.code).toContainEqual({ file: 'pkg/rds/connection_manager.go', symbol: 'ConnectionManager.attemptReconnection', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await checkpoint()).toMatchObject({ status: 'approved', pinned: true, command: null });

    // Re-wrapping a reviewed paragraph and trailing whitespace change no content.
    edit(GUIDE, 'Two independent mechanisms must recover, and this test checks both:', 'Two independent mechanisms must recover,\nand this test checks both:   ');
    // TC-01 is not among the reviewed sections.
    edit(GUIDE, '1. **Create a 5Gi PVC and a pod that mounts it**', '1. **Create a 5Gi PVC and a pod that mounts the volume**');
    commitAll(dir, 'edit outside the review');
    expect(await checkpoint()).toMatchObject({ status: 'approved', pinned: true });
    expect((await lintRequiringApprovals()).code).toBe(0);

    // An edit of a TC-10 step makes the approval stale, with the diff since the reviewed commit.
    const tc10 = readFileSync(path.join(dir, GUIDE), 'utf8').indexOf('### TC-10');
    const guide = readFileSync(path.join(dir, GUIDE), 'utf8');
    const stepAt = guide.indexOf('2. **', tc10);
    const stepLine = guide.slice(stepAt, guide.indexOf('\n', stepAt));
    writeFileSync(path.join(dir, GUIDE), `${guide.slice(0, stepAt)}2. **Write a marker file, then wait a minute**${guide.slice(stepAt + stepLine.length)}`);
    let state = await checkpoint();
    expect(state.status).toBe('stale');
    expect(state.details[0]).toMatch(/^approved by Alex Reviewer on \d{4}-\d{2}-\d{2}, but since then TC-10 in `docs\/HARDWARE_VALIDATION\.md` changed$/);
    expect(state.changes).toEqual([
      { name: 'TC-10 in `docs/HARDWARE_VALIDATION.md`', what: 'changed', diff: expect.any(String), noDiff: null },
    ]);
    const diff = state.changes[0].diff!.split('\n');
    expect(diff).toContain(`- ${stepLine}`);
    expect(diff).toContain('+ 2. **Write a marker file, then wait a minute**');
    // The diff runs from the reviewed commit, so it also shows the re-wrap, which kept the approval.
    expect(diff.filter((l) => /^[-+] /.test(l))).toEqual([
      '- Two independent mechanisms must recover, and this test checks both:',
      '+ Two independent mechanisms must recover,',
      '+ and this test checks both:   ',
      `- ${stepLine}`,
      '+ 2. **Write a marker file, then wait a minute**',
    ]);
    const text = await planText();
    expect(text).toContain('    STALE       Task 3: Review resilience test documentation');
    expect(text).toContain(`                    | - ${stepLine}\n                    | + 2. **Write a marker file, then wait a minute**\n`);
    lint = await lintRequiringApprovals();
    expect(lint.code).toBe(1);
    expect(lint.finding?.message).toContain('is stale: approved by Alex Reviewer');
    // The pull-request gate: only the guide changed, and the plan whose review covers it comes along.
    lint = await lintRequiringApprovals('--changed=HEAD');
    expect(lint.code).toBe(1);
    expect(lint.finding?.message).toContain('is stale');

    // Approve the edit.
    commitAll(dir, 'edit TC-10');
    expect((await review('--approve', '--reviewer', 'Alex Reviewer')).code).toBe(0);
    expect((await checkpoint()).status).toBe('approved');

    // The driver code a reviewed section links to changes: suspect, naming the declaration.
    edit('pkg/rds/connection_manager.go', 'bo.InitialInterval = cm.config.InitialInterval', 'bo.InitialInterval = 2 * cm.config.InitialInterval', source);
    state = await checkpoint();
    expect(state.status).toBe('suspect');
    expect(state.details[0]).toMatch(
      /the driver code the reviewed sections link to moved: `pkg\/rds\/connection_manager\.go#ConnectionManager\.attemptReconnection` changed in the driver source$/,
    );
    expect(state.changes[0].diff!.split('\n')).toEqual(expect.arrayContaining(['- \tbo.InitialInterval = cm.config.InitialInterval', '+ \tbo.InitialInterval = 2 * cm.config.InitialInterval']));
    expect(await planText()).toContain('    SUSPECT     Task 3');
    lint = await lintRequiringApprovals();
    expect(lint.code).toBe(1);
    expect(lint.finding?.message).toContain('is suspect');
    // Without --require-approvals it is a warning.
    const { io: i } = io();
    expect(await main([PLAN, '--no-markdownlint', '--source-root', source], { ...i, stdout: { write: () => true }, stderr: { write: () => true } })).toBe(0);
  }, 120_000);
});
