/**
 * Runs the doc checks on every page the site builds. The engine decides
 * what is wrong; this adapter only reports it the way Docusaurus needs:
 * warnings are printed here (Docusaurus drops `file.message` warnings), and
 * errors are thrown as one error listing all of them (and no stack), which
 * fails the build.
 */
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { checkProject } from '../doc-checks/engine';
import { relativeToRoot } from '../doc-checks/source/paths';
import type { AnyRule, Diagnostic } from '../doc-checks/types';
import { remarkPageFailure } from './failure';

export interface CheckOptions {
  /** Repository root of the docs (the site directory). Default: the working directory. */
  root?: string;
  /** Driver checkout for the `code-link` rule. Default: none (the engine then reads RDS_CSI_SOURCE). */
  driverSourceRoot?: string;
  /** Rules to run. Default: the engine's registry. */
  rules?: readonly AnyRule[];
  /** Where warnings go. Default: standard error. */
  warn?: (text: string) => void;
}

/** `docs/TESTING.md:12:3  message  rule-id`, the shape editors and terminals link. */
export function formatDiagnostic(d: Pick<Diagnostic, 'file' | 'line' | 'column' | 'message' | 'ruleId'>): string {
  return `${d.file}:${d.line}:${d.column}  ${d.message}  ${d.ruleId}`;
}

const remarkDocChecks: Plugin<[CheckOptions?], Root> = function (options = {}) {
  const root = options.root ?? process.cwd();
  const sourceRoot = options.driverSourceRoot;
  const rules = options.rules;
  const warn = options.warn ?? ((text: string) => process.stderr.write(`${text}\n`));

  return async (_tree, file) => {
    const page = file.path ? relativeToRoot(root, file.path) : undefined;
    if (page === undefined) return;
    const results = await checkProject({
      root,
      files: [page],
      contents: new Map([[page, String(file.value)]]),
      ...(sourceRoot ? { sourceRoot } : {}),
      ...(rules ? { rules } : {}),
    });
    const diagnostics = results.files.flatMap((f) => f.diagnostics);
    const warnings = diagnostics.filter((d) => d.severity === 'warning');
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (warnings.length > 0) {
      warn(`[doc-checks] ${count(warnings.length, 'warning')} in ${page}:\n${warnings.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`);
    }
    if (errors.length > 0) {
      throw remarkPageFailure(
        `[doc-checks] ${count(errors.length, 'error')} in ${page}:\n${errors.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`,
      );
    }
  };
};

export default remarkDocChecks;

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
