/**
 * The guide's RouterOS steps against the driver's mock RouterOS, each on a
 * fresh mock holding what the step expects, judged against the expected
 * output the guide shows for it.
 *
 * A step is
 * - `passed`: the mock answered and its reply has the structure the guide shows;
 * - `failed`: the mock answered and its reply differs in structure (a finding);
 * - `answered`: the mock answered, and the guide shows no output of this
 *   command alone to compare with (it goes through `grep`, say);
 * - `not answered`: the mock refused the command, or printed nothing for a
 *   query that selects what it holds: a limit of the mock, reported, never a
 *   failure, since only the real RouterOS can judge such a step;
 * - `not run`: the command needs a value the guide does not show (a variable
 *   set from the cluster), so there is nothing to send.
 */
import { expectedOutputProblem } from '../compare';
import { compareEntries } from './compare';
import type { MockReply, MockSession } from './mock';
import { parsePrintOutput, type RouterOsEntry } from './output';
import { seedsFor, withoutQuotes, type Seeds } from './seed';
import { variablesOf, type RouterOsStep } from './steps';

export type StepStatus = 'passed' | 'failed' | 'answered' | 'not answered' | 'not run';

export interface Reply {
  exitStatus: number;
  /** The start of the reply (at most 40 lines). */
  output: string;
}

export interface RouterOsStepResult {
  file: string;
  line: number;
  heading?: string;
  testCase?: string;
  block: { firstCommand: string; nth: number };
  /** The RouterOS command as the guide writes it. */
  command: string;
  /** As sent to the mock, with the values the guide shows put in. */
  sent?: string;
  values?: { name: string; value: string; from: string }[];
  /** Commands that put what the step expects on the mock before it. */
  seeds?: string[];
  status: StepStatus;
  /** Why the step failed, was not answered or not run. */
  problems: string[];
  /** How the mock's reply differs in form from the guide's expected output (never a failure). */
  formatDifferences: string[];
  reply?: Reply;
  /** Line of the expected output compared with, or why none was. */
  expectedLine?: number;
  note?: string;
  /**
   * For a query the mock printed nothing for: the same query without the
   * quotes RouterOS does not need, its reply and its comparison.
   */
  probe?: { command: string; reply: Reply; status: 'passed' | 'failed' | 'not answered'; problems: string[]; formatDifferences: string[] };
}

interface Plan {
  step: RouterOsStep;
  sent?: string;
  notRun?: string;
  expectedEntries?: RouterOsEntry[];
  seeds: Seeds;
  probe?: string;
}

const NO_SEEDS: Seeds = { commands: [], slots: [], skipped: [] };
const REPLY_LINES = 40;

export async function runRouterOsSteps(steps: readonly RouterOsStep[], session: MockSession): Promise<RouterOsStepResult[]> {
  const plans = steps.map(plan);
  const runnable = plans.filter((p) => p.sent !== undefined);
  const cases = await session.run(runnable.map((p) => [...p.seeds.commands, p.sent!, ...(p.probe ? [p.probe] : [])]));
  const replies = new Map(runnable.map((p, i) => [p, cases[i]]));
  return plans.map((p) => {
    const result = replies.get(p);
    if (!result) return judge(p, undefined);
    if (result.error) return { ...base(p), status: 'not answered', problems: [result.error] };
    return judge(p, result.replies);
  });
}

function plan(step: RouterOsStep): Plan {
  const unexpanded = step.parts.flatMap((p) => ('unexpanded' in p ? [p.unexpanded] : []));
  if (unexpanded.length > 0) return { step, seeds: NO_SEEDS, notRun: `${unexpanded.map((u) => `\`${u}\``).join(', ')} in the command is not expanded by this run` };
  const unbound = variablesOf(step.parts).filter((name) => !step.shown.has(name));
  if (unbound.length > 0) {
    const names = unbound.map((n) => `\`$${n}\``).join(', ');
    const where = step.testCase ? ` in ${step.testCase}` : ' beside the step';
    return { step, seeds: NO_SEEDS, notRun: `the guide shows no value for ${names}${where}, so there is no command to send` };
  }
  const sent = step.parts.map((p) => ('text' in p ? p.text : 'variable' in p ? step.shown.get(p.variable)!.value : '')).join('');
  const expectedEntries = step.expected ? parsePrintOutput(step.expected.code.value) : undefined;
  const seeds = expectedEntries ? seedsFor(sent, expectedEntries) : NO_SEEDS;
  const probe = seeds.slots.length > 0 ? withoutQuotes(sent) : undefined;
  return { step, sent, seeds, ...(expectedEntries ? { expectedEntries } : {}), ...(probe ? { probe } : {}) };
}

