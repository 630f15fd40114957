/**
 * What the shared rule harness (test/rules/rules.test.ts) cannot express:
 * how the plan rules' severities follow the options.
 */
import { describe, expect, test } from 'vitest';
import checkpointApproval from '../../plugins/doc-checks/rules/checkpoint-approval';
import planMustHaves from '../../plugins/doc-checks/rules/plan-must-haves';
import { runRuleFixtures as runFixtures } from '../rules/fixture-markers';

describe('severities', () => {
  test('checkpoint-approval warns by default and errs with requireApprovals', async () => {
    const lenient = await runFixtures(checkpointApproval);
    expect(new Set(lenient.diagnostics.map((d) => d.severity))).toEqual(new Set(['warning']));
    const strict = await runFixtures(checkpointApproval, { requireApprovals: true });
    expect(strict.diagnostics.length).toBe(lenient.diagnostics.length);
    expect(new Set(strict.diagnostics.map((d) => d.severity))).toEqual(new Set(['error']));
  });

  test('plan-must-haves: uncheckable key links are warnings, failures are errors', async () => {
    const { diagnostics } = await runFixtures(planMustHaves);
    const bySeverity = (s: string) => diagnostics.filter((d) => d.severity === s).map((d) => d.line);
    expect(bySeverity('warning')).toEqual([15, 18, 21]);
    expect(bySeverity('error')).toEqual([6, 7, 10, 12, 24, 26]);
  });
});
