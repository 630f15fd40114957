/** What the tests of `docs-check run` share: the command, whether Go is here, and a way to see that a tree was not written. */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../plugins/doc-checks/cli';

const REPO = path.resolve(__dirname, '../..');

/** `docs-check run ARGS` from the repository root, without the caller's RDS_CSI_SOURCE. */
export async function runCommand(args: string[], env: Record<string, string | undefined> = process.env) {
  let stdout = '';
  let stderr = '';
  const status = await main(['run', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: REPO,
    env: { ...env, RDS_CSI_SOURCE: undefined },
  });
  return { status, stdout, stderr };
}

export const hasGo = spawnSync('go', ['version']).status === 0;
// CI always has Go: a CI run without it must fail here, not skip.
if (!hasGo && process.env.CI === 'true') throw new Error('Go is missing in CI; the tests of `docs-check run` need it');

/** Every file under a directory with its size and modification time. */
export function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((name) => {
    const info = statSync(path.join(dir, name));
    return `${name} ${info.size} ${info.mtimeMs}`;
  });
}
