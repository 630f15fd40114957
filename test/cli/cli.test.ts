/**
 * The docs-check command line, run in-process with captured output against
 * small repositories made from test/fixtures/cli, plus real runs of the
 * built launcher. Exit status: 0 clean, 1 errors, 2 usage or configuration.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { lint } from 'markdownlint/promise';
import type { Rule } from 'markdownlint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../plugins/doc-checks/cli';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '../..');
const FIXTURES = path.join(REPO, 'test/fixtures/cli');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

const GUIDE = fixture('docs/GUIDE.md');
const NO_CLEANUP = fixture('broken/NO-CLEANUP.md');
const STYLE = fixture('broken/STYLE.md');
const CONFIG = readFileSync(path.join(REPO, '.markdownlint-cli2.jsonc'), 'utf8');

const MISSING_CLEANUP = 'Missing `Cleanup` in TC-01, expected it after `Steps`';
const MD001 = 'Heading levels should only increment by one level at a time [Expected: h2; Actual: h3]';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A repository root with the project's markdownlint config and the given files. */
function makeRoot(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'docs-check-cli-'));
  temporary.push(root);
  writeFiles(root, { '.markdownlint-cli2.jsonc': CONFIG, ...files });
  return root;
}

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

const GIT_IDENTITY = ['-c', 'user.name=Docs Check', '-c', 'user.email=docs-check@example.test', '-c', 'commit.gpgsign=false'];

async function git(root: string, ...args: string[]): Promise<string> {
  return (await run('git', [...GIT_IDENTITY, ...args], { cwd: root })).stdout;
}

async function makeGitRoot(files: Record<string, string>): Promise<string> {
  const root = makeRoot(files);
  await git(root, 'init', '-q', '-b', 'main');
  await git(root, 'add', '-A');
  await git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; severity: number; message: string; line: number; column: number }[];
  errorCount: number;
  warningCount: number;
}

