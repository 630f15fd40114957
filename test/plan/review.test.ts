import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runPlanCommand, runReviewCommand, type CommandIo } from '../../plugins/doc-checks/plan/commands';
import type { PlanReportJson } from '../../plugins/doc-checks/plan/report';

const REPO = path.resolve(__dirname, '../..');
const SOURCE = path.resolve(__dirname, '../fixtures/driver-src');
const PLAN = '.planning/phases/32-resilience-regression-tests/32-02-PLAN.md';
const REVIEW = '.planning/phases/32-resilience-regression-tests/32-02-REVIEW.json';
const SUMMARY = '.planning/phases/32-resilience-regression-tests/32-02-SUMMARY.md';

let dir: string;

/** A temporary repository with the project's plan and two small docs that satisfy its must_haves. */
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'plan-review-'));
  mkdirSync(path.join(dir, path.dirname(PLAN)), { recursive: true });
  cpSync(path.join(REPO, PLAN), path.join(dir, PLAN));
  mkdirSync(path.join(dir, 'docs'));
  writeFileSync(
    path.join(dir, 'docs/HARDWARE_VALIDATION.md'),
    '# Hardware Validation\n\n### TC-09: NVMe Reconnect\n\nThe connection manager retries.\n\n### TC-11: Node Failure\n\nThe stale VolumeAttachment is removed.\n',
  );
  writeFileSync(path.join(dir, 'docs/TESTING.md'), '# Testing\n\n## Resilience\n\nThe resilience regression tests.\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function io(cwd = dir) {
  const out = { stdout: '', stderr: '' };
  const value: CommandIo = {
    stdout: (s) => {
      out.stdout += s;
    },
    // Streams work as well as functions: the CLI passes process streams.
    stderr: { write: (s: string) => (out.stderr += s) },
    cwd,
    env: {},
  };
  return { io: value, out };
}

async function planJson(): Promise<{ code: number; report: PlanReportJson }> {
  const { io: i, out } = io();
  const code = await runPlanCommand(['--root', dir, '--source-root', SOURCE, '--format', 'json'], i);
  const reports = JSON.parse(out.stdout) as PlanReportJson[];
  expect(reports.map((r) => r.plan)).toEqual([PLAN]);
  return { code, report: reports[0] };
}

/**
 * The two small docs here fail the guide's rules; these tests are about
 * records, so approvals accept the errors (a test below covers the refusal).
 */
async function review(...args: string[]) {
  const { io: i, out } = io();
  const accept = args.includes('--approve') && args.includes('--reviewer') ? ['--accept-errors'] : [];
  const code = await runReviewCommand([PLAN, '--source-root', SOURCE, ...args, ...accept], i);
  return { code, ...out };
}

async function refused(...args: string[]) {
  const { io: i, out } = io();
  const code = await runReviewCommand([PLAN, '--source-root', SOURCE, ...args], i);
  return { code, ...out };
}

const readReview = () => JSON.parse(readFileSync(path.join(dir, REVIEW), 'utf8'));

