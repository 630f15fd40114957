/**
 * The human format, modelled on ESLint's `stylish`: findings grouped under
 * their file, one row each, the pages of the rules that reported, and a
 * summary line. Only the short columns (position, severity) are aligned:
 * padding every message to the longest would make the output grow with the
 * square of the findings and push short rows off a terminal's width.
 * Prints nothing when there is nothing to report, so a clean run stays quiet.
 */
import { capText } from '../brief';
import type { CheckResults, Diagnostic } from '../types';

const SEVERITY_WIDTH = 'warning'.length;

export function stylish(results: CheckResults): string {
  const blocks: string[] = [];
  const pages = new Map<string, string>();
  for (const file of results.files) {
    if (file.diagnostics.length === 0) continue;
    const width = Math.max(...file.diagnostics.map((d) => position(d).length));
    blocks.push(`${file.file}\n${file.diagnostics.map((d) => row(d, width)).join('\n')}\n`);
    for (const d of file.diagnostics) if (d.url && !pages.has(d.ruleId)) pages.set(d.ruleId, d.url);
  }
  if (blocks.length === 0) return '';
  const total = results.errorCount + results.warningCount;
  const summary =
    `✖ ${total} ${plural(total, 'problem')} ` +
    `(${results.errorCount} ${plural(results.errorCount, 'error')}, ` +
    `${results.warningCount} ${plural(results.warningCount, 'warning')})`;
  const legend = pages.size === 0 ? '' : `Rule pages:\n${table([...pages]).join('\n')}\n\n`;
  return `${blocks.join('\n')}\n${legend}${summary}\n`;
}

function position(d: Diagnostic): string {
  return `${d.line}:${d.column}`;
}

function row(d: Diagnostic, positionWidth: number): string {
  // A message is one line in a row; rules should not wrap, but a stray
  // newline must not break the rows below it.
  const message = capText(d.message).replace(/\s*[\r\n]+\s*/g, ' ');
  return `  ${position(d).padEnd(positionWidth)}  ${d.severity.padEnd(SEVERITY_WIDTH)}  ${message}  ${d.ruleId}`;
}

/** Rule ids are short names from the registries; aligning them costs little. */
function table(rows: [string, string][]): string[] {
  const width = Math.min(Math.max(...rows.map(([id]) => id.length)), 40);
  return rows.map(([id, url]) => `  ${id.padEnd(width)}  ${url}`);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
