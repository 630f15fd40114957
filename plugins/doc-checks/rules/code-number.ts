import { toString } from 'mdast-util-to-string';
import { formatGoNumber } from '../source/go-values';
import type { GoValue } from '../source/go-source';
import type { PageRule } from '../types';
import { ruleUrl } from './url';

/** Nanoseconds per unit as guides write them. */
const UNITS: Record<string, number> = {
  ns: 1, µs: 1e3, us: 1e3, ms: 1e6,
  s: 1e9, sec: 1e9, secs: 1e9, second: 1e9, seconds: 1e9,
  m: 60e9, min: 60e9, mins: 60e9, minute: 60e9, minutes: 60e9,
  h: 3600e9, hr: 3600e9, hour: 3600e9, hours: 3600e9,
};

const NUMBER = /(?<![\w.])(-?\d+(?:\.\d+)?)(?:(?:\s*|-)(ns|\u00b5s|us|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hr|h))?(?![\w.])/g;
const LINE_FRAGMENT = /^L\d+(?:-L\d+)?$/;
const SHOWN_VALUES = 6;

interface Stated {
  text: string;
  number: number;
  unit?: string;
}

/** The numbers a link text states: `every 5 minutes`, `16 s`, `a 30-second grace period`, `-1`. */
export function statedNumbers(text: string): Stated[] {
  return [...text.matchAll(NUMBER)].map((m) => ({ text: m[0], number: Number(m[1]), ...(m[2] ? { unit: m[2] } : {}) }));
}

/** A stated number equals a value: durations by unit, plain numbers as they are. */
function equals(stated: Stated, value: GoValue): boolean {
  if (value.duration) return stated.unit !== undefined && Math.abs(stated.number * UNITS[stated.unit] - value.value) < 1e-6;
  // A plain number in the code (seconds in an int field) matches the number as written.
  return Math.abs(stated.number - value.value) < 1e-9;
}

function describe(value: GoValue): string {
  return `${formatGoNumber(value)} (\`${value.text}\`, ${value.file}:${value.line})`;
}

/** A number the guide ties to the code must be the code's: either side may change. */
const rule: PageRule = {
  id: 'code-number',
  description: 'A number stated as the text of a code link equals a value of the Go declaration the link names',
  url: ruleUrl('code-number'),
  severity: 'error',
  scope: 'page',
  async check({ page, workspace, report }) {
    const source = workspace.goSource();
    if (!source) return;
    for (const link of page.links) {
      if (link.kind !== 'code' || !link.target || !link.fragment || LINE_FRAGMENT.test(link.fragment)) continue;
      const stated = statedNumbers(toString(link.node));
      if (stated.length === 0) continue;
      // A missing file or declaration is code-link's finding.
      const found = await source.values(link.target, link.fragment);
      if (!found) continue;
      const { declaration, values } = found;
      for (const s of stated) {
        if (values.some((v) => equals(s, v))) continue;
        const where = `\`${declaration.qualifiedName}\` in \`${link.target}\``;
        const known = values.length === 0
          ? `${where} has no constant numbers or durations`
          : `${where} has ${values.slice(0, SHOWN_VALUES).map(describe).join(', ')}${values.length > SHOWN_VALUES ? `, and ${values.length - SHOWN_VALUES} more` : ''}`;
        report(link.node, `The guide states ${s.text}, but ${known}; expected the link text to state one of the code's values`);
      }
    }
  },
};

export default rule;