describe('the review life cycle, end to end', () => {
  test('pending -> approved -> edited (stale, naming the file) -> changes requested -> approved again', async () => {
    let { code, report } = await planJson();
    expect(code).toBe(0);
    expect(report.checkpoints).toEqual([
      {
        task: 3,
        name: 'Task 3: Review resilience test documentation',
        type: 'checkpoint:human-verify',
        gate: 'blocking',
        status: 'pending',
        pinned: false,
        details: [`no review recorded in \`${REVIEW}\``],
        changes: [],
        command: `npx docs-check review ${PLAN} --approve --reviewer NAME`,
      },
    ]);

    const approved = await review('--approve', '--reviewer', 'Alex Reviewer');
    expect(approved.code).toBe(0);
    expect(approved.stderr).toBe('');
    expect(approved.stdout.split('\n').slice(0, 3)).toEqual([
      `Recorded approval of Task 3 (Task 3: Review resilience test documentation) by Alex Reviewer in ${REVIEW}`,
      `Pinned: ${PLAN}, TC-09 of docs/HARDWARE_VALIDATION.md, TC-11 of docs/HARDWARE_VALIDATION.md, section "Resilience" of docs/TESTING.md`,
      'Commit: none (not a git repository)',
    ]);
    const file = readReview();
    expect(file.plan).toBe(PLAN);
    expect(file.records).toHaveLength(1);
    const hash = expect.stringMatching(/^[0-9a-f]{64}$/);
    expect(file.records[0]).toEqual({
      task: 3,
      taskName: 'Task 3: Review resilience test documentation',
      decision: 'approved',
      reviewer: 'Alex Reviewer',
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      resumeSignal: 'approved',
      version: 2,
      commit: null,
      // The fixture driver source sits inside this project's checkout, when it is one.
      sourceCommit: file.records[0].sourceCommit === null ? null : expect.stringMatching(/^[0-9a-f]{40}$/),
      files: { [PLAN]: hash },
      units: [
        { file: 'docs/HARDWARE_VALIDATION.md', kind: 'test case', key: 'TC-09', hash },
        { file: 'docs/HARDWARE_VALIDATION.md', kind: 'test case', key: 'TC-11', hash },
        { file: 'docs/TESTING.md', kind: 'section', key: 'Resilience', hash },
      ],
      code: [],
      acceptedErrors: expect.arrayContaining([expect.stringMatching(/^docs\/HARDWARE_VALIDATION\.md:\d+:\d+ {2}.+ {2}[a-z-]+$/)]),
    });

    ({ code, report } = await planJson());
    expect(report.checkpoints[0]).toMatchObject({ status: 'approved', pinned: true, command: null });
    expect(report.checkpoints[0].details[0]).toMatch(
      /^approved by Alex Reviewer on \d{4}-\d{2}-\d{2}, accepting \d+ error\(s\) of the checks; pinned 1 file\(s\), 3 section\(s\) \(TC-09, TC-11, Resilience\) unchanged$/,
    );

    writeFileSync(path.join(dir, 'docs/TESTING.md'), '# Testing\n\n## Resilience\n\nThe resilience tests, reworded after the review.\n');
    ({ code, report } = await planJson());
    expect(code).toBe(0);
    expect(report.checkpoints[0]).toMatchObject({ status: 'stale', pinned: true });
    expect(report.checkpoints[0].details[0]).toMatch(/, but since then section "Resilience" in `docs\/TESTING\.md` changed$/);

    const { io: textIo, out } = io();
    await runPlanCommand([PLAN, '--root', dir, '--source-root', SOURCE], textIo);
    expect(out.stdout).toContain('    STALE       Task 3: Review resilience test documentation [checkpoint:human-verify, gate blocking]\n');
    expect(out.stdout).toContain(`record approval: npx docs-check review ${PLAN} --approve --reviewer NAME`);

    const changes = await review('--request-changes', 'Mention the grace period in TC-11', '--reviewer', 'Sam');
    expect(changes.code).toBe(0);
    ({ report } = await planJson());
    expect(report.checkpoints[0]).toMatchObject({ status: 'changes_requested' });
    expect(report.checkpoints[0].details[0]).toMatch(/^changes requested by Sam on \d{4}-\d{2}-\d{2}: Mention the grace period in TC-11$/);
    expect(readReview().records[1]).toMatchObject({ decision: 'changes_requested', resumeSignal: 'Mention the grace period in TC-11' });

    expect((await review('--approve', '--reviewer', 'Alex Reviewer')).code).toBe(0);
    ({ report } = await planJson());
    expect(report.checkpoints[0]).toMatchObject({ status: 'approved', pinned: true });
    expect(readReview().records.map((r: { decision: string }) => r.decision)).toEqual(['approved', 'changes_requested', 'approved']);
  });

  test('a deleted reviewed file makes the approval stale, naming its sections', async () => {
    await review('--approve', '--reviewer', 'Alex');
    rmSync(path.join(dir, 'docs/HARDWARE_VALIDATION.md'));
    const { code, report } = await planJson();
    expect(code).toBe(1);
    expect(report.artifacts[0]).toMatchObject({ path: 'docs/HARDWARE_VALIDATION.md', status: 'missing' });
    expect(report.checkpoints[0].status).toBe('stale');
    expect(report.checkpoints[0].details[0]).toMatch(
      /, but since then TC-09 in `docs\/HARDWARE_VALIDATION\.md` is gone, TC-11 in `docs\/HARDWARE_VALIDATION\.md` is gone$/,
    );
  });

  test('editing the plan itself also makes the approval stale', async () => {
    await review('--approve', '--reviewer', 'Alex');
    const plan = readFileSync(path.join(dir, PLAN), 'utf8');
    writeFileSync(path.join(dir, PLAN), plan.replace('Three new test cases', 'Three more test cases'));
    const { report } = await planJson();
    expect(report.checkpoints[0].details[0]).toMatch(new RegExp(`, but since then \`${PLAN.replace(/\./g, '\\.')}\` changed$`));
  });
});

