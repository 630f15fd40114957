import type { Html } from 'mdast';
import { parseFragment } from 'parse5';
import { attributeProblem, elementProblem, isScriptUrl } from '../model/html-policy';
import type { PageRule } from '../types';
import { ruleUrl } from './url';

interface P5Location {
  startLine: number;
  startCol: number;
  startOffset: number;
}

interface P5Node {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: P5Node[];
  content?: P5Node;
  sourceCodeLocation?: P5Location & { attrs?: Record<string, P5Location> };
}

/** A problem and where it is inside the HTML text that was parsed (1-based line and column, 0-based offset). */
export interface HtmlProblem {
  message: string;
  line: number;
  column: number;
  offset: number;
}

/**
 * The site copies raw HTML into pages, so it must not run or load anything.
 * Each piece of raw HTML is read on its own (for exact positions), and all
 * raw HTML of the page is read again as one stream, as the site's HTML
 * pipeline does: markup split over several pieces (`<noembed>` here, its
 * `</noembed><script>` hidden in an attribute there) is seen as the browser sees it.
 */
const rule: PageRule = {
  id: 'no-raw-html',
  description: 'Raw HTML must not run or load anything in the browser: only inert elements and attributes, no javascript: URLs or remote resources',
  url: ruleUrl('no-raw-html'),
  severity: 'error',
  scope: 'page',
  check({ page, report }) {
    const seen = new Set<string>();
    const reportOnce = (node: Html, problem: HtmlProblem) => {
      const at = pointInSource(node, problem);
      const key = `${at.start.line}:${at.start.column}:${problem.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      report(at, `${problem.message}; expected markdown, or no raw HTML`);
    };
    for (const node of page.html) {
      for (const problem of inspectHtml(node.value)) reportOnce(node, problem);
    }
    for (const { node, problem } of inspectStream(page.html)) reportOnce(node, problem);
    for (const link of page.links) {
      if (isScriptUrl(link.url)) report(link.node, `Link URL \`${link.url}\` runs script when clicked; expected an http(s) or relative URL`);
    }
  },
};

/** Every element and attribute of `html` that is not on the allow-list. */
export function inspectHtml(html: string): HtmlProblem[] {
  const problems: HtmlProblem[] = [];
  const add = (message: string, at: P5Location | undefined) =>
    problems.push({ message, line: at?.startLine ?? 1, column: at?.startCol ?? 1, offset: at?.startOffset ?? 0 });
  const walk = (n: P5Node) => {
    const name = n.nodeName.toLowerCase();
    const at = n.sourceCodeLocation;
    if (!name.startsWith('#')) {
      const problem = elementProblem(name);
      if (problem) {
        // A refused element is one finding: what it holds does not matter any more.
        add(problem, at);
        return;
      }
      for (const attr of n.attrs ?? []) {
        const attrProblem = attributeProblem(name, attr.name.toLowerCase(), attr.value);
        if (attrProblem) add(attrProblem, at?.attrs?.[attr.name] ?? at);
      }
    }
    for (const child of n.childNodes ?? []) walk(child);
    if (n.content) walk(n.content);
  };
  walk(parseFragment(html, { sourceCodeLocationInfo: true }) as unknown as P5Node);
  return problems;
}

/**
 * All raw HTML of a page parsed as one text, in page order, each problem
 * mapped back to the piece (and the place in it) where its markup starts.
 */
function inspectStream(nodes: readonly Html[]): { node: Html; problem: HtmlProblem }[] {
  if (nodes.length < 2) return [];
  const starts: number[] = [];
  let stream = '';
  for (const node of nodes) {
    starts.push(stream.length);
    stream += node.value;
  }
  return inspectHtml(stream).map((problem) => {
    let i = starts.length - 1;
    while (i > 0 && starts[i] > problem.offset) i--;
    const node = nodes[i];
    const local = problem.offset - starts[i];
    const before = node.value.slice(0, local);
    const line = before.split('\n').length;
    const column = local - (before.lastIndexOf('\n') + 1) + 1;
    return { node, problem: { ...problem, line, column, offset: local } };
  });
}

/**
 * Where a problem found in an HTML node sits in the page: a block of many lines is
 * reported at the offending element, not at its first line. Lines after the first lose
 * the block's indentation in mdast, so it is added back.
 */
function pointInSource(node: Html, problem: HtmlProblem) {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const line = start.line + problem.line - 1;
  const column = problem.line === 1 ? start.column + problem.column - 1 : problem.column + start.column - 1;
  return { start: { line, column }, end: { line, column } };
}

export default rule;
