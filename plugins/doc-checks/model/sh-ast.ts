/**
 * Reads the syntax tree that mvdan-sh (mvdan/sh compiled to JavaScript by
 * GopherJS) builds, without its public wrappers.
 *
 * Why: every property read through mvdan-sh's public objects converts the
 * Go value to JavaScript again (a slice read copies and wraps every
 * element), which made shell parsing most of the engine's time. The Go
 * structs themselves sit behind `__internal_object__`: slices are
 * `{$array, $offset, $length}`, nil pointers are their type's `nil` object,
 * and a position packs the line above 14 bits of column. The layout is that
 * of the exact mvdan-sh version package.json pins; test/model/shell.test.ts
 * compares it with the public API, so an upgrade that changes it fails there.
 */
import type { ShNode } from 'mvdan-sh';

/** A Go struct of the tree (or a nil pointer, see `present`). */
export type GoNode = { [field: string]: any } & { constructor: { string?: string; nil?: unknown } };

export function rawOf(node: ShNode): GoNode {
  return (node as unknown as { __internal_object__: GoNode }).__internal_object__;
}

/** False for nil pointers and nil interfaces. */
export function present(node: GoNode | null | undefined): node is GoNode {
  return !!node && node !== node.constructor?.nil;
}

/** The elements of a Go slice. */
export function items(slice: { $array?: unknown[]; $offset: number; $length: number } | null | undefined): GoNode[] {
  if (!slice?.$array) return [];
  return slice.$array.slice(slice.$offset, slice.$offset + slice.$length) as GoNode[];
}

/** `CallExpr` for a `*syntax.CallExpr`. */
export function typeName(node: GoNode): string {
  const name = node.constructor?.string ?? '';
  return name.slice(name.lastIndexOf('.') + 1);
}

const COLUMN_BITS = 14;

export interface GoPos {
  offs: number;
  lineCol: number;
}

export const lineOf = (pos: GoPos): number => pos.lineCol >>> COLUMN_BITS;
export const columnOf = (pos: GoPos): number => pos.lineCol & ((1 << COLUMN_BITS) - 1);
/** Byte offset in the parsed text. */
export const offsetOf = (pos: GoPos): number => pos.offs;
