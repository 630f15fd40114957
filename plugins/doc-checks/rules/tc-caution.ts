import { boxSatisfies, unknownAlertMarker } from '../model/boxes';
import { callSpan, unwrap } from '../model/invocations';
import type { DisruptiveCommand, PageRule, ShellCall } from '../types';
import { ruleUrl } from './url';

export function matchesDisruptive(call: ShellCall, command: DisruptiveCommand): boolean {
  const [program, ...args] = unwrap(call.words);
  if (program !== command.program) return false;
  return (command.args ?? []).every((word) => args.includes(word));
}

/** The box to write, in the two syntaxes the guides use (GitHub alert, Docusaurus directive). */
export const BOX_TO_WRITE = {
  caution: '`> [!CAUTION]` then `> <what it disrupts>`, or `:::caution` then `<what it disrupts>` then `:::`',
  danger:
    '`> [!CAUTION]` then `> **DANGER:** <what stops, for how long>` (GitHub has no DANGER alert), ' +
    'or `:::danger` then `<what stops, for how long>` then `:::`',
} as const;

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
      const missing = (need: 'caution' | 'danger') => !kinds.some((k) => boxSatisfies(k, need));
      const required = danger && missing('danger') ? 'danger' : caution && missing('caution') ? 'caution' : undefined;
      if (!required) continue;
      // The obvious guess `> [!DANGER]` is no box anywhere: say so where it was written.
      const guess = tc.nodes.find((n) => unknownAlertMarker(n) !== undefined);
      if (guess) {
        const marker = `> [!${unknownAlertMarker(guess)}]`;
        report(guess, `${tc.id} has a \`${marker}\` box, which neither GitHub nor the site shows as a box; expected ${BOX_TO_WRITE[required]}`, extra);
        continue;
      }
      if (required === 'danger') {
        const found = kinds.length ? `found only a ${kinds.join(', ')} box` : 'found no box';
        report(callSpan(danger!.node, danger!.at), `${tc.id} runs \`${danger!.what}\`, which restarts the storage server, but ${found} before its Steps; expected a DANGER box: ${BOX_TO_WRITE.danger}`, extra);
      } else {
        report(callSpan(caution!.node, caution!.at), `${tc.id} runs \`${caution!.what}\` but has no CAUTION or DANGER box before its Steps; expected ${BOX_TO_WRITE.caution}`, extra);
      }
    }
  },
};

export default rule;
