/**
 * The page's mdast, rebuilt from the micromark tokens markdownlint already
 * made for its own rules, so a full check parses each page once. The tree
 * must equal what remark (parse.ts) builds from the same text, node for node
 * and position for position: `test/tokens/to-mdast.test.ts` holds it to that
 * on the guides, every markdown file of the project and of the driver, and a
 * generated corpus.
 *
 * markdownlint's syntax differs from remark's at the edges (it reads math
 * and cuts off front matter; it does not read strikethrough or task list
 * checks). Where a page uses something rebuilt here inexactly, or not at
 * all, the result says what, and the caller parses the page with remark.
 */
import type { BlockContent, Code, Heading, List, ListItem, Paragraph, Root, RootContent, Table, TableCell, TableRow, Text } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { PagePoints, type Token } from './positions';
import { blockPhrasing, child, decodeString, descendant, Unsupported, unsupported, type PhrasingContext } from './phrasing';

/** The rebuilt tree, or why the page is left to remark (for the trace and the tests). */
export type TreeResult = { tree: Root } | { unsupported: string };

export function treeFromTokens(text: string, tokens: readonly Token[], frontMatterLines: readonly string[]): TreeResult {
  try {
    return { tree: build(text, tokens, frontMatterLines) };
  } catch (error) {
    if (error instanceof Unsupported) return { unsupported: error.message };
    throw error;
  }
}

const AUTOLINK_LITERALS = gfmAutolinkLiteralFromMarkdown().transforms ?? [];

function build(text: string, tokens: readonly Token[], frontMatterLines: readonly string[]): Root {
  // Carriage returns and tabs change how columns and code are counted; rare in docs.
  if (text.includes('\r')) unsupported('a carriage return');
  const points = new PagePoints(text, frontMatterLines.length);
  if (text.includes('\t')) refuseIndentingTabs(text, tokens, points);
  const context: Context = { points, inTable: false };
  const children: RootContent[] = [];
  const yaml = frontMatter(text, frontMatterLines, points);
  if (yaml) children.push(yaml);
  flow(tokens, context, children, false);
  let tree: Root = {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: points.atOffset(text.length) },
  };
  // remark finds the literal URLs and addresses micromark did not (after text, in any node) this way.
  if (mayHoldLiteralLinks(tree)) {
    for (const transform of AUTOLINK_LITERALS) tree = (transform(tree) as Root | undefined) ?? tree;
  }
  return tree;
}

/**
 * Whether some text could hold a URL or an address the literal-link pass
 * would find (`www.`, `http://`, `@`). The pass walks every node with two
 * patterns; most pages hold such text only in code, so it is skipped.
 */
function mayHoldLiteralLinks(tree: Root): boolean {
  const stack: RootContent[] = [...tree.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text' && (node.value.includes('@') || /www|http/i.test(node.value))) return true;
    if ('children' in node) stack.push(...(node.children as RootContent[]));
  }
  return false;
}

type Context = PhrasingContext;

/**
 * micromark reads a tab in a line's indentation as up to four columns and
 * may take part of it for a container or a code block; markdownlint's
 * tokens keep only the text, so such pages are left to remark. Tabs after
 * a line's first character, and in code fenced at the margin (Go code),
 * are taken as they are.
 */
function refuseIndentingTabs(text: string, tokens: readonly Token[], points: PagePoints): void {
  const plainCode = new Set<number>();
  for (const token of tokens) {
    if (token.type !== 'codeFenced' || token.startColumn !== 1) continue;
    const first = points.at(token.startLine, 1).line;
    const last = points.at(token.endLine, 1).line;
    for (let line = first + 1; line < last; line++) plainCode.add(line);
  }
  text.split('\n').forEach((line, index) => {
    if (/^[ >*+\-.)0-9]*\t/.test(line) && !plainCode.has(index + 1)) unsupported('a tab in the indentation');
  });
}

/**
 * remark's `yaml` node for the front matter markdownlint cut off. remark
 * reads only `---` fences; markdownlint also cuts TOML and JSON front
 * matter and the blank lines after it, which are left to remark.
 */
function frontMatter(text: string, lines: readonly string[], points: PagePoints): RootContent | undefined {
  if (lines.length === 0) {
    if (text.startsWith('---')) unsupported('a --- line markdownlint did not take for front matter');
    return undefined;
  }
  if (lines[0] !== '---') unsupported('front matter not fenced by ---');
  const close = lines.indexOf('---', 1);
  if (close === -1 || lines.slice(close + 1).some((line) => line !== '')) unsupported('front matter remark may read otherwise');
  const value = lines.slice(1, close).join('\n');
  const endOffset = lines.slice(0, close + 1).join('\n').length;
  return { type: 'yaml', value, position: { start: points.atOffset(0), end: points.atOffset(endOffset) } };
}

