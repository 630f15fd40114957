/**
 * Builds the model of one markdown page from its mdast: headings and
 * anchors, links, boxes, raw HTML, and, for a guide, its test cases, the
 * Results Template and the "Last Updated" line. Rules read only this model.
 */
import type {
  Code,
  Definition,
  Heading,
  Html,
  List,
  ListItem,
  Nodes,
  Paragraph,
  Parents,
  Root,
  RootContent,
  Table,
} from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseDocument } from 'yaml';
import { parseMarkdown } from '../parse';
import { pointAt, yamlHazard } from '../text';
import { joinFrom } from '../source/paths';
import {
  SECTION_ORDER,
  type Box,
  type Command,
  type HeadingInfo,
  type LinkInfo,
  type Page,
  type ResultsTemplate,
  type Section,
  type SectionName,
  type Step,
  type TestCase,
} from '../types';
import { boxAnchor, createAnchorer, stepAnchor } from './anchors';
import { recogniseBox } from './boxes';
import { isShellBlock, parseCommand } from './shell';

const TEST_CASE_HEADING = /^TC-(\d+)\b/;
/** Two digits up to TC-99, then as many as needed (TC-100). */
const WELL_FORMED_HEADING = /^TC-(?:\d{2}|[1-9]\d{2,}): \S/;
const SECTION_LABELS = new Map<string, SectionName>(
  SECTION_ORDER.map((name) => [name.toLowerCase(), name]),
);
/** Where the guides keep the docs of the driver repository. */
export const DOCS_DIR = 'docs/';

/** `parsed`: the page's tree when markdownlint's parse already gave it (see tokens/). */
export function buildPage(path: string, text: string, readProblems: Page['readProblems'] = [], parsed?: Root): Page {
  const tree = parsed ?? parseMarkdown(text);
  const found = collectNodes(tree);
  const headings = describeHeadings(found.headings);
  const links = resolveLinks(found.linkNodes, found.definitions, path);
  const testCases = collectTestCases(tree, headings, links, found.boxes, found.commands, text);
  return {
    path,
    text,
    tree,
    frontmatter: readFrontmatter(tree),
    headings,
    anchors: new Set([...headings.map((h) => h.anchor), ...testCases.flatMap(testCaseAnchors)]),
    links,
    boxes: found.boxes,
    html: found.html,
    codeBlocks: found.codeBlocks,
    commands: [...found.commands.values()],
    testCases,
    resultsTemplate: findResultsTemplate(tree, headings),
    lastUpdated: findLastUpdated(found.paragraphs),
    readProblems,
  };
}

type LinkNode = Extract<Nodes, { type: 'link' | 'image' | 'definition' | 'linkReference' | 'imageReference' }>;

interface FoundNodes {
  headings: Heading[];
  definitions: Map<string, Definition>;
  linkNodes: LinkNode[];
  boxes: Box[];
  html: Html[];
  codeBlocks: Code[];
  commands: Map<Code, Command>;
  paragraphs: Paragraph[];
}

/**
 * Everything the model needs from the tree, in one pass in document order.
 * A guide has hundreds of thousands of nodes: one walk without per-node
 * allocations (unist-util-visit copies the ancestor list at every node)
 * keeps the model's cost small beside the parse.
 */
function collectNodes(tree: Root): FoundNodes {
  const found: FoundNodes = {
    headings: [],
    definitions: new Map(),
    linkNodes: [],
    boxes: [],
    html: [],
    codeBlocks: [],
    commands: new Map(),
    paragraphs: [],
  };
  const enter = (node: Nodes): void => {
    switch (node.type) {
      case 'heading':
        found.headings.push(node);
        break;
      case 'definition':
        // The first definition of a label wins, as in CommonMark.
        if (!found.definitions.has(node.identifier)) found.definitions.set(node.identifier, node);
        found.linkNodes.push(node);
        break;
      case 'link':
      case 'image':
      case 'linkReference':
      case 'imageReference':
        found.linkNodes.push(node);
        break;
      case 'html':
        found.html.push(node);
        break;
      case 'code':
        found.codeBlocks.push(node);
        if (isShellBlock(node)) found.commands.set(node, parseCommand(node));
        break;
      case 'paragraph':
        found.paragraphs.push(node);
        break;
      case 'blockquote':
      case 'containerDirective': {
        const box = recogniseBox(node);
        if (box) found.boxes.push({ kind: box.kind, syntax: box.syntax, node: box.node });
        break;
      }
      default:
        break;
    }
  };
  walk(tree, enter);
  return found;
}

