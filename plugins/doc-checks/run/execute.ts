/**
 * Runs one block's text with bash in its own process group, so a time
 * limit stops everything the block started (go test's test binaries too),
 * and keeps its combined output within a fixed budget.
 */
import { spawn } from 'node:child_process';

export interface Execution {
  exitStatus: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** Standard output and error interleaved; the start is dropped past the budget. */
  output: string;
  /** Set when the start of the output was dropped. */
  truncated: boolean;
}

/** 8 MiB of output is kept: more than any focused test run prints, bounded for a runaway one. */
const OUTPUT_BUDGET = 8 * 1024 * 1024;

export function executeBlock(
  script: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Execution> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    // -e: a failing command fails the block; pipefail: so does one before a `| tail`.
    const child = spawn('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', script], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    const keep = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      while (size > OUTPUT_BUDGET && chunks.length > 1) {
        size -= chunks.shift()!.length;
        truncated = true;
      }
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    // Stopped from outside (CI's own time limit, Ctrl-C): the block's group is
    // detached from ours, so take it down before going.
    const onSignal = (signal: NodeJS.Signals) => {
      killGroup(child.pid);
      process.kill(process.pid, signal);
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    // Whatever the block left running in the background goes with it, and with
    // it the pipes it held open, so 'close' follows 'exit' at once.
    child.on('exit', () => killGroup(child.pid));
    const finish = (exitStatus: number | null, signal: string | null) => {
      clearTimeout(timer);
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve({
        exitStatus,
        signal,
        timedOut,
        durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
        output: Buffer.concat(chunks).toString('utf8'),
        truncated,
      });
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(`bash could not start: ${error.message}\n`));
      finish(null, null);
    });
    child.on('close', finish);
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}