describe('concurrent reviews', () => {
  test('reviews recorded at the same time are all kept', async () => {
    const reviewers = Array.from({ length: 8 }, (_, i) => `Reviewer ${i + 1}`);
    const results = await Promise.all(reviewers.map((name) => review('--approve', '--reviewer', name)));
    expect(results.map((r) => r.code)).toEqual(reviewers.map(() => 0));
    const recorded = readReview().records.map((r: { reviewer: string }) => r.reviewer);
    expect([...recorded].sort()).toEqual([...reviewers].sort());
    // No lock or temporary file is left behind.
    expect(readdirSync(path.join(dir, path.dirname(PLAN))).sort()).toEqual(['32-02-PLAN.md', '32-02-REVIEW.json']);
  });

  test('reviews recorded by separate processes at the same time are all kept', async () => {
    // Bundle the command once so that plain node processes can run it.
    const bundleDir = mkdtempSync(path.join(tmpdir(), 'plan-review-bin-'));
    try {
      const entry = path.join(bundleDir, 'entry.ts');
      writeFileSync(
        entry,
        `import { runReviewCommand } from ${JSON.stringify(path.resolve(__dirname, '../../plugins/doc-checks/plan/commands'))};\n` +
          'const io = { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write(s), cwd: process.cwd(), env: process.env };\n' +
          'process.exitCode = await runReviewCommand(process.argv.slice(2), io);\n',
      );
      const script = path.join(bundleDir, 'review.mjs');
      await build({
        entryPoints: [entry],
        outfile: script,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'silent',
        // Named apart from the bundled modules' own `createRequire` imports.
        banner: { js: "import { createRequire as bannerRequire } from 'node:module'; const require = bannerRequire(import.meta.url);" },
      });
      const run = (name: string) =>
        new Promise<number>((resolve) => {
          execFile(process.execPath, [script, PLAN, '--approve', '--accept-errors', '--reviewer', name], { cwd: dir }, (error) =>
            resolve(error ? Number(error.code ?? 1) : 0),
          );
        });
      const reviewers = ['Process A', 'Process B', 'Process C', 'Process D'];
      expect(await Promise.all(reviewers.map(run))).toEqual([0, 0, 0, 0]);
      const recorded = readReview().records.map((r: { reviewer: string }) => r.reviewer);
      expect([...recorded].sort()).toEqual(reviewers);
      expect(readdirSync(path.join(dir, path.dirname(PLAN))).sort()).toEqual(['32-02-PLAN.md', '32-02-REVIEW.json']);
    } finally {
      rmSync(bundleDir, { recursive: true, force: true });
    }
  });

  test('a lock abandoned by a process that is gone is taken over', async () => {
    const lock = path.join(dir, `${REVIEW}.lock`);
    const created = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    writeFileSync(lock, JSON.stringify({ lockedBy: 'docs-check', pid: 2 ** 30, host: 'elsewhere', token: 'old', created }));
    expect((await review('--approve', '--reviewer', 'Alex')).code).toBe(0);
    expect(readReview().records).toHaveLength(1);
    expect(readdirSync(path.join(dir, path.dirname(PLAN))).sort()).toEqual(['32-02-PLAN.md', '32-02-REVIEW.json']);
  });

  test('a file at the lock name that docs-check did not write is left alone', async () => {
    const lock = path.join(dir, `${REVIEW}.lock`);
    writeFileSync(lock, 'my notes\n');
    const result = await review('--approve', '--reviewer', 'Alex');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'docs-check review: `32-02-REVIEW.json.lock` exists and was not created by docs-check; remove it if no review is being recorded\n',
    );
    expect(readFileSync(lock, 'utf8')).toBe('my notes\n');
  });
});

