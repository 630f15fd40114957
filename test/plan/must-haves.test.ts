import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { countLines, verifyMustHaves } from '../../plugins/doc-checks/plan/must-haves';
import { readPlan } from '../../plugins/doc-checks/plan/reader';

const ROOT = path.resolve(__dirname, '../fixtures/plans');
const SOURCE = path.resolve(__dirname, '../fixtures/driver-src');
const roots = { root: ROOT, sourceRoot: SOURCE };

const fixture = (name: string) => {
  const rel = `.planning/${name}-PLAN.md`;
  return readPlan(rel, readFileSync(path.join(ROOT, rel), 'utf8'));
};

describe('key links with YAML escapes', () => {
  test('each unescaped pattern is found where the workflow would find it', async () => {
    const result = await verifyMustHaves(fixture('escapes'), roots);
    expect(result.keyLinks.map(({ status, foundIn, line, detail }) => ({ status, foundIn, line, detail }))).toEqual([
      {
        status: 'wired',
        foundIn: 'from',
        line: 3,
        detail: 'pattern `foo\\.bar` found in `docs/guide.md` line 3 (section "Reconnect guide")',
      },
      {
        status: 'wired',
        foundIn: 'from',
        line: 4,
        detail: 'pattern `fooX\\.?bar` found in `docs/guide.md` line 4 (section "Reconnect guide")',
      },
      {
        status: 'wired',
        foundIn: 'from',
        line: 3,
        detail: 'pattern `exponential\\sbackoff` found in `docs/guide.md` line 3 (section "Reconnect guide")',
      },
      {
        status: 'wired',
        foundIn: 'from',
        line: 4,
        detail: 'pattern `Tabs:\t` found in `docs/guide.md` line 4 (section "Reconnect guide")',
      },
      {
        status: 'wired',
        foundIn: 'to',
        line: 73,
        detail:
          'pattern `func \\(m \\*ConnectionManager\\) IsConnected\\(\\) bool` found in `pkg/rds/connection_manager.go` line 73 (in method ConnectionManager.IsConnected)',
      },
    ]);
    expect(result.artifacts.map(({ status, details, foundIn }) => ({ status, details, foundIn }))).toEqual([
      {
        status: 'verified',
        details: ['exists (repository)', 'contains `foo.bar`', 'exports `exponential backoff`', 'exports `connection manager`'],
        foundIn: 'repository',
      },
    ]);
  });
});

describe('ends that are not files make a key link uncheckable, not failed', () => {
  test('prose, a package, a symbol, a description as `to`, and a file in neither root', async () => {
    const result = await verifyMustHaves(fixture('prose'), roots);
    expect(result.keyLinks.map(({ status, foundIn, detail }) => ({ status, foundIn, detail }))).toEqual([
      {
        status: 'uncheckable',
        foundIn: undefined,
        detail:
          'pattern `fmt\\.Errorf` not found in `pkg/rds/connection_manager.go`, and `All error wrapping` is a description, not a file path',
      },
      {
        status: 'uncheckable',
        foundIn: undefined,
        detail:
          'pattern `clientset\\.Interface` not found in `pkg/rds/connection_manager.go`, and `k8s.io/client-go/kubernetes` does not exist in the repository or the driver source (it looks like a package path, not a file)',
      },
      {
        status: 'uncheckable',
        foundIn: undefined,
        detail:
          'pattern `CreateVolume` not found in `pkg/rds/connection_manager.go`, and `pkg/driver/controller.go (CreateVolume)` names `CreateVolume` inside `pkg/driver/controller.go`, not a whole file',
      },
      {
        // Found in `from`: the prose `to` does not matter.
        status: 'wired',
        foundIn: 'from',
        detail: 'pattern `exponential backoff` found in `docs/guide.md` line 3 (section "Reconnect guide")',
      },
      {
        status: 'uncheckable',
        foundIn: undefined,
        detail:
          'pattern `never written anywhere` not found in `docs/guide.md`, and `pkg/does/not_exist.go` does not exist in the repository or the driver source',
      },
      {
        // Without a pattern, `from` must contain the `to` text, whatever it is.
        status: 'wired',
        foundIn: 'from',
        detail: '`connection manager` is mentioned in `docs/guide.md` line 3 (section "Reconnect guide")',
      },
      {
        // Not mentioned, and the `to` is prose that cannot be searched: not wired, saying so.
        status: 'not_wired',
        foundIn: undefined,
        detail: '`docs/guide.md` does not mention `Troubleshooting section`; the prose end `Troubleshooting section` was not searched',
      },
    ]);
    expect(result.truths.map((t) => t.backedBy)).toEqual([[]]);
  });

  test('without a driver source root, pkg paths are not found in the repository', async () => {
    const result = await verifyMustHaves(fixture('escapes'), { root: ROOT });
    expect(result.keyLinks[4]).toMatchObject({
      status: 'uncheckable',
      detail:
        'pattern `func \\(m \\*ConnectionManager\\) IsConnected\\(\\) bool` not found in `docs/guide.md`, and `pkg/rds/connection_manager.go` does not exist in the repository (no driver source root is configured)',
    });
  });
});

