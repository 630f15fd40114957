/**
 * The `docs-check` command line: argument parsing and dispatch only. The
 * engine checks, the formatters print, and markdownlint's style rules run
 * through the same call so one command reports both.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultFiles, findFiles, isMarkdown, isPlan } from './files';
import { FORMAT_NAMES, FORMATTERS, isFormatName } from './formatters/index';
import { changedFiles, GitError, gitTopLevel } from './git';
import { OptionsError } from './options';
import { writeFileAtomic } from './plan/lock';
import { inputProblem } from './diagnostics';
import { relativeToRoot } from './source/paths';
import type { CheckScope, EachFile } from './cache/cli-run';
import { DEFAULT_CACHE_FILE } from './cache/store';
import { collectResults, exitCode } from './results';
import { enableParseBudget, stalledFiles, timeoutOf, TooManyStalls } from './watchdog/budget';
import { enableTiming, recordedTimings, timingRows, timingTable } from './timing';
import type { CheckResults, Diagnostic, RuleMeta } from './types';
import type { MarkdownlintRun } from './markdownlint/run';

// For the build, which writes the bundle's code cache after a check (launch/load-cli.ts).
export { restoreHeapFlags } from './heap';

export interface CliStream {
  write(chunk: string): unknown;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** A mistake in how the command was called: exit status 2, message, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const HELP = `Usage: npx docs-check [options] [paths...]
       npx docs-check plan [options]
       npx docs-check review [options]
       npx docs-check run [options] [files...]   (see npx docs-check run --help)

Checks the guides (docs/**/*.md) and the plans (.planning/**/*.md) of the
repository that holds the current directory, with docs-check's rules and
markdownlint's style rules. Paths name files or directories inside it.