describe('an existing review file that is not ours is never overwritten', () => {
  test.each([
    ['not JSON', 'my notes about the review\n', /it is not valid JSON/],
    ['JSON of another shape', '{"reviews": []}\n', /expected a JSON object with `plan` and `records`/],
    ['records of another plan', '{"plan": ".planning/other-PLAN.md", "records": []}\n', /it records reviews of `\.planning\/other-PLAN\.md`, not of/],
    ['a malformed record', `{"plan": "${PLAN}", "records": [{"task": 3}]}\n`, /record 1 has a `decision` other than/],
  ])('%s', async (_name, content, reason) => {
    writeFileSync(path.join(dir, REVIEW), content);
    const result = await review('--approve', '--reviewer', 'Alex');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toContain('It was left unchanged; fix or move it, then review again');
    expect(readFileSync(path.join(dir, REVIEW), 'utf8')).toBe(content);

    const { report } = await planJson();
    expect(report.checkpoints[0].status).toBe('pending');
    expect(report.checkpoints[0].details[1]).toMatch(reason);
  });
});

describe('approvals written in the summary', () => {
  test('count as approved but unpinned until a review is recorded', async () => {
    writeFileSync(
      path.join(dir, SUMMARY),
      '# Phase 32 Plan 02: Summary\n\n## Tasks\n\n1. **Task 1: Add test cases** - done\n2. **Task 2: Update TESTING.md** - done\n3. **Task 3: Review resilience test documentation** - checkpoint:human-verify (approved by user 2026-02-18)\n',
    );
    let { report } = await planJson();
    expect(report.checkpoints[0]).toMatchObject({
      status: 'approved',
      pinned: false,
      details: [
        `approved in \`${SUMMARY}\` line 7 (approved by user 2026-02-18), but not pinned: no review record says which content was approved`,
      ],
      command: `npx docs-check review ${PLAN} --approve --reviewer NAME`,
    });
    await review('--approve', '--reviewer', 'Alex');
    ({ report } = await planJson());
    expect(report.checkpoints[0]).toMatchObject({ status: 'approved', pinned: true, command: null });
  });

  test('a summary line for another task or a change request does not approve', async () => {
    writeFileSync(
      path.join(dir, SUMMARY),
      '- **Task 2: Update TESTING.md** - checkpoint:human-verify (approved by user 2026-02-18)\n- **Task 3: Review** - checkpoint:human-verify (changes requested 2026-02-18)\n',
    );
    const { report } = await planJson();
    expect(report.checkpoints[0].status).toBe('pending');
  });
});