const rulesOf = (output: string) =>
  (JSON.parse(output) as JsonFile[]).flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line}:${m.column} ${m.ruleId}`));

describe('exit status and stylish output', () => {
  it('exits 0 and prints nothing for a clean guide', async () => {
    const root = makeRoot({ 'docs/GUIDE.md': GUIDE });
    expect(await cli([], root)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 and reports the missing Cleanup where the test case starts', async () => {
    const root = makeRoot({ 'docs/GUIDE.md': GUIDE, 'docs/NO-CLEANUP.md': NO_CLEANUP });
    const result = await cli([], root);
    expect(result).toEqual({
      code: 1,
      stdout: [
        'docs/NO-CLEANUP.md',
        `  7:1  error    ${MISSING_CLEANUP}  tc-required-section`,
        '',
        'Rule pages:',
        '  tc-required-section  https://3whiskeywhiskey.github.io/rds-csi-docs/rules/tc-required-section',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('checks only the paths given, relative to the working directory', async () => {
    const root = makeRoot({ 'docs/GUIDE.md': GUIDE, 'docs/NO-CLEANUP.md': NO_CLEANUP });
    expect(await cli(['GUIDE.md'], path.join(root, 'docs'))).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await cli(['docs'], root)).code).toBe(1);
  });

  it('writes the report to --output instead of standard output', async () => {
    const root = makeRoot({ 'docs/NO-CLEANUP.md': NO_CLEANUP });
    const result = await cli(['--format', 'json', '--output', 'report.json'], root);
    expect(result).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(rulesOf(readFileSync(path.join(root, 'report.json'), 'utf8'))).toEqual([
      'docs/NO-CLEANUP.md:7:1 tc-required-section',
    ]);
  });
});

describe('--format json', () => {
  it('prints ESLint-shaped results with repository-relative paths, one entry per file', async () => {
    const root = makeRoot({ 'docs/GUIDE.md': GUIDE, 'docs/NO-CLEANUP.md': NO_CLEANUP });
    const result = await cli(['--format', 'json'], root);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        filePath: 'docs/GUIDE.md',
        messages: [],
        errorCount: 0,
        warningCount: 0,
        fatalErrorCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
      },
      {
        filePath: 'docs/NO-CLEANUP.md',
        messages: [
          {
            ruleId: 'tc-required-section',
            severity: 2,
            message: MISSING_CLEANUP,
            line: 7,
            column: 1,
            endLine: 7,
            endColumn: expect.any(Number),
          },
        ],
        errorCount: 1,
        warningCount: 0,
        fatalErrorCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
      },
    ]);
  });
});

describe('markdownlint through the same command', () => {
  it('reports markdownlint style rules next to the engine rules', async () => {
    const root = makeRoot({ 'docs/NO-CLEANUP.md': NO_CLEANUP, 'docs/STYLE.md': STYLE });
    const result = await cli(['--format', 'json'], root);
    expect(result.code).toBe(1);
    expect(rulesOf(result.stdout)).toEqual([
      'docs/NO-CLEANUP.md:7:1 tc-required-section',
      'docs/STYLE.md:5:1 MD001',
    ]);
    const style = (JSON.parse(result.stdout) as JsonFile[])[1].messages[0];
    expect(style.message).toBe(MD001);
  });

  it('describes the markdownlint rules it reported in SARIF, with their documentation', async () => {
    const root = makeRoot({ 'docs/STYLE.md': STYLE });
    const result = await cli(['--format', 'sarif'], root);
    const log = JSON.parse(result.stdout);
    const rules = log.runs[0].tool.driver.rules as { id: string; shortDescription: { text: string }; helpUri: string }[];
    const md001 = rules.find((r) => r.id === 'MD001');
    expect(md001?.shortDescription.text).toBe('Heading levels should only increment by one level at a time');
    expect(md001?.helpUri).toMatch(/^https:\/\/github\.com\/DavidAnson\/markdownlint\/.*md001\.md$/);
    expect(log.runs[0].results).toHaveLength(1);
    expect(log.runs[0].results[0]).toMatchObject({
      ruleId: 'MD001',
      ruleIndex: rules.indexOf(md001!),
      level: 'error',
      message: { text: MD001 },
    });
  });

  it('skips the style rules with --no-markdownlint', async () => {
    const root = makeRoot({ 'docs/STYLE.md': STYLE });
    expect(await cli(['--no-markdownlint'], root)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('follows the config: rules turned off there stay off', async () => {
    const root = makeRoot({ 'docs/STYLE.md': STYLE });
    writeFileSync(path.join(root, '.markdownlint-cli2.jsonc'), '// no heading increments\n{ "config": { "MD001": false } }\n');
    expect((await cli([], root)).code).toBe(0);
  });

  it('does not run the config custom rule (the editor bridge) a second time', async () => {
    // The config names the bridge by a path that does not exist here: loading it would fail.
    const root = makeRoot({ 'docs/NO-CLEANUP.md': NO_CLEANUP });
    const result = await cli(['--format', 'json'], root);
    expect(result.stderr).toBe('');
    expect(rulesOf(result.stdout)).toEqual(['docs/NO-CLEANUP.md:7:1 tc-required-section']);
  });

  it('is a configuration error (2) when the markdownlint config does not parse', async () => {
    const root = makeRoot({ 'docs/GUIDE.md': GUIDE });
    writeFileSync(path.join(root, '.markdownlint-cli2.jsonc'), '{ "config": ');
    const result = await cli([], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^docs-check: \.markdownlint-cli2\.jsonc: Unable to parse JSONC content/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('markdownlint config that reaches outside the repository', () => {
  const withExtends = (target: string) => `{ "config": { "extends": ${JSON.stringify(target)}, "default": true } }`;
  const where = '.markdownlint-cli2.jsonc: `extends` in `.markdownlint-cli2.jsonc`';

  it('follows `extends` to a config file inside the repository, its own rules winning', async () => {
    const root = makeRoot({ 'docs/STYLE.md': STYLE, 'lint/base.jsonc': '{ "MD001": false, "MD041": false }' });
    writeFileSync(path.join(root, '.markdownlint-cli2.jsonc'), withExtends('lint/base.jsonc'));
    expect(await cli(['--format', 'json'], root)).toMatchObject({ code: 0, stderr: '' });
    writeFileSync(path.join(root, '.markdownlint-cli2.jsonc'), '{ "config": { "extends": "lint/base.jsonc", "MD001": true, "MD041": false } }');
    expect(rulesOf((await cli(['--format', 'json'], root)).stdout)).toEqual(['docs/STYLE.md:5:1 MD001']);
  });

  it.each([
    ['/etc/passwd', '`/etc/passwd`: `/etc/passwd` is an absolute path; expected a path relative to the root'],
    ['/dev/zero', '`/dev/zero`: `/dev/zero` is an absolute path; expected a path relative to the root'],
    ['../outside.jsonc', '`../outside.jsonc`: `../outside.jsonc` leaves the root; expected a config file inside the repository'],
    ['zero.jsonc', '`zero.jsonc`: `zero.jsonc` is a symbolic link that leaves the root; expected a config file inside the repository'],
    ['docs', '`docs`: is not a regular file; expected a config file inside the repository'],
    ['big.jsonc', '`big.jsonc`: is 300000 bytes; expected a config file of at most 262144 bytes'],
    ['missing.jsonc', '`missing.jsonc` does not exist; expected a config file inside the repository'],
    ['loop.jsonc', 'more than 8 files extend each other; expected a short chain'],
  ])('refuses `extends: %s` with a configuration error', async (target, problem) => {
    const root = makeRoot({ 'docs/GUIDE.md': GUIDE, 'big.jsonc': `{}${' '.repeat(300_000 - 2)}` });
    symlinkSync('/dev/zero', path.join(root, 'zero.jsonc'));
    // A chain that never ends: each file extends one more level of `x/`.
    writeFileSync(path.join(root, 'loop.jsonc'), '{ "extends": "x/loop.jsonc" }');
    let dir = root;
    for (let i = 0; i < 9; i++) writeFiles((dir = path.join(dir, 'x')), { 'loop.jsonc': '{ "extends": "x/loop.jsonc" }' });
    writeFileSync(path.join(root, '.markdownlint-cli2.jsonc'), withExtends(target));
    const result = await cli([], root);
    const from = target === 'loop.jsonc' ? '.markdownlint-cli2.jsonc: `extends` in `x/x/x/x/x/x/x/loop.jsonc`' : where;
    expect(result).toEqual({ code: 2, stdout: '', stderr: `docs-check: ${from}: ${problem}\n` });
  });
});

describe('plans named on the command line', () => {
  it('checks a plan outside .planning/ with the plan rules, and not with style rules', async () => {
    const plan = readFileSync(path.join(REPO, '.planning/phases/32-resilience-regression-tests/32-02-PLAN.md'), 'utf8');
    const root = makeRoot({ 'x-PLAN.md': plan });
    const result = await cli(['x-PLAN.md', 'gone-PLAN.md', '--format', 'json'], root);
    expect(result.code).toBe(1);
    expect(rulesOf(result.stdout)).toEqual([
      'gone-PLAN.md:1:1 valid-input',
      'x-PLAN.md:19:7 plan-must-haves',
      'x-PLAN.md:22:7 plan-must-haves',
      'x-PLAN.md:26:7 plan-must-haves',
      'x-PLAN.md:30:7 plan-must-haves',
      'x-PLAN.md:204:1 checkpoint-approval',
    ]);
  });
});

describe('input that would stall a markdown parser', () => {
  it('is reported once and kept from markdownlint as well', async () => {
    const root = makeRoot({ 'docs/STARS.md': `# Stars\n\n${'*'.repeat(50_000)}a\n` });
    const result = await cli(['--format', 'json'], root);
    expect(result.code).toBe(1);
    expect(rulesOf(result.stdout)).toEqual(['docs/STARS.md:3:1 valid-input']);
  });
});

