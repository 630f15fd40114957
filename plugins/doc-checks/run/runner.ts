/**
 * `docs-check run`: the runnable blocks of the guides, executed one after
 * another in one scratch copy of the driver source (never in the source
 * itself), each within its own time limit, judged by exit status, by what
 * `go test` says it ran and by the expected output the guide shows.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { chmod, cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '../types';
import { goTestProblems, expectedOutputProblem } from './compare';
import { matchesFilter, runnableBlocks, type RunnableBlock } from './blocks';
import { executeBlock } from './execute';
import { buildMockSession, MockUnavailableError } from './routeros/mock';
import { runRouterOsSteps, type RouterOsStepResult } from './routeros/runner';
import { routerOsSteps, type RouterOsStep } from './routeros/steps';

export type BlockStatus = 'passed' | 'failed';

export interface BlockResult {
  file: string;
  line: number;
  heading?: string;
  testCase?: string;
  firstCommand: string;
  status: BlockStatus;
  exitStatus: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** Why the block failed, one reason each (empty when it passed). */
  problems: string[];
  /** The last lines of its output. */
  outputTail: string;
}

export interface RunReport {
  version: 1;
  startedAt: string;
  finishedAt: string;
  /** `go version` of the toolchain that ran the blocks. */
  go: string;
  /** The driver commit the blocks ran against, when the source is a git checkout. */
  driverCommit?: string;
  timeoutSeconds: number;
  blocks: BlockResult[];
  /** The RouterOS steps against the driver's mock RouterOS (`--routeros-mock`). */
  routerOsMock?: RouterOsMockReport;
}

export interface RouterOsMockReport {
  /** Building the mock session program, then answering every step. */
  buildMs: number;
  durationMs: number;
  steps: RouterOsStepResult[];
  /** Set when the mock could not be built or run; no step was judged. */
  error?: string;
}

export interface RunRequest {
  pages: Page[];
  sourceRoot: string;
  filters: readonly string[];
  timeoutSeconds: number;
  env: NodeJS.ProcessEnv;
  /** Also send the pages' RouterOS steps to the driver's mock RouterOS. */
  routerOsMock?: boolean;
  /** Called after each block, so a long run shows progress. */
  progress?: (result: BlockResult) => void;
}

/** Go is needed to run blocks, never to check them: its absence is a configuration problem. */
export class GoMissingError extends Error {
  override name = 'GoMissingError';
}

const TAIL_LINES = 40;

export function selectBlocks(pages: readonly Page[], filters: readonly string[]): RunnableBlock[] {
  return pages.flatMap(runnableBlocks).filter((b) => matchesFilter(b, filters));
}

export function selectSteps(pages: readonly Page[], filters: readonly string[]): RouterOsStep[] {
  return pages.flatMap(routerOsSteps).filter((s) => matchesFilter(s, filters));
}