Options:
  -f, --format NAME        output format: ${FORMAT_NAMES.join(', ')} (default: stylish)
      --source-root DIR    driver source checkout used to verify code links
                           (default: $RDS_CSI_SOURCE)
      --require-approvals  report pending, stale or suspect blocking checkpoints as errors;
                           with --changed, also check each plan whose reviewed files changed
      --changed [BASE]     only files changed since the merge base with BASE
                           (default: origin/main, else HEAD), plus untracked files
                           and the pages that link to a changed or deleted file;
                           write --changed=BASE when BASE could be read as a path
      --no-markdownlint    skip markdownlint's style rules
      --cache              reuse the results of files whose inputs did not change
                           since the last --cache run (the file, the pages and
                           driver source it consults, the config, the options,
                           docs-check's build); a run where nothing changed
                           parses nothing
      --cache-location FILE
                           where --cache keeps its results (with --cache;
                           default: ${DEFAULT_CACHE_FILE} at the repository root)
  -o, --output FILE        write the report to FILE instead of standard output
  -h, --help               show this help
  -v, --version            show the version

Environment:
  RDS_CSI_SOURCE             driver source checkout (as --source-root)
  DOCS_CHECK_PARSE_TIMEOUT   seconds a file may take to parse, plus as much
                             again per MiB (default: 20); a file over it is
                             reported as \`valid-input\` and the rest is checked
  DOCS_CHECK_TIMING          1 (the ten slowest), a larger number, or all:
                             after the report, a table on standard error of
                             the time each rule and each phase took

Exit status: 0 no errors, 1 errors found, 2 usage or configuration error.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'source-root': { type: 'string' },
  'require-approvals': { type: 'boolean' },
  changed: { type: 'string' },
  'no-markdownlint': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    if (argv[0] === 'plan') return await (await import('./plan/commands')).runPlanCommand(argv.slice(1), io);
    if (argv[0] === 'review') return await (await import('./plan/commands')).runReviewCommand(argv.slice(1), io);
    const code = argv[0] === 'run' ? await (await import('./run/command')).runRunCommand(argv.slice(1), io) : await check(argv, io);
    noteStalls(io);
    return code;
  } catch (error) {
    if (error instanceof TooManyStalls) {
      noteStalls(io);
      io.stderr.write(`docs-check: ${error.message}\n`);
      return 2;
    }
    // GoMissingError by name: the runner module is loaded only by `docs-check run`.
    const configuration = (error as Error | undefined)?.name === 'GoMissingError';
    if (error instanceof UsageError || error instanceof OptionsError || error instanceof GitError || configuration) {
      io.stderr.write(`docs-check: ${(error as Error).message}\n`);
    } else {
      // A bug of ours: say so in one line; the exit status tells CI it was not a finding.
      io.stderr.write(`docs-check: internal error: ${String((error as Error)?.message ?? error)}\n`);
    }
    return 2;
  }
}

async function check(argv: string[], io: CliIo): Promise<number> {
  const cwd = realDirectory(io.cwd);
  const { values, positionals } = parseCheckArgs(argv, cwd);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const format = values.format ?? 'stylish';
  if (!isFormatName(format)) {
    throw new UsageError(`--format: \`${format}\` is not a format; expected one of ${FORMAT_NAMES.join(', ')}`);
  }
  startParseWatchdog(io.env);
  const timingRowCount = timingRows(io.env);
  if (typeof timingRowCount !== 'number') throw new UsageError(timingRowCount.problem);
  if (timingRowCount > 0) enableTiming();
  const sourceRoot = sourceRootOf(values['source-root'], io, cwd);
  const root = (await gitTopLevel(cwd)) ?? cwd;

  const outside: Diagnostic[] = [];
  let files = positionals.length > 0 ? await filesOf(positionals, root, cwd, outside) : await defaultFiles(root);
  if (values.changed !== undefined) {
    const changes = await changedFiles(root, values.changed || undefined);
    // The review gate: a change to what a plan's review covers brings the plan along.
    const gated = values['require-approvals']
      ? await (await import('./plan/review')).plansTouchedBy(root, new Set([...changes.changed, ...changes.deleted]))
      : [];
    const checked = await (await import('./changed')).filesToCheck(root, files, changes);
    files = files.filter((f) => checked.includes(f) || gated.includes(f));
  }

  const pages = files.filter((f) => !isPlan(f));
  // Large pages get a heap that is collected sooner, so a 2 MiB page stays under 500 MB.
  const heap = await import('./heap');
  heap.fitHeapToPages();
  const settings = { root, sourceRoot, requireApprovals: values['require-approvals'] ?? false, markdownlint: !values['no-markdownlint'] };
  const checkEach = (some: string[], somePages: string[], eachFile?: EachFile) =>
    checkFiles({ ...settings, files: some, pages: somePages, eachFile });
  let results: CheckResults;
  if (values['cache-location'] !== undefined && !values.cache) {
    throw new UsageError('--cache-location: only used with --cache; add --cache');
  }
  if (values.cache) {
    const location = path.resolve(cwd, values['cache-location'] ?? path.join(root, DEFAULT_CACHE_FILE));
    results = await (await import('./cache/cli-run')).checkWithCache({ ...settings, files, pages, outside, location, io }, checkEach);
  } else {
    const { structure, style } = await checkEach(files, pages);
    results = collectResults(
      [...outside, ...structure.files.flatMap((f) => f.diagnostics), ...style.diagnostics],
      [...structure.rules, ...style.rules],
      files,
    );
  }
  heap.traceYoungGeneration();
  const report = FORMATTERS[format](results);
  if (values.output !== undefined) {
    const target = path.resolve(cwd, values.output);
    try {
      // Written whole or not at all: a half-written report is worse than none.
      await writeFileAtomic(target, report);
    } catch (error) {
      throw new UsageError(`--output: cannot write \`${values.output}\`: ${(error as Error).message}`);
    }
  } else {
    io.stdout.write(report);
  }
  // After the report, on standard error: a JSON or SARIF report stays whole.
  if (timingRowCount > 0) io.stderr.write(timingTable(recordedTimings(), performance.now(), timingRowCount));
  return exitCode(results);
}

interface CheckFilesRequest extends CheckScope {
  eachFile?: EachFile;
}

