/**
 * The driver's mock RouterOS (its `test/mock` package) as a program: the
 * small Go command beside this file (mock-session/main.go) is built inside
 * the run's scratch copy of the driver source, once per run, and answers
 * a list of cases, each on a fresh mock listening on a free loopback port,
 * over SSH. The scratch copy is the only place it is written to.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { executeBlock } from '../execute';

export interface MockReply {
  command: string;
  output: string;
  /** -1 when the session ended without one. */
  exitStatus: number;
  /** Set when the command could not be sent. */
  error?: string;
}

export interface MockCase {
  /** host:port the case's mock listened on. */
  address: string;
  replies: MockReply[];
  error?: string;
}

/** The mock could not be built or run: a configuration problem, not a finding. */
export class MockUnavailableError extends Error {
  override name = 'MockUnavailableError';
}

/** Inside the copy; `_` keeps it out of the `./...` patterns of the guide's own blocks. */
const SESSION_PACKAGE = '_docs_check/mock-session';

export interface MockSession {
  /** Each case's commands, in order; one result per case. */
  run(cases: string[][]): Promise<MockCase[]>;
  buildMs: number;
}

export async function buildMockSession(options: {
  /** The scratch copy of the driver source. */
  source: string;
  /** Where the program and its input and output files go. */
  scratch: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}): Promise<MockSession> {
  const { source, scratch, env, timeoutMs } = options;
  if (!existsSync(path.join(source, 'test', 'mock'))) {
    throw new MockUnavailableError('the driver source has no mock RouterOS (`test/mock`); `--routeros-mock` needs a checkout of the driver');
  }
  const packageDir = path.join(source, SESSION_PACKAGE);
  await mkdir(packageDir, { recursive: true });
  await writeFile(path.join(packageDir, 'main.go'), sessionSource());
  const program = path.join(scratch, 'mock-session');
  const build = await executeBlock(`go build -o ${quoted(program)} ./${SESSION_PACKAGE}`, { cwd: source, env, timeoutMs });
  if (build.exitStatus !== 0) {
    const why = build.timedOut ? `did not finish within ${Math.round(timeoutMs / 1000)} s` : `failed:\n${lastLines(build.output, 15)}`;
    throw new MockUnavailableError(`building the mock RouterOS from the driver source (\`go build ./${SESSION_PACKAGE}\`) ${why}`);
  }
  let runs = 0;
  return {
    buildMs: build.durationMs,
    async run(cases) {
      runs += 1;
      const input = path.join(scratch, `mock-request-${runs}.json`);
      const output = path.join(scratch, `mock-replies-${runs}.json`);
      await writeFile(input, JSON.stringify({ cases }));
      // The mock logs every command to standard error; only the replies are read.
      const run = await executeBlock(`${quoted(program)} < ${quoted(input)} > ${quoted(output)}`, { cwd: scratch, env, timeoutMs });
      if (run.exitStatus !== 0) {
        const why = run.timedOut ? `did not finish within ${Math.round(timeoutMs / 1000)} s` : `exited with status ${run.exitStatus}:\n${lastLines(run.output, 15)}`;
        throw new MockUnavailableError(`the mock RouterOS ${why}`);
      }
      const results = JSON.parse(await readFile(output, 'utf8')) as MockCase[];
      if (!Array.isArray(results) || results.length !== cases.length) {
        throw new MockUnavailableError(`the mock RouterOS answered ${Array.isArray(results) ? results.length : 'no'} cases of ${cases.length}`);
      }
      return results;
    },
  };
}

/** The Go source of the session program, read from this package's own files (source or bundle). */
function sessionSource(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) {
      return readFileSync(path.join(dir, 'plugins/doc-checks/run/routeros/mock-session/main.go'), 'utf8');
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new MockUnavailableError('the mock session program (mock-session/main.go) is missing from this installation');
    dir = parent;
  }
}

/** A path as one shell word. */
function quoted(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}
