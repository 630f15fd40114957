/**
 * The targets and variables of a Makefile, read the way make reads rule
 * lines: logical lines joined at backslash-newline, recipe lines (starting
 * with a tab) and comments skipped, `define ... endef` bodies skipped,
 * conditional directives dropped (the lines of both branches count, since
 * the check cannot know which branch make takes), assignments (`=`, `:=`,
 * `::=`, `?=`, `+=`, `!=`) told apart from rules by the first `:` or `=`
 * outside `$(...)`.
 *
 * A target written with a variable (`$(BIN)/x`) or a pattern (`%.o`) is not
 * a name a guide can type, so it is left out; special targets (`.PHONY`,
 * `.DEFAULT`) are not targets, but the names `.PHONY` lists are.
 */

export interface MakeTarget {
  name: string;
  /** 1-based line of the first rule (or `.PHONY` line) that names it. */
  line: number;
}

export interface Makefile {
  targets: MakeTarget[];
  /** Variables with their value as written (not expanded), last assignment wins as make does. */
  variables: Map<string, string>;
}

const CONDITIONAL = /^(ifeq|ifneq|ifdef|ifndef|else|endif)(\s|$)/;
const DIRECTIVE = /^(-?include|sinclude|vpath|unexport)(\s|$)/;
const MODIFIER = /^(export|override|private)\s+/;

export function parseMakefile(text: string): Makefile {
  const targets = new Map<string, number>();
  const variables = new Map<string, string>();
  let defineDepth = 0;
  for (const { text: raw, line } of logicalLines(text)) {
    if (raw.startsWith('\t')) continue;
    const content = stripComment(raw).trim();
    if (defineDepth > 0) {
      if (/^endef(\s|$)/.test(content)) defineDepth--;
      else if (/^(\w+\s+)*define\s/.test(content)) defineDepth++;
      continue;
    }
    if (content === '' || CONDITIONAL.test(content) || DIRECTIVE.test(content)) continue;
    let statement = content;
    while (MODIFIER.test(statement)) statement = statement.replace(MODIFIER, '');
    if (/^define(\s|$)/.test(statement)) {
      defineDepth++;
      continue;
    }
    const split = separator(statement);
    if (!split) continue;
    if (split.kind === 'assignment') {
      const name = statement.slice(0, split.at).trim();
      const value = statement.slice(split.end).trim();
      if (split.operator === '?=' && variables.has(name)) continue;
      variables.set(name, split.operator === '+=' && variables.has(name) ? `${variables.get(name)} ${value}` : value);
      continue;
    }
    const names = statement.slice(0, split.at).trim().split(/\s+/).filter(Boolean);
    const special = names.length === 1 && names[0].startsWith('.');
    const declared = special
      ? names[0] === '.PHONY'
        ? statement.slice(split.end).split(';')[0].trim().split(/\s+/).filter(Boolean)
        : []
      : names;
    for (const name of declared) {
      if (name.includes('$') || name.includes('%') || targets.has(name)) continue;
      targets.set(name, line);
    }
  }
  return { targets: [...targets].map(([name, line]) => ({ name, line })), variables };
}

/** Physical lines joined at a trailing backslash, each with the line it starts on. */
function* logicalLines(text: string): Generator<{ text: string; line: number }> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    const parts = [lines[i]];
    while (endsWithContinuation(parts[parts.length - 1]) && i + 1 < lines.length) {
      parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1);
      parts.push(lines[++i].trimStart());
    }
    yield { text: parts.join(' '), line: start + 1 };
  }
}

/** An odd number of trailing backslashes: the last one escapes the newline. */
function endsWithContinuation(line: string): boolean {
  const trailing = /\\+$/.exec(line)?.[0].length ?? 0;
  return trailing % 2 === 1;
}

/** Text before an unescaped `#`. */
function stripComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '#') return line.slice(0, i);
  }
  return line;
}

type Separator =
  | { kind: 'assignment'; operator: string; at: number; end: number }
  | { kind: 'rule'; at: number; end: number };

/**
 * The first `:` or `=` outside variable references decides: `:=`, `::=`,
 * `:::=` and `?=`, `+=`, `!=`, `=` assign; any other `:` (or `::`) ends the
 * targets of a rule. A line with neither (a bare function call) is nothing.
 */
function separator(line: string): Separator | undefined {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '$' && (line[i + 1] === '(' || line[i + 1] === '{')) {
      depth++;
      i++;
    } else if (depth > 0 && (c === ')' || c === '}')) {
      depth--;
    } else if (depth === 0 && c === '=') {
      const before = line[i - 1];
      const at = before === '?' || before === '+' || before === '!' ? i - 1 : i;
      return { kind: 'assignment', operator: line.slice(at, i + 1), at, end: i + 1 };
    } else if (depth === 0 && c === ':') {
      const colons = /^:{1,3}/.exec(line.slice(i))![0];
      if (line[i + colons.length] === '=') {
        return { kind: 'assignment', operator: `${colons}=`, at: i, end: i + colons.length + 1 };
      }
      return { kind: 'rule', at: i, end: i + colons.length };
    }
  }
  return undefined;
}