/** The engine's and markdownlint's findings for `files`, each as its checker returns them. */
async function checkFiles(request: CheckFilesRequest): Promise<{ structure: CheckResults; style: MarkdownlintRun }> {
  const { root, pages } = request;
  // Loaded only now, so `--help` and usage errors answer at once, and
  // `--no-markdownlint` never loads markdownlint. markdownlint parses each
  // page first and hands its parse on: the engine builds its models from
  // those trees instead of parsing the pages a second time.
  const style: MarkdownlintRun = request.markdownlint
    ? await (await import('./markdownlint/run')).runMarkdownlint({ root, files: pages })
    : { diagnostics: [] as Diagnostic[], rules: [] as RuleMeta[] };
  const { checkProject } = await import('./engine');
  const structure = await checkProject({
    root,
    files: request.files,
    sourceRoot: request.sourceRoot,
    requireApprovals: request.requireApprovals,
    eachFile: request.eachFile,
  });
  return { structure, style };
}

/** Gives every markdown parse of this run its time budget (watchdog/budget.ts), or refuses a bad setting. */
export function startParseWatchdog(env: CliIo['env']): void {
  const timeout = timeoutOf(env);
  if (typeof timeout !== 'number') throw new UsageError(timeout.problem);
  enableParseBudget(timeout);
}

/** One line on standard error for each file whose parse the watchdog stopped. */
function noteStalls(io: CliIo): void {
  for (const [file, seconds] of stalledFiles()) {
    io.stderr.write(`docs-check: parsing \`${file}\` took more than ${seconds} s; stopped it and checked the other files\n`);
  }
}

/** The options and paths of a check, as the command line gives them. */
export function parseCheckArgs(argv: string[], cwd: string) {
  return parse(withChangedValue(argv, cwd));
}

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw new UsageError(`unknown option \`${option}\`; see \`npx docs-check --help\``);
    }
    throw new UsageError(`${message}; see \`npx docs-check --help\``);
  }
}

/**
 * `--changed` takes an optional base, which parseArgs cannot express: the
 * next word is the base unless it is an option or an existing path (then it
 * is a path to check). The result always carries a value (`''` = default).
 */
function withChangedValue(argv: string[], cwd: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (arg !== '--changed') {
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('-') && !existsSync(path.resolve(cwd, next))) {
      out.push(`--changed=${next}`);
      i++;
    } else {
      out.push('--changed=');
    }
  }
  return out;
}

export function sourceRootOf(flag: string | undefined, io: CliIo, cwd: string): string | undefined {
  const [name, value] = flag !== undefined ? ['--source-root', flag] : ['RDS_CSI_SOURCE', io.env.RDS_CSI_SOURCE];
  if (!value) return undefined;
  const absolute = path.resolve(cwd, value);
  if (!isDirectory(absolute)) {
    throw new UsageError(`${name}: \`${value}\` is not a directory; expected a checkout of the driver source`);
  }
  return absolute;
}

/**
 * Repository-relative files for the paths given on the command line.
 * Directories expand to their markdown files; a path outside the
 * repository becomes a finding instead of being read.
 */
export async function filesOf(args: string[], root: string, cwd: string, outside: Diagnostic[]): Promise<string[]> {
  const files = new Set<string>();
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    const relative = relativeToRoot(root, absolute);
    if (relative === undefined) {
      outside.push(
        inputProblem(path.relative(root, absolute).split(path.sep).join('/'), `\`${arg}\` is outside the repository; expected a path inside it`),
      );
    } else if (isDirectory(absolute)) {
      for (const f of await findFiles(root, [relative], isMarkdown)) files.add(f);
    } else {
      // A missing file is reported by the engine, once, as `valid-input`.
      files.add(relative);
    }
  }
  return [...files].sort();
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The working directory with symbolic links resolved, as git reports its top level. */
export function realDirectory(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    throw new UsageError(`the working directory \`${dir}\` does not exist`);
  }
}

/** The version of the package this file belongs to (source or bundle). */
function version(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unknown';
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
