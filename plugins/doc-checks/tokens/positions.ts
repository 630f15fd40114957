/**
 * Points of the page for markdownlint's tokens. markdownlint parses the
 * page without its front matter and keeps only lines and columns; the mdast
 * the rules read counts lines from the top of the file and carries offsets.
 */
import type { Point, Position } from 'unist';
import { LineIndex } from '../line-index';

/**
 * A token of markdownlint's micromark parse, as it hands them to custom
 * rules (`params.parsers.micromark.tokens`). Its types are micromark's and
 * its extensions' (tables, directives), so they are plain strings here.
 */
export interface Token {
  type: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  text: string;
  children: readonly Token[];
}

export class PagePoints {
  private readonly lines: LineIndex;

  /** `skippedLines`: the front-matter lines markdownlint cut off before parsing. */
  constructor(
    readonly text: string,
    private readonly skippedLines: number,
  ) {
    this.lines = new LineIndex(text);
  }

  /** A line and column of markdownlint's (front matter cut off) as a point of the page. */
  at(line: number, column: number): Point {
    const pageLine = line + this.skippedLines;
    return { line: pageLine, column, offset: this.lines.offset(pageLine, column) };
  }

  start(token: Token): Point {
    return this.at(token.startLine, token.startColumn);
  }

  end(token: Token): Point {
    return this.at(token.endLine, token.endColumn);
  }

  of(token: Token): Position {
    return { start: this.start(token), end: this.end(token) };
  }

  /** The point at `offset` of the page, counted from its first character. */
  atOffset(offset: number): Point {
    return { ...this.lines.point(offset), offset };
  }
}