describe('review command usage', () => {
  test.each([
    [['--approve'], 'docs-check review: --reviewer NAME is required to record a review\n'],
    [['--approve', '--reviewer', '  '], 'docs-check review: --reviewer NAME is required to record a review\n'],
    [['--approve', '--request-changes', 'x', '--reviewer', 'A'], 'docs-check review: give either --approve or --request-changes, not both\n'],
    [
      ['--request-changes', ' ', '--reviewer', 'A'],
      'docs-check review: --request-changes needs the changes asked for, e.g. --request-changes "Shorten TC-10 step 5"\n',
    ],
    [['--approve', '--reviewer', 'A', '--task', '1'], `docs-check review: --task: task 1 of ${PLAN} is \`auto\`, not a checkpoint\n`],
    [['--approve', '--reviewer', 'A', '--task', '9'], `docs-check review: --task: \`9\` is not a task of ${PLAN} (it has 3)\n`],
    [['--reviewer', 'A'], 'docs-check review: --reviewer and --task need --approve or --request-changes\n'],
    [['--bogus'], /^docs-check review: Unknown option '--bogus'\./],
  ])('%j', async (args, stderr) => {
    const result = await review(...args);
    expect(result).toEqual({ code: 2, stdout: '', stderr: typeof stderr === 'string' ? stderr : expect.stringMatching(stderr) });
    expect(readdirSync(path.join(dir, path.dirname(PLAN)))).toEqual(['32-02-PLAN.md']);
  });

  test('plans that are missing, outside the root, or have no checkpoint', async () => {
    const { io: i, out } = io();
    expect(await runReviewCommand(['nope-PLAN.md', '--approve', '--reviewer', 'A'], i)).toBe(2);
    expect(await runReviewCommand(['../outside-PLAN.md', '--root', dir, '--approve', '--reviewer', 'A'], i)).toBe(2);
    writeFileSync(path.join(dir, 'auto-PLAN.md'), '---\na: 1\n---\n<task type="auto"><name>T</name></task>\n');
    expect(await runReviewCommand(['auto-PLAN.md', '--root', dir, '--approve', '--reviewer', 'A'], i)).toBe(2);
    expect(out.stderr.split('\n')).toEqual([
      'docs-check review: `nope-PLAN.md` is not a file',
      `docs-check review: \`../outside-PLAN.md\` is not inside the repository ${dir}`,
      'docs-check review: auto-PLAN.md has no checkpoint task to review',
      '',
    ]);
  });

  test('without a decision it shows the status and the command to run', async () => {
    const result = await review();
    expect(result).toEqual({
      code: 0,
      stdout:
        `${PLAN}\n` +
        '  Task 3 (Task 3: Review resilience test documentation) [checkpoint:human-verify, gate blocking]: pending\n' +
        `    no review recorded in \`${REVIEW}\`\n` +
        `    record approval: npx docs-check review ${PLAN} --approve --reviewer NAME\n`,
      stderr: '',
    });
  });

  test('--task names another checkpoint, and the command says so', async () => {
    const gates = path.resolve(__dirname, '../fixtures/plans/.planning/gates-PLAN.md');
    cpSync(gates, path.join(dir, '.planning/gates-PLAN.md'));
    const { io: i, out } = io();
    expect(await runReviewCommand(['.planning/gates-PLAN.md', '--approve', '--reviewer', 'A', '--task', '4'], i)).toBe(0);
    expect(out.stdout).toContain('Recorded approval of Task 4 (Task 4: Act) by A in .planning/gates-REVIEW.json');
    const code = await runPlanCommand(['.planning/gates-PLAN.md', '--format', 'json'], i);
    expect(code).toBe(0);
    const [report] = JSON.parse(out.stdout.slice(out.stdout.indexOf('['))) as PlanReportJson[];
    expect(report.checkpoints.map((c) => [c.task, c.type, c.gate, c.status, c.command])).toEqual([
      [2, 'checkpoint:decision', 'blocking', 'pending', 'npx docs-check review .planning/gates-PLAN.md --approve --reviewer NAME --task 2'],
      [3, 'checkpoint:human-verify', 'blocking', 'pending', 'npx docs-check review .planning/gates-PLAN.md --approve --reviewer NAME'],
      [4, 'checkpoint:human-action', 'blocking-human', 'approved', null],
      [5, 'checkpoint:human-verify', 'advisory', 'pending', 'npx docs-check review .planning/gates-PLAN.md --approve --reviewer NAME --task 5'],
      [6, 'checkpoint:human-verify', 'blocking', 'pending', 'npx docs-check review .planning/gates-PLAN.md --approve --reviewer NAME --task 6'],
    ]);
  });
});

