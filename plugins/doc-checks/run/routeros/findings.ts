/**
 * How `docs-check run` tells of the RouterOS steps: a line per step and
 * their count on standard error, and a `run-result` finding for each
 * step whose reply differs in structure from the guide's expected output.
 */
import type { Diagnostic } from '../../types';
import { RUN_RESULT } from '../run-result';
import type { RouterOsMockReport } from '../runner';
import type { RouterOsStepResult, StepStatus } from './runner';

const STEP_LABEL: Record<StepStatus, string> = {
  passed: 'passed',
  failed: 'FAILED',
  answered: 'answered',
  'not answered': 'not answered',
  'not run': 'not run',
};

/** One line per step, then the counts and the time the mock took. */
export function mockSummary(mock: RouterOsMockReport): string {
  const lines = mock.steps.map((s) => {
    const why = s.status === 'passed' || s.status === 'answered' ? '' : `  (${s.problems[0] ?? ''})`;
    return `${STEP_LABEL[s.status].padEnd(12)}  ${s.file}:${s.line}  ${s.command}${why}\n`;
  });
  const count = (status: StepStatus) => mock.steps.filter((s) => s.status === status).length;
  const counts = (['passed', 'failed', 'answered', 'not answered', 'not run'] as const).map((s) => `${count(s)} ${s}`).join(', ');
  const timing = `mock built in ${(mock.buildMs / 1000).toFixed(1)} s, steps answered in ${((mock.durationMs - mock.buildMs) / 1000).toFixed(1)} s`;
  return `${lines.join('')}docs-check run: ${mock.steps.length} RouterOS steps on the driver's mock RouterOS: ${counts} (${timing})\n`;
}

/** A step whose reply differs in structure from the guide's expected output, at the ssh call. */
export function stepDiagnostic(step: RouterOsStepResult): Diagnostic {
  const reply = step.reply?.output.split('\n').slice(0, 5).join('\n');
  return {
    file: step.file,
    line: step.line,
    column: 1,
    endLine: step.line,
    endColumn: 1,
    ruleId: RUN_RESULT.id,
    severity: 'error',
    message:
      `\`${step.sent ?? step.command}\` on the driver's mock RouterOS: ${step.problems.join('; ')}; ` +
      `expected the structure of the output the guide shows at line ${step.expectedLine}` +
      (reply ? `. The mock replied:\n${reply}` : ''),
    ...(step.testCase ? { testCase: step.testCase } : {}),
    url: RUN_RESULT.url,
  };
}
