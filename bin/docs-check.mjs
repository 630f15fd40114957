#!/usr/bin/env node
// Launcher for the docs-check CLI. The TypeScript sources are bundled into
// dist/ by `npm ci` (the prepare script); this file only starts the bundle.
// A file that makes the markdown parser quadratic is stopped by the
// check's own watchdog (plugins/doc-checks/watchdog/budget.ts), in this process.
import { fileURLToPath } from 'node:url';

// A reader that stops early (`docs-check | head`) is not a failure of the
// check: end quietly with the check's status instead of a stack trace.
// Any other failure to write (a full disk, `> /dev/full`) means the report
// was lost: one line, and the status of a run that could not finish.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`docs-check: cannot write the report to standard output: ${error.message}\n`);
  process.exit(2);
});

// Every path is resolved against the working directory; without one
// (it was deleted under the shell) there is nothing to check.
let cwd;
try {
  cwd = process.cwd();
} catch {
  process.stderr.write('docs-check: the current directory no longer exists; run npx docs-check from inside the repository\n');
  process.exit(2);
}

const argv = process.argv.slice(2);
const io = { stdout: process.stdout, stderr: process.stderr, cwd, env: process.env };

// `--cache` with nothing changed is answered from the cache file alone:
// nothing is parsed, so neither the parsers nor the watchdog are started.
const fromCache = argv.includes('--cache') ? await (await import('../dist/cache-front.mjs')).answerFromCache(argv, io) : undefined;

if (fromCache !== undefined) {
  process.exitCode = fromCache;
} else {
  // The bundle, compiled with the code cache the build wrote (see plugins/doc-checks/launch/load-cli.ts).
  const { loadCli } = await import('../dist/launch.mjs');
  const { exports } = loadCli(fileURLToPath(new URL('../dist/cli.cjs', import.meta.url)));
  process.exitCode = await exports.main(argv, io);
}