function walk(node: Nodes, enter: (node: Nodes) => void): void {
  enter(node);
  if ('children' in node) {
    const children = node.children as Nodes[];
    for (let i = 0; i < children.length; i++) walk(children[i], enter);
  }
}

function describeHeadings(nodes: Heading[]): HeadingInfo[] {
  const anchorOf = createAnchorer();
  return nodes.map((node) => {
    const { text, anchor } = anchorOf(node);
    return { depth: node.depth, text: text.trim(), anchor, node };
  });
}

function readFrontmatter(tree: Root): Page['frontmatter'] {
  const node = tree.children[0];
  if (node?.type !== 'yaml') return undefined;
  // The YAML text begins on the line after the opening `---`.
  const inFile = (point: { line: number; column: number }) => ({
    line: (node.position?.start.line ?? 1) + point.line,
    column: point.column,
  });
  const hazard = yamlHazard(node.value);
  if (hazard) return { data: undefined, node, error: hazard.message, errorAt: inFile(pointAt(node.value, hazard.offset)), refused: true };
  const doc = parseDocument(node.value);
  const [error] = doc.errors;
  if (error) {
    // Drop the parser's own "at line N, column M" (its lines count from the YAML, not the file).
    const reason = error.message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
    const at = error.linePos?.[0];
    return { data: undefined, node, error: reason, errorAt: at ? inFile({ line: at.line, column: at.col }) : undefined };
  }
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }), node };
  } catch (thrown) {
    return { data: undefined, node, error: (thrown as Error).message.split('\n')[0] };
  }
}

// ---------------------------------------------------------------------------
// Links

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function resolveLinks(nodes: LinkNode[], definitions: Map<string, Definition>, pagePath: string): LinkInfo[] {
  const links: LinkInfo[] = [];
  for (const node of nodes) {
    if (node.type === 'linkReference' || node.type === 'imageReference') {
      const definition = definitions.get(node.identifier);
      if (definition) links.push(classifyLink(definition.url, node, pagePath));
    } else {
      links.push(classifyLink(node.url, node, pagePath));
    }
  }
  return links;
}

export function classifyLink(url: string, node: Nodes, pagePath: string): LinkInfo {
  if (url.startsWith('#')) return { url, kind: 'anchor', fragment: decode(url.slice(1)), node };
  if (SCHEME.test(url) || url.startsWith('//')) return { url, kind: 'external', node };
  const hash = url.indexOf('#');
  const pathPart = decode(hash === -1 ? url : url.slice(0, hash)).split('?')[0];
  const fragment = hash === -1 ? undefined : decode(url.slice(hash + 1));
  if (pathPart === '') return { url, kind: 'other', node };
  if (pathPart.startsWith('/')) {
    return { url, kind: 'other', fragment, node, problem: `\`${url}\` is an absolute path; expected a path relative to the page` };
  }
  const target = joinFrom(pagePath, pathPart);
  if (target === '..' || target.startsWith('../')) {
    return { url, kind: 'other', fragment, node, problem: `\`${url}\` leaves the repository` };
  }
  // Docs sit in docs/ beside the driver's pkg/: anything outside docs/ is driver source.
  const kind = target.startsWith(DOCS_DIR) ? 'page' : 'code';
  return { url, kind, target, fragment, node };
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// ---------------------------------------------------------------------------
// Test cases

/** The anchors the site adds to steps and boxes (see plugins/remark-doc-checks/anchors.ts). */
function testCaseAnchors(tc: TestCase): string[] {
  const anchor = tc.heading.anchor;
  return [
    ...tc.steps.map((s) => stepAnchor(anchor, s.number)),
    ...tc.boxesBeforeSteps.map((b) => boxAnchor(anchor, b.kind)),
  ];
}

function collectTestCases(
  tree: Root,
  headings: HeadingInfo[],
  links: LinkInfo[],
  boxes: Box[],
  commands: ReadonlyMap<Code, Command>,
  text: string,
): TestCase[] {
  const testCases: TestCase[] = [];
  const children = tree.children;
  const indexOf = topLevelIndex(tree);
  for (const heading of headings) {
    const match = TEST_CASE_HEADING.exec(heading.text);
    if (!match) continue;
    const index = indexOf.get(heading.node);
    if (index === undefined) continue; // A heading nested in a list or quote is not a test case.
    let end = index + 1;
    while (end < children.length) {
      const next = children[end];
      if (next.type === 'heading' && next.depth <= heading.depth) break;
      end++;
    }
    const nodes = children.slice(index + 1, end) as Nodes[];
    testCases.push(buildTestCase(heading, match, nodes, { links, boxes, commands }, text));
  }
  return testCases;
}

function topLevelIndex(tree: Root): Map<Nodes, number> {
  return new Map(tree.children.map((node, index) => [node as Nodes, index]));
}

function buildTestCase(
  heading: HeadingInfo,
  match: RegExpExecArray,
  nodes: Nodes[],
  page: { links: LinkInfo[]; boxes: Box[]; commands: ReadonlyMap<Code, Command> },
  text: string,
): TestCase {
  const number = Number.parseInt(match[1], 10);
  const title = heading.text.slice(match[0].length).replace(/^\s*:\s*/, '').trim();
  const start = offsetOf(heading.node, 'start');
  const last = nodes.at(-1);
  const end = last ? offsetOf(last, 'end') : offsetOf(heading.node, 'end');

  const sections = findSections(nodes, heading.depth);
  const stepsSection = sections.find((s) => s.name === 'Steps');
  const stepsList = stepsSection?.content.find(
    (n): n is List => n.type === 'list' && n.ordered === true,
  );
  const { commands, expectedOutputs } = collectCode(nodes, page.commands);
  const steps = stepsList ? stepsList.children.map((item) => buildStep(item, text, page.commands)) : [];
  const boxes = within(page.boxes, start, end);
  const stepsStart = stepsSection ? offsetOf(stepsSection.node, 'start') : Number.POSITIVE_INFINITY;

  return {
    id: `TC-${match[1]}`,
    number,
    title,
    heading,
    wellFormedHeading: WELL_FORMED_HEADING.test(heading.text),
    sections,
    stepsList,
    steps,
    commands,
    expectedOutputs,
    boxes,
    boxesBeforeSteps: boxes.filter((b) => offsetOf(b.node, 'start') < stepsStart),
    links: within(page.links, start, end),
    nodes,
  };
}

/**
 * The items of a list in document order whose node lies in [start, end].
 * Binary search to the first candidate: a guide's test cases would otherwise
 * each scan every link of the page.
 */
function within<T extends { node: Nodes }>(items: readonly T[], start: number, end: number): T[] {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (offsetOf(items[mid].node, 'start') < start) low = mid + 1;
    else high = mid;
  }
  const result: T[] = [];
  for (let i = low; i < items.length && offsetOf(items[i].node, 'start') <= end; i++) {
    if (offsetOf(items[i].node, 'end') <= end) result.push(items[i]);
  }
  return result;
}

