import type { Code } from 'mdast';
import { compileFormats, compileGrep, grepPattern, literalOf, matchMessage, messageOf, nearestFormat, type CompiledFormat } from '../source/log-match';
import type { Command, PageRule, Point } from '../types';
import { ruleUrl } from './url';

const GREPS: Record<string, 'basic' | 'extended' | 'fixed'> = { grep: 'basic', egrep: 'extended', fgrep: 'fixed' };

/** A fenced block whose info string is `text driver-log`: lines the driver logs. */
export function isDriverLog(code: Code): boolean {
  return code.lang === 'text' && (code.meta ?? '').split(/\s+/).includes('driver-log');
}

/** The point of a line of a code block's content (line 1 is the line after the fence). */
function lineAt(code: Code, line: number): { start: Point; end: Point } {
  const point = { line: (code.position?.start.line ?? 1) + line, column: code.position?.start.column ?? 1 };
  return { start: point, end: point };
}

function nearest(text: string, formats: CompiledFormat[]): string {
  const near = nearestFormat(text, formats);
  return near ? `; the nearest is "${near.call.format}" (${near.call.file}:${near.call.line})` : '';
}

/** Log lines and log greps in a guide are only useful if the driver really logs them. */
const rule: PageRule = {
  id: 'driver-log',
  description: 'Lines of a `text driver-log` block, and patterns grepped from `kubectl logs`, match a format string the driver logs',
  url: ruleUrl('driver-log'),
  severity: 'error',
  scope: 'page',
  async check({ page, workspace, report }) {
    const source = workspace.goSource();
    if (!source) return;
    const blocks = page.codeBlocks.filter(isDriverLog);
    const greps = page.commands.flatMap((command) => logGreps(command));
    if (blocks.length === 0 && greps.length === 0) return;
    const formats = compileFormats(await source.logFormats());
    for (const block of blocks) {
      block.value.split('\n').forEach((line, i) => {
        const message = messageOf(line);
        if (message === '' || matchMessage(message, formats)) return;
        report(lineAt(block, i + 1), `Log line "${message}" matches no format string the driver logs${nearest(message, formats)}`);
      });
    }
    for (const { command, line, words, mode } of greps) {
      const grep = grepPattern(words);
      // A pattern built from shell variables is known only when the command runs.
      if (!grep || grep.pattern.includes('$')) continue;
      if (mode !== 'basic' && grep.mode === 'basic') grep.mode = mode;
      const compiled = compileGrep(grep);
      const at = lineAt(command.node, line);
      if ('problem' in compiled) {
        report(at, `\`grep\` pattern "${grep.pattern}" cannot be checked (${compiled.problem}); expected a pattern the linear-time engine can run`);
        continue;
      }
      const hit = formats.some((f) => compiled.regex.matcher(f.call.format).find() || compiled.regex.matcher(literalOf(f.call.format)).find());
      if (!hit) {
        report(at, `\`grep${grep.ignoreCase ? ' -i' : ''}\` pattern "${grep.pattern}" (${grep.mode} syntax) matches no format string the driver logs${nearest(grep.pattern, formats)}`);
      }
    }
  },
};

/** `kubectl logs ... | grep PATTERN`: a grep on the line of a `kubectl logs` call before it. */
function logGreps(command: Command): { command: Command; line: number; words: string[]; mode: 'basic' | 'extended' | 'fixed' }[] {
  const found: { command: Command; line: number; words: string[]; mode: 'basic' | 'extended' | 'fixed' }[] = [];
  command.calls.forEach((call, i) => {
    const mode = GREPS[call.words[0] ?? ''];
    if (!mode) return;
    const fromLogs = command.calls.slice(0, i).some((c) => c.line === call.line && c.words[0] === 'kubectl' && c.words.includes('logs'));
    if (fromLogs) found.push({ command, line: call.line, words: call.words, mode });
  });
  return found;
}

export default rule;
