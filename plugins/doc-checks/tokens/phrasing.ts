/**
 * Inline content (what a paragraph, heading or table cell holds) from
 * markdownlint's micromark tokens, as remark builds it: adjacent text,
 * escapes, references and line endings merge into one text node; a line
 * ending after a hard break ends the break.
 *
 * Anything this does not rebuild exactly throws `Unsupported`, and the page
 * is parsed by remark instead: reference links, footnotes, math (which
 * markdownlint reads and remark does not), strikethrough (remark reads it,
 * markdownlint does not), unknown character references.
 */
import type { Break, Html, InlineCode, PhrasingContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { PagePoints, Token } from './positions';

export class Unsupported extends Error {}

export function unsupported(what: string): never {
  throw new Unsupported(what);
}

export interface PhrasingContext {
  points: PagePoints;
  /** Inside a table cell, `\|` in code means `|`, as GFM reads it. */
  inTable: boolean;
  /** The break whose line ending is still to come. */
  pendingBreak?: Break;
  /** The block holds a dollar sign (see `blockPhrasing`). */
  dollar?: boolean;
}

export function child(token: Token, type: string): Token | undefined {
  return token.children.find((c) => c.type === type);
}

/** `token`'s first descendant of `type`, depth first. */
export function descendant(token: Token, type: string): Token | undefined {
  for (const c of token.children) {
    if (c.type === type) return c;
    const found = descendant(c, type);
    if (found) return found;
  }
  return undefined;
}

/**
 * The inline content of a block (paragraph, heading, cell, label).
 * Strikethrough is read by remark only, so a block where it may stand is
 * left to remark. remark also counts a tilde as a delimiter, as it counts
 * `*` and `_`, when it decides whether a run of them next to it may open or
 * close emphasis, and markdownlint counts it as punctuation: the two read
 * `a**~ b**` differently.
 */
export function blockPhrasing(block: Token, tokens: readonly Token[], context: PhrasingContext, eols: boolean): PhrasingContent[] {
  if (mayStrikeThrough(block.text)) unsupported('tildes that may strike text through');
  if (/[*_]~|~[*_]/.test(block.text)) unsupported('a tilde next to emphasis marks');
  return phrasing(tokens, { ...context, dollar: block.text.includes('$'), pendingBreak: undefined }, [], eols);
}

/**
 * Whether remark may read strikethrough in a block's text: a run of one or
 * two tildes that may open, and after it a run of the same length that may
 * close, by the flanking rules of micromark's strikethrough. Most tildes in
 * docs stand for "about" (`~1ms vs ~3ms`) and can only open. The text is
 * taken as it is written: tildes in code, URLs or escapes count as runs
 * too, and the block's edges as punctuation, which only leaves more blocks
 * to remark.
 */
function mayStrikeThrough(text: string): boolean {
  // An escaped tilde ends a run without being in it: not worth reading.
  if (text.includes('\\~')) return true;
  const openers = new Set<number>();
  for (const run of text.matchAll(/~+/g)) {
    const size = run[0].length;
    // Three or more tildes are text.
    if (size > 2) continue;
    const before = characterGroup(text, run.index - 1);
    const after = characterGroup(text, run.index + size);
    const close = before === 'other' || (before === 'punctuation' && after !== 'other');
    const open = after === 'other' || (after === 'punctuation' && before !== 'other');
    if (close && openers.has(size)) return true;
    if (open) openers.add(size);
  }
  return false;
}

/**
 * How micromark classes the character at `index`. It reads UTF-16 code
 * units, so half of an emoji is neither space nor punctuation.
 */
function characterGroup(text: string, index: number): 'whitespace' | 'punctuation' | 'other' {
  if (index < 0 || index >= text.length) return 'punctuation';
  const unit = text[index];
  if (/\s/.test(unit)) return 'whitespace';
  return /\p{P}|\p{S}/u.test(unit) ? 'punctuation' : 'other';
}

/**
 * Converts `tokens` into `out`. `eols`: whether line endings are text here
 * (paragraphs, headings, emphasis, labels), as in remark.
 */
export function phrasing(tokens: readonly Token[], context: PhrasingContext, out: PhrasingContent[], eols: boolean): PhrasingContent[] {
  const { points } = context;
  for (const token of tokens) {
    switch (token.type) {
      case 'data':
        appendText(out, token.text, token, points);
        break;
      case 'linePrefix':
      case 'lineSuffix':
      case 'listItemIndent':
      case 'blockQuotePrefix':
        break;
      case 'lineEnding':
        // A line ending's token may run on over the next line's container
        // prefix, in remark's parse as in markdownlint's, and the node that
        // ends with it (text, a break) ends there too. A dollar sign (math,
        // to markdownlint only) makes markdownlint's run on where remark's
        // does not.
        if (context.dollar && token.endColumn !== 1) unsupported('a dollar sign in a paragraph that goes on in a container');
        if (context.pendingBreak) {
          context.pendingBreak.position!.end = points.end(token);
          context.pendingBreak = undefined;
          break;
        }
        if (!eols) unsupported('a line ending in inline content');
        // Its token may reach past the next line's container prefix: the text is the line ending alone.
        appendText(out, '\n', token, points);
        break;
      case 'characterEscape':
        appendText(out, child(token, 'characterEscapeValue')?.text ?? unsupported('an empty escape'), token, points);
        break;
      case 'characterReference':
        appendText(out, decodeReference(token.text), token, points);
        break;
      case 'codeText':
        out.push(inlineCode(token, context));
        break;
      case 'emphasis':
      case 'strong': {
        const inner = child(token, token.type === 'emphasis' ? 'emphasisText' : 'strongText');
        out.push({
          type: token.type,
          children: inner ? phrasing(inner.children, context, [], true) : [],
          position: points.of(token),
        } as PhrasingContent);
        break;
      }
      case 'link':
      case 'image':
        out.push(linkOrImage(token, context));
        break;
      case 'autolink': {
        const value = child(token, 'autolinkProtocol') ?? child(token, 'autolinkEmail') ?? unsupported('an empty autolink');
        const url = value.type === 'autolinkEmail' ? `mailto:${value.text}` : value.text;
        out.push(linkTo(url, value, token, points));
        break;
      }
      case 'literalAutolink': {
        const value = token.children[0] ?? unsupported('an empty literal autolink');
        const prefix = { literalAutolinkWww: 'http://', literalAutolinkHttp: '', literalAutolinkEmail: 'mailto:' }[value.type as string];
        if (prefix === undefined) unsupported(value.type);
        out.push(linkTo(prefix + value.text, value, token, points));
        break;
      }
      case 'htmlText':
        out.push({ type: 'html', value: joinText(token.children, ['htmlTextData', 'lineEnding']), position: points.of(token) } satisfies Html);
        break;
      case 'hardBreakEscape':
      case 'hardBreakTrailing': {
        const node: Break = { type: 'break', position: points.of(token) };
        out.push(node);
        context.pendingBreak = node;
        break;
      }
      case 'directiveText':
        out.push(textDirective(token, context));
        break;
      default:
        unsupported(token.type);
    }
  }
  return out;
}

function appendText(out: PhrasingContent[], value: string, token: Token, points: PagePoints): void {
  const tail = out[out.length - 1];
  if (tail?.type === 'text') {
    tail.value += value;
    tail.position!.end = points.end(token);
    return;
  }
  out.push({ type: 'text', value, position: points.of(token) } satisfies Text);
}

function inlineCode(token: Token, context: PhrasingContext): InlineCode {
  let value = joinText(token.children, ['codeTextData', 'lineEnding'], ['codeTextSequence', 'codeTextPadding', 'linePrefix', 'listItemIndent', 'blockQuotePrefix']);
  // GFM lets `\|` stand for a pipe in a cell's code; other escapes stay.
  if (context.inTable) value = value.replace(/\\([\\|])/g, (all, char: string) => (char === '|' ? char : all));
  return { type: 'inlineCode', value, position: context.points.of(token) };
}

function linkOrImage(token: Token, context: PhrasingContext): PhrasingContent {
  const resource = child(token, 'resource');
  // Reference links need the page's definitions: left to remark.
  if (!resource) unsupported('a reference link');
  const labelText = descendant(child(token, 'label') ?? unsupported('a link without a label'), 'labelText');
  const children = labelText ? phrasing(labelText.children, context, [], true) : [];
  const destination = descendant(resource, 'resourceDestinationString');
  const title = descendant(resource, 'resourceTitleString');
  const url = destination ? decodeString(destination.children) : '';
  const titleValue = title ? decodeString(title.children) : null;
  const position = context.points.of(token);
  if (token.type === 'image') {
    return { type: 'image', title: titleValue, url, alt: toString({ type: 'paragraph', children }), position };
  }
  return { type: 'link', title: titleValue, url, children, position };
}

function linkTo(url: string, value: Token, token: Token, points: PagePoints): PhrasingContent {
  return {
    type: 'link',
    title: null,
    url,
    children: [{ type: 'text', value: value.text, position: points.of(value) }],
    position: points.of(token),
  };
}

function textDirective(token: Token, context: PhrasingContext): PhrasingContent {
  if (child(token, 'directiveTextAttributes')) unsupported('directive attributes');
  const label = child(token, 'directiveTextLabel');
  const content = label && child(label, 'directiveTextLabelString');
  return {
    type: 'textDirective',
    name: child(token, 'directiveTextName')?.text ?? '',
    attributes: {},
    children: content ? phrasing(content.children, context, [], true) : [],
    position: context.points.of(token),
  };
}

/** The text of the `keep` tokens in order; `skip` tokens are dropped, any other is unsupported. */
function joinText(tokens: readonly Token[], keep: string[], skip: string[] = ['linePrefix', 'listItemIndent', 'blockQuotePrefix']): string {
  let value = '';
  for (const token of tokens) {
    if (token.type === 'lineEnding' && keep.includes(token.type)) value += '\n';
    else if (keep.includes(token.type)) value += token.text;
    else if (!skip.includes(token.type)) unsupported(token.type);
  }
  return value;
}

/** A string with its escapes and character references resolved (destinations, titles, info strings). */
export function decodeString(tokens: readonly Token[]): string {
  let value = '';
  for (const token of tokens) {
    if (token.type === 'data') value += token.text;
    else if (token.type === 'lineEnding') value += '\n';
    else if (token.type === 'characterEscape') value += child(token, 'characterEscapeValue')?.text ?? '';
    else if (token.type === 'characterReference') value += decodeReference(token.text);
    else unsupported(token.type);
  }
  return value;
}

/** The few named references docs use; any other is left to remark, which knows them all. */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeReference(text: string): string {
  const numeric = /^&#([xX]?)([0-9a-fA-F]+);$/.exec(text);
  if (numeric) return fromCodePoint(Number.parseInt(numeric[2], numeric[1] ? 16 : 10));
  const named = /^&([a-zA-Z0-9]+);$/.exec(text);
  return (named && NAMED[named[1]]) ?? unsupported(`the character reference ${text}`);
}

/** A numeric reference's character; CommonMark replaces the ones no document may hold. */
function fromCodePoint(code: number): string {
  const forbidden =
    code < 9 ||
    code === 11 ||
    (code > 13 && code < 32) ||
    (code > 126 && code < 160) ||
    (code > 55_295 && code < 57_344) ||
    (code > 64_975 && code < 65_008) ||
    (code & 65_535) === 65_535 ||
    (code & 65_535) === 65_534 ||
    code > 1_114_111;
  return forbidden ? '\uFFFD' : String.fromCodePoint(code);
}