describe('usage errors', () => {
  const root = () => makeRoot({ 'docs/GUIDE.md': GUIDE });

  it('rejects an unknown option with status 2 and a clear message', async () => {
    expect(await cli(['--bogus'], root())).toEqual({
      code: 2,
      stdout: '',
      stderr: 'docs-check: unknown option `--bogus`; see `npx docs-check --help`\n',
    });
  });

  it('rejects an unknown format and names the ones it knows', async () => {
    expect(await cli(['--format', 'xml'], root())).toEqual({
      code: 2,
      stdout: '',
      stderr: 'docs-check: --format: `xml` is not a format; expected one of stylish, json, sarif, github\n',
    });
  });

  it('rejects an option without its value', async () => {
    const result = await cli(['--format'], root());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format');
  });

  it('rejects a driver source root that is not a directory, from the option or the environment', async () => {
    expect(await cli(['--source-root', 'missing-src'], root())).toEqual({
      code: 2,
      stdout: '',
      stderr: 'docs-check: --source-root: `missing-src` is not a directory; expected a checkout of the driver source\n',
    });
    expect(await cli([], root(), { RDS_CSI_SOURCE: 'missing-src' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'docs-check: RDS_CSI_SOURCE: `missing-src` is not a directory; expected a checkout of the driver source\n',
    });
  });

  it('accepts the driver source root the fixtures provide, and runs the rules that need it', async () => {
    const result = await cli(['--source-root', path.join(REPO, 'test/fixtures/driver-src'), '--format', 'json'], root());
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: '' });
    // kubectl-ref runs only with a driver source: the guide's kubectl commands need an install path.
    expect(JSON.parse(result.stdout)[0].messages.map((m: { ruleId: string; message: string }) => `${m.ruleId} ${m.message}`)).toEqual([
      'kubectl-ref The guide does not declare its install path; expected `driver_install:` in the frontmatter, one of `manifests`, `kustomize`, `helm`',
    ]);
  });

  it('prints help and the version with status 0', async () => {
    const help = await cli(['--help'], root());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npx docs-check \[options\] \[paths\.\.\.\]\n/);
    const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(await cli(['--version'], root())).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('subcommands', () => {
  it('hands `plan` and `review` with their arguments to the plan commands', async () => {
    const root = makeRoot({ 'docs/GUIDE.md': GUIDE });
    const plan = await cli(['plan', '--help'], root);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^Usage: npx docs-check plan/);
    const review = await cli(['review', '--help'], root);
    expect(review.code).toBe(0);
    expect(review.stdout).toMatch(/^Usage: npx docs-check review/);
  });

  it('points at help with a command that runs as printed', async () => {
    const root = makeRoot({ 'docs/GUIDE.md': GUIDE });
    expect(await cli(['review'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'docs-check review: expected one plan file, got 0; see `npx docs-check review --help`\n',
    });
    // Every usage line of every help text starts with the command as it is run.
    for (const argv of [['--help'], ['plan', '--help'], ['review', '--help']]) {
      const usage = (await cli(argv, root)).stdout.split('\n\n')[0].split('\n');
      expect(usage.every((line) => /^(Usage:)? +npx docs-check /.test(line) || /^Usage: npx docs-check /.test(line)), argv.join(' ')).toBe(true);
    }
  });
});

describe('paths outside the repository', () => {
  it('reports a relative path that leaves the repository instead of reading it', async () => {
    const parent = makeRoot({ 'secret.md': '# Not part of the repository\n' });
    const repo = path.join(parent, 'repo');
    writeFiles(repo, { '.markdownlint-cli2.jsonc': CONFIG, 'docs/GUIDE.md': GUIDE });
    await git(repo, 'init', '-q');
    const result = await cli(['--format', 'json', '../secret.md'], repo);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({
        filePath: '../secret.md',
        messages: [expect.objectContaining({ ruleId: 'valid-input', message: '`../secret.md` is outside the repository; expected a path inside it' })],
      }),
    ]);
  });

  it('reports an absolute path outside the repository', async () => {
    const repo = makeRoot({ 'docs/GUIDE.md': GUIDE });
    const outside = makeRoot({ 'x.md': '# X\n' });
    const result = await cli(['--format', 'json', path.join(outside, 'x.md')], repo);
    expect(result.code).toBe(1);
    expect(rulesOf(result.stdout)).toEqual([expect.stringMatching(/^\.\.\/.*x\.md:1:1 valid-input$/)]);
  });

  it('does not follow a symbolic link that leaves the repository', async () => {
    const outside = makeRoot({ 'x.md': '<script>alert(1)</script>\n' });
    const repo = makeRoot({ 'docs/GUIDE.md': GUIDE });
    symlinkSync(path.join(outside, 'x.md'), path.join(repo, 'docs/LINK.md'));
    const result = await cli(['--format', 'json', 'docs/LINK.md'], repo);
    expect(result.code).toBe(1);
    expect(rulesOf(result.stdout)).toEqual(['docs/LINK.md:1:1 valid-input']);
    // It exists; it is not read because it leaves the repository, and the finding says so.
    expect(JSON.parse(result.stdout)[0].messages[0].message).toBe(
      '`docs/LINK.md` is reached through the symbolic link `docs/LINK.md`; expected a regular file in the repository (a link can publish any file of the build machine)',
    );
    writeFiles(repo, { 'docs/INDEX.md': '# Index\n\nSee [the link](LINK.md).\n' });
    const linked = await cli(['--format', 'json', '--no-markdownlint', 'docs/INDEX.md'], repo);
    expect(JSON.parse(linked.stdout)[0].messages.map((m: { message: string }) => m.message)).toEqual([
      'Link target `docs/LINK.md` is a symbolic link that leaves the root; expected a file inside the repository',
    ]);
  });

  it('reports a file that does not exist', async () => {
    const repo = makeRoot({ 'docs/GUIDE.md': GUIDE });
    const result = await cli(['--format', 'json', 'docs/NOPE.md'], repo);
    expect(result.code).toBe(1);
    expect(rulesOf(result.stdout)).toEqual(['docs/NOPE.md:1:1 valid-input']);
  });
});

