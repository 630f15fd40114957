/**
 * ESLint's JSON format, so tools that read ESLint results (annotators,
 * dashboards) read ours unchanged. `filePath` stays repository-relative.
 */
import { capText } from '../brief';
import type { CheckResults } from '../types';

/** ESLint's numeric severities. */
const SEVERITY = { warning: 1, error: 2 } as const;

export function json(results: CheckResults): string {
  const files = results.files.map((file) => ({
    filePath: file.file,
    messages: file.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      severity: SEVERITY[d.severity],
      message: capText(d.message),
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
    })),
    errorCount: file.errorCount,
    warningCount: file.warningCount,
    // Nothing here is fatal (a file that cannot be read is a diagnostic) or fixable.
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  }));
  return `${JSON.stringify(files)}\n`;
}