/**
 * Flow content (blocks) of the root, a quote, a list item or a directive into `out`.
 * `itemStart`: the first block is a list item's first content, where a task list check may stand.
 */
function flow(tokens: readonly Token[], context: Context, out: RootContent[], nested: boolean, itemStart = false): RootContent[] {
  const { points } = context;
  for (const token of tokens) {
    switch (token.type) {
      case 'lineEnding':
      case 'lineEndingBlank':
      case 'linePrefix':
      case 'listItemIndent':
      case 'whitespace':
      case 'blockQuotePrefix':
        break;
      // markdownlint's own marks for labels without a definition, appended after the page.
      case 'undefinedReferenceShortcut':
      case 'undefinedReferenceCollapsed':
      case 'undefinedReferenceFull':
        if (nested) unsupported(token.type);
        break;
      case 'content':
        for (const part of token.children) {
          if (part.type !== 'paragraph') unsupported(part.type);
          const node = paragraph(part, context);
          // remark-gfm looks for a check in the first content of the flow
          // that follows a list item's marker, which can be a paragraph
          // after the item (it then drops the check and sets nothing).
          if (!(itemStart && out.length === 0) && checkAtStart(node, points.text)) {
            unsupported('a paragraph that starts like a task list check, not at the start of a list item');
          }
          out.push(node);
        }
        break;
      case 'atxHeading':
      case 'setextHeading':
        out.push(heading(token, context));
        break;
      case 'thematicBreak':
        out.push({ type: 'thematicBreak', position: points.of(token) });
        break;
      case 'blockQuote':
        out.push({ type: 'blockquote', children: flow(token.children, context, [], true) as BlockContent[], position: points.of(token) });
        break;
      case 'listOrdered':
      case 'listUnordered':
        out.push(list(token, context));
        break;
      case 'codeFenced':
        out.push(fencedCode(token, context));
        break;
      case 'codeIndented':
        out.push(indentedCode(token, context));
        break;
      case 'htmlFlow':
        // markdownlint re-parses HTML blocks, so only its text is left; in a
        // container the text holds the container's prefixes on later lines.
        if (nested && token.startLine !== token.endLine) unsupported('a multi-line HTML block in a container');
        out.push({ type: 'html', value: token.text, position: points.of(token) });
        break;
      case 'table':
        out.push(table(token, context));
        break;
      case 'directiveContainer':
      case 'directiveLeaf':
        out.push(directive(token, context));
        break;
      default:
        unsupported(token.type);
    }
  }
  return out;
}

function paragraph(token: Token, context: Context): Paragraph {
  return { type: 'paragraph', children: blockPhrasing(token, token.children, context, true), position: context.points.of(token) };
}

function heading(token: Token, context: Context): Heading {
  const setext = token.type === 'setextHeading';
  const sequence = child(token, setext ? 'setextHeadingLine' : 'atxHeadingSequence');
  const marks = setext ? sequence && child(sequence, 'setextHeadingLineSequence') : sequence;
  if (!marks) unsupported('a heading without its marks');
  const depth = (setext ? (marks.text.startsWith('=') ? 1 : 2) : marks.text.length) as Heading['depth'];
  const content = child(token, setext ? 'setextHeadingText' : 'atxHeadingText');
  return {
    type: 'heading',
    depth,
    children: content ? blockPhrasing(content, content.children, context, true) : [],
    position: context.points.of(token),
  };
}

/**
 * What precedes a code line: its indentation and its containers' prefixes,
 * not part of the code. A line ending counts as "\n" (pages with carriage
 * returns are left to remark): its token's end may reach past the next
 * line's container prefix, so its text may hold that prefix too.
 */
const CODE_PREFIXES = new Set(['linePrefix', 'whitespace', 'listItemIndent', 'blockQuotePrefix']);

function fencedCode(token: Token, context: Context): Code {
  const [opening, ...rest] = token.children;
  if (opening?.type !== 'codeFencedFence') unsupported('a code block without its fence');
  const info = descendant(opening, 'codeFencedFenceInfo');
  const meta = descendant(opening, 'codeFencedFenceMeta');
  // The text between the fences: one line ending after the opening fence
  // and one before the closing fence are not part of it.
  let value = '';
  for (const part of rest) {
    if (part.type === 'codeFlowValue') value += part.text;
    else if (part.type === 'lineEnding') value += '\n';
    else if (!CODE_PREFIXES.has(part.type) && part.type !== 'codeFencedFence') unsupported(part.type);
  }
  value = value.replace(/^\n|\n$/g, '');
  return {
    type: 'code',
    lang: info ? decodeString(info.children) : null,
    meta: meta ? decodeString(meta.children) : null,
    value,
    position: context.points.of(token),
  };
}

