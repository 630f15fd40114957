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
  // Truths are prose: each comes with evidence, none with a verdict.
  expect(report.truths.map((t) => Object.keys(t))).toEqual([['truth', 'backedBy'], ['truth', 'backedBy'], ['truth', 'backedBy'], ['truth', 'backedBy']]);
  expect(report.truths[1].backedBy.map((b) => `${b.kind} ${b.label}: ${b.status}`)).toEqual([
    'artifact docs/HARDWARE_VALIDATION.md: verified',
    'rule TC-10 in docs/HARDWARE_VALIDATION.md: found',
  ]);
  expect(report.truths[1].backedBy[1].evidence).toMatch(
    /^test case "TC-10: RDS Restart Volume Preservation" at line \d+ with \d+ numbered steps and the sections Objective, .+ \(checked by tc-id, tc-required-section, tc-steps\)$/,
  );
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
  // A wired key link says where it matched: file, line, test case and section.
  expect(lines.filter((l) => /^ {4}WIRED {7}docs\/HARDWARE_VALIDATION\.md -> pkg\/.+: pattern `.+` found in `docs\/HARDWARE_VALIDATION\.md` line \d+ \((TC-\d\d|section ".+"|TC-\d\d, section ".+")\)$/.test(l))).toHaveLength(2);
  expect(lines).toContain('    TRUTH       A documented TC-10 test case provides exact steps to validate RDS restart volume preservation on real hardware');
  expect(lines.some((l) => /^ {2}Result: 2\/2 artifacts verified, 2\/2 key links wired, [01]\/1 checkpoints approved \(1 blocking\)$/.test(l))).toBe(true);
});

test('a truth whose test case was renamed shows the missing evidence, not a verdict', async () => {
  const { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(path.join(tmpdir(), 'real-plan-'));
  try {
    for (const file of [PLAN, 'docs/HARDWARE_VALIDATION.md', 'docs/TESTING.md']) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      cpSync(path.join(REPO, file), path.join(dir, file));
    }
    const guide = path.join(dir, 'docs/HARDWARE_VALIDATION.md');
    writeFileSync(guide, readFileSync(guide, 'utf8').replaceAll('TC-10', 'TC-12'));
    let stdout = '';
    await runPlanCommand([PLAN, '--root', dir, '--source-root', SOURCE], { stdout: (s) => (stdout += s), stderr: () => {}, cwd: dir, env: {} });
    const lines = stdout.split('\n');
    const at = lines.indexOf('    TRUTH       A documented TC-10 test case provides exact steps to validate RDS restart volume preservation on real hardware');
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '                  artifact docs/HARDWARE_VALIDATION.md (shares TC-10): verified: exists (repository); contains `TC-09`',
      '                  rule TC-10 in docs/HARDWARE_VALIDATION.md, docs/TESTING.md (names TC-10): missing: no test case TC-10 in docs/HARDWARE_VALIDATION.md, docs/TESTING.md',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
