/**
 * The RouterOS steps of the last `docs-check run --routeros-mock` on the
 * page: a line per step after its shell block (what the driver's mock
 * RouterOS answered and how its output differs in form from the guide's)
 * and a count under the title. Steps are found by their block's first
 * command and its place among the page's blocks with that first command,
 * then by their own command, so edits around them keep their results.
 */
import type { InlineCode, Paragraph, PhrasingContent } from 'mdast';

export const STEP_STATUSES = ['passed', 'failed', 'answered', 'not answered', 'not run'] as const;
export type ReportedStepStatus = (typeof STEP_STATUSES)[number];

export interface ReportedStep {
  file: string;
  block: { firstCommand: string; nth: number };
  command: string;
  status: ReportedStepStatus;
  problems: string[];
  formatDifferences: string[];
  note?: string;
  probe?: { command: string; status: string; problems: string[]; formatDifferences: string[] };
}

/** The steps of a report, read as data: a malformed step is left out. */
export function readSteps(record: { routerOsMock?: unknown }): ReportedStep[] {
  const steps = (record.routerOsMock as { steps?: unknown } | undefined)?.steps;
  if (!Array.isArray(steps)) return [];
  return steps.filter(isStep).map((s) => ({
    file: s.file,
    block: { firstCommand: s.block.firstCommand, nth: s.block.nth },
    command: s.command,
    status: s.status,
    problems: strings(s.problems),
    formatDifferences: strings(s.formatDifferences),
    ...(typeof s.note === 'string' ? { note: s.note } : {}),
    ...(isProbe(s.probe) ? { probe: { ...s.probe, problems: strings(s.probe.problems), formatDifferences: strings(s.probe.formatDifferences) } } : {}),
  }));
}

function isStep(s: any): s is ReportedStep {
  return (
    typeof s?.file === 'string' && typeof s?.command === 'string' && STEP_STATUSES.includes(s?.status) &&
    typeof s?.block?.firstCommand === 'string' && Number.isInteger(s?.block?.nth)
  );
}

function isProbe(p: any): p is NonNullable<ReportedStep['probe']> {
  return typeof p?.command === 'string' && typeof p?.status === 'string';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The steps of one block, in the report's order. */
export function stepsOfBlock(steps: readonly ReportedStep[], page: string, firstCommand: string, nth: number): ReportedStep[] {
  return steps.filter((s) => s.file === page && s.block.firstCommand === firstCommand && s.block.nth === nth);
}

/** One line for a step, right after its block. */
export function stepBadge(step: ReportedStep): Paragraph {
  const children: PhrasingContent[] = [text('Mock RouterOS: '), code(step.command), text(` ${step.status}`)];
  if (step.status === 'passed') children.push(text(', compared with the expected output by structure'));
  else if (step.note && step.status === 'answered') children.push(text(` (${step.note})`));
  else if (step.problems.length > 0) children.push(...rich(`: ${step.problems.join('; ')}`));
  children.push(...differences(step.formatDifferences));
  if (step.probe) {
    children.push(text('. Asked without the quotes RouterOS does not need, '), code(step.probe.command), text(`: ${step.probe.status}`));
    if (step.probe.problems.length > 0) children.push(...rich(` (${step.probe.problems.join('; ')})`));
    children.push(...differences(step.probe.formatDifferences));
  }
  children.push(text('.'));
  return {
    type: 'paragraph',
    data: { hProperties: { className: ['run-badge', `run-badge--mock-${step.status.replace(' ', '-')}`] } },
    children,
  };
}

function differences(found: readonly string[]): PhrasingContent[] {
  return found.length > 0 ? rich(`. How the mock's output differs in form from the guide's: ${found.join('; ')}`) : [];
}

/** Text whose `backquoted` parts (commands, fields, values in the report's messages) become inline code. */
function rich(value: string): PhrasingContent[] {
  return value.split(/(`[^`]+`)/).filter(Boolean).map((part) => (/^`[^`]+`$/.test(part) ? code(part.slice(1, -1)) : text(part)));
}

/** The count under the title. */
export function stepSummary(steps: readonly ReportedStep[], details: string): string {
  const counts = STEP_STATUSES.map((s) => `${steps.filter((x) => x.status === s).length} ${s}`).join(', ');
  return `RouterOS steps against the driver's mock RouterOS: ${counts} in the last docs-check run (${details}).`;
}

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

function code(value: string): InlineCode {
  return { type: 'inlineCode', value };
}
