/**
 * The human format, modelled on ESLint's `stylish`: findings grouped under
 * their file, one aligned row each, and a summary line. Prints nothing when
 * there is nothing to report, so a clean run stays quiet.
 */
import type { CheckResults, Diagnostic } from '../types';

export function stylish(results: CheckResults): string {
  const blocks: string[] = [];
  for (const file of results.files) {
    if (file.diagnostics.length === 0) continue;
    blocks.push(`${file.file}\n${table(file.diagnostics.map(row)).join('\n')}\n`);
  }
  if (blocks.length === 0) return '';
  const total = results.errorCount + results.warningCount;
  const summary =
    `✖ ${total} ${plural(total, 'problem')} ` +
    `(${results.errorCount} ${plural(results.errorCount, 'error')}, ` +
    `${results.warningCount} ${plural(results.warningCount, 'warning')})`;
  return `${blocks.join('\n')}\n${summary}\n`;
}

function row(d: Diagnostic): string[] {
  // A message is one line in a table row; rules should not wrap, but a
  // stray newline must not break the alignment of the rows below it.
  return [`${d.line}:${d.column}`, d.severity, d.message.replace(/\s*[\r\n]+\s*/g, ' '), d.ruleId];
}

/** Pads every column but the last to its widest cell, two spaces apart. */
function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map(
    (cells) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  '),
  );
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
