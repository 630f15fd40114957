/**
 * `docs-check run --routeros-mock` end to end: the driver's own mock
 * RouterOS built from the driver source, answering the steps of
 * test/fixtures/run/docs/ROUTEROS.md, each step judged, the report
 * written, a failed step a finding, and the driver source left as it was.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { RunReport } from '../../plugins/doc-checks/run/runner';
import { guideDriverSource } from '../setup/driver-source';
import { hasGo, listing, runCommand as cli } from './helpers';

const REPO = path.resolve(__dirname, '../..');
const GUIDE = 'test/fixtures/run/docs/ROUTEROS.md';
const VOL = 'pvc-11111111-2222-3333-4444-555555555555';

const scratch = mkdtempSync(path.join(tmpdir(), 'docs-check-mock-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!hasGo)('the driver\'s mock RouterOS (skipped only when Go is missing; never in CI)', () => {
  // A cold module cache downloads the driver's dependencies first.
  test('answers the steps it supports; each step passed, failed, answered, not answered or not run', { timeout: 900_000 }, async () => {
    const driver = guideDriverSource();
    const before = listing(driver);
    const reportFile = path.join(scratch, 'report.json');
    const result = await cli([GUIDE, '--routeros-mock', '--source-root', driver, '--report', reportFile, '--format', 'json']);
    expect(result.stderr).not.toContain('docs-check: ');
    expect(result.status).toBe(1);

    const mock = (JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport).routerOsMock!;
    expect(mock.error).toBeUndefined();
    expect(mock.steps.map((s) => [s.line, s.status, s.problems])).toEqual([
      [13, 'passed', []],
      [26, 'failed', ['entry 1: `file-system`: the guide shows `ext4`, the mock printed `btrfs`']],
      [40, 'not answered', ['the mock refused it: exit status 1, `bad command name /system/resource/print`']],
      [41, 'not answered', ['the mock refused it: exit status 1, `bad command name /system/resource/print`']],
      [70, 'not answered', ['the mock refused it: exit status 1, `bad command name /disk print brief where slot~"pvc-"`']],
      [71, 'not answered', [`the mock printed nothing, although it holds \`${VOL}\`, added before the step as the driver adds disks`]],
      [86, 'passed', []],
      [101, 'answered', []],
      [113, 'not run', ['the guide shows no value for `$OTHER` in TC-01, so there is no command to send']],
      [114, 'not run', ['`$(…)` in the command is not expanded by this run']],
    ]);

    const [freeSpace, , , , , quoted, unquoted, piped] = mock.steps;
    expect(freeSpace.formatDifferences).toEqual([
      'entries: the guide shows them numbered (` 0 `), the mock prints no number',
      'entries: the guide shows each on several indented lines, the mock prints each on one line',
    ]);
    // The guide's quoted slot finds nothing on the mock; the same query unquoted, as the driver sends it, does.
    expect(quoted.sent).toBe(`/disk print detail where slot="${VOL}"`);
    expect(quoted.seeds).toEqual([
      `/disk add type=file file-path=/storage-pool/metal-csi/${VOL}.img file-size=5G slot=${VOL} nvme-tcp-export=yes nvme-tcp-server-port=4420 nvme-tcp-server-nqn=nqn.2000-02.com.mikrotik:${VOL}`,
    ]);
    expect(quoted.probe).toMatchObject({ command: `/disk print detail where slot=${VOL}`, status: 'passed', problems: [] });
    expect(quoted.probe!.formatDifferences).toEqual(unquoted.formatDifferences);
    expect(unquoted.formatDifferences).toEqual([
      'entries: the guide shows them numbered (` 0 `), the mock prints no number',
      'entries: the guide shows each on several indented lines, the mock prints each on one line',
      '`type`: the guide shows it unquoted (`file`), the mock quoted (`"file"`)',
      `\`file-path\`: the guide shows it unquoted (\`/storage-pool/metal-csi/${VOL}.img\`), the mock quoted (\`"/storage-pool/metal-csi/${VOL}.img"\`)`,
      '`file-size`: the guide shows a size in binary units (`5.0GiB`), the mock a byte count (`5368709120`)',
      '`nvme-tcp-server-nqn`, `status`: printed by the mock, not shown by the guide',
    ]);
    // A fresh mock for every step: the disk seeded for step 3 is not there for step 4.
    expect(piped.reply).toEqual({ exitStatus: 0, output: '' });
    expect(piped.note).toBe('not compared with the expected output after the block: its output goes through `grep`; the expected output is that of the pipe');

    // Only the failed step is a finding, at its ssh call.
    const findings = (JSON.parse(result.stdout) as { messages: { ruleId: string; line: number; message: string }[] }[])[0].messages;
    expect(findings.map((m) => [m.ruleId, m.line])).toEqual([['run-result', 26]]);
    expect(findings[0].message).toMatch(
      /^`\/disk print detail where mount-point="storage-pool"` on the driver's mock RouterOS: entry 1: `file-system`: the guide shows `ext4`, the mock printed `btrfs`; expected the structure of the output the guide shows at line 31\. The mock replied:\nslot=storage-pool type=partition /,
    );
    expect(result.stderr).toMatch(/docs-check run: 10 RouterOS steps on the driver's mock RouterOS: 2 passed, 1 failed, 1 answered, 4 not answered, 2 not run \(mock built in \d+\.\d s, steps answered in \d+\.\d s\)\n$/);
    expect(listing(driver)).toEqual(before);
  });

  test('a source without the mock is a configuration problem, said in one line', { timeout: 120_000 }, async () => {
    const result = await cli([GUIDE, '--routeros-mock', '--source-root', path.join(REPO, 'test/fixtures/run/source'), '--filter', 'Free Space']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('docs-check: the driver source has no mock RouterOS (`test/mock`); `--routeros-mock` needs a checkout of the driver\n');
  });
});
