#!/usr/bin/env node
// Launcher for the docs-check CLI. The TypeScript sources are bundled into
// dist/ by `npm ci` (the prepare script); this file only starts the bundle.
import { main } from '../dist/cli.mjs';

process.exitCode = await main(process.argv.slice(2));
