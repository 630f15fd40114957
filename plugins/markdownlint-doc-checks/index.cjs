// @ts-check
'use strict';

/**
 * docs-check's rules as a markdownlint custom rule, so the markdownlint
 * editor extension (and a plain `markdownlint-cli2` run) shows the same
 * findings as `docs-check` while the guide is being typed. The rule runs the
 * bundled engine (`dist/engine.mjs`, built by scripts/build-cli.mjs) on the
 * editor's text and maps each diagnostic to markdownlint's `onError`.
 *
 * The engine builds the page from the micromark tokens markdownlint has
 * already made (`parser: 'micromark'`), so an editor's save parses the page
 * once, as `docs-check` does.
 *
 * Custom rules must be JavaScript on Node 20, hence CommonJS with JSDoc types.
 * `docs-check` itself does not load this bridge, so its own run never checks
 * a file twice.
 */

const path = require('node:path');
const { pathToFileURL } = require('node:url');

/** The repository root: this file lives in `plugins/markdownlint-doc-checks/`. */
const ROOT = path.resolve(__dirname, '..', '..');
const ENGINE = path.join(ROOT, 'dist', 'engine.mjs');
const RULES_URL = 'https://3whiskeywhiskey.github.io/rds-csi-docs/rules/';
/** The files docs-check checks by default: the guides and the plans. */
const CHECKED = /^(?:docs|\.planning)\//;

/** @typedef {typeof import('../doc-checks/engine')} Engine */
/** @typedef {import('../doc-checks/types').Diagnostic} Diagnostic */

/** @type {Promise<Engine> | undefined} */
let engine;

/** @returns {Promise<Engine>} */
function loadEngine() {
  engine ??= /** @type {Promise<Engine>} */ (import(pathToFileURL(ENGINE).href));
  return engine;
}

/**
 * The engine's results for one file's text. Both rules of the bridge ask for
 * the same file at the same time; they share one run. Only the latest text
 * of each file is kept, so an editor session does not grow the cache.
 *
 * @type {Map<string, { text: string, results: Promise<Awaited<ReturnType<Engine['checkProject']>>> }>}
 */
const runs = new Map();

/**
 * @param {Engine} loaded
 * @param {string} file
 * @param {string} text
 * @param {import('markdownlint').RuleParams} params
 */
function engineRun(loaded, file, text, params) {
  const cached = runs.get(file);
  if (cached && cached.text === text) return cached.results;
  loaded.handOverTokens(file, text, params.parsers.micromark.tokens, params.frontMatterLines);
  const results = loaded.checkProject({ root: ROOT, files: [file], contents: new Map([[file, text]]) });
  runs.set(file, { text, results });
  results.catch(() => runs.delete(file));
  return results;
}

/**
 * A markdownlint rule function that shows the engine's findings of one
 * severity: markdownlint gives each rule one severity, set in its config.
 *
 * @param {'error' | 'warning'} severity
 * @returns {(params: import('markdownlint').RuleParams, onError: import('markdownlint').RuleOnError) => Promise<void>}
 */
function checkWithEngine(severity) {
  return async (params, onError) => {
    const file = path.relative(ROOT, path.resolve(params.name)).split(path.sep).join('/');
    if (!CHECKED.test(file)) return;
    /** @type {Engine} */
    let loaded;
    try {
      loaded = await loadEngine();
    } catch {
      engine = undefined;
      if (severity === 'error') onError({ lineNumber: 1, detail: 'The docs-check engine is not built; run `node scripts/build-cli.mjs`' });
      return;
    }
    // markdownlint hands over the front matter separately; the engine wants the whole file.
    const text = [...params.frontMatterLines, ...params.lines].join('\n');
    let results;
    try {
      results = await engineRun(loaded, file, text, params);
    } catch (error) {
      if (severity === 'error') {
        onError({ lineNumber: 1, detail: `docs-check could not run: ${String(/** @type {Error} */ (error)?.message ?? error)}` });
      }
      return;
    }
    for (const result of results.files) {
      if (result.file !== file) continue;
      for (const diagnostic of result.diagnostics) {
        if (diagnostic.severity === severity) onError(toErrorInfo(diagnostic, params.lines, params.frontMatterLines.length));
      }
    }
  };
}

/**
 * markdownlint counts lines after the front matter and wants a range inside
 * one line; findings in the front matter go to the first line, naming theirs.
 *
 * @param {Diagnostic} d
 * @param {readonly string[]} lines
 * @param {number} frontMatterLength
 * @returns {import('markdownlint').RuleOnErrorInfo}
 */
function toErrorInfo(d, lines, frontMatterLength) {
  let lineNumber = d.line - frontMatterLength;
  let detail = `${d.ruleId}: ${d.message}`;
  /** @type {number[] | undefined} */
  let range;
  if (lineNumber < 1) {
    detail = `${d.ruleId} (front matter line ${d.line}): ${d.message}`;
    lineNumber = 1;
  } else if (lineNumber > lines.length) {
    lineNumber = lines.length;
  } else {
    const length = lines[lineNumber - 1].length;
    const end = d.endLine === d.line ? d.endColumn : length + 1;
    const width = Math.min(end, length + 1) - d.column;
    if (d.column <= length && width >= 1) range = [d.column, width];
  }
  /** @type {import('markdownlint').RuleOnErrorInfo} */
  const info = { lineNumber, detail };
  if (range) info.range = range;
  if (d.url) info.information = new URL(d.url);
  return info;
}

/**
 * Two rules, one per severity, so editors show docs-check's warnings as
 * warnings: the config sets `"doc-checks-warnings": "warning"`.
 *
 * @type {import('markdownlint').Rule[]}
 */
const rules = [
  {
    names: ['doc-checks'],
    description: 'Checked by docs-check (errors)',
    information: new URL(RULES_URL),
    tags: ['docs-check'],
    parser: 'micromark',
    asynchronous: true,
    function: checkWithEngine('error'),
  },
  {
    names: ['doc-checks-warnings'],
    description: 'Checked by docs-check (warnings)',
    information: new URL(RULES_URL),
    tags: ['docs-check'],
    parser: 'micromark',
    asynchronous: true,
    function: checkWithEngine('warning'),
  },
];

module.exports = rules;
