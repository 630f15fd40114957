/**
 * How the go command reads package patterns and build constraints, for
 * the packages of a source checkout.
 *
 * Patterns: `./pkg/rds`, `./pkg/rds/...` (the directory and everything
 * below it), `./...`, `./pkg/r...`, or an import path under the module.
 * `...` matches any text, `/` included; a pattern ending in `/...` also
 * matches the directory before it.
 */

export type PatternMatch =
  | { kind: 'local'; dirs: string[] }
  /** A standard-library or third-party pattern: not the driver's to check. */
  | { kind: 'external' };

/** The package directories (relative, `''` for the root) a pattern names. */
export function matchPackagePattern(pattern: string, packages: readonly string[], modulePath?: string): PatternMatch {
  let relative: string;
  if (pattern === '.' || pattern === './') relative = '';
  else if (pattern.startsWith('./')) relative = pattern.slice(2);
  else if (modulePath && (pattern === modulePath || pattern.startsWith(`${modulePath}/`))) relative = pattern.slice(modulePath.length + 1);
  else return { kind: 'external' };
  relative = relative.replace(/\/+$/, '');
  if (!relative.includes('...')) return { kind: 'local', dirs: packages.filter((p) => p === relative) };
  const pieces = relative.split('...');
  const prefixDir = relative.endsWith('/...') ? relative.slice(0, -4) : undefined;
  const dirs = packages.filter((p) => (prefixDir !== undefined && p === prefixDir) || globMatch(pieces, p));
  return { kind: 'local', dirs };
}

/**
 * Whether `text` is the pieces joined by any text: the first piece is a
 * prefix, the last a suffix, and the middle ones appear in order. Taking
 * each middle piece at its first occurrence is always right for a pattern
 * whose only wildcard matches any text, and keeps the match linear.
 */
function globMatch(pieces: string[], text: string): boolean {
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = text.indexOf(piece, at);
    if (found === -1 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/**
 * Whether a `//go:build` expression holds for a build with these tags, on
 * linux/amd64 with the gc compiler (the driver's only platform). Release
 * tags (`go1.21`) hold. An expression that does not parse holds: the
 * compiler would reject the file, which is not the guide's fault.
 */
export function buildConstraintHolds(expression: string, tags: ReadonlySet<string>): boolean {
  const tokens = expression.match(/&&|\|\||[!()]|[\w.]+/g) ?? [];
  let i = 0;
  const holds = (name: string) => tags.has(name) || PLATFORM_TAGS.has(name) || /^go1\.\d+$/.test(name);
  // Recursive descent: or := and ('||' and)*; and := not ('&&' not)*; not := '!' not | atom.
  const or = (depth: number): boolean => {
    let value = and(depth);
    while (tokens[i] === '||') {
      i++;
      value = and(depth) || value;
    }
    return value;
  };
  const and = (depth: number): boolean => {
    let value = not(depth);
    while (tokens[i] === '&&') {
      i++;
      value = not(depth) && value;
    }
    return value;
  };
  const not = (depth: number): boolean => {
    if (depth > 50) throw new Error('too deep');
    const token = tokens[i++];
    if (token === '!') return !not(depth + 1);
    if (token === '(') {
      const value = or(depth + 1);
      if (tokens[i++] !== ')') throw new Error('unbalanced');
      return value;
    }
    if (token === undefined || !/^[\w.]+$/.test(token)) throw new Error('unexpected');
    return holds(token);
  };
  try {
    const value = or(0);
    return i === tokens.length ? value : true;
  } catch {
    return true;
  }
}

const PLATFORM_TAGS = new Set(['linux', 'amd64', 'unix', 'gc']);