/** A section starts at a bold label paragraph (`**Steps:**`) or a sub-heading (`#### Steps`). */
function findSections(nodes: Nodes[], testCaseDepth: number): Section[] {
  const sections: Section[] = [];
  let current: (Section & { trailing: boolean }) | undefined;
  const close = () => {
    if (!current) return;
    const { trailing, ...section } = current;
    section.empty = !trailing && !section.content.some(hasWords);
    sections.push(section);
  };
  for (const node of nodes) {
    const label = sectionLabel(node, testCaseDepth);
    if (label) {
      close();
      current = { name: label.name, style: label.style, node, content: [], empty: true, trailing: label.trailing };
    } else if (current) {
      current.content.push(node);
    }
  }
  close();
  return sections;
}

function sectionLabel(
  node: Nodes,
  testCaseDepth: number,
): { name: SectionName; style: Section['style']; trailing: boolean } | undefined {
  if (node.type === 'heading' && node.depth > testCaseDepth) {
    const name = SECTION_LABELS.get(normaliseLabel(toString(node)));
    return name ? { name, style: 'heading', trailing: false } : undefined;
  }
  if (node.type === 'paragraph') {
    const first = node.children[0];
    if (first?.type !== 'strong') return undefined;
    const name = SECTION_LABELS.get(normaliseLabel(toString(first)));
    if (!name) return undefined;
    const rest = toString({ ...node, children: node.children.slice(1) } as Paragraph);
    return { name, style: 'label', trailing: /\w/.test(rest.replace(/^\s*:/, '')) };
  }
  return undefined;
}

function normaliseLabel(label: string): string {
  return label.trim().replace(/:$/, '').trim().toLowerCase();
}

function hasWords(node: Nodes): boolean {
  if (node.type === 'code') return node.value.trim() !== '';
  if (node.type === 'html') return false;
  return /\w/.test(toString(node));
}

