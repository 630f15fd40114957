/**
 * RouterOS `print` output read as entries of `key=value` fields, the way an
 * operator reads it: a `Flags:` or `Columns:` header is skipped, an entry
 * starts with its number (` 0 `) or at the left margin, and indented lines
 * continue it. Each value keeps the form it was printed in (quoted, digits
 * grouped by spaces, a size in binary units) beside what it means, so two
 * outputs can be compared by meaning and their forms told apart.
 */

export type ValueKind = 'amount' | 'percent' | 'text';

export interface RouterOsValue {
  /** As printed, quotes included. */
  raw: string;
  /** Quotes removed, grouped digits joined. */
  text: string;
  quoted: boolean;
  /** Digits grouped by spaces: `7 681 574 174 720`. */
  grouped: boolean;
  /** The binary unit of a size (`GiB` of `5.0GiB`). */
  unit?: string;
  kind: ValueKind;
  /** For an amount: the number, in bytes for a size. */
  amount?: number;
}

export interface RouterOsEntry {
  /** The entry number RouterOS prints before it, if any. */
  number?: number;
  /** How many lines the entry spans. */
  lines: number;
  fields: Map<string, RouterOsValue>;
}

const HEADER = /^(?:Flags|Columns):/;
const NUMBERED = /^\s*(\d+)\s+(?:[A-Z*]{1,4}\s+)?(?=[a-z][a-z0-9-]*=)/;
const KEY = /^([a-z][a-z0-9-]*)=/;
const UNITS: Record<string, number> = { K: 1, M: 2, G: 3, T: 4, P: 5 };

/**
 * The entries of a `print` output, or undefined when the text is not such
 * output: a line without any `key=value` that is not a header, such as
 * `uptime: 3w2d` (`print` without `detail`), a count or an error message.
 */
export function parsePrintOutput(text: string): RouterOsEntry[] | undefined {
  const entries: { number?: number; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || HEADER.test(line.trim())) continue;
    // An indented line without a field continues a long value; any other is not `print` output.
    const continues = /^\s/.test(line) && entries.length > 0;
    if (!continues && !/[a-z][a-z0-9-]*=/.test(line)) return undefined;
    const numbered = NUMBERED.exec(line);
    if (numbered) entries.push({ number: Number(numbered[1]), lines: [line.slice(numbered[0].length)] });
    else if (continues) entries.at(-1)!.lines.push(line.trim());
    else entries.push({ lines: [line.trim()] });
  }
  if (entries.length === 0) return text.trim() === '' ? [] : undefined;
  return entries.map((e) => ({
    ...(e.number !== undefined ? { number: e.number } : {}),
    lines: e.lines.length,
    fields: fieldsOf(e.lines.join(' ')),
  }));
}

function fieldsOf(text: string): Map<string, RouterOsValue> {
  const fields = new Map<string, RouterOsValue>();
  let rest = text.trim();
  while (rest !== '') {
    const key = KEY.exec(rest);
    if (!key) {
      // A word that is not a field (`file` of the mock's `file size=`): skipped.
      rest = rest.replace(/^\S+\s*/, '');
      continue;
    }
    rest = rest.slice(key[0].length);
    let raw: string;
    if (rest.startsWith('"')) {
      const end = /^"(?:[^"\\]|\\.)*"/.exec(rest);
      raw = end ? end[0] : rest;
    } else {
      raw = /^\S*/.exec(rest)![0];
      // RouterOS groups the digits of byte counts: `size=7 681 574 174 720`.
      const groups = /^\d{1,3}(?: \d{3})+(?=\s|$)/.exec(rest);
      if (groups) raw = groups[0];
    }
    rest = rest.slice(raw.length).trimStart();
    if (!fields.has(key[1])) fields.set(key[1], valueOf(raw));
  }
  return fields;
}

export function valueOf(raw: string): RouterOsValue {
  const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
  const grouped = !quoted && raw.includes(' ');
  const text = quoted ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw.replaceAll(' ', '');
  const base = { raw, text, quoted, grouped };
  const size = /^(\d+(?:\.\d+)?)([KMGTP])i?B$/.exec(text);
  if (size) return { ...base, kind: 'amount', unit: text.slice(size[1].length), amount: Math.round(Number(size[1]) * 1024 ** UNITS[size[2]]) };
  if (/^\d+$/.test(text)) return { ...base, kind: 'amount', amount: Number(text) };
  if (/^\d+(?:\.\d+)?%$/.test(text)) return { ...base, kind: 'percent', amount: Number(text.slice(0, -1)) };
  return { ...base, kind: 'text' };
}
