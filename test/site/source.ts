/**
 * What the tests expect, taken from the sources rather than written into the
 * tests: the markdown as the engine models it, and Go declaration lines found
 * by a plain scan of the driver source (an oracle independent of the Go indexer).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import { buildPage } from '../../plugins/doc-checks/model/guide';
import type { Box, Page } from '../../plugins/doc-checks/types';
import { DRIVER_SOURCE, SITE_ROOT } from '../setup/site';

export function sourcePage(file: string): Page {
  return buildPage(file, readFileSync(path.join(SITE_ROOT, file), 'utf8'));
}

/** The words a reader sees in a box: without the `[!TYPE]` marker and the bold label. */
export function boxText(box: Box): string {
  return toString(box.node)
    .replace(/^\s*\[![A-Z]+\]\s*/, '')
    .replace(/^\s*(?:CAUTION|DANGER|WARNING)\s*:?\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * 1-based line declaring `symbol` (`Name`, `Type.Method` or `Type.Field`) in the driver source:
 * a func or type at the start of a line, a name in a grouped `var (...)`/`const (...)`,
 * or a field inside `type T struct { ... }`. A second reading, by line, to hold the
 * tree-sitter model to.
 */
export function declarationLine(file: string, symbol: string): number | undefined {
  const [type, name] = symbol.includes('.') ? symbol.split('.') : [undefined, symbol];
  const lines = readFileSync(path.join(DRIVER_SOURCE, file), 'utf8').split('\n');
  if (type) {
    const start = lines.findIndex((line) => line.startsWith(`type ${type} struct {`));
    const end = lines.findIndex((line, i) => i > start && line === '}');
    const field = lines.findIndex((line, i) => start !== -1 && i > start && i < end && new RegExp(`^\\t${name}\\b`).test(line));
    if (field !== -1) return field + 1;
  }
  const receiver = type ? `\\(\\w+ \\*?${type}\\) ` : '(?:\\([^)]*\\) )?';
  const grouped = type ? '' : `|(?:var |const )?\\t?${name}\\s+(?:=|[\\w.*]+\\s*=)`;
  const pattern = new RegExp(`^(?:func ${receiver}${name}\\b|(?:type|const|var) ${name}\\b${grouped})`);
  const index = lines.findIndex((line) => pattern.test(line));
  return index === -1 ? undefined : index + 1;
}
