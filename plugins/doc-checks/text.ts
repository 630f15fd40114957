/**
 * Turns file bytes into text for the parser, reporting (not throwing on)
 * input that is not UTF-8 or too large to check in bounded time.
 */
import { FencedCode, isBlank, isLetter, runAt } from './fences';
import type { Page } from './types';

/**
 * Larger files are cut here, so a check stays bounded whatever is committed:
 * markdown parsing costs seconds per megabyte, and a guide is ~100 KB.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): { text: string; problems: Page['readProblems'] } {
  const problems: Page['readProblems'] = [];
  let slice = bytes;
  if (bytes.byteLength > MAX_FILE_BYTES) {
    const cut = characterBoundary(bytes, MAX_FILE_BYTES);
    problems.push({
      message: `File is ${bytes.byteLength} bytes; only the first ${cut} bytes were checked`,
      point: { line: 1, column: 1 },
    });
    slice = bytes.subarray(0, cut);
  }
  try {
    return { text: stripBom(decoder.decode(slice)), problems };
  } catch {
    const text = new TextDecoder('utf-8').decode(slice);
    const bad = text.indexOf('\uFFFD');
    problems.push({
      message: 'File is not valid UTF-8; expected UTF-8 text (invalid bytes were replaced)',
      point: pointAt(text, Math.max(bad, 0)),
    });
    return { text: stripBom(text), problems };
  }
}

/**
 * The largest offset at or below `limit` that does not split a UTF-8
 * character: a cut inside one would make valid text look invalid.
 * Continuation bytes are 10xxxxxx; a character has at most three of them.
 */
