import type { PageRule } from '../types';
import { ruleUrl } from './url';

/** A link to a missing page or heading strands an operator mid-procedure. */
const rule: PageRule = {
  id: 'doc-link',
  description: 'Links between pages and their #anchors resolve to files and headings that exist',
  url: ruleUrl('doc-link'),
  severity: 'error',
  scope: 'page',
  async check({ page, workspace, report }) {
    for (const link of page.links) {
      if (link.problem) {
        // Some problems already say what was expected; do not say it twice.
        const expected = link.problem.includes('; expected') ? '' : '; expected a relative path inside the repository';
        report(link.node, `Link ${link.problem}${expected}`);
        continue;
      }
      if (link.kind === 'anchor') {
        if (link.fragment && !page.anchors.has(link.fragment)) {
          report(link.node, `Anchor \`#${link.fragment}\` does not exist on this page${suggest(link.fragment, page.anchors)}`);
        }
        continue;
      }
      if (link.kind !== 'page' || !link.target) continue;
      const missing = workspace.fileProblem(link.target);
      if (missing) {
        const expected = missing.endsWith('does not exist') ? 'an existing file relative to this page' : 'a file inside the repository';
        report(link.node, `Link target ${missing}; expected ${expected}`);
        continue;
      }
      if (!link.fragment || !link.target.endsWith('.md')) continue;
      const target = await workspace.page(link.target);
      if (target && !target.anchors.has(link.fragment)) {
        report(link.node, `Anchor \`#${link.fragment}\` does not exist in \`${link.target}\`${suggest(link.fragment, target.anchors)}`);
      }
    }
  },
};

/**
 * Point at the closest existing anchor: most broken anchors are a renamed
 * heading. "Closest" is the first anchor, in sorted order, that starts with
 * the fragment's first two words; a binary search over the page's sorted
 * anchors finds it, so a page of many broken anchors costs no more than
 * sorting its anchors once.
 */
function suggest(fragment: string, anchors: ReadonlySet<string>): string {
  const prefix = fragment.split('-').slice(0, 2).join('-');
  const close = prefix.length >= 4 ? firstWithPrefix(sortedAnchors(anchors), prefix) : undefined;
  return close ? `; did you mean \`#${close}\`?` : '; expected the slug of a heading';
}

const sorted = new WeakMap<ReadonlySet<string>, string[]>();

function sortedAnchors(anchors: ReadonlySet<string>): string[] {
  let list = sorted.get(anchors);
  if (!list) {
    list = [...anchors].sort();
    sorted.set(anchors, list);
  }
  return list;
}

function firstWithPrefix(list: readonly string[], prefix: string): string | undefined {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid] < prefix) low = mid + 1;
    else high = mid;
  }
  return list[low]?.startsWith(prefix) ? list[low] : undefined;
}

export default rule;
