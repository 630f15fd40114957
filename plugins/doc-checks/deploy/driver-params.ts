/**
 * The StorageClass parameter keys the driver reads, from its Go source
 * (`pkg/driver/*.go`, tests excluded), parsed with tree-sitter's Go grammar
 * through the Go model's bounded parse (source/go-parser.ts).
 *
 * A key is read where a map of parameters is indexed: `params[key]`, where
 * `params` was assigned from `req.GetParameters()` in the same function or
 * is a `map[string]string` parameter of it, and `key` is a string literal
 * or a package-level string constant.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Node } from 'web-tree-sitter';
import { parseGo } from '../source/go-parser';
import { isFile, resolveInside } from '../source/paths';
import { noteFile, noteList } from '../cache/track';

export const DRIVER_PACKAGE = 'pkg/driver';

const cache = new Map<string, { keys: Promise<Set<string> | { problem: string }>; read: string[] }>();

export async function driverParameterKeys(sourceRoot: string): Promise<Set<string> | { problem: string }> {
  let cached = cache.get(sourceRoot);
  if (!cached) {
    const read: string[] = [];
    const keys = readKeys(sourceRoot, read).catch((error: unknown) => ({ problem: `the Go source could not be parsed (${String((error as Error)?.message ?? error)})` }));
    cached = { keys, read };
    cache.set(sourceRoot, cached);
  }
  const keys = await cached.keys;
  // On every use: each checked file depends on the package's files as they were read.
  noteList(sourceRoot, DRIVER_PACKAGE);
  for (const file of cached.read) noteFile(sourceRoot, file);
  return keys;
}

async function readKeys(sourceRoot: string, read: string[]): Promise<Set<string> | { problem: string }> {
  const dir = resolveInside(sourceRoot, DRIVER_PACKAGE);
  if (!dir.ok) return { problem: dir.problem };
  let names: string[];
  try {
    names = readdirSync(dir.absolute).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go')).sort();
  } catch {
    return { problem: `\`${DRIVER_PACKAGE}/\` does not exist in the driver source` };
  }
  const constants = new Map<string, string>();
  const reads: Key[] = [];
  for (const name of names) {
    const file = resolveInside(sourceRoot, `${DRIVER_PACKAGE}/${name}`);
    read.push(`${DRIVER_PACKAGE}/${name}`);
    if (!file.ok || !isFile(file.absolute)) continue;
    // The Go model's bounded parse: a file over its limits adds no keys, as one that does not parse.
    const parsed = await parseGo(readFileSync(file.absolute, 'utf8'));
    if ('problem' in parsed) continue;
    try {
      collectConstants(parsed.root, constants);
      // Resolved after every file's constants are known.
      reads.push(...parameterReads(parsed.root));
    } finally {
      parsed.tree.delete();
    }
  }
  const keys = new Set<string>();
  for (const key of reads) {
    const value = key.constant ? constants.get(key.text) : unquote(key.text);
    if (value !== undefined) keys.add(value);
  }
  return keys;
}

/** Package-level `const name = "value"` (grouped or not). */
function collectConstants(root: Node, constants: Map<string, string>): void {
  for (const spec of root.descendantsOfType('const_spec')) {
    if (!spec) continue;
    const names = spec.namedChildren.filter((c): c is Node => c?.type === 'identifier');
    const values = spec.childForFieldName('value')?.namedChildren ?? [];
    names.forEach((name, i) => {
      const value = values[i];
      if (value && (value.type === 'interpreted_string_literal' || value.type === 'raw_string_literal')) constants.set(name.text, unquote(value.text));
    });
  }
}

/** A read key as written: a constant's name or a string literal. */
type Key = { constant: boolean; text: string };

/** The keys of `params[key]` reads, function by function. */
function parameterReads(root: Node): Key[] {
  const reads: Key[] = [];
  for (const fn of root.descendantsOfType(['function_declaration', 'method_declaration', 'func_literal'])) {
    if (!fn) continue;
    const maps = new Set<string>();
    for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
      if (parameter?.type !== 'parameter_declaration' || parameter.childForFieldName('type')?.text.replace(/\s/g, '') !== 'map[string]string') continue;
      for (const name of parameter.namedChildren) if (name?.type === 'identifier') maps.add(name.text);
    }
    for (const declaration of fn.descendantsOfType(['short_var_declaration', 'assignment_statement'])) {
      const right = declaration?.childForFieldName('right')?.namedChildren[0];
      if (right?.type !== 'call_expression' || !/\.GetParameters$/.test(right.childForFieldName('function')?.text ?? '')) continue;
      const left = declaration?.childForFieldName('left')?.namedChildren[0];
      if (left?.type === 'identifier') maps.add(left.text);
    }
    for (const index of fn.descendantsOfType('index_expression')) {
      const operand = index?.childForFieldName('operand');
      const key = index?.childForFieldName('index');
      if (operand?.type !== 'identifier' || !maps.has(operand.text) || !key) continue;
      if (key.type === 'identifier') reads.push({ constant: true, text: key.text });
      else if (key.type === 'interpreted_string_literal' || key.type === 'raw_string_literal') reads.push({ constant: false, text: key.text });
    }
  }
  return reads;
}

function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}
