/**
 * The guide's expected RouterOS output against the mock's reply, by
 * structure: the same number of entries, and for each field the guide shows
 * the same meaning. Amounts (byte counts, sizes, percentages) are the
 * guide's representative values and may differ, as its conventions say.
 *
 * What is a problem and what is only a difference of form: a text value
 * that means something else (`type=file` against `type=partition`), a
 * missing or extra entry, or an entry without any field the guide shows,
 * is a problem. How a value is printed (quoted or not, a size in binary
 * units or a byte count, digits grouped or not), how an entry is laid out,
 * and fields one side prints and the other does not are differences of
 * form between the mock and RouterOS as the guide shows it: reported,
 * never a failure, since the guide cannot follow both.
 */
import type { RouterOsEntry, RouterOsValue } from './output';

export interface OutputComparison {
  /** Why the reply does not have the structure the guide shows. */
  problems: string[];
  /** How the mock prints what RouterOS, as the guide shows it, prints otherwise. */
  differences: string[];
}

export function compareEntries(expected: RouterOsEntry[], actual: RouterOsEntry[]): OutputComparison {
  const problems: string[] = [];
  const differences = new Set<string>();
  if (actual.length !== expected.length) {
    problems.push(`the guide shows ${entries(expected.length)}, the mock printed ${entries(actual.length)}`);
  }
  const missing = new Set<string>();
  const extra = new Set<string>();
  for (const [index, want] of expected.entries()) {
    const got = actual[index];
    if (!got) break;
    if (want.number !== undefined && got.number === undefined) differences.add('entries: the guide shows them numbered (` 0 `), the mock prints no number');
    if (want.number === undefined && got.number !== undefined) differences.add('entries: the mock numbers them (` 0 `), the guide shows no number');
    if (want.lines > 1 && got.lines === 1) differences.add('entries: the guide shows each on several indented lines, the mock prints each on one line');
    const shared = [...want.fields.keys()].filter((key) => got.fields.has(key));
    if (shared.length === 0) {
      problems.push(`entry ${index + 1}: the mock printed none of the fields the guide shows (${[...want.fields.keys()].map(code).join(', ')})`);
      continue;
    }
    for (const key of want.fields.keys()) if (!got.fields.has(key)) missing.add(key);
    for (const key of got.fields.keys()) if (!want.fields.has(key)) extra.add(key);
    for (const key of shared) {
      const problem = valueProblem(key, want.fields.get(key)!, got.fields.get(key)!, differences);
      if (problem) problems.push(`entry ${index + 1}: ${problem}`);
    }
  }
  if (missing.size > 0) differences.add(`${[...missing].map(code).join(', ')}: shown by the guide, not printed by the mock`);
  if (extra.size > 0) differences.add(`${[...extra].map(code).join(', ')}: printed by the mock, not shown by the guide`);
  return { problems, differences: [...differences] };
}

/** A text value that means something else; differences of form go into `differences`. */
function valueProblem(key: string, want: RouterOsValue, got: RouterOsValue, differences: Set<string>): string | undefined {
  if (want.quoted !== got.quoted) {
    differences.add(`${code(key)}: the guide shows it ${want.quoted ? 'quoted' : 'unquoted'} (${code(want.raw)}), the mock ${got.quoted ? 'quoted' : 'unquoted'} (${code(got.raw)})`);
  }
  if (want.kind === 'amount' && got.kind === 'amount') {
    if (want.unit !== undefined && got.unit === undefined) differences.add(`${code(key)}: the guide shows a size in binary units (${code(want.raw)}), the mock a byte count (${code(got.raw)})`);
    if (want.unit === undefined && got.unit !== undefined) differences.add(`${code(key)}: the guide shows a byte count (${code(want.raw)}), the mock a size in binary units (${code(got.raw)})`);
    if (want.grouped !== got.grouped && want.unit === undefined && got.unit === undefined) {
      differences.add(`${code(key)}: the guide ${want.grouped ? 'groups' : 'does not group'} digits with spaces (${code(want.raw)}), the mock ${got.grouped ? 'does' : 'does not'} (${code(got.raw)})`);
    }
    return undefined;
  }
  if (want.kind === 'percent' && got.kind === 'percent') return undefined;
  if (want.text === got.text) return undefined;
  return `${code(key)}: the guide shows ${code(want.text)}, the mock printed ${code(got.text)}`;
}

function entries(n: number): string {
  return n === 1 ? '1 entry' : `${n} entries`;
}

function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