function characterBoundary(bytes: Uint8Array, limit: number): number {
  let cut = limit;
  while (cut > limit - 4 && cut > 0 && (bytes[cut] & 0xc0) === 0x80) cut--;
  return cut;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function pointAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Shapes that make the markdown parser super-linear or overflow its stack,
 * found by one linear pass: containers nested deep (500 nested list levels
 * take minutes, 2,000 list markers on one line 3 s, 20,000 nested quotes
 * overflow the stack, 2,000 nested `:::` directives 30 s) and emphasis
 * delimiter runs of thousands of characters. The limits keep the worst
 * shape they let through within ~10x the per-byte cost of a real guide.
 * A file with one is not parsed; it gets a diagnostic instead, so a hostile
 * pull request cannot hang the check or the site build. Shapes this pass
 * cannot see (paragraphs of thousands of emphasis markers) are caught by
 * the CLI's watchdog (watchdog/).
 */
const MAX_CONTAINER_PREFIX = 256;
/** List markers cost far more than indentation: 32 per line parse ~10x slower per byte than a guide. */
const MAX_LIST_MARKERS = 32;
/** Each level multiplies the cost of every line inside: 8 deep is already ~10x for a long paragraph. */
const MAX_DIRECTIVE_DEPTH = 8;
const MAX_DELIMITER_RUN = 1000;
/**
 * Lines that continue a paragraph inside a quote or list without repeating its
 * markers ("lazy" lines) cost the parser time in proportion to all lazy lines
 * before them: 20,000 after one `>` take about a minute. A guide has a few.
 */
const MAX_LAZY_LINES = 200;
/** `[` still open in one block: each `]` looks back over all of them (20,000 take seconds). */
const MAX_OPEN_BRACKETS = 128;
/** `[` in one block (paragraph, table, list without blank lines): 50,000 `[x]` take most of a minute. */
const MAX_BRACKETS_PER_BLOCK = 2000;
/** Lines in one block: huge tables and lazy paragraphs grow faster than their size. */
const MAX_BLOCK_LINES = 2000;
/**
 * Table cells in one page. The GFM table parser (micromark's, which the
 * engine, markdownlint and the site build all use) collects its edits for a
 * whole page in one list and searches that list for every cell it adds, so
 * parsing grows with the square of the page's cells, however they are split
 * into tables: 24,000 cells take 15 s, 48,000 over a minute. The densest
 * cells (one-column rows `x`, two bytes each) reach ~10x a guide's cost per
 * byte at 1,000 cells; a guide's tables have ~200. A larger page may hold one
 * more cell per 256 characters: the guide repeated to 2 MiB (~3,800 cells)
 * passes, and the worst 2 MiB page (9,192 cells, in that densest shape) adds
 * ~3 s to the engine's parse and ~6 s to markdownlint's, against ~20 s each
 * takes for 2 MiB of guide.
 */
const MIN_TABLE_CELLS = 1000;
const CHARACTERS_PER_TABLE_CELL = 256;

/** Why a file is not parsed, and where. */
export type Hazard = { message: string; point: { line: number; column: number } };

export function parserHazard(text: string): Hazard | undefined {
  // Fence lengths of the `:::` containers open at this point, innermost last.
  const directives: number[] = [];
  const code = new FencedCode();
  const block = new BlockScan();
  const tables = new TableCells(MIN_TABLE_CELLS + Math.floor(text.length / CHARACTERS_PER_TABLE_CELL));
  let line = 1;
  for (let lineStart = 0; lineStart <= text.length; line++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const { end, columns, listMarkers, quotes } = containerPrefix(text, lineStart, lineEnd);
    if (columns > MAX_CONTAINER_PREFIX) {
      return {
        message: `Line ${line} is nested more than ${MAX_CONTAINER_PREFIX} columns deep in quotes, lists or indentation; the file was not checked (expected a document nested a few levels deep)`,
        point: { line, column: 1 },
      };
    }
    if (listMarkers > MAX_LIST_MARKERS) {
      return {
        message: `Line ${line} starts more than ${MAX_LIST_MARKERS} nested lists; the file was not checked (expected lists nested a few levels deep)`,
        point: { line, column: 1 },
      };
    }
    // Directive-like lines, brackets and long listings inside fenced code are code.
    const inCode = code.line(text, lineStart, end, lineEnd, line);
    const marker = runAt(text, end, lineEnd);
    if (!inCode && marker.char === ':' && marker.length >= 3) {
      const after = text.charCodeAt(end + marker.length);
      if (isLetter(after)) {
        directives.push(marker.length);
        if (directives.length > MAX_DIRECTIVE_DEPTH) {
          return {
            message: `Line ${line} opens a \`:::\` directive nested more than ${MAX_DIRECTIVE_DEPTH} deep; the file was not checked (expected admonitions nested a few levels deep, each closed by its own \`:::\` line)`,
            point: { line, column: end - lineStart + 1 },
          };
        }
      } else if (isBlank(text, end + marker.length, lineEnd) && quotes + listMarkers === 0 && columns <= 3) {
        // The outermost container the fence is long enough for closes, with all inside it.
        // Indented four columns it is code, or text in a quote or list the parser may have
        // closed already: counting only bare fences can keep a container open too long, never too short.
        const closed = directives.findIndex((open) => marker.length >= open);
        if (closed !== -1) directives.length = closed;
      }
    }
    const run = longDelimiterRun(text, lineStart, lineEnd);
    if (run) return { message: run.message, point: { line, column: run.offset - lineStart + 1 } };
    const inBlock = inCode ? undefined : block.line(text, lineStart, end, lineEnd, quotes + listMarkers > 0, columns > 0);
    if (inBlock) return { message: inBlock.message, point: { line, column: inBlock.offset - lineStart + 1 } };
    // Lines in fenced code count too, so the count does not depend on the fences.
    tables.line(text, end, lineEnd, { line, column: end - lineStart + 1 });
    lineStart = lineEnd + 1;
  }
  return tables.excess();
}

/**
 * Where the container markers at the start of a line end, and how many
 * columns they take: indentation, `>` quote markers, and list markers
 * (`-`, `+`, `*`, `1.`, `1)` followed by a space), as in `> - 1. item`.
 */
function containerPrefix(text: string, start: number, end: number): { end: number; columns: number; listMarkers: number; quotes: number } {
  let i = start;
  let columns = 0;
  let listMarkers = 0;
  let quotes = 0;
  while (i < end) {
    const c = text[i];
    if (c === ' ' || c === '>') {
      if (c === '>') quotes++;
      columns++;
      i++;
    } else if (c === '\t') {
      columns += 4;
      i++;
    } else if ((c === '-' || c === '+' || c === '*') && isSpace(text[i + 1])) {
      columns += 2;
      listMarkers++;
      i += 2;
    } else if (isDigit(c)) {
      let j = i;
      while (j < end && j - i < 9 && isDigit(text[j])) j++;
      if ((text[j] !== '.' && text[j] !== ')') || !isSpace(text[j + 1])) break;
      columns += j - i + 2;
      listMarkers++;
      i = j + 2;
    } else {
      break;
    }
  }
  return { end: i, columns, listMarkers, quotes };
}

/**
 * Counts, per block of non-blank lines outside fenced code: its lines, its
 * lazy lines (no container marker or indentation, after a line inside a
 * quote or list), and its `[` (all, and those still open). Linear: each
 * character is looked at once.
 */
class BlockScan {
  private lines = 0;
  private lazy = 0;
  private inContainer = false;
  private brackets = 0;
  private open = 0;

  /** One line; `content` is where its container markers end. */
  line(text: string, start: number, content: number, end: number, markers: boolean, indented: boolean): { message: string; offset: number } | undefined {
    if (isBlank(text, content, end)) {
      this.lines = this.lazy = this.brackets = this.open = 0;
      this.inContainer = false;
      return undefined;
    }
    if (++this.lines > MAX_BLOCK_LINES) {
      return { message: `A block of more than ${MAX_BLOCK_LINES} lines without a blank line; the file was not checked (expected paragraphs, tables and lists separated by blank lines)`, offset: start };
    }
    if (markers) {
      this.inContainer = true;
      this.lazy = 0;
    } else if (!indented && this.inContainer && ++this.lazy > MAX_LAZY_LINES) {
      return { message: `More than ${MAX_LAZY_LINES} lines continue a quote or list item without its \`>\` or indentation; the file was not checked (expected each line of a quote to start with \`>\`)`, offset: start };
    }
    for (let i = content; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 92 /* backslash escapes the next character */) i++;
      else if (c === 91 /* [ */) {
        if (++this.brackets > MAX_BRACKETS_PER_BLOCK) {
          return { message: `More than ${MAX_BRACKETS_PER_BLOCK} \`[\` in one block; the file was not checked (expected a few links per paragraph, or blank lines between blocks)`, offset: i };
        }
        if (++this.open > MAX_OPEN_BRACKETS) {
          return { message: `More than ${MAX_OPEN_BRACKETS} \`[\` open at once; the file was not checked (expected brackets closed by \`]\`)`, offset: i };
        }
      } else if (c === 93 /* ] */ && this.open > 0) this.open--;
    }
    return undefined;
  }
}