describe('an approval a reviewer can trust', () => {
  test('is refused while the doc checks find errors, and --accept-errors records them', async () => {
    const result = await refused('--approve', '--reviewer', 'Alex');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n');
    expect(lines[0]).toMatch(/^docs-check review: not approved: the doc checks find \d+ error\(s\) in the files under review:$/);
    expect(lines[1]).toMatch(/^ {2}docs\/HARDWARE_VALIDATION\.md:\d+:\d+ {2}.+ {2}[a-z-]+$/);
    expect(result.stderr).toContain('Fix them and review again, or approve them knowingly with --accept-errors (the record lists them).\n');
    expect(readdirSync(path.join(dir, path.dirname(PLAN)))).toEqual(['32-02-PLAN.md']);

    const accepted = await refused('--approve', '--reviewer', 'Alex', '--accept-errors');
    expect(accepted.code).toBe(0);
    const listed = lines.slice(1).filter((l) => /^ {2}docs\//.test(l)).map((l) => l.trim());
    expect(readReview().records[0].acceptedErrors.slice(0, listed.length)).toEqual(listed);
    expect(accepted.stdout).toContain(`Accepted ${readReview().records[0].acceptedErrors.length} error(s) of the doc checks:\n`);
  });

  test('a hand-written record that pins nothing does not count', async () => {
    const record = { task: 3, taskName: 'Task 3', decision: 'approved', reviewer: 'Mallory', time: '2026-02-18T00:00:00.000Z', resumeSignal: 'approved', files: {} };
    writeFileSync(path.join(dir, REVIEW), JSON.stringify({ plan: PLAN, records: [record] }));
    let { report } = await planJson();
    expect(report.checkpoints[0]).toMatchObject({ status: 'pending', pinned: false });
    expect(report.checkpoints[0].details).toEqual([
      `the approval by Mallory on 2026-02-18 does not count: it pins no hash of the plan \`${PLAN}\`, \`docs/HARDWARE_VALIDATION.md\`, \`docs/TESTING.md\`, ` +
        'TC-09 of `docs/HARDWARE_VALIDATION.md`, TC-11 of `docs/HARDWARE_VALIDATION.md`, section "Resilience" of `docs/TESTING.md`; record the approval again with docs-check review',
    ]);
    // The same with the version-2 fields but no units.
    writeFileSync(path.join(dir, REVIEW), JSON.stringify({ plan: PLAN, records: [{ ...record, version: 2, commit: null, sourceCommit: null, units: [], code: [] }] }));
    ({ report } = await planJson());
    expect(report.checkpoints[0].status).toBe('pending');
  });

  test('a record of an earlier docs-check reads as approved, not pinned per section', async () => {
    const sha = (file: string) => createHash('sha256').update(readFileSync(path.join(dir, file))).digest('hex');
    const files = Object.fromEntries([PLAN, 'docs/HARDWARE_VALIDATION.md', 'docs/TESTING.md'].map((f) => [f, sha(f)]));
    const record = { task: 3, taskName: 'Task 3', decision: 'approved', reviewer: 'Alex', time: '2026-02-18T00:00:00.000Z', resumeSignal: 'approved', files };
    writeFileSync(path.join(dir, REVIEW), JSON.stringify({ plan: PLAN, records: [record] }));
    let { report } = await planJson();
    expect(report.checkpoints[0]).toMatchObject({
      status: 'approved',
      pinned: false,
      details: [
        'approved by Alex on 2026-02-18; recorded by an earlier docs-check that pinned whole files, not the reviewed sections: record the approval again to pin them',
      ],
      command: `npx docs-check review ${PLAN} --approve --reviewer NAME`,
    });
    writeFileSync(path.join(dir, 'docs/TESTING.md'), '# Testing\n');
    ({ report } = await planJson());
    expect(report.checkpoints[0]).toMatchObject({ status: 'stale', details: ['approved by Alex on 2026-02-18, but since then `docs/TESTING.md` changed'] });
  });

  test.each([
    ['an escape sequence', 'Alex\u001b]0;owned\u0007', 'U+001B'],
    ['a workflow command on its own line', 'Alex\r\n::error file=x::forged', 'U+000D'],
    ['a bell', 'Alex\u0007', 'U+0007'],
  ])('a reviewer name with %s is refused', async (_name, reviewer, code) => {
    const result = await review('--approve', '--reviewer', reviewer);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `docs-check review: --reviewer contains the control character ${code}; expected plain text on one line\n` });
  });

  test('a reviewer name of 10 KB is refused', async () => {
    const result = await review('--approve', '--reviewer', 'A'.repeat(10_240));
    expect(result.stderr).toBe('docs-check review: --reviewer is 10240 characters long; expected at most 100\n');
  });

  test('control characters and 10 KB in a review file are printed harmless and short', async () => {
    const hostile = `Mallory\u001b[31m\u0007\r\n::error file=x::forged${'x'.repeat(10_240)}`;
    const record = { task: 3, taskName: 'Task 3', decision: 'changes_requested', reviewer: hostile, time: '2026-02-18T00:00:00.000Z', resumeSignal: hostile, files: {} };
    writeFileSync(path.join(dir, REVIEW), JSON.stringify({ plan: PLAN, records: [record] }));
    const shown = await review();
    expect(shown.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(shown.stdout.split('\n').some((l) => l.startsWith('::'))).toBe(false);
    expect(shown.stdout.length).toBeLessThan(2_000);
    expect(shown.stdout).toContain('changes requested by Mallory [31m   ::error file=x::forged');
  });
});