function indentedCode(token: Token, context: Context): Code {
  let value = '';
  for (const part of token.children) {
    if (part.type === 'codeFlowValue') value += part.text;
    else if (part.type === 'lineEnding') value += '\n';
    else if (!CODE_PREFIXES.has(part.type) && part.type !== 'lineEndingBlank') unsupported(part.type);
  }
  return { type: 'code', lang: null, meta: null, value: value.replace(/\n$/, ''), position: context.points.of(token) };
}

/**
 * A list and its items. The tokens hold no item of their own: an item runs
 * from its marker to the next marker of the same list. A list is loose when
 * a blank line separates two items, an item when a blank line separates two
 * of its blocks, as remark decides it.
 */
function list(token: Token, context: Context): List {
  const { points } = context;
  const ordered = token.type === 'listOrdered';
  const items: ListItem[] = [];
  let listSpread = false;
  let start: number | null = null;
  const parts = token.children;
  let from = -1;
  const close = (to: number, endOfList: boolean) => {
    if (from === -1) return;
    const prefix = parts[from];
    // Line endings at the item's tail belong to the list; two of them are a blank line between items.
    let tail = to;
    let trailing = 0;
    while (tail - 1 > from && isTailFiller(parts[tail - 1].type)) {
      tail--;
      if (parts[tail].type === 'lineEnding' || parts[tail].type === 'lineEndingBlank') trailing++;
    }
    if (trailing >= 2) listSpread = true;
    const firstLineEnding = parts.slice(tail, to).find((p) => p.type === 'lineEnding' || p.type === 'lineEndingBlank');
    const body = parts.slice(from + 1, tail);
    const end = firstLineEnding ? points.start(firstLineEnding) : endOfList ? points.end(token) : points.end(parts[to]);
    items.push(listItem(prefix, body, { start: points.start(prefix), end }, context));
  };
  parts.forEach((part, index) => {
    if (part.type !== 'listItemPrefix') return;
    close(index, false);
    from = index;
    if (ordered && start === null) {
      const value = child(part, 'listItemValue');
      if (value) start = Number.parseInt(value.text, 10);
    }
  });
  close(parts.length, true);
  return { type: 'list', ordered, start, spread: listSpread, children: items, position: points.of(token) };
}

/** Tokens between an item's content and the next marker that remark skips over backwards. */
function isTailFiller(type: string): boolean {
  return (
    type === 'lineEnding' ||
    type === 'lineEndingBlank' ||
    type === 'linePrefix' ||
    type === 'blockQuotePrefix' ||
    type === 'blockQuotePrefixWhitespace' ||
    type === 'blockQuoteMarker' ||
    type === 'listItemIndent'
  );
}

function listItem(prefix: Token, body: Token[], position: ListItem['position'], context: Context): ListItem {
  // An item that starts with a blank line and whose content is indented
  // past the item's own indentation has a line prefix first: remark-gfm
  // then sees no check.
  const lead = body.slice(0, Math.max(0, body.findIndex((token) => token.type === 'content')));
  const checkable = !lead.some((token) => token.type === 'linePrefix');
  const children = flow(body, context, [], true, checkable) as ListItem['children'];
  const node: ListItem = { type: 'listItem', spread: hasInnerBlankLine(body), checked: null, children, position };
  if (checkable) taskCheck(node, context.points.text);
  return node;
}

/**
 * Whether a blank line falls inside the item's content (not right after its
 * marker, not inside a nested list or quote).
 */
function hasInnerBlankLine(body: readonly Token[]): boolean {
  let atMarker = true;
  const visit = (tokens: readonly Token[]): boolean => {
    for (const token of tokens) {
      if (token.type === 'lineEndingBlank') {
        if (!atMarker) return true;
        atMarker = false;
        continue;
      }
      if (token.type === 'linePrefix') continue;
      atMarker = false;
      if (token.type === 'listOrdered' || token.type === 'listUnordered' || token.type === 'blockQuote') continue;
      if (visit(token.children)) return true;
    }
    return false;
  };
  return visit(body);
}

/**
 * GFM's task list check (`[ ]`, `[x]`) at the start of an item's first
 * paragraph, as remark-gfm reads it. Whether it is a check depends on what
 * follows it in the source, which the text node no longer shows (trailing
 * spaces are dropped, or became a hard break): a line ending, or spaces or
 * tabs with more of the paragraph after them.
 */
