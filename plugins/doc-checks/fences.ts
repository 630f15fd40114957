/**
 * Which lines of a page the markdown parser surely reads as fenced code, so
 * the pre-scan (text.ts) may pass over them: code shows shapes (`:::` lines,
 * runs of `[`, long listings) that are harmless there but hazards in prose.
 *
 * The error that matters is calling a line code when the parser reads it as
 * markdown: every later check would be skipped for it, and one fence taken
 * wrongly turns every later fence inside out. So a fence is followed only
 * where its extent is certain. It opens outside HTML blocks and frontmatter,
 * on a line that starts with at most three spaces, with `>` markers, or with
 * one list marker. It ends at its closing fence, at the end of the quote or
 * list item it opened in (a line without the `>`, or indented less than the
 * item's text: lazy lines do not continue code), or at a `:::` line that may
 * close a directive around it. Anything this cannot decide (a fence in a
 * list item opened on an earlier line, deeper indentation, tabs, an
 * indented directive, a fence-like line that may sit in HTML or
 * frontmatter) stops the following
 * for the rest of the page: from there on every line is checked, code
 * included. A real guide's code rarely holds anything the checks refuse, so
 * that costs little; a hostile page gains nothing from it.
 */

/**
 * An open fence and the container it sits in: none or an indented list item
 * (`indent`, the columns before the fence), a quote opened by the same line's
 * `>` markers (`quote`), or a list item opened by the same line's marker
 * (`item`, the columns its content is indented by).
 */
type Container = { kind: 'plain'; indent: number } | { kind: 'quote'; markers: string } | { kind: 'item'; width: number };
type Fence = { char: string; length: number; container: Container };

/** How a line stands to the open fence: in it (its closing line included), or after it. */
type FenceLine = 'code' | 'after';

export class FencedCode {
  private fence: Fence | undefined;
  /** The end of the HTML block that may be open: a line matching this, or a blank line. */
  private html: RegExp | 'blank' | undefined;
  private frontmatter = false;
  private sawDirective = false;
  private previousBlank = true;
  /** Set once the parser's view of the page is in doubt: no line is code from then on. */
  private lost = false;

  /**
   * Whether the parser surely reads this line (from `start` to `end`, its
   * container markers ending at `content`) as fenced code, fences included.
   */
  line(text: string, start: number, content: number, end: number, lineNumber: number): boolean {
    const lead = leadingSpace(text, start, end);
    const code = this.classify(text, start, content, end, lineNumber, lead);
    this.previousBlank = lead.end === end;
    return code;
  }

