// Writes V8's code cache of the CLI's bundle (dist/cli.cjs.cache), run by
// scripts/build-cli.mjs in a process of its own, so its V8 flags are the
// ones `npx docs-check` starts with. The cache is taken after a check of
// the project's docs and plans, so it holds the functions a check compiles,
// not only the bundle's top level. Nothing is written but the cache file:
// the report goes nowhere, and no driver source or result cache is used.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(REPO, 'dist/cli.cjs');
const { codeCacheOf, loadCli } = await import(path.join(REPO, 'dist/launch.mjs'));

const target = codeCacheOf(BUNDLE);
rmSync(target, { force: true });
const { exports, script } = loadCli(BUNDLE, { withCache: false });
const files = ['docs', '.planning'].filter((dir) => existsSync(path.join(REPO, dir)));
if (files.length > 0) {
  const nowhere = { write: () => true };
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  await exports.main(files, { stdout: nowhere, stderr: nowhere, cwd: REPO, env });
}
exports.restoreHeapFlags();
// Whole or not at all: a half-written cache would only be rejected, but costs a compile.
const temporary = `${target}.${process.pid}.tmp`;
writeFileSync(temporary, script.createCachedData());
renameSync(temporary, target);
