/**
 * The engine: parse each file once, run the registered rules over its model,
 * and return sorted results. Every adapter calls `checkProject`; none of them
 * sorts, counts or decides the exit code on its own.
 */
import { defaultFiles, isPlan } from './files';
import { normaliseOptions, type OptionsInput } from './options';
import { inputProblem } from './diagnostics';
import { RULES } from './rules/index';
import type {
  AnyRule,
  CheckResults,
  Diagnostic,
  Locatable,
  PageRule,
  PlanRule,
  ReportExtra,
  RuleMeta,
} from './types';
import { ProjectWorkspace } from './workspace';
import { noteUncacheable } from './cache/track';
import { collectResults } from './results';
import { timed } from './timing';

export { collectResults, compareDiagnostics, exitCode } from './results';
export { handOverTokens } from './tokens/capture';

export interface CheckRequest extends OptionsInput {
  root: string;
  /** Repository-relative files to check; default: `docs/**\/*.md` and `.planning/**\/*.md`. */
  files?: string[];
  /** Contents that win over the disk, keyed by repository-relative path. */
  contents?: ReadonlyMap<string, string>;
  /** Rules to run; default: the registry. */
  rules?: readonly AnyRule[];
  /** Diagnostics produced elsewhere (markdownlint) to merge into the results. */
  extra?: Diagnostic[];
  /** Metadata of the rules behind `extra`, so formatters can describe them. */
  extraRules?: RuleMeta[];
  /** Wraps the check of each file (`--cache` notes what each file's rules read). */
  eachFile?: (file: string, check: () => Promise<void>) => Promise<void>;
}

export async function checkProject(request: CheckRequest): Promise<CheckResults> {
  const options = normaliseOptions(request);
  const rules = (request.rules ?? RULES).filter((r) => !options.disabledRules.includes(r.id));
  const workspace = new ProjectWorkspace({
    root: options.root,
    sourceRoot: options.sourceRoot,
    contents: request.contents,
  });
  const files = request.files ?? (await defaultFiles(options.root));
  const diagnostics: Diagnostic[] = [...(request.extra ?? [])];

  const eachFile = request.eachFile ?? ((_file: string, check: () => Promise<void>) => check());
  for (const file of files) {
    await eachFile(file, () => checkFile(file));
  }
  return collectResults(diagnostics, [...rules, ...(request.extraRules ?? [])], files);

  async function checkFile(file: string): Promise<void> {
    if (isPlan(file)) {
      const plan = await workspace.plan(file);
      if (!plan) {
        diagnostics.push(fileMissing(workspace, file));
        return;
      }
      for (const rule of rules.filter((r): r is PlanRule => r.scope === 'plan')) {
        await runRule(rule, file, diagnostics, (report) => rule.check({ plan, workspace, options, report }));
      }
      return;
    }
    const page = await workspace.page(file);
    if (!page) {
      diagnostics.push(fileMissing(workspace, file));
      return;
    }
    for (const rule of rules.filter((r): r is PageRule => r.scope === 'page')) {
      await runRule(rule, file, diagnostics, (report) => rule.check({ page, workspace, options, report }));
    }
  }
}

type Report = (at: Locatable | undefined, message: string, extra?: ReportExtra) => void;

async function runRule(
  rule: AnyRule,
  file: string,
  sink: Diagnostic[],
  run: (report: Report) => void | Promise<void>,
): Promise<void> {
  const report: Report = (at, message, extra) => {
    sink.push(toDiagnostic(rule, file, at, message, extra));
  };
  try {
    await timed(rule.id, () => run(report));
  } catch (error) {
    // A rule bug must not hide the other findings or print a stack trace.
    // It may be passing (a file descriptor short): not a result to keep.
    noteUncacheable(`rule \`${rule.id}\` failed`);
    report(undefined, `Rule \`${rule.id}\` failed on this file: ${String((error as Error)?.message ?? error)}`);
  }
}

function toDiagnostic(
  rule: RuleMeta,
  file: string,
  at: Locatable | undefined,
  message: string,
  extra: ReportExtra = {},
): Diagnostic {
  const span = spanOf(at);
  return {
    file,
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
    ruleId: rule.id,
    severity: extra.severity ?? rule.severity,
    message,
    ...(extra.testCase ? { testCase: extra.testCase } : {}),
    url: rule.url,
  };
}

function spanOf(at: Locatable | undefined) {
  // Nodes first: some nodes (an ordered list) have a numeric `start` of their own.
  if (at && 'position' in at && at.position) return at.position;
  if (at && 'start' in at && typeof at.start === 'object') return at;
  return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
}

function fileMissing(workspace: ProjectWorkspace, file: string): Diagnostic {
  // A symbolic link out of the repository exists, but is not read: say which it is.
  const problem = workspace.fileProblem(file) ?? `\`${file}\` could not be read`;
  const why = problem.endsWith('does not exist') ? `${problem} inside the repository` : `${problem}, so it was not read`;
  return inputProblem(file, `${why}; expected a markdown file to check`);
}
