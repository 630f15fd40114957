/**
 * `docs-check run [FILES]`: argument parsing and output for the runner.
 * Blocks run only after the static rules that guard them pass, and every
 * failed block becomes a `run-result` finding in the chosen format.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { filesOf, realDirectory, sourceRootOf, startParseWatchdog, UsageError, type CliIo } from '../cli';
import { collectResults, checkProject, exitCode } from '../engine';
import { defaultFiles, isPlan } from '../files';
import { FORMAT_NAMES, FORMATTERS, isFormatName } from '../formatters/index';
import { gitTopLevel } from '../git';
import { writeFileAtomic } from '../plan/lock';
import runnableBlock from '../rules/runnable-block';
import shellSyntax from '../rules/shell-syntax';
import validInput from '../rules/valid-input';
import type { Diagnostic, Page, RuleMeta } from '../types';
import { ProjectWorkspace } from '../workspace';
import { rdsHostOf } from './routeros/steps';
import { mockSummary, stepDiagnostic } from './routeros/findings';
import { RUN_RESULT } from './run-result';
import { runBlocks, selectBlocks, selectSteps, type BlockResult } from './runner';

const HELP = `Usage: npx docs-check run [options] [files...]

Runs the guides' shell blocks marked \`run\` (\`\`\`bash run) with bash, one by
one, in a scratch copy of the driver source, and reports each failed block as
a \`run-result\` finding at its line. Default files: docs/**/*.md.

With --routeros-mock it also builds the driver's mock RouterOS (test/mock)
in that copy and sends it the RouterOS commands of \`ssh <rds> '<command>'\`
calls in the files' shell blocks, where <rds> is the host a page names in its
frontmatter (\`rds_ssh: admin@10.42.241.3\`). Each step runs on a fresh mock
holding the disks its expected output shows, and its reply is compared with
that output by structure: passed, failed (a \`run-result\` finding), answered
(nothing to compare), not answered (the mock refused it or printed nothing:
reported, not a failure) or not run (a value the guide does not show).

Options:
      --filter TEXT        only blocks and steps of test case TEXT (TC-09) or
                           under a heading containing TEXT; repeatable
      --routeros-mock      also run the RouterOS steps against the driver's
                           mock RouterOS
      --timeout SECONDS    time limit of each block, and of building and of
                           running the mock RouterOS (default: ${600})
      --report FILE        write each block's and step's result as JSON to FILE
                           (atomically)
      --source-root DIR    driver source checkout (default: $RDS_CSI_SOURCE)
  -f, --format NAME        output format: ${FORMAT_NAMES.join(', ')} (default: stylish)
  -h, --help               show this help

Exit status: 0 every block and step passed, 1 a block or step failed or a
block may not run, 2 usage or configuration error (no driver source, Go not
installed, a mock RouterOS that does not build).
`;