describe('--changed', () => {
  it('checks files changed since HEAD and untracked files when there is no origin/main', async () => {
    const root = await makeGitRoot({ 'docs/GUIDE.md': GUIDE, 'docs/OLD.md': NO_CLEANUP });
    writeFiles(root, { 'docs/NEW.md': NO_CLEANUP, 'docs/GUIDE.md': `${GUIDE}\nOne more line.\n` });
    const result = await cli(['--format', 'json', '--changed'], root);
    expect(result.code).toBe(1);
    // OLD.md is broken too, but unchanged.
    expect((JSON.parse(result.stdout) as JsonFile[]).map((f) => f.filePath)).toEqual(['docs/GUIDE.md', 'docs/NEW.md']);
  });

  it('uses origin/main as the base when it exists, through the merge base', async () => {
    const root = await makeGitRoot({ 'docs/GUIDE.md': GUIDE });
    await git(root, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    writeFiles(root, { 'docs/BRANCH.md': NO_CLEANUP });
    await git(root, 'add', '-A');
    await git(root, 'commit', '-q', '-m', 'branch work');
    const result = await cli(['--format', 'json', '--changed'], root);
    expect(rulesOf(result.stdout)).toEqual(['docs/BRANCH.md:7:1 tc-required-section']);
    // Against HEAD the committed branch work is not a change.
    expect(await cli(['--changed', 'HEAD'], root)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('takes an explicit base, also as --changed=BASE, and still accepts paths after it', async () => {
    const root = await makeGitRoot({ 'docs/GUIDE.md': GUIDE });
    writeFiles(root, { 'docs/A.md': NO_CLEANUP, 'docs/B.md': NO_CLEANUP });
    await git(root, 'add', '-A');
    await git(root, 'commit', '-q', '-m', 'two pages');
    const base = (await git(root, 'rev-parse', 'HEAD~1')).trim();
    expect(rulesOf((await cli(['--format', 'json', `--changed=${base}`], root)).stdout)).toEqual([
      'docs/A.md:7:1 tc-required-section',
      'docs/B.md:7:1 tc-required-section',
    ]);
    // `docs/B.md` exists, so it is a path to check and not the base.
    expect(rulesOf((await cli(['--format', 'json', '--changed', 'HEAD~1', 'docs/B.md'], root)).stdout)).toEqual([
      'docs/B.md:7:1 tc-required-section',
    ]);
  });

  it('leaves deleted files out', async () => {
    const root = await makeGitRoot({ 'docs/GUIDE.md': GUIDE, 'docs/GONE.md': NO_CLEANUP });
    rmSync(path.join(root, 'docs/GONE.md'));
    expect(await cli(['--changed'], root)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('also checks the unchanged pages that link to a changed or deleted file', async () => {
    const pages = {
      'docs/INDEX.md': '# Index\n\nSee [the setup](TESTING.md#setup).\n',
      'docs/TESTING.md': '# Testing\n\n## Setup\n\nText.\n',
      'docs/OTHER.md': '# Other\n\nNo links.\n',
    };
    const root = await makeGitRoot(pages);
    // A heading renamed in the target: the link in the unchanged page breaks.
    writeFileSync(path.join(root, 'docs/TESTING.md'), '# Testing\n\n## Set up\n\nText.\n');
    const renamed = await cli(['--changed', 'HEAD', '--no-markdownlint', '--format', 'json'], root);
    expect(renamed.code).toBe(1);
    expect(JSON.parse(renamed.stdout).map((f: { filePath: string }) => f.filePath)).toEqual(['docs/INDEX.md', 'docs/TESTING.md']);
    expect(rulesOf(renamed.stdout)).toEqual(['docs/INDEX.md:3:5 doc-link']);
    // The target deleted.
    await git(root, 'rm', '-q', '-f', 'docs/TESTING.md');
    const deleted = await cli(['--changed', 'HEAD', '--no-markdownlint', '--format', 'json'], root);
    expect(deleted.code).toBe(1);
    expect(JSON.parse(deleted.stdout)).toMatchObject([
      { filePath: 'docs/INDEX.md', messages: [{ ruleId: 'doc-link', message: 'Link target `docs/TESTING.md` does not exist; expected an existing file relative to this page' }] },
    ]);
  });

  it('rejects a base that is not a commit, and a directory outside git', async () => {
    const root = await makeGitRoot({ 'docs/GUIDE.md': GUIDE });
    expect(await cli(['--changed', 'no-such-branch'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'docs-check: --changed: `no-such-branch` is not a commit in this repository\n',
    });
    expect(await cli(['--changed=--output=x'], root)).toMatchObject({ code: 2 });
    const plain = makeRoot({ 'docs/GUIDE.md': GUIDE });
    expect(await cli(['--changed'], plain)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'docs-check: --changed: not inside a git repository\n',
    });
  });
});

describe('the built launcher', () => {
  beforeAll(async () => {
    await run(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO });
  });

  async function spawnCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
    try {
      const { stdout, stderr } = await run(process.execPath, [path.join(REPO, 'bin/docs-check.mjs'), ...args], {
        cwd,
        env: { ...process.env, ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('prints help', async () => {
    const result = await spawnCli(['--help'], REPO);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npx docs-check/);
  });

  it('exits 1 with JSON results for a broken guide', async () => {
    const root = makeRoot({ 'docs/NO-CLEANUP.md': NO_CLEANUP, 'docs/STYLE.md': STYLE });
    const result = await spawnCli(['--format', 'json'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(rulesOf(result.stdout)).toEqual(['docs/NO-CLEANUP.md:7:1 tc-required-section', 'docs/STYLE.md:5:1 MD001']);
  });

  it('exits 0 for a clean guide and 2 for an unknown option, without a stack trace', async () => {
    const root = makeRoot({ 'docs/GUIDE.md': GUIDE });
    expect(await spawnCli([], root)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await spawnCli(['--nope'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'docs-check: unknown option `--nope`; see `npx docs-check --help`\n',
    });
  });

  it('stops a file that makes the parser quadratic, reports it, and checks the rest', { timeout: 60_000 }, async () => {
    // A paragraph of 20,000 emphasis openers (`a* `): seconds of parsing, and no shape
    // the pre-scan refuses. With 1 s per parse (+1 s per MiB) the watchdog stops it.
    const emphasis = `# Emphasis\n\n${'a* '.repeat(20_000)}\n`;
    const root = makeRoot({ 'docs/STYLE.md': STYLE, 'docs/EMPHASIS.md': emphasis });
    const result = await spawnCli(['--format', 'json'], root, { DOCS_CHECK_PARSE_TIMEOUT: '1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('docs-check: parsing `docs/EMPHASIS.md` took more than 1.1 s; stopped it and checked the other files\n');
    expect(rulesOf(result.stdout)).toEqual(['docs/EMPHASIS.md:1:1 valid-input', 'docs/STYLE.md:5:1 MD001']);
    const [stalled] = JSON.parse(result.stdout) as { messages: { message: string }[] }[];
    expect(stalled.messages[0].message).toBe(
      'Parsing this file took more than 1.1 s, so it was stopped and the file was not checked ' +
        '(expected markdown the parser reads in linear time: very large tables or paragraphs, or containers nested hundreds deep, are not)',
    );
  });

  it('ends quietly, with the status of the check, when the reader of its output goes away', async () => {
    const root = makeRoot({ 'docs/NO-CLEANUP.md': NO_CLEANUP, 'docs/STYLE.md': STYLE });
    // As `docs-check | head -c 0`: the reading end is closed before the report is written.
    const child = spawn(process.execPath, [path.join(REPO, 'bin/docs-check.mjs'), '--format', 'sarif'], { cwd: root });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
  });

  it('says in one line, with status 2, that the report could not be written', async () => {
    const plan = '---\nfiles_modified: []\nmust_haves:\n  truths: [The guide exists]\n---\n';
    const root = makeRoot({ 'docs/NO-CLEANUP.md': NO_CLEANUP, '.planning/01-01-PLAN.md': plan });
    for (const args of [['--no-markdownlint', 'docs'], ['plan']]) {
      // As `docs-check > /dev/full`: every write fails with ENOSPC.
      const result = await shell(`exec node "$0" ${args.join(' ')} > /dev/full`, root);
      expect(result, args.join(' ')).toEqual({
        code: 2,
        stdout: '',
        stderr: 'docs-check: cannot write the report to standard output: ENOSPC: no space left on device, write\n',
      });
    }
  });

  it('says in one line, with status 2, that the working directory is gone', async () => {
    const root = makeRoot({ 'docs/GUIDE.md': GUIDE });
    mkdirSync(path.join(root, 'gone'));
    for (const args of [[], ['plan']]) {
      const result = await shell(`cd gone && rmdir ../gone && exec node "$0" ${args.join(' ')}`, root);
      expect(result, args.join(' ')).toEqual({
        code: 2,
        stdout: '',
        stderr: 'docs-check: the current directory no longer exists; run npx docs-check from inside the repository\n',
      });
      mkdirSync(path.join(root, 'gone'));
    }
  });

  /** The launcher run by a shell command, with the launcher's path as `$0`. */
  async function shell(command: string, cwd: string): Promise<Run> {
    try {
      const { stdout, stderr } = await run('sh', ['-c', command, path.join(REPO, 'bin/docs-check.mjs')], { cwd });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('refuses a parse timeout that is not a number of seconds', async () => {
    const root = makeRoot({ 'docs/GUIDE.md': GUIDE });
    expect(await spawnCli([], root, { DOCS_CHECK_PARSE_TIMEOUT: 'soon' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'docs-check: DOCS_CHECK_PARSE_TIMEOUT: `soon` is not a number of seconds; expected a positive number such as 20\n',
    });
  });

  it('reports a broken markdownlint config as a configuration error', async () => {
    const root = makeRoot({ 'docs/GUIDE.md': GUIDE });
    writeFileSync(path.join(root, '.markdownlint-cli2.jsonc'), '{ "config": ');
    const result = await spawnCli([], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^docs-check: \.markdownlint-cli2\.jsonc: Unable to parse JSONC content/);
    expect(result.stderr.split('\n').length).toBe(2);
  });

  it('shows the engine findings through the markdownlint bridge, at the same places', async () => {
    const bridge = createRequire(import.meta.url)('../../plugins/markdownlint-doc-checks/index.cjs') as Rule[];
    // In-memory pages under docs/ (nothing is written): the editor's unsaved text.
    const plain = path.join(REPO, 'docs/__bridge-check__.md');
    const withFrontMatter = path.join(REPO, 'docs/__bridge-check-front-matter__.md');
    const outside = path.join(REPO, 'README-bridge-check.md');
    const results = await lint({
      strings: { [plain]: NO_CLEANUP, [withFrontMatter]: `---\ntitle: Guide\n---\n${NO_CLEANUP}`, [outside]: NO_CLEANUP },
      config: { default: false, 'doc-checks': true, 'doc-checks-warnings': 'warning' },
      customRules: bridge,
    });
    const shown = (file: string) =>
      results[file].map((e) => ({ line: e.lineNumber, rule: e.ruleNames[0], detail: e.errorDetail, range: e.errorRange, url: e.ruleInformation }));
    const expected = (line: number) => [
      {
        line,
        rule: 'doc-checks',
        detail: `tc-required-section: ${MISSING_CLEANUP}`,
        range: [1, '### TC-01: Basic Volume Lifecycle'.length],
        url: expect.stringMatching(/\/rules\/tc-required-section$/),
      },
    ];
    expect(shown(plain)).toEqual(expected(7));
    expect(shown(withFrontMatter)).toEqual(expected(10));
    // Only the files docs-check checks (docs/, .planning/) get its findings.
    expect(shown(outside)).toEqual([]);
  });

  it('builds the page through the markdownlint bridge from markdownlint’s own parse', async () => {
    const bridge = createRequire(import.meta.url)('../../plugins/markdownlint-doc-checks/index.cjs') as Rule[];
    const page = path.join(REPO, 'docs/__bridge-one-parse__.md');
    const tabbed = path.join(REPO, 'docs/__bridge-tabbed__.md');
    const trace = path.join(mkdtempSync(path.join(tmpdir(), 'docs-check-bridge-trace-')), 'trace');
    temporary.push(path.dirname(trace));
    process.env.DOCS_CHECK_TRACE = trace;
    try {
      await lint({
        strings: { [page]: NO_CLEANUP, [tabbed]: `${NO_CLEANUP}\n- item\n\n\tindented by a tab\n` },
        config: { default: false, 'doc-checks': true, 'doc-checks-warnings': 'warning' },
        customRules: bridge,
      });
    } finally {
      delete process.env.DOCS_CHECK_TRACE;
    }
    const lines = readFileSync(trace, 'utf8').split('\n').filter((line) => line.includes('__bridge-'));
    expect(lines.sort()).toEqual([
      "model from markdownlint's parse: docs/__bridge-one-parse__.md",
      'parse markdown (engine): docs/__bridge-tabbed__.md',
      'tokens not rebuilt (a tab in the indentation): docs/__bridge-tabbed__.md',
    ]);
  });

  it('shows the engine warnings as markdownlint warnings, through the second bridge rule', async () => {
    const bridge = createRequire(import.meta.url)('../../plugins/markdownlint-doc-checks/index.cjs') as Rule[];
    const planText = readFileSync(path.join(REPO, '.planning/phases/32-resilience-regression-tests/32-02-PLAN.md'), 'utf8');
    // An unsaved copy of the plan: no review record beside it, so its blocking checkpoint is pending.
    const plan = path.join(REPO, '.planning/phases/__bridge-check__/32-02-PLAN.md');
    const results = await lint({
      strings: { [plan]: planText },
      config: { default: false, 'doc-checks': true, 'doc-checks-warnings': 'warning' },
      customRules: bridge,
    });
    expect(results[plan].map((e) => [e.lineNumber, e.ruleNames[0], e.severity, e.errorDetail?.split(':')[0]])).toEqual([
      [204, 'doc-checks-warnings', 'warning', 'checkpoint-approval'],
    ]);
  });
});
