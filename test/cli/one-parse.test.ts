/**
 * A full check parses each page once: markdownlint's parse, whose tokens
 * are rebuilt into the engine's mdast (plugins/doc-checks/tokens/). Run
 * through the built launcher, as users run it. What a run parsed is read
 * from DOCS_CHECK_TRACE; that the engine finds the same with the rebuilt
 * trees as with its own parse is shown by comparing a full run's findings
 * with those of a `--no-markdownlint` run, where the engine parses.
 */
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launch, tempDir, type Run } from '../setup/launch';

const REPO = path.resolve(__dirname, '../..');
const RULE_FIXTURES = path.join(REPO, 'test/fixtures/rules');

/** The pages each kind of trace line names, sorted. */
function traced(run: Run, prefix: string): string[] {
  return run.trace.filter((line) => line.startsWith(prefix)).map((line) => line.slice(line.lastIndexOf(': ') + 2)).sort();
}

type JsonReport = { filePath: string; messages: { ruleId: string }[] }[];

/** The engine's findings of a JSON report (markdownlint's are `MD…`), per file. */
function engineFindings(stdout: string): Record<string, unknown[]> {
  const report = JSON.parse(stdout) as JsonReport;
  return Object.fromEntries(report.map((f) => [f.filePath, f.messages.filter((m) => !/^MD\d{3}$/.test(m.ruleId))]));
}

/**
 * A repository with the project's guides and markdownlint config, the
 * rule fixtures' pages as more pages under docs/, and `extra` pages.
 */
function makeRepo(extra: Record<string, string> = {}): { root: string; pages: string[] } {
  const root = tempDir('docs-check-one-parse-');
  cpSync(path.join(REPO, 'docs'), path.join(root, 'docs'), { recursive: true });
  cpSync(path.join(REPO, '.markdownlint-cli2.jsonc'), path.join(root, '.markdownlint-cli2.jsonc'));
  // The plans read the guides too (their key links), from workspaces of their own.
  cpSync(path.join(REPO, '.planning'), path.join(root, '.planning'), { recursive: true });
  mkdirSync(path.join(root, 'docs/fixtures'));
  for (const rule of readdirSync(RULE_FIXTURES)) {
    for (const name of readdirSync(path.join(RULE_FIXTURES, rule))) {
      if (name.endsWith('.md')) cpSync(path.join(RULE_FIXTURES, rule, name), path.join(root, 'docs/fixtures', `${rule}-${name}`));
    }
  }
  for (const [name, text] of Object.entries(extra)) writeFileSync(path.join(root, name), text);
  const pages = readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.md'))
    .map((p) => `docs/${p}`)
    .sort();
  return { root, pages };
}

describe('a full check parses each page once', () => {
  it('builds the guides from markdownlint’s parse, and finds what the engine finds with its own parse', async () => {
    const { root, pages } = makeRepo();
    const full = await launch(['--format', 'json', '.planning', ...pages], root);
    const alone = await launch(['--format', 'json', '--no-markdownlint', '.planning', ...pages], root);
    expect(full.stderr).toBe('');
    expect(alone.stderr).toBe('');

    // Every page is parsed by markdownlint; the engine parses only those the rebuild leaves to it.
    expect(traced(full, 'parse markdown (markdownlint)')).toEqual(pages);
    const rebuilt = traced(full, "model from markdownlint's parse");
    const parsedAgain = traced(full, 'parse markdown (engine)');
    expect([...rebuilt, ...parsedAgain].sort()).toEqual(pages);
    expect(traced(full, 'tokens not rebuilt')).toEqual(parsedAgain);
    for (const guide of ['docs/HARDWARE_VALIDATION.md', 'docs/TESTING.md']) expect(rebuilt).toContain(guide);
    // Most pages are rebuilt; the rest are named with a reason.
    expect(rebuilt.length).toBeGreaterThan(pages.length * 0.8);

    expect(engineFindings(full.stdout)).toEqual(engineFindings(alone.stdout));
  });

  it('leaves a page it cannot rebuild exactly to remark, and says why in the trace', async () => {
    const tabbed = '# Tabs\n\n- item\n\n\tindented by a tab\n';
    const struck = '# Struck\n\nThis is ~~gone~~ now.\n';
    const { root } = makeRepo({ 'docs/TABBED.md': tabbed, 'docs/STRUCK.md': struck });
    const run = await launch(['--format', 'json', 'docs/TABBED.md', 'docs/STRUCK.md', 'docs/TESTING.md'], root);
    expect(run.stderr).toBe('');
    expect(run.trace.filter((line) => line.startsWith('tokens not rebuilt')).sort()).toEqual([
      'tokens not rebuilt (a tab in the indentation): docs/TABBED.md',
      'tokens not rebuilt (tildes that may strike text through): docs/STRUCK.md',
    ]);
    // The Hardware Validation guide is not checked, only read for the anchors TESTING.md links to: the engine parses it.
    expect(traced(run, 'parse markdown (engine)')).toEqual(['docs/HARDWARE_VALIDATION.md', 'docs/STRUCK.md', 'docs/TABBED.md']);
    expect(traced(run, "model from markdownlint's parse")).toEqual(['docs/TESTING.md']);
  });
});
