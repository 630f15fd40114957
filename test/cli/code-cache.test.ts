/**
 * The launcher compiles the CLI's bundle with the V8 code cache the build
 * wrote (plugins/doc-checks/launch/load-cli.ts, scripts/build-code-cache.mjs).
 * A cache is only ever a shortcut: one V8 rejects, or none at all, gives the
 * same report. Shown through copies of the built launcher.
 */
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launch, tempDir } from '../setup/launch';

const REPO = path.resolve(__dirname, '../..');
const BUNDLE = path.join(REPO, 'dist/cli.cjs');

/** A copy of the built tool (launcher, bundle, cache), with the project's node_modules. */
function toolCopy(): { launcher: string; cache: string } {
  const dir = tempDir('docs-check-tool-');
  for (const entry of ['bin', 'dist', 'package.json']) cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  return { launcher: path.join(dir, 'bin/docs-check.mjs'), cache: path.join(dir, 'dist/cli.cjs.cache') };
}

/** A repository with the project's guides and markdownlint config. */
function repository(): string {
  const root = tempDir('docs-check-code-cache-');
  cpSync(path.join(REPO, 'docs'), path.join(root, 'docs'), { recursive: true });
  cpSync(path.join(REPO, '.markdownlint-cli2.jsonc'), path.join(root, '.markdownlint-cli2.jsonc'));
  return root;
}

describe('the code cache of the CLI', () => {
  it('is what the launcher compiles the CLI with', async () => {
    const run = await launch(['--format', 'json'], repository());
    expect(run.trace[0]).toBe('code cache: used');
  });

  it('when V8 rejects it, or there is none, costs a compile and changes nothing in the report', async () => {
    const root = repository();
    const usual = await launch(['--format', 'json'], root);

    const damaged = toolCopy();
    writeFileSync(damaged.cache, readFileSync(damaged.cache).subarray(0, 4096));
    const rejected = await launch(['--format', 'json'], root, { launcher: damaged.launcher });
    expect(rejected.trace[0]).toBe('code cache: rejected');

    const missing = toolCopy();
    rmSync(missing.cache);
    const none = await launch(['--format', 'json'], root, { launcher: missing.launcher });
    expect(none.trace[0]).toBe('code cache: none');

    for (const other of [rejected, none]) {
      expect({ code: other.code, stdout: other.stdout, stderr: other.stderr }).toEqual({ code: usual.code, stdout: usual.stdout, stderr: usual.stderr });
    }
    expect(JSON.parse(usual.stdout)).toHaveLength(2);
  });

  it('is made from a bundle of ASCII text, which V8 holds one byte a character', () => {
    expect(isAscii(readFileSync(BUNDLE))).toBe(true);
  });
});
