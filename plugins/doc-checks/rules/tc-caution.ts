import { boxSatisfies } from '../model/boxes';
import { callSpan, unwrap } from '../model/invocations';
import type { DisruptiveCommand, PageRule, ShellCall } from '../types';
import { ruleUrl } from './url';

export function matchesDisruptive(call: ShellCall, command: DisruptiveCommand): boolean {
  const [program, ...args] = unwrap(call.words);
  if (program !== command.program) return false;
  return (command.args ?? []).every((word) => args.includes(word));
}

/** A disruptive step without a warning box costs someone else's workload. */
const rule: PageRule = {
  id: 'tc-caution',
  description: 'A test case that runs a disruptive command has a CAUTION or DANGER box before its Steps, and DANGER when it restarts the storage server',
  url: ruleUrl('tc-caution'),
  severity: 'error',
  scope: 'page',
  check({ page, options, report }) {
    for (const tc of page.testCases) {
      const extra = { testCase: tc.id };
      const needs = new Map<'caution' | 'danger', { what: string; at: ShellCall; node: (typeof tc.commands)[number]['node'] }>();
      for (const command of tc.commands) {
        for (const call of command.calls) {
          for (const disruptive of options.disruptiveCommands) {
            if (matchesDisruptive(call, disruptive) && !needs.has(disruptive.requires)) {
              needs.set(disruptive.requires, { what: disruptive.name, at: call, node: command.node });
            }
          }
        }
      }
      const kinds = tc.boxesBeforeSteps.map((b) => b.kind);
      const danger = needs.get('danger');
      const caution = needs.get('caution');
      if (danger && !kinds.some((k) => boxSatisfies(k, 'danger'))) {
        const found = kinds.length ? `found only a ${kinds.join(', ')} box` : 'found no box';
        report(callSpan(danger.node, danger.at), `${tc.id} runs \`${danger.what}\`, which restarts the storage server, but ${found} before its Steps; expected a DANGER box`, extra);
      } else if (caution && !kinds.some((k) => boxSatisfies(k, 'caution'))) {
        report(callSpan(caution.node, caution.at), `${tc.id} runs \`${caution.what}\` but has no CAUTION or DANGER box before its Steps; expected \`> [!CAUTION]\` saying what is disrupted`, extra);
      }
    }
  },
};

export default rule;