function buildStep(item: ListItem, text: string, parsed: ReadonlyMap<Code, Command>): Step {
  const { commands, expectedOutputs } = collectCode(item.children as Nodes[], parsed);
  const first = item.children[0];
  const strong = first?.type === 'paragraph' ? first.children.find((c) => c.type === 'strong') : undefined;
  return {
    number: listMarkerNumber(item, text),
    node: item,
    title: (strong ? toString(strong) : first ? toString(first).split('\n')[0] : '').trim(),
    commands,
    expectedOutputs,
  };
}

/** The number as written in the source (`3.` or `3)`), which CommonMark otherwise discards. */
function listMarkerNumber(item: ListItem, text: string): number {
  const offset = item.position?.start.offset;
  if (offset === undefined) return Number.NaN;
  let i = offset;
  let digits = '';
  while (i < text.length && digits.length < 10 && text[i] >= '0' && text[i] <= '9') digits += text[i++];
  return digits ? Number.parseInt(digits, 10) : Number.NaN;
}

/**
 * Shell blocks are commands; a block right after a paragraph that starts
 * with "Expected" is an expected output.
 */
function collectCode(
  nodes: Nodes[],
  parsed: ReadonlyMap<Code, Command>,
): { commands: Command[]; expectedOutputs: Code[] } {
  const commands: Command[] = [];
  const expectedOutputs: Code[] = [];
  const inspect = (siblings: Nodes[]) => {
    siblings.forEach((node, i) => {
      if (node.type === 'code') {
        const previous = siblings[i - 1];
        if (isShellBlock(node)) commands.push(parsed.get(node) ?? parseCommand(node));
        else if (isExpectedLabel(previous)) {
          expectedOutputs.push(node);
        }
      } else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading') {
        inspect((node as Parents).children as Nodes[]);
      }
    });
  };
  inspect(nodes);
  return { commands, expectedOutputs };
}

/** A paragraph that opens with "Expected" labels the code block after it as expected output. */
export function isExpectedLabel(node: Nodes | undefined): boolean {
  return node?.type === 'paragraph' && /^expected\b/i.test(toString(node).trim());
}

function offsetOf(node: Nodes, edge: 'start' | 'end'): number {
  return node.position?.[edge].offset ?? 0;
}

// ---------------------------------------------------------------------------
// Results Template and Last Updated

function findResultsTemplate(tree: Root, headings: HeadingInfo[]): ResultsTemplate | undefined {
  const heading = headings.find((h) => /^results template$/i.test(h.text));
  if (!heading) return undefined;
  const children = tree.children;
  const index = children.indexOf(heading.node as RootContent);
  let table: Table | undefined;
  for (let i = index + 1; i > 0 && i < children.length; i++) {
    const node = children[i];
    if (node.type === 'heading' && node.depth <= heading.depth) break;
    if (node.type === 'table' && isTestCaseTable(node)) {
      table = node;
      break;
    }
  }
  const rows = (table?.children.slice(1) ?? []).map((row) => ({
    id: toString(row.children[0] ?? { type: 'text', value: '' }).trim(),
    title: toString(row.children[1] ?? { type: 'text', value: '' }).trim(),
    node: row,
  }));
  return { heading, table, rows };
}

/** The Results Template's table is the one whose first header cell names the test case. */
function isTestCaseTable(table: Table): boolean {
  const header = toString(table.children[0]?.children[0] ?? { type: 'text', value: '' });
  return /test|case|id/i.test(header);
}

const LAST_UPDATED = /^last updated\s*:?\s*/i;

/** The last paragraph that opens with "Last Updated" (plain or bold). */
function findLastUpdated(paragraphs: readonly Paragraph[]): Page['lastUpdated'] {
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    const node = paragraphs[i];
    // Cheap test on the leading text first: rendering every paragraph to a string costs.
    if (!/^\s*last/i.test(leadingText(node))) continue;
    const text = firstLine(node).trim();
    const match = LAST_UPDATED.exec(text);
    if (match) return { text: text.slice(match[0].length).trim(), node };
  }
  return undefined;
}

/**
 * The paragraph's text up to its first line break: the lines of a footer
 * (`**Last Updated:** ...` then `**Status:** ...`) form one paragraph, and
 * the date is only the first of them.
 */
function firstLine(paragraph: Paragraph): string {
  let text = '';
  for (const child of paragraph.children) {
    if (child.type === 'break') break;
    const value = toString(child);
    const newline = value.indexOf('\n');
    if (newline !== -1) return text + value.slice(0, newline);
    text += value;
  }
  return text;
}

function leadingText(node: Nodes): string {
  let current: Nodes | undefined = node;
  while (current && 'children' in current) current = current.children[0] as Nodes | undefined;
  return current && 'value' in current ? current.value : '';
}
