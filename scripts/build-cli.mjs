// Bundles the docs-check CLI into dist/ so `npx docs-check` starts without a
// TypeScript loader, and the engine alone into dist/engine.mjs for the
// markdownlint bridge (plugins/markdownlint-doc-checks), which editors load
// as plain JavaScript. Runs on `npm ci` (prepare). Dependencies stay external.
import { build } from 'esbuild';

/**
 * CommonJS packages whose named exports Node cannot see from an ES module
 * (they assign `module.exports` at run time): the bundle imports their
 * default export and names the members itself.
 */
const COMMONJS_NAMED_EXPORTS = {
  'mvdan-sh': ['syntax'],
};

/** @type {import('esbuild').Plugin} */
const commonjsInterop = {
  name: 'commonjs-interop',
  setup(builder) {
    const names = Object.keys(COMMONJS_NAMED_EXPORTS);
    const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
    builder.onResolve({ filter }, (args) =>
      args.namespace === 'commonjs-interop'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'commonjs-interop' },
    );
    builder.onLoad({ filter: /.*/, namespace: 'commonjs-interop' }, (args) => ({
      contents: [
        `import module from ${JSON.stringify(args.path)};`,
        ...COMMONJS_NAMED_EXPORTS[args.path].map((name) => `export const ${name} = module.${name};`),
        'export default module;',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: {
    cli: 'plugins/doc-checks/cli.ts',
    engine: 'plugins/doc-checks/engine.ts',
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
  packages: 'external',
  plugins: [commonjsInterop],
  sourcemap: true,
  logLevel: 'warning',
});