const OPTIONS = {
  filter: { type: 'string', multiple: true },
  'routeros-mock': { type: 'boolean' },
  timeout: { type: 'string' },
  report: { type: 'string' },
  'source-root': { type: 'string' },
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const;


/** The rules that must pass before anything runs: a block they refuse never reaches bash. */
const GUARDS = [validInput, shellSyntax, runnableBlock];

export async function runRunCommand(argv: string[], io: CliIo): Promise<number> {
  const cwd = realDirectory(io.cwd);
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = values.format ?? 'stylish';
  if (!isFormatName(format)) throw new UsageError(`--format: \`${format}\` is not a format; expected one of ${FORMAT_NAMES.join(', ')}`);
  const timeoutSeconds = timeoutOf(values.timeout);
  startParseWatchdog(io.env);
  const sourceRoot = sourceRootOf(values['source-root'], io, cwd);
  if (!sourceRoot) throw new UsageError('no driver source: set RDS_CSI_SOURCE or pass --source-root DIR; the blocks run in a copy of it');
  const root = (await gitTopLevel(cwd)) ?? cwd;
  const outside: Diagnostic[] = [];
  const files = (positionals.length > 0 ? await filesOf(positionals, root, cwd, outside) : await defaultFiles(root)).filter((f) => !isPlan(f));

  const guarded = await checkProject({ root, files, rules: GUARDS, extra: outside });
  const write = (diagnostics: Diagnostic[], rules: RuleMeta[]) => FORMATTERS[format](collectResults(diagnostics, rules, files));
  if (exitCode(guarded) !== 0) {
    io.stderr.write('docs-check run: blocks that may not run were found; nothing was run\n');
    io.stdout.write(write(guarded.files.flatMap((f) => f.diagnostics), guarded.rules));
    return 1;
  }

  const workspace = new ProjectWorkspace({ root });
  const pages = (await Promise.all(files.map((f) => workspace.page(f)))).filter((p): p is Page => p !== undefined);
  const filters = values.filter ?? [];
  const routerOsMock = values['routeros-mock'] === true;
  const steps = routerOsMock ? selectSteps(pages, filters).length : 0;
  if (selectBlocks(pages, filters).length === 0 && steps === 0) {
    const what = routerOsMock ? 'block marked `run` or RouterOS step' : 'block marked `run`';
    if (filters.length > 0) throw new UsageError(`--filter ${filters.map((f) => `\`${f}\``).join(', ')} selects no ${what}`);
    io.stderr.write(`docs-check run: no ${what}\n`);
  }
  if (routerOsMock && pages.every((p) => !rdsHostOf(p))) {
    io.stderr.write('docs-check run: no page names its RDS (`rds_ssh:` in the frontmatter), so no RouterOS step was found\n');
  }
  const report = await runBlocks({
    pages,
    sourceRoot,
    filters,
    timeoutSeconds,
    routerOsMock,
    env: io.env as NodeJS.ProcessEnv,
    progress: (r) => io.stderr.write(`${r.status === 'passed' ? 'passed' : 'FAILED'}  ${r.file}:${r.line}  ${r.firstCommand}  (${(r.durationMs / 1000).toFixed(1)} s)\n`),
  });
  if (report.routerOsMock) io.stderr.write(mockSummary(report.routerOsMock));
  if (values.report !== undefined) {
    try {
      await writeFileAtomic(path.resolve(cwd, values.report), `${JSON.stringify(report, null, 2)}\n`);
    } catch (error) {
      throw new UsageError(`--report: cannot write \`${values.report}\`: ${(error as Error).message}`);
    }
  }
  const findings = [
    ...report.blocks.filter((b) => b.status === 'failed').map(toDiagnostic),
    ...(report.routerOsMock?.steps ?? []).filter((s) => s.status === 'failed').map(stepDiagnostic),
  ];
  const results = collectResults(findings, [RUN_RESULT], files);
  io.stdout.write(FORMATTERS[format](results));
  if (report.routerOsMock?.error) {
    io.stderr.write(`docs-check: ${report.routerOsMock.error}\n`);
    return 2;
  }
  return exitCode(results);
}

/** A failed block as a finding at its opening fence, with the end of its output. */
function toDiagnostic(result: BlockResult): Diagnostic {
  const tail = result.outputTail.split('\n').slice(-5).join('\n');
  return {
    file: result.file,
    line: result.line,
    column: 1,
    endLine: result.line,
    endColumn: 1,
    ruleId: RUN_RESULT.id,
    severity: 'error',
    message:
      `\`${result.firstCommand}\` failed after ${(result.durationMs / 1000).toFixed(1)} s: ${result.problems.join('; ')}; ` +
      'expected exit status 0, tests that ran and the expected output the guide shows' +
      (tail ? `. Output ends:\n${tail}` : ''),
    ...(result.testCase ? { testCase: result.testCase } : {}),
    url: RUN_RESULT.url,
  };
}

function timeoutOf(value: string | undefined): number {
  if (value === undefined) return 600;
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 1) throw new UsageError(`--timeout: \`${value}\` is not a whole number of seconds (1 or more)`);
  return seconds;
}

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see \`docs-check run --help\``);
  }
}