/**
 * Counts the cells of a page's tables, one line at a time. A table starts at
 * a delimiter row (`| --- | :-: |`) under a line of its block, which is its
 * header; every later line of the block is one of its rows, as in GFM, where
 * a line without a pipe still makes a row of one cell. Lines that only look
 * like a table (a setext underline under a line with a pipe, a table shown
 * in fenced code) are counted too: the count may be high, never low. Tables
 * inside lists and directives are parsed apart from the rest of the page,
 * but counting them with it keeps the rule one number a page.
 */
class TableCells {
  private total = 0;
  private inTable = false;
  /** The previous line of the block: where its content starts, its cells, whether it has a pipe. */
  private previous: { point: Point; cells: number; pipes: number } | undefined;
  /** Where the current table starts, and where the one that went over the budget does, once one has. */
  private tableStart: Point | undefined;
  private over: Point | undefined;

  constructor(private readonly allowed: number) {}

  /** Any line, in fenced code too; `start` is where its container markers end, `point` where that is. */
  line(text: string, start: number, end: number, point: Point): void {
    if (isBlank(text, start, end)) {
      this.inTable = false;
      this.previous = undefined;
      return;
    }
    const row = rowOf(text, start, end);
    if (this.inTable) {
      this.count(row.cells, undefined);
    } else if (row.delimiter && this.previous && (row.pipes > 0 || this.previous.pipes > 0)) {
      this.inTable = true;
      this.count(this.previous.cells + row.cells, this.previous.point);
    }
    this.previous = { point, cells: row.cells, pipes: row.pipes };
  }

  /** The finding, known once the whole page is counted. */
  excess(): Hazard | undefined {
    if (!this.over) return undefined;
    return {
      message: `This page's tables hold ${this.total} cells, and this table passes the ${this.allowed} allowed for its size; the file was not checked (expected at most ${MIN_TABLE_CELLS} table cells a page plus one per ${CHARACTERS_PER_TABLE_CELL} characters of it: the table parser slows with the square of a page's cells, so split the tables over several pages)`,
      point: this.over,
    };
  }

