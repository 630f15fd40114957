/**
 * Sorting, grouping, counting and the exit status of a check: the engine
 * owns them, and `--cache` assembles reused results with the same code,
 * without loading the engine.
 */
import type { CheckResults, Diagnostic, FileResult, RuleMeta } from './types';

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Sort, group by file and count. Files without findings are kept (SARIF, JSON list them). */
export function collectResults(
  diagnostics: Diagnostic[],
  rules: readonly RuleMeta[],
  files: readonly string[] = [],
): CheckResults {
  const byFile = new Map<string, Diagnostic[]>();
  for (const file of files) byFile.set(file, []);
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  const fileResults: FileResult[] = [...byFile.keys()].sort().map((file) => {
    const list = byFile.get(file) ?? [];
    return {
      file,
      diagnostics: list,
      errorCount: list.filter((d) => d.severity === 'error').length,
      warningCount: list.filter((d) => d.severity === 'warning').length,
    };
  });
  const unique = new Map(rules.map((r) => [r.id, r]));
  return {
    files: fileResults,
    errorCount: fileResults.reduce((n, f) => n + f.errorCount, 0),
    warningCount: fileResults.reduce((n, f) => n + f.warningCount, 0),
    rules: [...unique.values()].map(({ id, description, url, severity, scope }) => ({
      id,
      description,
      url,
      severity,
      scope,
    })),
  };
}

/** 0: no errors; 1: errors. (2, a usage error, is the CLI's to return.) */
export function exitCode(results: CheckResults): 0 | 1 {
  return results.errorCount > 0 ? 1 : 0;
}
