/**
 * Constant numbers and durations of Go source, as the compiler would compute
 * them for the expressions the guides cite: literals, `time.Second` and its
 * siblings, `*` `/` `+` `-` `%` `<<` `>>`, unary minus, parentheses,
 * conversions (`time.Duration(5)`, `int64(x)`), `iota`, and names of
 * constants and variables of the same package.
 *
 * Syntax trees are freed after a file is read, so expressions are kept in a
 * small tree of their own (`GoExpr`) and evaluated later, when the whole
 * package is known. Anything else (a call, a field of a value) does not
 * evaluate: it is simply not a constant.
 */
import type { Node } from 'web-tree-sitter';
import { field, named } from './go-parser';

export type GoExpr =
  | { k: 'num'; value: number; float: boolean }
  | { k: 'duration'; unit: number }
  | { k: 'ref'; name: string }
  | { k: 'iota' }
  | { k: 'neg'; of: GoExpr }
  | { k: 'bin'; op: string; left: GoExpr; right: GoExpr }
  | { k: 'conv'; duration: boolean; of: GoExpr };

/** A constant value: `duration` values are in nanoseconds, as Go's time.Duration. */
export interface GoNumber {
  value: number;
  duration: boolean;
  float: boolean;
}

const TIME_UNITS: Record<string, number> = {
  Nanosecond: 1,
  Microsecond: 1e3,
  Millisecond: 1e6,
  Second: 1e9,
  Minute: 60e9,
  Hour: 3600e9,
};

const NUMERIC_CONVERSIONS = new Set([
  'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64',
  'float32', 'float64', 'uintptr', 'byte', 'rune',
]);

const OPERATORS = new Set(['*', '/', '%', '+', '-', '<<', '>>']);

/**
 * The expression tree of a node, or undefined when the node is not made only
 * of constants. `depth` bounds the recursion on hostile input.
 */
export function toExpr(node: Node, depth = 0, type = node.type): GoExpr | undefined {
  if (depth > 64) return undefined;
  switch (type) {
    case 'int_literal':
    case 'float_literal': {
      const value = parseGoNumber(node.text);
      return value === undefined ? undefined : { k: 'num', value, float: node.type === 'float_literal' };
    }
    case 'iota':
      return { k: 'iota' };
    case 'identifier':
      return { k: 'ref', name: node.text };
    case 'selector_expression': {
      const operand = field(node, 'operand');
      const name = field(node, 'field')?.text ?? '';
      if (operand?.type === 'identifier' && operand.text === 'time' && name in TIME_UNITS) {
        return { k: 'duration', unit: TIME_UNITS[name] };
      }
      return undefined;
    }
    case 'parenthesized_expression': {
      const inner = named(node)[0];
      return inner ? toExpr(inner, depth + 1) : undefined;
    }
    case 'unary_expression': {
      const operand = field(node, 'operand');
      const op = field(node, 'operator')?.text;
      const of = operand ? toExpr(operand, depth + 1) : undefined;
      if (!of) return undefined;
      if (op === '-') return { k: 'neg', of };
      return op === '+' ? of : undefined;
    }
    case 'binary_expression': {
      const op = field(node, 'operator')?.text ?? '';
      if (!OPERATORS.has(op)) return undefined;
      const l = field(node, 'left');
      const r = field(node, 'right');
      const left = l ? toExpr(l, depth + 1) : undefined;
      const right = left && r ? toExpr(r, depth + 1) : undefined;
      return left && right ? { k: 'bin', op, left, right } : undefined;
    }
    case 'call_expression': {
      const fn = field(node, 'function');
      const args = named(field(node, 'arguments') ?? node).filter((n) => n.type !== 'comment');
      if (!fn || args.length !== 1 || field(node, 'arguments') === undefined) return undefined;
      const duration = fn.type === 'selector_expression' && fn.text === 'time.Duration';
      if (!duration && !(fn.type === 'identifier' && NUMERIC_CONVERSIONS.has(fn.text))) return undefined;
      const of = toExpr(args[0], depth + 1);
      return of ? { k: 'conv', duration, of } : undefined;
    }
    default:
      return undefined;
  }
}

