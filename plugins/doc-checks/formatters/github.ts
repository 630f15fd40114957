/**
 * GitHub Actions workflow commands: each finding becomes an annotation on
 * the pull request's diff. Escaping follows the runner's command parser.
 */
import { capText } from '../brief';
import type { CheckResults, Diagnostic } from '../types';

export function github(results: CheckResults): string {
  const lines: string[] = [];
  for (const file of results.files) {
    for (const d of file.diagnostics) lines.push(command(d));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function command(d: Diagnostic): string {
  const properties: [string, string | number][] = [
    ['file', d.file],
    ['line', d.line],
  ];
  // The runner rejects columns on an annotation that spans several lines.
  if (d.endLine === d.line) properties.push(['col', d.column]);
  properties.push(['endLine', d.endLine]);
  if (d.endLine === d.line) properties.push(['endColumn', d.endColumn]);
  properties.push(['title', d.ruleId]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  // The rule's page on a line of its own: the annotation shows where to read more.
  const message = d.url ? `${capText(d.message)}\n${d.url}` : capText(d.message);
  return `::${d.severity} ${props}::${escapeData(message)}`;
}

/** The message: only what ends a command line, and the escape character itself. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: additionally the separators of the property list. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
