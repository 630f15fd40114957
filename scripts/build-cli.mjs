// Bundles the docs-check CLI into dist/ so `npx docs-check` starts without a
// TypeScript loader, and the engine alone into dist/engine.mjs for the
// markdownlint bridge (plugins/markdownlint-doc-checks), which editors load
// as plain JavaScript. Then writes V8's code cache of the CLI's bundle
// (scripts/build-code-cache.mjs). Runs on `npm ci` (prepare).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Pure-JavaScript dependencies are bundled: one file starts faster than
  // hundreds of small modules (markdownlint and micromark, loaded as their
  // own hundred ES modules, took about 0.2 s of every check), and V8's code
  // cache covers what is bundled. The Kubernetes schema libraries stay
  // external, required one API type at a time by name, and so does
  // tree-sitter, which loads its WebAssembly from its package.
  external: [
    'kubernetes-models', 'kubernetes-models/*', '@kubernetes/client-node', '@kubernetes/client-node/*',
    'web-tree-sitter', 'tree-sitter-go', 'tree-sitter-go/*',
  ],
  // ES module builds where a package has one beside its main file: jsonc-parser
  // (markdownlint-cli2's config parser) has a UMD main that requires its parts by computed name.
  mainFields: ['module', 'main'],
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
};

/**
 * A JavaScript source with any character outside ASCII is held by V8 as
 * two bytes a character: a bundle of 3 MB then takes four times as long to
 * read and twice the memory. esbuild escapes non-ASCII text everywhere but
 * in regular expression literals and String.raw; the one such literal of
 * our dependencies (markdownlint's full-width question mark) is written
 * with an escape here, which matches the same character.
 */
const asciiRegExps = {
  name: 'ascii-regexps',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /markdownlint[\\/]helpers[\\/]helpers\.cjs$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const literal = '/[?\uFF1F]/gu';
      const escaped = literal.replace('\uFF1F', '\\uFF1F');
      if (!source.includes(literal)) return undefined;
      return { contents: source.replace(literal, escaped), loader: 'js' };
    });
  },
};

// The CLI: one CommonJS file, which bin/docs-check.mjs compiles with V8's
// code cache (plugins/doc-checks/launch/load-cli.ts). Code that finds files
// beside itself reads import.meta.url: here, the bundle's own URL.
const cli = await build({
  ...common,
  entryPoints: { cli: 'plugins/doc-checks/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  plugins: [asciiRegExps],
  // Less source to read and scan on every start (the shell parser alone doubled without it); names stay.
  minifyWhitespace: true,
  define: { 'import.meta.url': '__docsCheckBundleUrl' },
  banner: { js: "const __docsCheckBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// Not a failure, only slower: say where, so the literal can be written with an escape.
const bundled = readFileSync('dist/cli.cjs', 'utf8');
const nonAscii = /[^\x00-\x7f]/.exec(bundled);
if (nonAscii) {
  const before = bundled.slice(Math.max(0, nonAscii.index - 60), nonAscii.index);
  console.warn(`build-cli: dist/cli.cjs holds a character outside ASCII (after \`${before}\`); V8 will keep the bundle as two-byte text`);
}

const result = await build({
  ...common,
  entryPoints: {
    engine: 'plugins/doc-checks/engine.ts',
    // `--cache` when nothing changed: answers without the parsers (and without the watchdog).
    'cache-front': 'plugins/doc-checks/cache/front.ts',
    // Compiles the CLI's bundle with its code cache.
    launch: 'plugins/doc-checks/launch/load-cli.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // The launcher loads the cache front and the loader apart; they share what they can.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  // Some bundled CommonJS modules require Node built-ins at run time.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

// Chunk names carry a content hash, so every change of the sources leaves
// the previous chunks behind, and an entry a build no longer makes stays
// too; remove what this build did not write (the build id and the code
// cache are written below).
const written = new Set([...Object.keys(cli.metafile.outputs), ...Object.keys(result.metafile.outputs)].map((file) => path.resolve(file)));
for (const dir of ['dist', 'dist/chunks']) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.resolve(dir, entry.name);
    if (entry.isFile() && !written.has(file) && entry.name !== 'build-id.json') rmSync(file);
  }
}

// The build id that `--cache` keys results by: a hash of every file this
// build wrote, so results of an older build are never reused.
const hash = createHash('sha256');
for (const file of [...written].filter((f) => !f.endsWith('.map')).sort()) {
  hash.update(`${path.relative('dist', file)}\0`).update(readFileSync(file));
}
writeFileSync('dist/build-id.json', `${JSON.stringify({ build: hash.digest('hex') })}\n`);

// After the build id: the code cache is made from the bundle, and V8 checks it against the bundle itself.
execFileSync(process.execPath, ['scripts/build-code-cache.mjs'], { stdio: 'inherit' });
