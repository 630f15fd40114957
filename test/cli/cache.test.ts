/**
 * `docs-check --cache`, run through the built launcher as users run it: a
 * warm run prints what a run without the cache prints, byte for byte, and
 * parses nothing; a change to any input a file's results were computed
 * from checks that file again (and only the files that read the input);
 * a cache file that is not one docs-check wrote is ignored with one line.
 *
 * What a run parsed is read from DOCS_CHECK_TRACE, the file the check
 * appends a line to for each markdown, YAML and Go parse and for the start
 * of the watchdog.
 */
import { createHmac } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launch as launchTraced, LAUNCHER, tempDir, type Run } from '../setup/launch';

const REPO = path.resolve(__dirname, '../..');
const FIXTURES = path.join(REPO, 'test/fixtures');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');


function writeFiles(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

function edit(file: string, from: string, to: string): void {
  const before = readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  expect(after, `edit of ${file}`).not.toBe(before);
  writeFileSync(file, after);
}

const PLAN = '.planning/p-PLAN.md';
const REVIEWED_PLAN = '.planning/r-PLAN.md';

/** Pages with findings of both checkers, linked pages, and two plans: one with an artifact, one with a review record. */
function makeRepo(extra: Record<string, string> = {}): string {
  const root = tempDir('docs-check-cache-');
  writeFiles(root, {
    '.markdownlint-cli2.jsonc': '{ "config": { "extends": "markdownlint-base.jsonc", "MD013": false } }\n',
    'markdownlint-base.jsonc': '{ "default": true }\n',
    'docs/GUIDE.md': fixture('cli/docs/GUIDE.md'),
    'docs/NO-CLEANUP.md': fixture('cli/broken/NO-CLEANUP.md'),
    'docs/STYLE.md': fixture('cli/broken/STYLE.md'),
    'docs/A.md': '# A\n\nSee [the setup](B.md#setup) and [the other page](C.md).\n',
    'docs/B.md': '# B\n\n## Setup\n\nText.\n',
    'docs/C.md': '# C\n\nText.\n',
    'scripts/setup.sh': '#!/bin/sh\nset -eu\n',
    [PLAN]: [
      '---',
      'phase: 01-cache',
      'plan: 01',
      'must_haves:',
      '  artifacts:',
      '    - path: "scripts/setup.sh"',
      '      contains: "set -eu"',
      '---',
      '',
      '<task type="auto">',
      '  <name>Task 1: Write the script</name>',
      '</task>',
      '',
    ].join('\n'),
    [REVIEWED_PLAN]: [
      '---',
      'phase: 01-cache',
      'plan: 02',
      '---',
      '',
      '<task type="checkpoint:human-verify" gate="blocking">',
      '  <name>Task 1: Review the guide</name>',
      '  <what-built>The guide</what-built>',
      '  <resume-signal>Type "approved" or describe changes needed</resume-signal>',
      '</task>',
      '',
    ].join('\n'),
    '.planning/r-REVIEW.json': reviewRecord('Sam Reviewer'),
    ...extra,
  });
  return root;
}

function reviewRecord(reviewer: string): string {
  const record = {
    task: 1,
    taskName: 'Task 1: Review the guide',
    decision: 'changes_requested',
    reviewer,
    time: '2026-02-17T09:30:00.000Z',
    resumeSignal: 'Add the cleanup step',
    files: {},
  };
  return `${JSON.stringify({ plan: REVIEWED_PLAN, records: [record] }, null, 2)}\n`;
}

/** A copy of the small driver stand-in, to change. */
function makeDriver(): string {
  const dir = tempDir('docs-check-cache-driver-');
  cpSync(path.join(FIXTURES, 'driver-src'), dir, { recursive: true });
  return dir;
}

/** Where the key that signs cache files is kept during these tests (not the user's own). */
const XDG_CACHE_HOME = tempDir('docs-check-cache-home-');

/** The launcher, with the signing key kept in this test's own cache home. */
function launch(args: string[], cwd: string, launcher = LAUNCHER, extraEnv: Record<string, string> = {}): Promise<Run> {
  return launchTraced(args, cwd, { launcher, env: { XDG_CACHE_HOME, ...extraEnv } });
}

/** Pages markdownlint parsed: the pages whose results were computed again. */
const linted = (run: Run) =>
  run.trace.flatMap((line) => /^parse markdown \(markdownlint\): (.*)$/.exec(line)?.[1] ?? []).sort();

const PAGES = ['docs/A.md', 'docs/B.md', 'docs/C.md', 'docs/GUIDE.md', 'docs/NO-CLEANUP.md', 'docs/STYLE.md'];

/**
 * Runs with --cache after `change`, and checks that it printed what a run
 * without the cache prints, and which pages it checked again.
 */
async function afterChange(root: string, args: string[], change: () => void, relinted: string[]): Promise<Run> {
  const cold = await launch(['--cache', ...args], root);
  expect(cold.stderr).toBe('');
  expect(linted(cold)).toEqual(PAGES);
  change();
  const warm = await launch(['--cache', ...args], root);
  const fresh = await launch(args, root);
  expect(warm.stderr).toBe('');
  expect({ code: warm.code, stdout: warm.stdout }).toEqual({ code: fresh.code, stdout: fresh.stdout });
  expect(linted(warm)).toEqual(relinted);
  return warm;
}

describe('a warm run', () => {
  it('prints byte for byte what a run without the cache prints, in every format, and parses nothing', async () => {
    const root = makeRepo();
    const cold = await launch(['--cache'], root);
    expect(cold.code).toBe(1);
    expect(cold.trace).toContain('watchdog: started');
    expect(linted(cold)).toEqual(PAGES);
    expect(existsSync(path.join(root, '.docs-check-cache'))).toBe(true);

    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const warm = await launch(['--cache', '--format', format], root);
      const fresh = await launch(['--format', format], root);
      expect(warm.stdout.length).toBeGreaterThan(0);
      expect({ format, code: warm.code, stdout: warm.stdout, stderr: warm.stderr }).toEqual({
        format,
        code: fresh.code,
        stdout: fresh.stdout,
        stderr: fresh.stderr,
      });
      // Nothing parsed, and no watchdog started.
      expect(warm.trace).toEqual([]);
    }
    // The findings of both checkers and of the plans come back from the cache.
    const stylish = (await launch(['--cache'], root)).stdout;
    expect(stylish).toContain('tc-required-section');
    expect(stylish).toContain('MD001');
    expect(stylish).toContain('checkpoint-approval');
  });

  it('writes --output from the cache too', async () => {
    const root = makeRepo();
    await launch(['--cache'], root);
    const warm = await launch(['--cache', '--format', 'json', '-o', 'report.json'], root);
    await launch(['--format', 'json', '-o', 'fresh.json'], root);
    expect(warm).toMatchObject({ code: 1, stdout: '', stderr: '', trace: [] });
    expect(readFileSync(path.join(root, 'report.json'), 'utf8')).toBe(readFileSync(path.join(root, 'fresh.json'), 'utf8'));
  });

  it('keeps the cache at --cache-location when given', async () => {
    const root = makeRepo();
    const location = path.join(tempDir('docs-check-cache-location-'), 'results');
    await launch(['--cache', '--cache-location', location], root);
    expect(existsSync(location)).toBe(true);
    expect(existsSync(path.join(root, '.docs-check-cache'))).toBe(false);
    expect((await launch(['--cache', '--cache-location', location], root)).trace).toEqual([]);
  });

  it('refuses a bad parse timeout as a run without the cache does', async () => {
    const root = makeRepo();
    await launch(['--cache'], root);
    const bad = { DOCS_CHECK_PARSE_TIMEOUT: 'soon' };
    const warm = await launch(['--cache'], root, LAUNCHER, bad);
    expect(warm).toMatchObject({ code: 2, stdout: '' });
    expect(warm.stderr).toBe((await launch([], root, LAUNCHER, bad)).stderr);
    expect(warm.stderr).toContain('DOCS_CHECK_PARSE_TIMEOUT: `soon` is not a number of seconds');
  });

  it('refuses --cache-location without --cache', async () => {
    const root = makeRepo();
    const run = await launch(['--cache-location', 'x'], root);
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'docs-check: --cache-location: only used with --cache; add --cache\n' });
  });
});