function taskCheck(item: ListItem, text: string): void {
  const first = item.children[0];
  if (first?.type !== 'paragraph') return;
  const check = checkAtStart(first, text);
  if (!check) return;
  const head = first.children[0] as Text;
  const start = head.position!.start;
  const afterCheck = start.offset! + 3;
  let next = afterCheck;
  while (text[next] === ' ' || text[next] === '\t') next++;
  const ok = next < first.position!.end.offset! && (next > afterCheck || text[afterCheck] === '\n');
  if (!ok) return;
  item.checked = check !== ' ';
  // remark's text starts after the check, or at the line ending when only
  // spaces were between them, and drops its first character there.
  const after = head.value.slice(3);
  head.value = after.slice(1);
  if (after.length === 0 || head.value.length === 0) {
    // Nothing left (the spaces were a hard break, or the content starts with another node).
    first.children.shift();
    return;
  }
  const offset = (after.startsWith('\n') ? next : afterCheck) + 1;
  head.position!.start = { line: start.line, column: start.column + offset - start.offset!, offset };
  first.position!.start = { ...head.position!.start };
}

/** The mark of a check (` `, `x`, `X`) the paragraph's text starts with, as written in the source. */
function checkAtStart(paragraph: Paragraph, text: string): string | undefined {
  const head = paragraph.children[0];
  if (head?.type !== 'text') return undefined;
  const check = /^\[([ xX\n])\]/.exec(head.value);
  if (!check) return undefined;
  if (check[1] === '\n') unsupported('a task list check across lines');
  // Written as it reads: `\[x]` or `&#91;x]` is no check.
  const offset = head.position!.start.offset!;
  return text.slice(offset, offset + 3) === check[0] ? check[1] : undefined;
}

function table(token: Token, context: Context): Table {
  const { points } = context;
  const head = child(token, 'tableHead') ?? unsupported('a table without a head');
  const delimiters = child(head, 'tableDelimiterRow') ?? unsupported('a table without a delimiter row');
  const align = delimiters.children
    .filter((c) => c.type === 'tableDelimiter')
    .map((cell): Table['align'] extends (infer A)[] | null | undefined ? A : never => {
      const content = child(cell, 'tableContent');
      const markers = content ? content.children.filter((c) => c.type === 'tableDelimiterMarker') : [];
      const left = content?.children[0]?.type === 'tableDelimiterMarker';
      const right = content?.children[content.children.length - 1]?.type === 'tableDelimiterMarker' && (markers.length > 1 || !left);
      return left && right ? 'center' : left ? 'left' : right ? 'right' : null;
    });
  const rows: TableRow[] = [];
  const cellContext: Context = { ...context, inTable: true };
  const addRow = (row: Token) => {
    const cells: TableCell[] = row.children
      .filter((c) => c.type === 'tableHeader' || c.type === 'tableData')
      .map((cell) => {
        const content = child(cell, 'tableContent');
        return { type: 'tableCell', children: content ? blockPhrasing(content, content.children, cellContext, false) : [], position: points.of(cell) };
      });
    rows.push({ type: 'tableRow', children: cells, position: points.of(row) });
  };
  for (const part of token.children) {
    if (part.type === 'tableHead' || part.type === 'tableBody') {
      for (const row of part.children) if (row.type === 'tableRow') addRow(row);
    }
  }
  return { type: 'table', align, children: rows, position: points.of(token) };
}

function directive(token: Token, context: Context): RootContent {
  const { points } = context;
  const container = token.type === 'directiveContainer';
  const fence = container ? child(token, 'directiveContainerFence') ?? unsupported('a directive without its fence') : token;
  const kind = container ? 'directiveContainer' : 'directiveLeaf';
  if (child(fence, `${kind}Attributes`)) unsupported('directive attributes');
  const name = child(fence, `${kind}Name`)?.text ?? '';
  const label = child(fence, `${kind}Label`);
  const labelString = label && child(label, `${kind}LabelString`);
  const position = points.of(token);
  if (!container) {
    return {
      type: 'leafDirective',
      name,
      attributes: {},
      children: labelString ? blockPhrasing(labelString, labelString.children, context, true) : [],
      position,
    };
  }
  const children: RootContent[] = [];
  if (label) {
    children.push({
      type: 'paragraph',
      data: { directiveLabel: true },
      children: labelString ? blockPhrasing(labelString, labelString.children, context, true) : [],
      position: points.of(label),
    });
  }
  const content = child(token, 'directiveContainerContent');
  if (content) flow(content.children.filter((c) => c.type !== 'directiveContainerFence'), context, children, true);
  return { type: 'containerDirective', name, attributes: {}, children: children as BlockContent[], position };
}
