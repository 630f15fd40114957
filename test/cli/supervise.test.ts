/**
 * The launcher's watchdog, driven by small stand-in checks: each writes the
 * progress lines a real check writes, then hangs or finishes. What is
 * asserted is what a user sees: the report of the run that finished, the
 * note about each stopped file, and the exit status.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBudget, supervise } from '../../plugins/doc-checks/watchdog/supervise';

const scratch = mkdtempSync(path.join(tmpdir(), 'docs-check-supervise-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A stand-in check: hangs in a parse of each file in `hangOn` not yet stopped, then reports. */
function standIn(name: string, hangOn: string): string {
  const script = path.join(scratch, `${name}.mjs`);
  writeFileSync(
    script,
    `import { writeSync } from 'node:fs';
const stalled = JSON.parse(process.env.DOCS_CHECK_STALLED || '{}');
const next = (${hangOn})(Object.keys(stalled));
if (next) {
  writeSync(3, JSON.stringify({ event: 'begin', channel: 'engine', file: next, bytes: 1024 }) + '\\n');
  process.stdout.write('half a report of a run that will be stopped\\n');
  for (;;) {}
}
process.stdout.write('report; not checked: ' + JSON.stringify(stalled) + '\\n');
process.exitCode = 1;
`,
  );
  return script;
}

async function run(script: string, env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = await supervise(script, [], {
    stdout: { write: (chunk: Uint8Array) => (stdout += Buffer.from(chunk).toString()) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { ...process.env, ...env },
  });
  return { code, stdout, stderr };
}

describe('the parse watchdog', () => {
  it('stops a run stuck in a parse, runs again without the file, and passes on only the finished report', async () => {
    const script = standIn('one-slow', "(done) => ['docs/SLOW.md', 'docs/ALSO.md'].find((f) => !done.includes(f))");
    expect(await run(script, { DOCS_CHECK_PARSE_TIMEOUT: '0.3' })).toEqual({
      code: 1,
      stdout: 'report; not checked: {"docs/SLOW.md":0.3,"docs/ALSO.md":0.3}\n',
      stderr:
        'docs-check: parsing `docs/SLOW.md` took more than 0.3 s; checking again without it\n' +
        'docs-check: parsing `docs/ALSO.md` took more than 0.3 s; checking again without it\n',
    });
  });

  it('gives up with status 2 when more than 10 files stall', async () => {
    const script = standIn('all-slow', '(done) => `docs/F${done.length}.md`');
    const result = await run(script, { DOCS_CHECK_PARSE_TIMEOUT: '0.1' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(12);
    expect(result.stderr).toMatch(/docs-check: more than 10 files stalled the markdown parser; stopped\n$/);
  }, 30_000);

  it('refuses a timeout too short to report truthfully, before running anything', async () => {
    const script = standIn('never-run', '() => undefined');
    expect(await run(script, { DOCS_CHECK_PARSE_TIMEOUT: '0.001' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'docs-check: DOCS_CHECK_PARSE_TIMEOUT: `0.001` seconds is too short to parse any file; expected at least 0.1, such as 20\n',
    });
  });

  it('gives a file its timeout plus as much again per MiB', () => {
    expect(parseBudget(20, 0)).toBe(20);
    expect(parseBudget(20, 1024 * 1024)).toBe(40);
    expect(parseBudget(20, 2 * 1024 * 1024)).toBe(60);
    expect(parseBudget(1, 120_000)).toBe(1.1);
  });

  it('starts the check with a small young generation', async () => {
    const script = path.join(scratch, 'heap-flags.mjs');
    writeFileSync(
      script,
      `import v8 from 'node:v8';
const semiSpaces = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
process.stdout.write(JSON.stringify({ argv: process.execArgv, youngMb: semiSpaces.space_size / 1048576 }) + '\\n');
`,
    );
    const result = await run(script, {});
    expect(result.code).toBe(0);
    const child = JSON.parse(result.stdout) as { argv: string[]; youngMb: number };
    expect(child.argv).toEqual(['--max-semi-space-size=4']);
    // The young generation V8 actually gave the check: two semi-spaces of at most 4 MB.
    expect(child.youngMb).toBeLessThanOrEqual(8);
  });
});
