/**
 * DOCS_CHECK_TIMING (plugins/doc-checks/timing.ts): the table of where a
 * run's time went. The setting, the table and the accounting of nested
 * phases are shown on the module with a clock the test moves; what a user
 * sees through the built launcher: the table on standard error, every row a
 * rule or a phase, shares that add up to the whole, and a report unchanged.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RULES } from '../../plugins/doc-checks/rules/index';
import { enableTiming, PHASE, recordedTimings, REST, timed, timingRows, timingTable } from '../../plugins/doc-checks/timing';
import { launch, scratchRepository } from '../setup/launch';

describe('the DOCS_CHECK_TIMING setting', () => {
  it('is off unset, empty or 0; 1 asks for the ten slowest rows, as ESLint does; a larger number or all for more', () => {
    expect(timingRows({})).toBe(0);
    expect(timingRows({ DOCS_CHECK_TIMING: '' })).toBe(0);
    expect(timingRows({ DOCS_CHECK_TIMING: '0' })).toBe(0);
    expect(timingRows({ DOCS_CHECK_TIMING: '1' })).toBe(10);
    expect(timingRows({ DOCS_CHECK_TIMING: '4' })).toBe(10);
    expect(timingRows({ DOCS_CHECK_TIMING: '25' })).toBe(25);
    expect(timingRows({ DOCS_CHECK_TIMING: 'ALL' })).toBe(Infinity);
  });

  it('refuses what is not a number of rows, saying what it expected', () => {
    for (const value of ['yes', '-1', '2.5']) {
      expect(timingRows({ DOCS_CHECK_TIMING: value })).toEqual({
        problem: `DOCS_CHECK_TIMING: \`${value}\` is not a number of rows; expected 1 (the ten slowest), a larger number, or all`,
      });
    }
  });
});

describe('the timing table', () => {
  it('lists the slowest first, sums the others in one row and gives the rest of the run, each with its share', () => {
    const table = timingTable(new Map([['tc-id', 10], ['code-link', 30], ['doc-link', 5], ['tc-steps', 5]]), 100, 2);
    expect(table.split('\n')).toEqual([
      'docs-check timing: 100 ms in all',
      `${'Rule or phase'.padEnd(REST.length)} | Time (ms) | Relative`,
      `:${'-'.repeat(REST.length - 1)} | --------: | -------:`,
      `${'code-link'.padEnd(REST.length)} |      30.0 |    30.0%`,
      `${'tc-id'.padEnd(REST.length)} |      10.0 |    10.0%`,
      `${'2 more (DOCS_CHECK_TIMING=all lists each)'.padEnd(REST.length)} |      10.0 |    10.0%`,
      `${REST} |      50.0 |    50.0%`,
      '',
    ]);
  });
});

describe('timed', () => {
  let now = 0;
  afterEach(() => vi.restoreAllMocks());
  const clock = () => vi.spyOn(performance, 'now').mockImplementation(() => now);

  it('gives each label the time spent in it, less the timed calls nested in it, sync or async', async () => {
    clock();
    enableTiming();
    timed('outer', () => {
      now += 10;
      timed(PHASE.pageModel, () => {
        now += 25;
      });
      now += 5;
    });
    await timed('async rule', async () => {
      now += 7;
      await Promise.resolve();
      timed(PHASE.pageModel, () => {
        now += 3;
      });
      now += 1;
    });
    expect(() => timed('failing', () => {
      now += 2;
      throw new Error('a rule bug');
    })).toThrow('a rule bug');
    expect(Object.fromEntries(recordedTimings())).toEqual({ outer: 15, [PHASE.pageModel]: 28, 'async rule': 8, failing: 2 });
  });
});

const repository = (files: Record<string, string>) => scratchRepository('docs-check-timing-', files);

const GUIDE = [
  '# Guide',
  '',
  '## TC-01: Pods',
  '',
  '**Objective:** List the pods.',
  '',
  '**Steps:**',
  '',
  '1. List them',
  '',
  '   ```bash',
  '   kubectl get pods -n kube-system',
  '   ```',
  '',
].join('\n');

describe('DOCS_CHECK_TIMING, through the launcher', () => {
  it('writes the table to standard error after an unchanged report: rules and phases only, shares adding up to the whole', { timeout: 60_000 }, async () => {
    const root = repository({ 'docs/GUIDE.md': GUIDE });
    const plain = await launch(['--format', 'json'], root);
    const timedRun = await launch(['--format', 'json'], root, { env: { DOCS_CHECK_TIMING: 'all' } });
    expect(timedRun.code).toBe(plain.code);
    expect(timedRun.stdout).toBe(plain.stdout);
    expect(plain.stderr).toBe('');

    const [title, header, , ...rows] = timedRun.stderr.trimEnd().split('\n');
    expect(title).toMatch(/^docs-check timing: \d+ ms in all$/);
    expect(header).toMatch(/^Rule or phase +\| Time \(ms\) \| Relative$/);
    const parsed = rows.map((row) => {
      const [label, ms, share] = row.split(' | ').map((cell) => cell.trim());
      return { label, ms: Number(ms), share: Number(share.replace('%', '')) };
    });
    const known = new Set<string>([...RULES.map((r) => r.id), ...Object.values(PHASE), REST]);
    expect(parsed.filter((r) => !known.has(r.label))).toEqual([]);
    // Every page rule ran on the guide, and the phases of a full check were timed.
    for (const id of ['tc-required-section', 'shell-syntax', 'doc-link', PHASE.lint, PHASE.handOver, PHASE.pageModel, REST]) {
      expect(parsed.map((r) => r.label)).toContain(id);
    }
    expect(parsed.map((r) => r.ms).slice(0, -1)).toEqual([...parsed.map((r) => r.ms).slice(0, -1)].sort((a, b) => b - a));
    const total = parsed.reduce((sum, r) => sum + r.share, 0);
    expect(Math.abs(total - 100)).toBeLessThan(0.05 * parsed.length);
  });

  it('refuses a value that is not a number of rows before checking anything', { timeout: 60_000 }, async () => {
    const run = await launch([], repository({ 'docs/GUIDE.md': GUIDE }), { env: { DOCS_CHECK_TIMING: 'yes' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'docs-check: DOCS_CHECK_TIMING: `yes` is not a number of rows; expected 1 (the ten slowest), a larger number, or all\n',
    );
    expect(run.trace.filter((line) => line.startsWith('parse markdown'))).toEqual([]);
  });
});
