/**
 * The review life cycle as the site shows it: the Review pages are built
 * from `buildReviewData`, so each state recorded by `docs-check review` and
 * each later edit of a reviewed doc must show up there.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runReviewCommand } from '../../plugins/doc-checks/plan/commands';
import { buildReviewData } from '../../plugins/docusaurus-plugin-review/review-data';

const ROOT = path.resolve(__dirname, '../..');
const PLAN = '.planning/phases/32-resilience-regression-tests/32-02-PLAN.md';
const repo = mkdtempSync(path.join(os.tmpdir(), 'review-data-'));
for (const entry of ['docs', '.planning']) cpSync(path.join(ROOT, entry), path.join(repo, entry), { recursive: true });
const sourceRoot = path.join(ROOT, 'test/fixtures/driver-src');

afterAll(() => rmSync(repo, { recursive: true, force: true }));

async function review(...args: string[]): Promise<number> {
  const io = { stdout: () => undefined, stderr: () => undefined, cwd: repo, env: {} };
  return runReviewCommand([PLAN, '--root', repo, ...args], io);
}

async function checkpoint() {
  const [data] = await buildReviewData({ root: repo, sourceRoot, pageUrl: (p) => `/docs/${p.path}` });
  return data.checkpoints[0];
}

describe('review life cycle on the Review page data', () => {
  test('pending, approved, stale after an edit, approved again', async () => {
    expect((await checkpoint()).status).toBe('pending');

    expect(await review('--approve', '--reviewer', 'alice')).toBe(0);
    const approved = await checkpoint();
    expect(approved).toMatchObject({ status: 'approved', pinned: true });

    // An edit outside the reviewed sections keeps the approval.
    appendFileSync(path.join(repo, 'docs/TESTING.md'), '\nAn edit after the review.\n');
    expect((await checkpoint()).status).toBe('approved');

    const testing = path.join(repo, 'docs/TESTING.md');
    writeFileSync(testing, readFileSync(testing, 'utf8').replace('### Resilience Regression Tests\n', '### Resilience Regression Tests\n\nAn edit inside the reviewed section.\n'));
    const stale = await checkpoint();
    expect(stale.status).toBe('stale');
    expect(stale.details.join(' ')).toContain('section "Resilience Regression Tests" in `docs/TESTING.md` changed');
    expect(stale.changes[0]).toMatchObject({ name: 'section "Resilience Regression Tests" in `docs/TESTING.md`', what: 'changed' });
    // The ticks of the old review do not carry over to changed content.
    expect(stale.storageKey).not.toBe(approved.storageKey);

    expect(await review('--request-changes', 'TC-11 must say how to re-join the node', '--reviewer', 'bob')).toBe(0);
    expect((await checkpoint()).status).toBe('changes_requested');

    expect(await review('--approve', '--reviewer', 'alice')).toBe(0);
    expect((await checkpoint()).status).toBe('approved');
  });
});