export async function runBlocks(request: RunRequest): Promise<RunReport> {
  const startedAt = new Date().toISOString();
  const commit = driverCommit(request.sourceRoot) ?? request.env.RDS_CSI_COMMIT;
  const blocks = selectBlocks(request.pages, request.filters);
  const go = goToolchain(request.env);
  const scratch = await mkdtemp(path.join(tmpdir(), 'docs-check-run-'));
  const steps = request.routerOsMock ? selectSteps(request.pages, request.filters) : [];
  const results: BlockResult[] = [];
  let routerOsMock: RouterOsMockReport | undefined;
  try {
    const work = path.join(scratch, 'source');
    await copySource(request.sourceRoot, work);
    // One build and module cache for every block (and every run): the first
    // block pays for compiling the dependencies, the rest reuse them.
    const env = { ...request.env, GOCACHE: go.cache, GOMODCACHE: go.modCache, GOFLAGS: withoutVcs(request.env.GOFLAGS) };
    for (const block of blocks) {
      const result = await runOne(block, work, env, request.timeoutSeconds);
      results.push(result);
      request.progress?.(result);
    }
    if (request.routerOsMock) routerOsMock = await runOnMock(steps, { source: work, scratch, env, timeoutMs: request.timeoutSeconds * 1000 });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return {
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    go: go.version,
    ...(commit ? { driverCommit: commit } : {}),
    timeoutSeconds: request.timeoutSeconds,
    blocks: results,
    ...(routerOsMock ? { routerOsMock } : {}),
  };
}

/** The steps on the mock, built in the scratch copy; a mock that cannot be built is reported, not thrown. */
async function runOnMock(steps: RouterOsStep[], options: Parameters<typeof buildMockSession>[0]): Promise<RouterOsMockReport> {
  const started = process.hrtime.bigint();
  const since = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  if (steps.length === 0) return { buildMs: 0, durationMs: 0, steps: [] };
  try {
    const session = await buildMockSession(options);
    const results = await runRouterOsSteps(steps, session);
    return { buildMs: session.buildMs, durationMs: since(), steps: results };
  } catch (error) {
    if (!(error instanceof MockUnavailableError)) throw error;
    return { buildMs: 0, durationMs: since(), steps: [], error: error.message };
  }
}

async function runOne(block: RunnableBlock, cwd: string, env: NodeJS.ProcessEnv, timeoutSeconds: number): Promise<BlockResult> {
  const missing = block.meta.env.filter((name) => !env[name]);
  const base = {
    file: block.file,
    line: block.line,
    ...(block.heading ? { heading: block.heading } : {}),
    ...(block.testCase ? { testCase: block.testCase } : {}),
    firstCommand: block.firstCommand,
  };
  if (missing.length > 0) {
    const problem = `the block declares ${missing.map((n) => `\`env=${n}\``).join(', ')} but the environment does not set it`;
    return { ...base, status: 'failed', exitStatus: null, signal: null, timedOut: false, durationMs: 0, problems: [problem], outputTail: '' };
  }
  const run = await executeBlock(block.command.text, { cwd, env, timeoutMs: timeoutSeconds * 1000 });
  const problems: string[] = [];
  if (run.timedOut) problems.push(`did not finish within ${timeoutSeconds} s and was stopped`);
  else if (run.exitStatus !== 0) problems.push(run.exitStatus === null ? `was killed by ${run.signal}` : `exited with status ${run.exitStatus}`);
  else {
    problems.push(...goTestProblems(block.command, run.output));
    if (block.expected) {
      const problem = expectedOutputProblem(block.expected.code.value, block.expected.meta, run.output);
      if (problem) problems.push(problem);
    }
  }
  return {
    ...base,
    status: problems.length === 0 ? 'passed' : 'failed',
    exitStatus: run.exitStatus,
    signal: run.signal,
    timedOut: run.timedOut,
    durationMs: run.durationMs,
    problems,
    outputTail: tailOf(run.output, cwd, env.HOME),
  };
}

/**
 * The last lines of the output, without the machine's paths: the scratch
 * path means nothing once the run is over, and a report may be committed.
 */
function tailOf(output: string, scratch: string, home: string | undefined): string {
  let text = output.split(scratch).join('<source copy>');
  if (home && home !== '/') text = text.split(home).join('~');
  return text.split('\n').slice(-TAIL_LINES - 1).join('\n').trimEnd();
}

/** The toolchain on PATH and its caches, or GoMissingError. */
function goToolchain(env: NodeJS.ProcessEnv): { version: string; cache: string; modCache: string } {
  const go = (...args: string[]) => spawnSync('go', args, { env, encoding: 'utf8' });
  const version = go('version');
  if (version.error || version.status !== 0) {
    throw new GoMissingError('Go is not installed (`go` is not on PATH); `docs-check run` needs it to run the blocks (the checks and the site build do not)');
  }
  const [cache, modCache] = go('env', 'GOCACHE', 'GOMODCACHE').stdout.trim().split('\n');
  return { version: version.stdout.trim(), cache, modCache };
}

/** The copy has no .git: Go must not try to stamp VCS data into test binaries. */
function withoutVcs(flags: string | undefined): string {
  return [flags, '-buildvcs=false'].filter(Boolean).join(' ');
}

/** A writable copy: the checkout may be read-only, and tests write beside their sources. */
async function copySource(from: string, to: string): Promise<void> {
  await cp(from, to, {
    recursive: true,
    verbatimSymlinks: true,
    // Version control data is not needed to build and can be large.
    filter: (src) => path.basename(src) !== '.git',
  });
  await makeWritable(to);
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(full);
    else if (entry.isFile()) await chmod(full, (await stat(full)).mode | 0o200);
  }
}

/** HEAD of the source when it is a checkout of its own (not a folder inside another repository). */
function driverCommit(sourceRoot: string): string | undefined {
  const git = (...args: string[]) => spawnSync('git', ['-C', sourceRoot, ...args], { encoding: 'utf8' });
  const top = git('rev-parse', '--show-toplevel');
  if (top.status !== 0 || realpathSync(top.stdout.trim()) !== realpathSync(sourceRoot)) return undefined;
  const head = git('rev-parse', 'HEAD');
  return head.status === 0 ? head.stdout.trim() : undefined;
}
