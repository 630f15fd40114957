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
  return {
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
      try {
        const built = treeFromTokens(text, tokens, frontMatterLines);
        if ('tree' in built) return built.tree;
        trace(`tokens not rebuilt (${built.unsupported}): ${file}`);
      } catch (error) {
        // A shape the rebuild trips on is parsed by remark instead; never a finding.
        trace(`tokens not rebuilt (${String((error as Error)?.message ?? error)}): ${file}`);
      }
      return undefined;
    },
  };
}