describe('a change to an input checks again exactly the files that read it', () => {
  it("the page's own text", async () => {
    const root = makeRepo();
    const warm = await afterChange(root, [], () => edit(path.join(root, 'docs/STYLE.md'), '###', '##'), ['docs/STYLE.md']);
    expect(warm.stdout).not.toContain('MD001');
  });

  it("the headings of a page it links to (the linking page and the linked page; the others are reused)", async () => {
    const root = makeRepo();
    const warm = await afterChange(root, [], () => edit(path.join(root, 'docs/B.md'), '## Setup', '## Install'), ['docs/A.md', 'docs/B.md']);
    expect(warm.stdout).toContain('Anchor `#setup` does not exist in `docs/B.md`');
  });

  it('the deletion of a page it links to', async () => {
    const root = makeRepo();
    const warm = await afterChange(root, [], () => unlinkSync(path.join(root, 'docs/C.md')), ['docs/A.md']);
    expect(warm.stdout).toContain('Link target `docs/C.md` does not exist');
  });

  it('a deleted file, whose results and hash the cache file then forgets', async () => {
    const root = makeRepo();
    const file = path.join(root, '.docs-check-cache');
    const real = realpathSync(path.join(root, 'docs/B.md'));
    await launch(['--cache'], root);
    expect(Object.keys(cacheBody(file).files)).toContain('docs/B.md');
    expect(Object.keys(cacheBody(file).hashes)).toContain(real);
    unlinkSync(path.join(root, 'docs/B.md'));
    const warm = await launch(['--cache'], root);
    expect(warm.stderr).toBe('');
    expect(Object.keys(cacheBody(file).files)).not.toContain('docs/B.md');
    expect(Object.keys(cacheBody(file).hashes)).not.toContain(real);
    // The other files' results are kept, and a file named on the command line stays even when missing.
    expect(Object.keys(cacheBody(file).files)).toContain('docs/A.md');
    await launch(['--cache', 'docs/B.md', 'docs/A.md'], root);
    expect(Object.keys(cacheBody(file).files)).toContain('docs/B.md');
  });

  it('the markdownlint config that the config extends', async () => {
    const root = makeRepo();
    const warm = await afterChange(
      root,
      [],
      () => writeFileSync(path.join(root, 'markdownlint-base.jsonc'), '{ "default": true, "MD001": false }\n'),
      PAGES,
    );
    expect(warm.stdout).not.toContain('MD001');
  });

  it('an option that changes results', async () => {
    const root = makeRepo();
    await launch(['--cache'], root);
    const strict = await launch(['--cache', '--require-approvals'], root);
    expect(linted(strict)).toEqual(PAGES);
    expect(strict.stdout).toContain('error    Checkpoint task 1');
    const lenient = await launch(['--cache', '--no-markdownlint'], root);
    expect(lenient.stdout).not.toContain('MD001');
    expect(lenient.trace.some((line) => line.startsWith('parse markdown (engine)'))).toBe(true);
  });

  it("docs-check's build", async () => {
    // An installation of its own, so that its build id can change.
    const install = tempDir('docs-check-cache-install-');
    cpSync(path.join(REPO, 'bin'), path.join(install, 'bin'), { recursive: true });
    cpSync(path.join(REPO, 'dist'), path.join(install, 'dist'), { recursive: true });
    cpSync(path.join(REPO, 'package.json'), path.join(install, 'package.json'));
    symlinkSync(path.join(REPO, 'node_modules'), path.join(install, 'node_modules'));
    const launcher = path.join(install, 'bin/docs-check.mjs');
    const root = makeRepo();
    await launch(['--cache'], root, launcher);
    expect((await launch(['--cache'], root, launcher)).trace).toEqual([]);
    writeFileSync(path.join(install, 'dist/build-id.json'), '{"build":"another build"}\n');
    expect(linted(await launch(['--cache'], root, launcher))).toEqual(PAGES);
  });

  it('a Go file of the driver that a page links to', async () => {
    const driver = makeDriver();
    const root = makeRepo({ 'docs/CODE.md': '# Code\n\nThe [connect arguments](../pkg/nvme/config.go#BuildConnectArgs) are built here.\n' });
    const args = ['--source-root', driver];
    const cold = await launch(['--cache', ...args], root);
    expect(cold.stdout).not.toContain('BuildConnectArgs');
    edit(path.join(driver, 'pkg/nvme/config.go'), 'func BuildConnectArgs(', 'func MakeConnectArgs(');
    const warm = await launch(['--cache', ...args], root);
    expect(warm.stdout).toBe((await launch(args, root)).stdout);
    expect(warm.stdout).toContain('`BuildConnectArgs` is not declared in `pkg/nvme/config.go`');
    expect(linted(warm)).toEqual(['docs/CODE.md']);
  });

  it('a manifest of the driver that a page names an object of', async () => {
    const driver = makeDriver();
    const root = makeRepo({ 'docs/KUBE.md': fixture('rules/kubectl-ref/ok.md') });
    const args = ['--source-root', driver];
    const cold = await launch(['--cache', ...args], root);
    expect(cold.stdout).not.toContain('StorageClass `fixture-nvme`');
    edit(path.join(driver, 'examples/storageclass.yaml'), 'name: fixture-nvme', 'name: fixture-ssd');
    const warm = await launch(['--cache', ...args], root);
    expect(warm.stdout).toBe((await launch(args, root)).stdout);
    expect(warm.stdout).toContain('StorageClass `fixture-nvme` is not created');
    expect(linted(warm)).toEqual(['docs/KUBE.md']);
  });

  it("a plan's artifact", async () => {
    const root = makeRepo();
    const warm = await afterChange(root, [], () => writeFileSync(path.join(root, 'scripts/setup.sh'), '#!/bin/sh\n'), []);
    expect(warm.stdout).toContain('does not contain `set -eu`');
  });

  it("a plan's review record", async () => {
    const root = makeRepo();
    const cold = await launch(['--cache'], root);
    expect(cold.stdout).toContain('changes requested by Sam Reviewer');
    writeFileSync(path.join(root, '.planning/r-REVIEW.json'), reviewRecord('Kim Reviewer'));
    const warm = await launch(['--cache'], root);
    expect(warm.stdout).toBe((await launch([], root)).stdout);
    expect(warm.stdout).toContain('changes requested by Kim Reviewer');
    expect(linted(warm)).toEqual([]);
  });
});