  private classify(text: string, start: number, content: number, end: number, lineNumber: number, lead: Lead): boolean {
    if (this.lost) return false;
    if (this.fence) {
      const inFence = this.inFence(this.fence, text, start, end, lead);
      if (inFence === 'code') return true;
      if (this.lost) return false;
    }
    const marker = runAt(text, content, end);
    const fenceLike = (marker.char === '`' || marker.char === '~') && marker.length >= 3;
    if (lineNumber === 1 && text.startsWith('---', start)) {
      // Parsers differ on frontmatter opened by anything but a bare `---`.
      if (isBlank(text, start + 3, end)) this.frontmatter = true;
      else this.lost = true;
      return false;
    }
    if (this.frontmatter) {
      // Only a bare `---` ends frontmatter for every parser; a line that may end it for some is doubt.
      if (text.startsWith('---', start) && isBlank(text, start + 3, end)) this.frontmatter = false;
      else if (fenceLike || text.startsWith('---', start) || text[content] === '<') this.lost = true;
      return false;
    }
    if (this.html) {
      if (fenceLike) this.lost = true;
      else if (this.html === 'blank' ? lead.end === end : this.html.test(text.slice(start, end))) this.html = undefined;
      return false;
    }
    if (text[content] === '<') {
      const close = htmlBlockEnd(text, content, end);
      if (close === 'blank' || !close.test(text.slice(content, end))) this.html = close;
      return false;
    }
    if (marker.char === ':' && marker.length >= 3 && isLetter(text.charCodeAt(content + marker.length))) {
      this.sawDirective = true;
      // An indented directive strips its indentation from the lines inside it, which moves
      // every fence and list item in it by columns this does not follow.
      if (!/(?:^|[-+*.)] {1,4}|> ?)$/.test(text.slice(start, content))) this.lost = true;
    }
    if (!fenceLike) return false;
    // A backtick in the info string makes the line inline code in a paragraph, never a fence.
    if (marker.char === '`' && text.slice(content + marker.length, end).includes('`')) return false;
    const container = this.containerOf(text.slice(start, content));
    if (!container) {
      this.lost = true;
      return false;
    }
    this.fence = { char: marker.char, length: marker.length, container };
    return true;
  }

  /**
   * The container of a fence whose line starts with `prefix`, when it is
   * certain: only spaces (at most three), `>` markers at the start of the
   * line, or one list marker there. Deeper or mixed prefixes depend on lists
   * opened on earlier lines, which this does not follow.
   */
  private containerOf(prefix: string): Container | undefined {
    if (/^ {0,3}$/.test(prefix)) return { kind: 'plain', indent: prefix.length };
    const quote = /^(>(?: ?>)*)( {0,4})$/.exec(prefix);
    if (quote) return { kind: 'quote', markers: quote[1] };
    const item = /^(?:[-+*]|(\d{1,9})[.)]) {1,4}$/.exec(prefix);
    // An ordered item from 2 on cannot interrupt a paragraph: after text, the line is text.
    if (item && (item[1] === undefined || item[1] === '1' || this.previousBlank)) return { kind: 'item', width: prefix.length };
    return undefined;
  }

  private inFence(fence: Fence, text: string, start: number, end: number, lead: Lead): FenceLine {
    const container = fence.container;
    if (lead.end === end && container.kind !== 'quote') return 'code';
    let body: Lead;
    if (container.kind === 'quote') {
      // Without its `>` a line ends the quote, and the fence in it: no lazy lines in code.
      if (text[lead.end] !== '>' || lead.columns > 3) return this.leave();
      if (!text.startsWith(container.markers, start)) return this.lose();
      body = leadingSpace(text, start + container.markers.length, end);
      if (body.tab) return this.lose();
      // The space after the last `>` belongs to the marker.
      if (body.columns > 0) body = { ...body, columns: body.columns - 1 };
    } else {
      const indent = container.kind === 'plain' ? container.indent : container.width;
      // A list item ends at a line indented less, and its fence; a fence outside lists goes on.
      if (lead.columns < indent && container.kind === 'item' && !lead.tab) return this.leave();
      if (indent > 0 && (lead.columns < indent || lead.tab)) return this.lose();
      body = container.kind === 'item' ? { ...lead, columns: lead.columns - container.width } : lead;
    }
    const run = runAt(text, body.end, end);
    if (run.char === fence.char && run.length >= fence.length && isBlank(text, body.end + run.length, end)) {
      const minimum = container.kind === 'plain' ? container.indent : 0;
      if (body.columns <= 3 && body.columns >= minimum) {
        this.fence = undefined;
        return 'code';
      }
      // Deeper, it closes the fence in a list item but is code at the top level.
      if (container.kind === 'plain' && (container.indent > 0 || body.columns <= 3)) return this.lose();
    }
    // A `:::` line closes a directive around the fence, and the fence with it.
    if (this.sawDirective && isDirectiveClose(text, body.end, end)) return this.lose();
    return 'code';
  }

  private leave(): 'after' {
    this.fence = undefined;
    return 'after';
  }

  private lose(): 'after' {
    this.fence = undefined;
    this.lost = true;
    return 'after';
  }
}

function isDirectiveClose(text: string, at: number, end: number): boolean {
  const run = runAt(text, at, end);
  return run.char === ':' && run.length >= 3 && isBlank(text, at + run.length, end);
}

type Lead = { end: number; columns: number; tab: boolean };

/** The blanks a line starts with, in columns (tabs stop every four). */
function leadingSpace(text: string, start: number, end: number): Lead {
  let columns = 0;
  let tab = false;
  let i = start;
  for (; i < end; i++) {
    const c = text[i];
    if (c === ' ') columns++;
    else if (c === '\t') {
      columns += 4 - (columns % 4);
      tab = true;
    } else if (c !== '\r') break;
  }
  return { end: i, columns, tab };
}

/**
 * What ends an HTML block opened by the `<` at `at`, as in CommonMark: a
 * line holding a closing marker for `<pre`, `<script`, `<style`,
 * `<textarea`, comments, `<?` and `<!` declarations, else a blank line.
 * Any other `<` is taken to open one too: a block assumed open too long only
 * makes the pre-scan stop following fences.
 */
function htmlBlockEnd(text: string, at: number, end: number): RegExp | 'blank' {
  const opening = text.slice(at + 1, Math.min(end, at + 12)).toLowerCase();
  if (/^(?:script|pre|style|textarea)(?:[\s>]|$)/.test(opening)) return /<\/(?:script|pre|style|textarea)>/i;
  if (opening.startsWith('!--')) return /-->/;
  if (opening.startsWith('?')) return /\?>/;
  if (opening.startsWith('![cdata[')) return /\]\]>/;
  if (/^![a-z]/.test(opening)) return />/;
  return 'blank';
}

export function runAt(text: string, start: number, end: number): { char: string; length: number } {
  const char = text[start] ?? '';
  let i = start;
  while (i < end && text[i] === char) i++;
  return { char, length: i - start };
}

export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\r') return false;
  }
  return true;
}

export function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
