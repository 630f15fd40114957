/**
 * Defects seeded into a copy of the Testing guide, one line each, are
 * caught by the right command rule on the right line, and nothing else
 * changes: the copy is checked before and after the edit against the
 * fixture driver tree, which keeps the driver's target, package and test names.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkProject } from '../../plugins/doc-checks/engine';
import { RULES } from '../../plugins/doc-checks/rules/index';
import type { Diagnostic } from '../../plugins/doc-checks/types';

const ROOT = path.resolve(__dirname, '../..');
const DRIVER_SOURCE = path.join(ROOT, 'test/fixtures/driver-src');
const GUIDE = 'docs/TESTING.md';
const COMMAND_RULES = RULES.filter((r) => ['make-target', 'go-test-run', 'driver-flag'].includes(r.id));
const original = readFileSync(path.join(ROOT, GUIDE), 'utf8');
const workDir = mkdtempSync(path.join(tmpdir(), 'seeded-defects-'));

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Writes the guide, with `from` replaced by `to` in the first command line that reads `command`, and checks it. */
async function checkWithEdit(name: string, edit?: { command: string; from: string; to: string }): Promise<{ line: number; diagnostics: Diagnostic[] }> {
  const lines = original.split('\n');
  const index = edit ? lines.findIndex((l) => l.trim() === edit.command) : -1;
  if (edit) {
    expect(index, `the guide has no command line \`${edit.command}\``).not.toBe(-1);
    lines[index] = lines[index].replace(edit.from, edit.to);
  }
  const root = path.join(workDir, name);
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  writeFileSync(path.join(root, GUIDE), lines.join('\n'));
  const results = await checkProject({ root, files: [GUIDE], rules: COMMAND_RULES, sourceRoot: DRIVER_SOURCE, today: '2026-11-26' });
  return { line: index + 1, diagnostics: results.files.flatMap((f) => f.diagnostics) };
}

const key = (d: Diagnostic) => `${d.line} ${d.ruleId} ${d.message}`;

describe('defects seeded into the Testing guide', async () => {
  const before = (await checkWithEdit('original')).diagnostics.map(key);

  test.each([
    {
      what: 'a wrong make target',
      command: 'make test-integration',
      from: 'make test-integration',
      to: 'make test-integraton',
      ruleId: 'make-target',
      message: 'make target `test-integraton` does not exist in Makefile; did you mean `test-integration`?',
    },
    {
      what: 'a -run pattern that matches nothing',
      command: 'go test -v ./pkg/attachment/ -run TestReconciler_RESIL03_StaleCleanupAndReattachment',
      from: '-run TestReconciler_RESIL03_StaleCleanupAndReattachment',
      to: '-run TestReconciler_RESIL3_StaleCleanup',
      ruleId: 'go-test-run',
      message:
        '`-run TestReconciler_RESIL3_StaleCleanup` matches no test in `./pkg/attachment/`; its tests are `TestReconciler_RESIL03_StaleCleanupAndReattachment`; did you mean `TestReconciler_RESIL03_StaleCleanupAndReattachment`?',
    },
    {
      what: 'a wrong Ginkgo focus',
      command: 'go test -v ./test/e2e/... -ginkgo.v -ginkgo.focus="Resilience"',
      from: '-ginkgo.focus="Resilience"',
      to: '-ginkgo.focus="Resiliency"',
      ruleId: 'go-test-run',
      message:
        '`-ginkgo.focus=Resiliency` matches no Ginkgo spec in `./test/e2e/...`; its top-level containers are `Resilience`, `Volume lifecycle`; did you mean `Resilience`?',
    },
  ])('$what is reported by $ruleId on the edited line', async ({ what, command, from, to, ruleId, message }) => {
    const { line, diagnostics } = await checkWithEdit(what.replace(/\W+/g, '-'), { command, from, to });
    const added = diagnostics.map(key).filter((k) => !before.includes(k));
    expect(added).toEqual([`${line} ${ruleId} ${message}`]);
    // The seeded line was clean before.
    expect(before.filter((k) => k.startsWith(`${line} `))).toEqual([]);
  });
});
