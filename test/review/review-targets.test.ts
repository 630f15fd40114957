/**
 * The how-to-verify items of the user's plan link to the exact places they
 * ask about, resolved against the real guides.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildPage } from '../../plugins/doc-checks/model/guide';
import { readPlan } from '../../plugins/doc-checks/plan/reader';
import { howToVerifyItems, resolveReviewItems } from '../../plugins/doc-checks/plan/review-targets';

const ROOT = path.resolve(__dirname, '../..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');
const PLAN = '.planning/phases/32-resilience-regression-tests/32-02-PLAN.md';

describe('review targets of plan 32-02', () => {
  const plan = readPlan(PLAN, read(PLAN));
  const task = plan.tasks.find((t) => t.type === 'checkpoint:human-verify')!;
  const pages = plan.filesModified.map((f) => buildPage(f, read(f)));
  const items = resolveReviewItems(task.howToVerify ?? '', pages);
  const guide = pages[0];
  const stepOf = (id: string, program: string) => {
    const tc = guide.testCases.find((t) => t.id === id)!;
    return tc.steps.find((s) => s.commands.some((c) => c.calls.some((k) => k.words.includes(program))))!;
  };

  test('reads the five numbered items', () => {
    expect(items.map((i) => i.text.slice(0, 24))).toEqual([
      'Review TC-09 (NVMe recon',
      'Review TC-10 (RDS restar',
      'Review TC-11 (node failu',
      'Check that the Results T',
      'Check docs/TESTING.md me',
    ]);
  });

  test('TC-09 links to the step that blocks traffic with iptables', () => {
    const step = stepOf('TC-09', 'iptables');
    expect(items[0].target).toMatchObject({
      page: 'docs/HARDWARE_VALIDATION.md',
      anchor: `tc-09-nvme-reconnect-after-network-interruption-step-${step.number}`,
    });
    expect(step.number).toBe(4);
  });

  test('TC-10 links to its DANGER box', () => {
    expect(items[1].target).toEqual({
      page: 'docs/HARDWARE_VALIDATION.md',
      anchor: 'tc-10-rds-restart-volume-preservation-danger',
      label: 'TC-10 DANGER box',
      // The unit a review pins for this item: the whole test case.
      unit: { kind: 'test case', key: 'TC-10' },
    });
  });

  test('TC-11 links to the drain and delete step', () => {
    expect(items[2].target?.anchor).toBe(`tc-11-node-failure-stale-volumeattachment-cleanup-step-${stepOf('TC-11', 'drain').number}`);
  });

  test('the Results Template and the Testing guide resilience section', () => {
    expect(items[3].target).toEqual({
      page: 'docs/HARDWARE_VALIDATION.md',
      anchor: 'results-template',
      label: 'Results Template',
      unit: { kind: 'section', key: 'Results Template' },
    });
    expect(items[4].target).toMatchObject({
      page: 'docs/TESTING.md',
      anchor: 'resilience-regression-tests',
      unit: { kind: 'section', key: 'Resilience Regression Tests' },
    });
  });

  test('every target anchor exists in the page model', () => {
    for (const item of items) {
      const page = pages.find((p) => p.path === item.target?.page)!;
      expect(page.anchors.has(item.target!.anchor!), item.text).toBe(true);
    }
  });
});

describe('how-to-verify parsing', () => {
  test('falls back to lines when there is no list', () => {
    expect(howToVerifyItems('Look at the page\n\nThen approve')).toEqual(['Look at the page', 'Then approve']);
  });
});