function base(p: Plan): Omit<RouterOsStepResult, 'status' | 'problems'> {
  const { step } = p;
  const values = [...step.shown].map(([name, shown]) => ({ name, ...shown }));
  return {
    file: step.file,
    line: step.line,
    ...(step.heading ? { heading: step.heading } : {}),
    ...(step.testCase ? { testCase: step.testCase } : {}),
    block: step.block,
    command: step.command,
    ...(p.sent !== undefined ? { sent: p.sent } : {}),
    ...(values.length > 0 ? { values } : {}),
    ...(p.seeds.commands.length > 0 ? { seeds: p.seeds.commands } : {}),
    formatDifferences: [],
    ...(step.expected ? { expectedLine: step.expected.line } : {}),
    ...(step.expectedNote ? { note: `not compared with the expected output after the block: ${step.expectedNote}` } : {}),
  };
}

function judge(p: Plan, replies: MockReply[] | undefined): RouterOsStepResult {
  const result = base(p);
  if (!replies) return { ...result, status: 'not run', problems: [p.notRun!] };
  const seedReplies = replies.slice(0, p.seeds.commands.length);
  const refusedSeed = seedReplies.find((r) => r.exitStatus !== 0 || r.error);
  if (refusedSeed) {
    return { ...result, status: 'not answered', problems: [`the mock did not take \`${refusedSeed.command}\`, added before the step: ${describe(refusedSeed)}`] };
  }
  const reply = replies[p.seeds.commands.length];
  const shown = shownReply(reply);
  if (reply.error || reply.exitStatus !== 0) return { ...result, reply: shown, status: 'not answered', problems: [`the mock refused it: ${describe(reply)}`] };
  const expected = p.step.expected;
  if (!expected) {
    return { ...result, reply: shown, status: 'answered', problems: [], ...(result.note ? {} : { note: 'the guide shows no expected output for it' }) };
  }
  if (!p.expectedEntries) {
    const problem = expectedOutputProblem(expected.code.value, expected.meta, reply.output);
    return { ...result, reply: shown, status: problem ? 'failed' : 'passed', problems: problem ? [problem] : [] };
  }
  const got = parsePrintOutput(reply.output);
  if (!got) return { ...result, reply: shown, status: 'failed', problems: ['the mock\'s reply is not RouterOS `print` output (`key=value` fields)'] };
  if (got.length === 0 && p.seeds.slots.length > 0) {
    const slots = p.seeds.slots.map((s) => `\`${s}\``).join(', ');
    const probe = p.probe ? probeOf(p, replies[p.seeds.commands.length + 1]) : undefined;
    return {
      ...result,
      reply: shown,
      status: 'not answered',
      problems: [`the mock printed nothing, although it holds ${slots}, added before the step as the driver adds disks`],
      ...(probe ? { probe } : {}),
    };
  }
  const comparison = compareEntries(p.expectedEntries, got);
  return {
    ...result,
    reply: shown,
    status: comparison.problems.length > 0 ? 'failed' : 'passed',
    problems: comparison.problems,
    formatDifferences: comparison.differences,
  };
}

function probeOf(p: Plan, reply: MockReply | undefined): RouterOsStepResult['probe'] {
  if (!reply || !p.probe) return undefined;
  const shown = shownReply(reply);
  const got = reply.exitStatus === 0 && !reply.error ? parsePrintOutput(reply.output) : undefined;
  if (!got || got.length === 0) {
    return { command: p.probe, reply: shown, status: 'not answered', problems: [reply.exitStatus === 0 ? 'printed nothing either' : describe(reply)], formatDifferences: [] };
  }
  const comparison = compareEntries(p.expectedEntries!, got);
  return {
    command: p.probe,
    reply: shown,
    status: comparison.problems.length > 0 ? 'failed' : 'passed',
    problems: comparison.problems,
    formatDifferences: comparison.differences,
  };
}

function shownReply(reply: MockReply): Reply {
  const lines = reply.output.split('\n');
  const output = lines.length > REPLY_LINES ? [...lines.slice(0, REPLY_LINES), '…'].join('\n') : reply.output;
  return { exitStatus: reply.exitStatus, output: output.trimEnd() };
}

function describe(reply: MockReply): string {
  if (reply.error) return reply.error;
  const first = reply.output.trim().split('\n')[0];
  return `exit status ${reply.exitStatus}${first ? `, \`${first}\`` : ', no output'}`;
}
