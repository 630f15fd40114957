/**
 * A markdownlint custom rule that reports nothing: it keeps the micromark
 * tokens markdownlint made for its own rules, so the page's mdast can be
 * rebuilt from them (to-mdast.ts) and the engine need not parse the page
 * again.
 */
import type { Rule } from 'markdownlint';
import type { Root } from 'mdast';
import { trace } from '../watchdog/trace';
import type { Token } from './positions';
import { treeFromTokens } from './to-mdast';
import { handOver } from './parsed-pages';

export const CAPTURE_RULE = 'docs-check-page-tree';

export interface Capture {
  /** The rule to hand markdownlint with the page. */
  rule: Rule;
  /**
   * Hands the page's tree to the engine, once markdownlint is done: built
   * only then, when its own parse events are gone, so the tree does not add
   * to its peak. Pages with a shape the rebuild leaves to remark are not
   * handed over.
   */
  handOver(): void;
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
    handOver() {
      if (!kept) return;
      const { tokens, frontMatterLines } = kept;
      kept = undefined;
      handOverTokens(file, text, tokens, frontMatterLines);
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
 * hands the page's tree, rebuilt from the tokens markdownlint gave the
 * rule, to the engine's next check of the page.
 */
export function handOverTokens(file: string, text: string, tokens: readonly Token[], frontMatterLines: readonly string[]): void {
  const tree = rebuild(file, text, tokens, frontMatterLines);
  if (tree) handOver(file, text, tree);
}