describe('missing and failing artifacts', () => {
  test('each says what failed', async () => {
    const result = await verifyMustHaves(fixture('missing'), roots);
    expect(result.artifacts.map(({ path: p, status, details }) => ({ p, status, details }))).toEqual([
      {
        p: 'docs/missing-guide.md',
        status: 'missing',
        details: ['`docs/missing-guide.md` does not exist in the repository or the driver source'],
      },
      {
        p: 'docs/guide.md',
        status: 'failed',
        details: [
          'does not contain `TC-42`',
          'does not contain the export `Disconnect`',
          'has 5 lines; expected at least 50 (min_lines)',
        ],
      },
      { p: 'docs/guide.md', status: 'failed', details: ['has 5 lines; expected at most 2 (max_lines)'] },
      { p: 'docs', status: 'missing', details: ['`docs` is a directory, not a file'] },
      {
        p: '../../driver-src/go.mod',
        status: 'missing',
        details: ['`../../driver-src/go.mod` leaves the root; it is not read'],
      },
    ]);
    expect(result.keyLinks.map(({ status, detail }) => ({ status, detail }))).toEqual([
      { status: 'wired', detail: 'pattern `Reconnect` found in `pkg/rds/connection_manager.go` line 42 (in method ConnectionManager.monitorLoop)' },
      {
        status: 'not_wired',
        detail: 'pattern `VolumeSnapshot` not found in `docs/guide.md` or `pkg/nvme/config.go`',
      },
    ]);
  });

  test('truths are backed by the checks that share their ids or words', async () => {
    const result = await verifyMustHaves(fixture('missing'), roots);
    expect(
      result.truths.map((t) => ({
        truth: t.truth.value,
        backedBy: t.backedBy.map((b) => `${b.kind} ${b.label} #${b.index + 1}: ${b.because} (${b.status})`),
      })),
    ).toEqual([
      {
        truth: 'TC-42 is documented in the missing guide',
        backedBy: ['artifact docs/missing-guide.md #1: shares TC-42 (missing)', 'artifact docs/guide.md #2: shares TC-42 (failed)'],
      },
      {
        truth: 'The reconnect guide is long enough to be useful',
        backedBy: ['artifact docs/guide.md #2: shares the words reconnect, guide, long, enough, useful (failed)'],
      },
    ]);
  });
});

describe('a prose `to` whose pattern the `from` page lacks', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-prose-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is not wired, and says the prose end was not searched', async () => {
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'docs/a.md'), '# Guide\n\nNothing about it.\n');
    const plan = readPlan(
      'p-PLAN.md',
      '---\nmust_haves:\n  key_links:\n    - from: docs/a.md\n      to: Connection recovery section\n      pattern: "exponential backoff"\n---\n',
    );
    const result = await verifyMustHaves(plan, { root: dir });
    expect(result.keyLinks[0]).toMatchObject({
      status: 'not_wired',
      detail: 'pattern `exponential backoff` not found in `docs/a.md`; the prose end `Connection recovery section` was not searched',
    });
  });
});

describe('line counting', () => {
  test('a final newline does not start another line', () => {
    expect([countLines(''), countLines('a'), countLines('a\n'), countLines('a\nb'), countLines('a\n\n')]).toEqual([0, 1, 1, 2, 2]);
  });
});

describe('a hostile pattern in a plan', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-hostile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('(a+)+$ over 50,000 a and a b completes and is not wired', async () => {
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'docs/a.md'), `${'a'.repeat(50_000)}b`);
    writeFileSync(path.join(dir, 'docs/b.md'), 'b');
    const plan = readPlan(
      'p-PLAN.md',
      '---\nmust_haves:\n  key_links:\n    - from: docs/a.md\n      to: docs/b.md\n      pattern: "(a+)+$"\n---\n',
    );
    const result = await verifyMustHaves(plan, { root: dir });
    expect(result.keyLinks[0]).toMatchObject({
      status: 'not_wired',
      detail: 'pattern `(a+)+$` not found in `docs/a.md` or `docs/b.md`',
    });
  });
});