  private count(cells: number, start: Point | undefined): void {
    if (start) this.tableStart = start;
    this.total += cells;
    if (!this.over && this.total > this.allowed) this.over = this.tableStart;
  }
}

type Point = { line: number; column: number };

/**
 * The cells of one table line, split at pipes not escaped by a backslash
 * (pipes in code spans split cells too, in GFM), and whether the line is a
 * delimiter row: only pipes, `-`, `:` and blanks, with a `-`.
 */
function rowOf(text: string, start: number, end: number): { cells: number; pipes: number; delimiter: boolean } {
  let pipes = 0;
  let delimiter = true;
  let dash = false;
  let first = -1;
  let last = -1;
  let lastPipe = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) continue;
    if (first === -1) first = i;
    last = i;
    if (c === 92 /* backslash escapes the next character */) {
      delimiter = false;
      last = ++i;
    } else if (c === 124 /* | */) {
      pipes++;
      lastPipe = i;
    } else if (c === 45 /* - */) dash = true;
    else if (c !== 58 /* : */) delimiter = false;
  }
  // A pipe that opens or closes the line bounds a cell; one between cells separates two.
  const edges = (first !== -1 && text.charCodeAt(first) === 124 ? 1 : 0) + (last !== first && last === lastPipe ? 1 : 0);
  return { cells: Math.max(1, pipes + 1 - edges), pipes, delimiter: delimiter && dash };
}

function longDelimiterRun(text: string, start: number, end: number): { message: string; offset: number } | undefined {
  let run = 0;
  for (let i = start; i < end; i++) {
    const c = text[i];
    const delimiter = c === '*' || c === '_' || c === '~';
    run = !delimiter ? 0 : i > start && text[i - 1] === c ? run + 1 : 1;
    if (run > MAX_DELIMITER_RUN) {
      return {
        message: `A run of more than ${MAX_DELIMITER_RUN} \`${c}\` characters; the file was not checked (expected emphasis markers a few characters long)`,
        offset: i - run + 1,
      };
    }
  }
  return undefined;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/**
 * YAML the `yaml` parser cannot take safely: it recurses once per nesting
 * level, and 50,000 nested `[` in a page's frontmatter exhaust the stack
 * badly enough to abort the process (measured: a fatal V8 error, not a
 * catchable one). Nesting is counted for flow collections (`[`, `{`) and
 * for block indentation; real frontmatter nests a few levels.
 *
 * The scan cannot always tell whether a quote opens a quoted scalar (an
 * apostrophe inside a plain scalar does not), so brackets inside what looks
 * quoted still count, against a separate, larger budget: patterns such as
 * `"\\[x"` are common in plans, and the parser takes thousands of levels
 * (8,000 measured) without harm, so a few hundred quoted openers are safe
 * even if every one of them nests.
 */
const MAX_YAML_FLOW_DEPTH = 64;
const MAX_YAML_QUOTED_OPENERS = 512;
const MAX_YAML_INDENT = 256;

/** `what` names the YAML in messages: `frontmatter`, `a manifest`. */
export function yamlHazard(yaml: string, what = 'frontmatter'): { message: string; offset: number } | undefined {
  let depth = 0;
  let quoted = 0;
  // Quotes are followed within a line only, so an unclosed one cannot hide the rest.
  let quote = '';
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < yaml.length; i++) {
    const c = yaml[i];
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      quote = '';
      continue;
    }
    if (lineStart) {
      if (c === ' ') {
        if (++indent > MAX_YAML_INDENT) {
          return { message: `YAML indented more than ${MAX_YAML_INDENT} columns; expected ${what} nested a few levels deep`, offset: i };
        }
        continue;
      }
      lineStart = false;
    }
    if ((c === '[' || c === '{') && quote) {
      // Openers inside quotes count against their own budget; closers there never count.
      if (++quoted + depth > MAX_YAML_QUOTED_OPENERS) {
        return { message: `YAML holds more than ${MAX_YAML_QUOTED_OPENERS} \`[\` or \`{\` inside quotes; expected ${what} of a reasonable size`, offset: i };
      }
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_YAML_FLOW_DEPTH || depth + quoted > MAX_YAML_QUOTED_OPENERS) {
        return { message: `YAML \`${c}\` collections nested more than ${MAX_YAML_FLOW_DEPTH} deep; expected ${what} nested a few levels deep`, offset: i };
      }
    } else if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}
