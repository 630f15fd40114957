/**
 * A summary beside a plan is markdown from a pull request like any page:
 * one the parser cannot take must not abort `docs-check plan` for every
 * plan, nor the checkpoint rule; it is a `valid-input` finding on itself.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkProject } from '../../plugins/doc-checks/engine';
import { runPlanCommand } from '../../plugins/doc-checks/plan/commands';

const root = mkdtempSync(path.join(tmpdir(), 'summary-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const PLAN = '.planning/01-01-PLAN.md';
const SUMMARY = '.planning/01-01-SUMMARY.md';
mkdirSync(path.join(root, '.planning'));
cpSync(path.resolve(__dirname, '../fixtures/plans/.planning/gates-PLAN.md'), path.join(root, PLAN));
mkdirSync(path.join(root, 'docs'));
writeFileSync(path.join(root, 'docs/guide.md'), '# Guide\n');
// 30,000 nested quotes: the markdown parser recurses once per level and overflows its stack.
writeFileSync(path.join(root, SUMMARY), `# Summary\n\n${'>'.repeat(30_000)} deep\n\n3. **Task 3: Verify** - checkpoint:human-verify (approved by user 2026-02-18)\n`);

describe('a summary the markdown parser cannot take', () => {
  test('is a valid-input finding on the summary, and the plan rules still run', async () => {
    const results = await checkProject({ root, files: [PLAN, SUMMARY], today: '2026-11-26' });
    const found = results.files.flatMap((f) => f.diagnostics).map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);
    expect(found.filter((f) => f.startsWith(SUMMARY))).toEqual([
      `${SUMMARY}:3:1 valid-input Line 3 is nested more than 256 columns deep in quotes, lists or indentation; the file was not checked (expected a document nested a few levels deep)`,
    ]);
    expect(found.filter((f) => f.includes('failed on this file'))).toEqual([]);
  });

  test('does not stop `docs-check plan`', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runPlanCommand([PLAN, '--root', root], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: root, env: {} });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.split('\n')[0]).toBe(PLAN);
    // The summary approves nothing: Task 3 is still waiting for a review.
    expect(stdout).toContain('    PENDING     Task 3: Verify [checkpoint:human-verify, gate blocking]\n');
  });
});
