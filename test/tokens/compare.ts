/**
 * What the converter tests need around `treeFromTokens`: the tokens
 * markdownlint hands a custom rule, and the first place two trees differ.
 */
import type { Rule, RuleParams } from 'markdownlint';
import { lint } from 'markdownlint/promise';
import { parseMarkdown } from '../../plugins/doc-checks/parse';
import { treeFromTokens, type TreeResult } from '../../plugins/doc-checks/tokens/to-mdast';
import type { Token } from '../../plugins/doc-checks/tokens/positions';

export interface Parsed {
  tokens: readonly Token[];
  frontMatterLines: readonly string[];
}

/**
 * markdownlint's micromark tokens and front matter for each text, caught by
 * a rule that only records its parameters. One lint call for many texts is
 * faster than one per text.
 */
export async function tokensOf(texts: readonly string[]): Promise<Parsed[]> {
  const found = new Map<string, Parsed>();
  const rule: Rule = {
    names: ['capture-tokens'],
    description: 'records what markdownlint hands a custom rule',
    tags: ['test'],
    parser: 'micromark',
    function: (params: RuleParams) => {
      found.set(params.name, { tokens: params.parsers.micromark.tokens as readonly Token[], frontMatterLines: params.frontMatterLines });
    },
  };
  // markdownlint goes from one string to the next by recursion: a few hundred a call.
  for (let from = 0; from < texts.length; from += 200) {
    const strings = Object.fromEntries(texts.slice(from, from + 200).map((text, i) => [String(from + i), text]));
    await lint({ strings, config: { default: false, 'capture-tokens': true }, customRules: [rule] });
  }
  return texts.map((_, index) => found.get(String(index)) ?? { tokens: [], frontMatterLines: [] });
}

/** The path to the first field where `got` and `want` differ, with both values; undefined when deep-equal. */
export function firstDifference(got: unknown, want: unknown, path = 'root'): string | undefined {
  const show = (value: unknown) => JSON.stringify(value)?.slice(0, 160);
  if (got === want) return undefined;
  if (typeof got !== 'object' || typeof want !== 'object' || got === null || want === null) {
    return `${path}: got ${show(got)}, remark has ${show(want)}`;
  }
  if (Array.isArray(got) !== Array.isArray(want)) return `${path}: got ${show(got)}, remark has ${show(want)}`;
  if (Array.isArray(got) && Array.isArray(want) && got.length !== want.length) {
    const kinds = (nodes: unknown[]) => nodes.map((n) => (n as { type?: string })?.type).join(',');
    return `${path}: got ${got.length} [${kinds(got)}], remark has ${want.length} [${kinds(want)}]`;
  }
  const a = got as Record<string, unknown>;
  const b = want as Record<string, unknown>;
  const label = typeof a.type === 'string' ? `(${a.type})` : '';
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    // A field set to undefined is still a field remark does not have.
    if (key in a !== key in b) return `${path}${label}.${key}: ${key in a ? 'got it, remark has none' : 'missing, remark has it'}`;
    const found = firstDifference(a[key], b[key], `${path}${label}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/** The converter's result for each text. */
export async function convert(texts: readonly string[]): Promise<TreeResult[]> {
  const parsed = await tokensOf(texts);
  return texts.map((text, index) => treeFromTokens(text, parsed[index].tokens, parsed[index].frontMatterLines));
}

/** For each text that was rebuilt and differs from remark's tree: the text's name and the first difference. */
export function differences(names: readonly string[], texts: readonly string[], results: readonly TreeResult[]): string[] {
  const found: string[] = [];
  results.forEach((result, index) => {
    if ('unsupported' in result) return;
    const difference = firstDifference(result.tree, parseMarkdown(texts[index]));
    if (difference) found.push(`${names[index]}: ${difference}`);
  });
  return found;
}

/** How many texts were rebuilt, and how many were left to remark for each reason. */
export function tally(results: readonly TreeResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    const key = 'unsupported' in result ? `unsupported: ${result.unsupported}` : 'rebuilt';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
