/**
 * `docs-check run` end to end against a tiny driver-shaped source tree
 * (test/fixtures/run/source: a Makefile with a passing, a failing and a
 * hanging target, a Go module with one test and one package without tests),
 * plus the output comparison on its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseCommand } from '../../plugins/doc-checks/model/shell';
import { readMeta } from '../../plugins/doc-checks/run/blocks';
import { expectedOutputProblem, goTestProblems } from '../../plugins/doc-checks/run/compare';
import type { RunReport } from '../../plugins/doc-checks/run/runner';
import { hasGo, listing, runCommand as cli } from './helpers';

const REPO = path.resolve(__dirname, '../..');
const FIXTURES = path.join(REPO, 'test/fixtures/run');
const SOURCE = path.join(FIXTURES, 'source');
const GUIDE = 'test/fixtures/run/docs/GUIDE.md';

const scratch = mkdtempSync(path.join(tmpdir(), 'docs-check-run-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('expected output is compared by structure', () => {
  const meta = readMeta('');
  const output = '=== RUN   TestAdd\n--- PASS: TestAdd (0.00s)\nPASS\nok  \texample.test/fake/pkg/calc\t0.003s\n';

  test('lines in order, white space runs alike, `…` and `<duration>` standing for what varies', () => {
    expect(expectedOutputProblem('--- PASS: TestAdd (<duration>)\nok …/pkg/calc <duration>', meta, output)).toBeUndefined();
  });

  test('`varies=duration` lets every duration of the block differ', () => {
    const expected = '--- PASS: TestAdd (0.42s)\nok      example.test/fake/pkg/calc   1.234s';
    expect(expectedOutputProblem(expected, readMeta('varies=duration'), output)).toBeUndefined();
    expect(expectedOutputProblem(expected, meta, output)).toBe(
      'expected output line 1 `--- PASS: TestAdd (0.42s)` does not appear; nearest: `--- PASS: TestAdd (0.00s)`',
    );
  });

  test('a klog header\'s date, time and process id belong to the run; its file and line must match', () => {
    const logged = 'I1202 16:24:18.941605    6048 reconciler.go:242] Clearing stale attachment: volume=v node=n\n';
    expect(expectedOutputProblem('I0218 10:15:02.049357   28407 reconciler.go:242] Clearing stale attachment: volume=v node=n', meta, logged)).toBeUndefined();
    expect(expectedOutputProblem('I0218 10:15:02.049357   28407 reconciler.go:240] Clearing stale attachment: volume=v node=n', meta, logged)).toBe(
      'expected output line 1 `I0218 10:15:02.049357   28407 reconciler.go:240] Clearing stale attachment: volume=v node=n` does not appear; ' +
        'nearest: `I1202 16:24:18.941605    6048 reconciler.go:242] Clearing stale attachment: volume=v node=n`',
    );
  });

  test('a line shown out of order is missing after the one before it', () => {
    expect(expectedOutputProblem('PASS\n=== RUN   TestAdd', meta, output)).toBe(
      'expected output line 2 `=== RUN   TestAdd` does not appear after output line 3; no output line there resembles it',
    );
  });

  test('go test that ran nothing, or a named package without tests, is a problem despite exit status 0', () => {
    const command = parseCommand({ type: 'code', lang: 'bash', value: 'go test ./pkg/calc/ -run Nope\ngo test ./pkg/empty' });
    expect(goTestProblems(command, 'ok  \texample.test/fake/pkg/calc\t0.002s [no tests to run]\n?   \texample.test/fake/pkg/empty\t[no test files]\n')).toEqual([
      '`go test` ran no tests ("no tests to run"): the -run or -ginkgo.focus pattern matches nothing',
      '`./pkg/empty` has no test files ("[no test files]"); expected a package with tests',
    ]);
    // A wildcard run may cross packages without tests; one package that ran is enough.
    const wide = parseCommand({ type: 'code', lang: 'bash', value: 'go test ./pkg/... -run TestAdd' });
    expect(goTestProblems(wide, '?   \tx/pkg/empty\t[no test files]\nok  \tx/pkg/calc\t0.002s\nok  \tx/pkg/other\t0.001s [no tests to run]\n')).toEqual([]);
  });
});

describe('a block the rules refuse never runs', () => {
  test('kubectl in a `run` block: runnable-block findings, exit 1, nothing executed', async () => {
    const result = await cli(['test/fixtures/run/docs/REFUSED.md', '--source-root', SOURCE, '--format', 'github']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('docs-check run: blocks that may not run were found; nothing was run\n');
    expect(result.stdout).toContain('::error file=test/fixtures/run/docs/REFUSED.md,line=5,col=1');
    expect(result.stdout).toContain('`kubectl` needs a Kubernetes cluster');
  });
});

describe('without Go', () => {
  test('one line says so and the exit status is 2 (a configuration problem, not a finding)', async () => {
    const result = await cli([GUIDE, '--source-root', SOURCE], { ...process.env, PATH: '/usr/bin:/bin' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'docs-check: Go is not installed (`go` is not on PATH); `docs-check run` needs it to run the blocks (the checks and the site build do not)\n',
    );
    expect(result.stdout).toBe('');
  });
});

describe.skipIf(!hasGo)('running the blocks (skipped only when Go is missing; never in CI)', () => {
  test('each block passes or fails for the right reason, in the report and as findings', { timeout: 240_000 }, async () => {
    const reportFile = path.join(scratch, 'report.json');
    const result = await cli(
      [GUIDE, '--source-root', SOURCE, '--report', reportFile, '--timeout', '20', '--format', 'json', '--filter', 'Passing', '--filter', 'Failing', '--filter', 'Matches Nothing', '--filter', 'No Test Files', '--filter', 'Focused', '--filter', 'Wrong', '--filter', 'Declared'],
      { ...process.env, GREETING: `${process.env.HOME}/greeting` },
    );
    expect(result.status).toBe(1);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport;
    const summary = report.blocks.map((b) => [b.line, b.heading, b.status, b.exitStatus, b.problems]);
    expect(summary).toEqual([
      [5, 'Passing', 'passed', 0, []],
      [17, 'Failing Target', 'failed', 2, ['exited with status 2']],
      [23, 'Pattern Matches Nothing', 'failed', 0, ['`go test` ran no tests ("no tests to run"): the -run or -ginkgo.focus pattern matches nothing']],
      [29, 'No Test Files', 'failed', 0, ['`./pkg/empty/` has no test files ("[no test files]"); expected a package with tests']],
      [35, 'Focused Test', 'passed', 0, []],
      [50, 'Wrong Expected Output', 'failed', 0, ['expected output line 3 `--- PASS: TestSubtract (<duration>)` does not appear after output line 4; no output line there resembles it']],
      [64, 'Declared Variable', 'passed', 0, []],
    ]);
    // The scratch copy's path is named, not printed.
    expect(report.blocks[1].outputTail).toContain('fail target ran in <source copy>\n');
    expect(report.blocks[0].firstCommand).toBe('make pass');
    // A committed report names no home directory either.
    expect(report.blocks[6].outputTail).toBe('~/greeting from the environment');
    expect(report.go).toMatch(/^go version go\d/);

    // ESLint's JSON format: each failed block is a `run-result` error at its fence.
    const findings = (JSON.parse(result.stdout) as { messages: { ruleId: string; line: number; message: string }[] }[])[0].messages;
    expect(findings.map((m) => [m.ruleId, m.line])).toEqual([
      ['run-result', 17],
      ['run-result', 23],
      ['run-result', 29],
      ['run-result', 50],
    ]);
    expect(findings[0].message).toMatch(/^`make fail` failed after \d+\.\d s: exited with status 2; expected exit status 0, tests that ran and the expected output the guide shows\. Output ends:\n/);
    expect(result.stderr).toContain('passed  test/fixtures/run/docs/GUIDE.md:5  make pass');
  });

  test('the source itself is never written: blocks run in a copy', { timeout: 120_000 }, async () => {
    const before = listing(SOURCE);
    const result = await cli([GUIDE, '--source-root', SOURCE, '--filter', 'Passing', '--filter', 'Focused']);
    expect(result.status).toBe(0);
    expect(listing(SOURCE)).toEqual(before);
  });

  test('a declared variable the environment lacks fails the block without running it', { timeout: 60_000 }, async () => {
    const result = await cli([GUIDE, '--source-root', SOURCE, '--filter', 'Declared'], { ...process.env, GREETING: undefined });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('failed after 0.0 s: the block declares `env=GREETING` but the environment does not set it');
  });

  test('a block over its time limit is stopped with everything it started', { timeout: 60_000 }, async () => {
    const started = Date.now();
    const result = await cli([GUIDE, '--source-root', SOURCE, '--filter', 'Hangs', '--timeout', '2']);
    expect(result.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.stdout).toContain('`make slow` failed after 2.');
    expect(result.stdout).toContain('did not finish within 2 s and was stopped');
    // The fixture's `sleep 300.4242` (a duration nothing else on the machine sleeps) was in the
    // block's process group: nothing of it is left.
    expect(spawnSync('pgrep', ['-f', '^sleep 300\\.4242$']).status).toBe(1);
  });
});
