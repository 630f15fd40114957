import { spanInBlock } from '../model/shell';
import type { PageRule } from '../types';
import { ruleUrl } from './url';

/** A command that does not parse will not run when pasted into a terminal. */
const rule: PageRule = {
  id: 'shell-syntax',
  description: 'Every bash, sh or shell code block parses as shell and leaves no `<placeholder>` that the shell would read as redirections',
  url: ruleUrl('shell-syntax'),
  severity: 'error',
  scope: 'page',
  check({ page, report }) {
    for (const command of page.commands) {
      const at = (line: number, column: number) => spanInBlock(command, line, column);
      const testCase = page.testCases.find((tc) => tc.commands.includes(command))?.id;
      const extra = testCase ? { testCase } : undefined;
      for (const placeholder of command.placeholders ?? []) {
        report(
          at(placeholder.line, placeholder.column),
          `\`${placeholder.text}\` is read by the shell as two redirections; expected a "$VARIABLE" set in an earlier step`,
          extra,
        );
      }
      const error = command.syntaxError;
      if (!error) continue;
      if (error.tooDeep) {
        report(
          at(error.line, error.column),
          'Shell block nested too deep to parse (subshells, substitutions or pipelines hundreds deep); expected commands nested a few levels deep',
          extra,
        );
        continue;
      }
      report(
        at(error.line, error.column),
        `Shell syntax error: ${error.message}; expected the block to parse (write placeholders as "$VARIABLES" set in an earlier step)`,
        extra,
      );
    }
  },
};

export default rule;
