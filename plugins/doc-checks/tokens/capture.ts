/**
 * A markdownlint custom rule that reports nothing: it keeps the micromark
 * tokens markdownlint made for its own rules, so the page's mdast can be
 * rebuilt from them (to-mdast.ts) and the engine need not parse the page
 * again.
 */
import type { Rule } from 'markdownlint';
import type { Root } from 'mdast';
import { trace } from '../watchdog/progress';
import type { Token } from './positions';
import { treeFromTokens } from './to-mdast';
import { ParsedPages } from './parsed-pages';

export const CAPTURE_RULE = 'docs-check-page-tree';

export interface Capture {
  /** The rule to hand markdownlint with the page. */
  rule: Rule;
  /**
   * The page's tree, once markdownlint is done: built only then, when its
   * own parse events are gone, so the tree does not add to its peak.
   * Undefined when the page uses a shape the rebuild leaves to remark.
   */
  tree(): Root | undefined;
}

export function capturePage(file: string, text: string): Capture {
  let kept: { tokens: readonly Token[]; frontMatterLines: readonly string[] } | undefined;
  const capture: Capture = {
    rule: {
      names: [CAPTURE_RULE],
      description: "Keeps the page's parse for docs-check's own rules",
      tags: ['docs-check'],
      parser: 'micromark',
      function: (params) => {
        kept = { tokens: params.parsers.micromark.tokens as readonly Token[], frontMatterLines: params.frontMatterLines };
      },
    },
    tree() {
      if (!kept) return undefined;
      const { tokens, frontMatterLines } = kept;
      kept = undefined;
      return rebuild(file, text, tokens, frontMatterLines);
    },
  };
  return capture;
}

/** The tree, or undefined (with a line in the trace saying why) when remark must parse the page. */
function rebuild(file: string, text: string, tokens: readonly Token[], frontMatterLines: readonly string[]): Root | undefined {
  try {
    const built = treeFromTokens(text, tokens, frontMatterLines);
    if ('tree' in built) return built.tree;
    trace(`tokens not rebuilt (${built.unsupported}): ${file}`);
  } catch (error) {
    // A shape the rebuild trips on is parsed by remark instead; never a finding.
    trace(`tokens not rebuilt (${String((error as Error)?.message ?? error)}): ${file}`);
  }
  return undefined;
}

/**
 * For a markdownlint custom rule that runs the engine (the editor bridge):
 * the page's tree from the tokens markdownlint gave the rule, for
 * `checkProject({ parsed })`.
 */
export function parsedFromTokens(file: string, text: string, tokens: readonly Token[], frontMatterLines: readonly string[]): ParsedPages {
  const parsed = new ParsedPages();
  const tree = rebuild(file, text, tokens, frontMatterLines);
  if (tree) parsed.add(file, text, tree);
  return parsed;
}