/** Go's integer and float literal syntax: 0x, 0o, 0b, legacy octal, `_` separators. */
export function parseGoNumber(text: string): number | undefined {
  const clean = text.replace(/_/g, '').toLowerCase();
  if (/^0x[0-9a-f]+$/.test(clean)) return parseInt(clean.slice(2), 16);
  if (/^0o[0-7]+$/.test(clean)) return parseInt(clean.slice(2), 8);
  if (/^0b[01]+$/.test(clean)) return parseInt(clean.slice(2), 2);
  if (/^0[0-7]+$/.test(clean)) return parseInt(clean.slice(1), 8);
  const value = Number(clean);
  return Number.isFinite(value) ? value : undefined;
}

/** What a name of the package stands for: its expression and the iota of its spec. */
export type Resolve = (name: string) => { expr: GoExpr; iota: number } | undefined;

/**
 * Evaluates an expression; names go through `resolve`. A name that refers to
 * itself (directly or around a cycle) does not evaluate.
 */
export function evaluate(expr: GoExpr, resolve: Resolve, iota = 0, seen: Set<string> = new Set()): GoNumber | undefined {
  switch (expr.k) {
    case 'num':
      return { value: expr.value, duration: false, float: expr.float };
    case 'duration':
      return { value: expr.unit, duration: true, float: false };
    case 'iota':
      return { value: iota, duration: false, float: false };
    case 'ref': {
      if (seen.has(expr.name) || seen.size > 32) return undefined;
      const target = resolve(expr.name);
      if (!target) return undefined;
      const next = new Set(seen).add(expr.name);
      return evaluate(target.expr, resolve, target.iota, next);
    }
    case 'neg': {
      const of = evaluate(expr.of, resolve, iota, seen);
      return of && { ...of, value: -of.value };
    }
    case 'conv': {
      const of = evaluate(expr.of, resolve, iota, seen);
      return of && { ...of, duration: expr.duration || of.duration };
    }
    case 'bin': {
      const left = evaluate(expr.left, resolve, iota, seen);
      const right = left && evaluate(expr.right, resolve, iota, seen);
      return left && right ? binary(expr.op, left, right) : undefined;
    }
  }
}

function binary(op: string, a: GoNumber, b: GoNumber): GoNumber | undefined {
  const float = a.float || b.float;
  // Duration * n and n * Duration are durations; Duration / Duration is a plain number.
  const duration = op === '/' ? a.duration && !b.duration : a.duration || b.duration;
  let value: number;
  switch (op) {
    case '*': value = a.value * b.value; break;
    case '+': value = a.value + b.value; break;
    case '-': value = a.value - b.value; break;
    case '/':
      if (b.value === 0) return undefined;
      value = float ? a.value / b.value : Math.trunc(a.value / b.value);
      break;
    case '%':
      if (b.value === 0 || float) return undefined;
      value = a.value % b.value;
      break;
    case '<<': value = a.value * 2 ** b.value; break;
    case '>>': value = Math.floor(a.value / 2 ** b.value); break;
    default: return undefined;
  }
  return Number.isFinite(value) ? { value, duration, float } : undefined;
}

/** `5m0s`-style text for messages: `16s`, `5m`, `1.5s`, `-1`. */
export function formatGoNumber(n: GoNumber): string {
  if (!n.duration) return String(n.value);
  const units: [string, number][] = [['h', 3600e9], ['m', 60e9], ['s', 1e9], ['ms', 1e6], ['µs', 1e3], ['ns', 1]];
  for (const [name, size] of units) {
    if (Math.abs(n.value) >= size && Number.isInteger((n.value / size) * 1000)) return `${n.value / size}${name}`;
  }
  return `${n.value}ns`;
}
