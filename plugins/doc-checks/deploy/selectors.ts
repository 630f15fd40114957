/**
 * Kubernetes label selectors as kubectl takes them (`-l`): equality-based
 * (`a=b`, `a==b`, `a!=b`) and set-based (`a in (x,y)`, `a notin (x)`, `a`,
 * `!a`) requirements joined by commas.
 */
import type { Labels } from './objects';

export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

const KEY = /^(?:[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^(?:[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

export function parseSelector(text: string): Requirement[] | { error: string } {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  const requirements: Requirement[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    const set = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(part);
    const equality = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
    let requirement: Requirement;
    if (set) requirement = { key: set[1], op: set[2] as 'in' | 'notin', values: set[3].split(',').map((v) => v.trim()) };
    else if (equality) requirement = { key: equality[1], op: equality[2] === '!=' ? 'notin' : 'in', values: [equality[3]] };
    else if (/^!\s*\S+$/.test(part)) requirement = { key: part.slice(1).trim(), op: '!exists' };
    else if (/^\S+$/.test(part)) requirement = { key: part, op: 'exists' };
    else return { error: `\`${part}\` is not a requirement; expected \`key=value\`, \`key!=value\`, \`key in (a,b)\`, \`key notin (a,b)\`, \`key\` or \`!key\`` };
    if (!KEY.test(requirement.key)) return { error: `\`${requirement.key}\` is not a label key` };
    if ('values' in requirement) {
      const bad = requirement.values.find((v) => !VALUE.test(v));
      if (bad !== undefined) return { error: `\`${bad}\` is not a label value` };
    }
    requirements.push(requirement);
  }
  return requirements;
}

/** Whether labels satisfy every requirement; keys in `anyValue` match any value. */
export function selects(requirements: Requirement[], labels: Labels, anyValue: readonly string[] = []): boolean {
  return requirements.every((r) => {
    const has = Object.hasOwn(labels, r.key) || anyValue.includes(r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case 'in':
        return has && (anyValue.includes(r.key) || r.values.includes(labels[r.key]));
      case 'notin':
        return !has || anyValue.includes(r.key) || !r.values.includes(labels[r.key]);
    }
  });
}