/** Writes `body` as the cache file, signed with the key of these tests: a hostile file that got hold of it. */
function writeSigned(file: string, body: string): void {
  const key = Buffer.from(readFileSync(path.join(XDG_CACHE_HOME, 'docs-check/cache-key'), 'utf8').trim(), 'hex');
  writeFileSync(file, `${createHmac('sha256', key).update(body).digest('hex')}\n${body}`);
}

/** The JSON of a cache file docs-check wrote. */
const cacheBody = (file: string) => JSON.parse(readFileSync(file, 'utf8').slice(readFileSync(file, 'utf8').indexOf('\n') + 1));

describe('a cache file that docs-check did not write', () => {
  const cases: [string, (file: string) => void, string][] = [
    ['not signed with this user\'s key', (file) => writeFileSync(file, '{"format": "docs-check-cache"}'), 'it was not written by docs-check for this user (its signature does not match)'],
    ['not JSON', (file) => writeSigned(file, '{"format": "docs-check-cache", '), 'it is not valid JSON'],
    ['of another tool', (file) => writeSigned(file, '{"format": "eslint"}'), 'it is not a docs-check cache'],
    [
      'too large',
      (file) => {
        writeFileSync(file, '');
        truncateSync(file, 65 * 1024 * 1024);
      },
      `it is ${65 * 1024 * 1024} bytes, more than the ${64 * 1024 * 1024} a cache may have`,
    ],
  ];

  for (const [what, make, reason] of cases) {
    it(`is ignored with one line when it is ${what}`, async () => {
      const root = makeRepo();
      // A first run creates the key.
      await launch(['--cache', 'docs/C.md'], root);
      const file = path.join(root, '.docs-check-cache');
      make(file);
      const run = await launch(['--cache'], root);
      const fresh = await launch([], root);
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: fresh.code, stdout: fresh.stdout });
      expect(run.stderr).toBe(`docs-check: ignoring the cache file \`${file}\`: ${reason}; checking every file\n`);
      expect(linted(run)).toEqual(PAGES);
    });
  }

  it('is ignored when its results were edited after docs-check wrote them', async () => {
    const root = makeRepo();
    await launch(['--cache'], root);
    const file = path.join(root, '.docs-check-cache');
    // A clean report for a page with an error, every recorded input still true.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"engine":\[\{"file":"docs\/NO-CLEANUP.md"[^\]]*\]/, '"engine":[]'));
    const run = await launch(['--cache'], root);
    expect(run.stderr).toBe(
      `docs-check: ignoring the cache file \`${file}\`: it was not written by docs-check for this user (its signature does not match); checking every file\n`,
    );
    expect(run.stdout).toContain('tc-required-section');
  });

  it('is ignored when it is a directory, which is not replaced', async () => {
    const root = makeRepo();
    const file = path.join(root, '.docs-check-cache');
    mkdirSync(file);
    const run = await launch(['--cache'], root);
    expect(run.stdout).toBe((await launch([], root)).stdout);
    const [ignored, unwritten, ...rest] = run.stderr.split('\n');
    expect(ignored).toBe(`docs-check: ignoring the cache file \`${file}\`: it is not a regular file; checking every file`);
    expect(unwritten).toMatch(new RegExp(`^docs-check: could not write the cache file \`${file}\`: EISDIR`));
    expect(rest).toEqual(['']);
  });

  it('is ignored when it names a path outside the repository, and none of it is read', async () => {
    const root = makeRepo();
    await launch(['--cache'], root);
    const file = path.join(root, '.docs-check-cache');
    const cache = cacheBody(file) as { files: Record<string, unknown> };
    cache.files['../outside.md'] = cache.files['docs/A.md'];
    writeSigned(file, JSON.stringify(cache));
    const run = await launch(['--cache'], root);
    expect(run.stderr).toBe(
      `docs-check: ignoring the cache file \`${file}\`: it names \`../outside.md\`, which is not a path inside the repository; checking every file\n`,
    );
    expect(linted(run)).toEqual(PAGES);
    // Written again whole: the next run is warm.
    expect((await launch(['--cache'], root)).trace).toEqual([]);
  });

  it('does not make a finding of another file part of a page', async () => {
    const root = makeRepo();
    await launch(['--cache'], root);
    const file = path.join(root, '.docs-check-cache');
    const cache = cacheBody(file) as { files: Record<string, { engine: { file: string }[] }> };
    const stolen = cache.files['docs/NO-CLEANUP.md'].engine[0];
    cache.files['docs/GUIDE.md'].engine.push(stolen);
    writeSigned(file, JSON.stringify(cache));
    const run = await launch(['--cache'], root);
    expect(run.stderr).toBe(
      `docs-check: ignoring the cache file \`${file}\`: its entry for \`docs/GUIDE.md\` holds a finding of another shape or file; checking every file\n`,
    );
    expect(run.stdout).toBe((await launch([], root)).stdout);
  });

  it('is not followed when it is a symbolic link', async () => {
    const root = makeRepo();
    const elsewhere = path.join(tempDir('docs-check-cache-target-'), 'cache');
    writeFileSync(elsewhere, 'not a cache');
    await launch(['--cache', 'docs/C.md'], root);
    rmSync(path.join(root, '.docs-check-cache'));
    const file = path.join(root, '.docs-check-cache');
    symlinkSync(elsewhere, file);
    const run = await launch(['--cache'], root);
    expect(run.stderr).toBe(`docs-check: ignoring the cache file \`${file}\`: it is not a regular file; checking every file\n`);
    // Replaced by a file of its own; what the link pointed at is untouched.
    expect(readFileSync(elsewhere, 'utf8')).toBe('not a cache');
  });
});
