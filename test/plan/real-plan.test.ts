/**
 * The project's own plan, checked against the project's docs and the
 * driver-source stand-in: the must_haves the plan promised hold.
 */
import path from 'node:path';
import { expect, test } from 'vitest';
import { runPlanCommand } from '../../plugins/doc-checks/plan/commands';
import type { PlanReportJson } from '../../plugins/doc-checks/plan/report';

const REPO = path.resolve(__dirname, '../..');
const SOURCE = path.resolve(__dirname, '../fixtures/driver-src');
const PLAN = '.planning/phases/32-resilience-regression-tests/32-02-PLAN.md';

async function run(format: 'json' | 'stylish') {
  let stdout = '';
  let stderr = '';
  const code = await runPlanCommand([PLAN, '--root', REPO, '--source-root', SOURCE, '--format', format], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: REPO,
    env: {},
  });
  return { code, stdout, stderr };
}

test('both artifacts are verified and both key links are wired', async () => {
  const { code, stdout, stderr } = await run('json');
  expect(stderr).toBe('');
  const [report] = JSON.parse(stdout) as PlanReportJson[];
  expect(report.plan).toBe(PLAN);
  expect(report.problems).toEqual([]);
  expect(report.artifacts.map(({ path: p, status, details }) => ({ p, status, details }))).toEqual([
    { p: 'docs/HARDWARE_VALIDATION.md', status: 'verified', details: ['exists (repository)', 'contains `TC-09`'] },
    { p: 'docs/TESTING.md', status: 'verified', details: ['exists (repository)', 'contains `resilience`'] },
  ]);
  expect(report.keyLinks.map(({ from, to, pattern, status, foundIn }) => ({ from, to, pattern, status, foundIn }))).toEqual([
    {
      from: 'docs/HARDWARE_VALIDATION.md',
      to: 'pkg/rds/connection_manager.go',
      pattern: 'connection.manager|exponential.backoff',
      status: 'wired',
      foundIn: 'from',
    },
    {
      from: 'docs/HARDWARE_VALIDATION.md',
      to: 'pkg/attachment/reconciler.go',
      pattern: 'stale.*attachment|VolumeAttachment',
      status: 'wired',
      foundIn: 'from',
    },
  ]);
  expect(report.truths.map((t) => t.status)).toEqual(['verified', 'verified', 'verified', 'verified']);
  expect(report.checkpoints.map(({ task, name, type, gate }) => ({ task, name, type, gate }))).toEqual([
    { task: 3, name: 'Task 3: Review resilience test documentation', type: 'checkpoint:human-verify', gate: 'blocking' },
  ]);
  expect(code).toBe(0);
});

test('the text report lists each must-have with its status', async () => {
  const { code, stdout } = await run('stylish');
  expect(code).toBe(0);
  const lines = stdout.split('\n');
  expect(lines[0]).toBe(PLAN);
  expect(lines).toContain('    VERIFIED    docs/HARDWARE_VALIDATION.md: exists (repository); contains `TC-09`');
  expect(lines).toContain('    VERIFIED    docs/TESTING.md: exists (repository); contains `resilience`');
  expect(lines.filter((l) => /^ {4}WIRED {7}docs\/HARDWARE_VALIDATION\.md -> pkg\/.+: pattern `.+` found in `docs\/HARDWARE_VALIDATION\.md` line \d+$/.test(l))).toHaveLength(2);
  expect(lines.some((l) => /^ {2}Result: 2\/2 artifacts verified, 2\/2 key links wired, [01]\/1 checkpoints approved \(1 blocking\)$/.test(l))).toBe(true);
});
