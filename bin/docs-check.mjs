#!/usr/bin/env node
// Launcher for the docs-check CLI. The TypeScript sources are bundled into
// dist/ by `npm ci` (the prepare script); this file only starts the bundle.
import { main } from '../dist/cli.mjs';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  // markdownlint runs in a worker thread beside the engine.
  markdownlintWorker: new URL('../dist/markdownlint-worker.mjs', import.meta.url),
});
