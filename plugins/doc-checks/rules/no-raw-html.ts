import type { Html } from 'mdast';
import { parseFragment } from 'parse5';
import type { PageRule } from '../types';
import { ruleUrl } from './url';

/** Elements that run code or embed another document. */
const ACTIVE_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'form', 'meta', 'link', 'style']);
/** Elements that fetch what their src/href names when the page loads. */
const LOADING_ELEMENTS = new Set(['img', 'video', 'audio', 'source', 'track', 'input', 'image']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'data']);

interface P5Location {
  startLine: number;
  startCol: number;
}

interface P5Node {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: P5Node[];
  content?: P5Node;
  sourceCodeLocation?: P5Location & { attrs?: Record<string, P5Location> };
}

/** A problem and where it is inside the HTML node's text (1-based). */
export interface HtmlProblem {
  message: string;
  line: number;
  column: number;
}

/** The site copies raw HTML into pages as is, so it must not run or load anything. */
const rule: PageRule = {
  id: 'no-raw-html',
  description: 'Raw HTML must not run or load anything in the browser: no script, iframe, on* handlers, javascript: URLs or remote resources',
  url: ruleUrl('no-raw-html'),
  severity: 'error',
  scope: 'page',
  check({ page, report }) {
    for (const node of page.html) {
      for (const problem of inspectHtml(node)) {
        report(pointInSource(node, problem), `${problem.message}; expected markdown, or no raw HTML`);
      }
    }
    for (const link of page.links) {
      if (isScriptUrl(link.url)) report(link.node, `Link URL \`${link.url}\` runs script when clicked; expected an http(s) or relative URL`);
    }
  },
};

export function inspectHtml(node: Html): HtmlProblem[] {
  const problems: HtmlProblem[] = [];
  const add = (message: string, at: P5Location | undefined) =>
    problems.push({ message, line: at?.startLine ?? 1, column: at?.startCol ?? 1 });
  const walk = (n: P5Node) => {
    const name = n.nodeName.toLowerCase();
    const at = n.sourceCodeLocation;
    if (ACTIVE_ELEMENTS.has(name)) add(`Raw HTML \`<${name}>\` runs or embeds content in the page`, at);
    for (const attr of n.attrs ?? []) {
      const attrName = attr.name.toLowerCase();
      const attrAt = at?.attrs?.[attr.name] ?? at;
      if (attrName.startsWith('on')) add(`Raw HTML attribute \`${attr.name}\` on \`<${name}>\` runs script`, attrAt);
      else if (URL_ATTRIBUTES.has(attrName) && isScriptUrl(attr.value)) {
        add(`Raw HTML \`${attr.name}\` on \`<${name}>\` is a script URL`, attrAt);
      } else if (LOADING_ELEMENTS.has(name) && URL_ATTRIBUTES.has(attrName) && /^\s*(https?:)?\/\//i.test(attr.value)) {
        add(`Raw HTML \`<${name}>\` loads \`${attr.value}\` from another host`, attrAt);
      }
    }
    for (const child of n.childNodes ?? []) walk(child);
    if (n.content) walk(n.content);
  };
  walk(parseFragment(node.value, { sourceCodeLocationInfo: true }) as unknown as P5Node);
  return problems;
}

/**
 * Where a problem found in an HTML block sits in the page: a block of many lines is
 * reported at the offending element, not at its first line. Lines after the first lose
 * the block's indentation in mdast, so it is added back.
 */
function pointInSource(node: Html, problem: HtmlProblem) {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const line = start.line + problem.line - 1;
  const column = problem.line === 1 ? start.column + problem.column - 1 : problem.column + start.column - 1;
  return { start: { line, column }, end: { line, column } };
}

/** Browsers ignore control characters and whitespace inside the scheme. */
function isScriptUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  return compact.startsWith('javascript:') || compact.startsWith('vbscript:') || compact.startsWith('data:text/html');
}

export default rule;
