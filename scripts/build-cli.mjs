// Bundles the docs-check CLI into dist/ so `npx docs-check` starts without a
// TypeScript loader, and the engine alone into dist/engine.mjs for the
// markdownlint bridge (plugins/markdownlint-doc-checks), which editors load
// as plain JavaScript. Runs on `npm ci` (prepare).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const result = await build({
  entryPoints: {
    cli: 'plugins/doc-checks/cli.ts',
    engine: 'plugins/doc-checks/engine.ts',
    // `--cache` when nothing changed: answers without the parsers (and without the watchdog).
    'cache-front': 'plugins/doc-checks/cache/front.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // The CLI loads the engine and markdownlint only when it checks something.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Pure-JavaScript dependencies are bundled: one file starts faster than
  // hundreds of small modules (markdownlint and micromark, loaded as their
  // own hundred ES modules, took about 0.2 s of every check). The CommonJS
  // mvdan-sh, which loads Node built-ins at run time, stays external. So do
  // the Kubernetes schema libraries, imported one API type at a time by
  // name, and tree-sitter, which loads its WebAssembly from its package.
  external: [
    'mvdan-sh',
    'kubernetes-models', 'kubernetes-models/*', '@kubernetes/client-node', '@kubernetes/client-node/*',
    'web-tree-sitter', 'tree-sitter-go', 'tree-sitter-go/*',
  ],
  // ES module builds where a package has one beside its main file: jsonc-parser
  // (markdownlint-cli2's config parser) has a UMD main that requires its parts by computed name.
  mainFields: ['module', 'main'],
  // Some bundled CommonJS modules require Node built-ins at run time.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
});

// Chunk names carry a content hash, so every change of the sources leaves
// the previous chunks behind; remove the ones this build did not write.
const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(file)));
for (const name of readdirSync('dist/chunks')) {
  const file = path.resolve('dist/chunks', name);
  if (!written.has(file)) rmSync(file);
}

// The build id that `--cache` keys results by: a hash of every file this
// build wrote, so results of an older build are never reused.
const hash = createHash('sha256');
for (const file of [...written].filter((f) => !f.endsWith('.map')).sort()) {
  hash.update(`${path.relative('dist', file)}\0`).update(readFileSync(file));
}
writeFileSync('dist/build-id.json', `${JSON.stringify({ build: hash.digest('hex') })}\n`);
