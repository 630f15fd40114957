import { runnableBlocks } from '../run/blocks';
import { ALLOWED_PROGRAMS_TEXT, refusal, SECRET_NAME, SHELL_VARIABLES } from '../run/policy';
import { spanInBlock } from '../model/shell';
import type { PageRule } from '../types';
import { ruleUrl } from './url';

/**
 * `docs-check run` executes blocks marked `run` on the build machine: only
 * commands that work offline in a copy of the driver source may be marked,
 * and every variable they read must be set in the block or declared.
 */
const rule: PageRule = {
  id: 'runnable-block',
  description: 'A block marked `run` uses only commands that work offline and declares every variable it reads with `env=NAME`',
  url: ruleUrl('runnable-block'),
  severity: 'error',
  scope: 'page',
  check({ page, report }) {
    for (const block of runnableBlocks(page)) {
      const { command } = block;
      if (command.syntaxError) continue; // shell-syntax reports it; nothing here can be trusted.
      const extra = block.testCase ? { testCase: block.testCase } : undefined;
      for (const call of command.calls) {
        const reason = refusal(call);
        if (!reason) continue;
        const word = call.at?.[0] ?? { line: call.line, column: 1 };
        report(
          spanInBlock(command, word.line, word.column),
          `${reason}; expected only ${ALLOWED_PROGRAMS_TEXT}, offline and inside the copy of the driver source (or no \`run\` in the info string)`,
          extra,
        );
      }
      for (const name of block.meta.env.filter((n) => SECRET_NAME.test(n))) {
        report(
          command.node,
          `\`env=${name}\` names a credential; expected no secrets in a runnable block (its output goes into logs and reports)`,
          extra,
        );
      }
      const assigned = command.assignments ?? [];
      for (const use of command.expansions ?? []) {
        if (SHELL_VARIABLES.has(use.name) || block.meta.env.includes(use.name)) continue;
        if (assigned.some((a) => a.name === use.name && a.line <= use.line)) continue;
        report(
          spanInBlock(command, use.line, use.column),
          `\`$${use.name}\` is read but neither set earlier in the block nor declared; expected \`env=${use.name}\` in the info string or an assignment before it`,
          extra,
        );
      }
    }
  },
};

export default rule;
