/**
 * Reads a planning file: the YAML frontmatter (parsed by `yaml`, with the
 * position of every value) and the `<task>` blocks of the body. Whatever the
 * input, it returns a Plan; what could not be read is listed in `problems`
 * with its line and column.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { yamlHazard } from '../text';
import type { Point } from '../types';
import { LineIndex } from '../line-index';
import type { Artifact, KeyLink, Located, Plan, PlanProblem } from './model';
import { readTasks } from './tasks';

export function readPlan(path: string, text: string): Plan {
  const lines = new LineIndex(text);
  const problems: PlanProblem[] = [];
  const plan: Plan = {
    path,
    text,
    filesModified: [],
    truths: [],
    artifacts: [],
    keyLinks: [],
    tasks: [],
    problems,
  };
  const frontmatter = splitFrontmatter(text);
  if (frontmatter.kind === 'none') {
    problems.push({
      message: 'Plan has no YAML frontmatter; expected `---` on line 1, then `must_haves` and `files_modified`, then `---`',
      at: { line: 1, column: 1 },
    });
  } else if (frontmatter.kind === 'unclosed') {
    problems.push({
      message: 'Frontmatter is not closed; expected a `---` line after the YAML',
      at: lines.point(frontmatter.openAt),
    });
  } else {
    readFrontmatter(plan, frontmatter.yaml, frontmatter.yamlStart, lines);
  }
  plan.tasks = readTasks(text.slice(frontmatter.bodyStart), frontmatter.bodyStart, lines, problems);
  problems.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
  return plan;
}

type Frontmatter =
  | { kind: 'none'; bodyStart: number }
  | { kind: 'unclosed'; openAt: number; bodyStart: number }
  | { kind: 'ok'; yaml: string; yamlStart: number; bodyStart: number };

function splitFrontmatter(text: string): Frontmatter {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const opening = /^---[ \t]*\r?\n/.exec(text.slice(bom, bom + 64));
  if (!opening) return { kind: 'none', bodyStart: 0 };
  const yamlStart = bom + opening[0].length;
  let lineStart = yamlStart;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (/^(---|\.\.\.)[ \t]*$/.test(line)) {
      return {
        kind: 'ok',
        yaml: text.slice(yamlStart, lineStart),
        yamlStart,
        bodyStart: newline === -1 ? text.length : newline + 1,
      };
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  // Without a closing line the YAML cannot be told from the body; the body is scanned for tasks anyway.
  return { kind: 'unclosed', openAt: bom, bodyStart: yamlStart };
}

function readFrontmatter(plan: Plan, yaml: string, base: number, lines: LineIndex): void {
  const hazard = yamlHazard(yaml);
  if (hazard) {
    plan.problems.push({ message: `Frontmatter was not parsed: ${hazard.message}`, at: lines.point(base + hazard.offset) });
    return;
  }
  const doc = parseDocument(yaml, { prettyErrors: false, uniqueKeys: true });
  // After a syntax error the document is partial: read what is there, but do not
  // report its shapes too, which would only echo the syntax error.
  const reader = new YamlReader(doc, yaml, base, lines, doc.errors.length ? [] : plan.problems);
  for (const error of [...doc.errors, ...doc.warnings]) {
    plan.problems.push({
      message: `Frontmatter is not valid YAML: ${error.message}`,
      at: lines.point(base + Math.min(error.pos[0], yaml.length)),
    });
  }
  const root = reader.deref(doc.contents as YamlNode | null);
  if (root === null) return;
  if (!isMap(root)) {
    if (doc.errors.length === 0) reader.problem(root, `Frontmatter is ${describe(root)}; expected a mapping of \`key: value\` lines`);
    return;
  }
  const fields = reader.entries(root);
  const phase = reader.text(fields.get('phase'), '`phase`');
  if (phase !== undefined) plan.phase = phase.value;
  const planNode = reader.deref(fields.get('plan') ?? null);
  if (isScalar(planNode) && typeof planNode.value === 'number') plan.plan = planNode.value;
  else {
    const planId = reader.text(fields.get('plan'), '`plan`');
    if (planId !== undefined) plan.plan = planId.value;
  }
  plan.filesModified = reader.textList(fields.get('files_modified'), '`files_modified`').map((f) => f.value);

  const mustHaves = reader.deref(fields.get('must_haves') ?? null);
  if (mustHaves === null) return;
  if (!isMap(mustHaves)) {
    reader.problem(mustHaves, `\`must_haves\` is ${describe(mustHaves)}; expected a mapping with \`truths\`, \`artifacts\` and \`key_links\``);
    return;
  }
  const must = reader.entries(mustHaves);
  plan.truths = reader.textList(must.get('truths'), '`must_haves.truths`');
  plan.artifacts = reader
    .mappings(must.get('artifacts'), '`must_haves.artifacts`')
    .map((item, i) => readArtifact(reader, item, i + 1))
    .filter((a): a is Artifact => a !== undefined);
  plan.keyLinks = reader
    .mappings(must.get('key_links'), '`must_haves.key_links`')
    .map((item, i) => readKeyLink(reader, item, i + 1))
    .filter((k): k is KeyLink => k !== undefined);
}

function readArtifact(reader: YamlReader, node: YamlNode, number: number): Artifact | undefined {
  const fields = reader.entries(node);
  const what = `artifact ${number}`;
  const path = reader.text(fields.get('path'), `\`path\` of ${what}`);
  if (path === undefined || path.value.trim() === '') {
    // A path of the wrong type has been reported already.
    if (path !== undefined || !reader.present(fields.get('path'))) {
      reader.problem(node, `Artifact ${number} in \`must_haves.artifacts\` has no \`path\`; expected the file it is about`);
    }
    return undefined;
  }
  const artifact: Artifact = { path: path.value.trim(), at: reader.at(node) };
  const provides = reader.text(fields.get('provides'), `\`provides\` of ${what}`);
  if (provides) artifact.provides = provides.value;
  const contains = reader.text(fields.get('contains'), `\`contains\` of ${what}`);
  if (contains) artifact.contains = contains.value;
  const exportsNode = reader.deref(fields.get('exports') ?? null);
  if (isScalar(exportsNode) && exportsNode.value !== null) {
    // The planning workflow accepts a single export written as a string.
    const single = reader.text(exportsNode, `\`exports\` of ${what}`);
    if (single) artifact.exports = [single.value];
  } else if (exportsNode !== null) {
    artifact.exports = reader.textList(exportsNode, `\`exports\` of ${what}`).map((e) => e.value);
  }
  const minLines = reader.count(fields.get('min_lines'), `\`min_lines\` of ${what}`);
  if (minLines !== undefined) artifact.minLines = minLines;
  const maxLines = reader.count(fields.get('max_lines'), `\`max_lines\` of ${what}`);
  if (maxLines !== undefined) artifact.maxLines = maxLines;
  return artifact;
}

function readKeyLink(reader: YamlReader, node: YamlNode, number: number): KeyLink | undefined {
  const fields = reader.entries(node);
  const what = `key link ${number}`;
  const from = reader.text(fields.get('from'), `\`from\` of ${what}`);
  const to = reader.text(fields.get('to'), `\`to\` of ${what}`);
  const absent = (value: Located<string> | undefined, key: string) =>
    (value === undefined && !reader.present(fields.get(key))) || value?.value.trim() === '';
  const missing = [absent(from, 'from') && '`from`', absent(to, 'to') && '`to`'].filter(Boolean).join(' and ');
  if (missing) {
    reader.problem(node, `Key link ${number} in \`must_haves.key_links\` has no ${missing}; expected both ends of the link`);
  }
  if (from === undefined || to === undefined || missing) return undefined;
  const link: KeyLink = { from: from.value.trim(), to: to.value.trim(), at: reader.at(node) };
  const via = reader.text(fields.get('via'), `\`via\` of ${what}`);
  if (via) link.via = via.value;
  const pattern = reader.text(fields.get('pattern'), `\`pattern\` of ${what}`);
  if (pattern && pattern.value !== '') link.pattern = pattern.value;
  return link;
}

function describe(node: YamlNode | null): string {
  if (node === null) return 'empty';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'empty';
    return typeof node.value === 'string' ? 'a string' : `a ${typeof node.value}`;
  }
  return 'an unsupported value';
}

/** Typed access to YAML nodes that records, instead of throwing, what has the wrong type. */
class YamlReader {
  constructor(
    private readonly doc: Document,
    private readonly source: string,
    private readonly base: number,
    private readonly lines: LineIndex,
    private readonly problems: PlanProblem[],
  ) {}

  at(node: YamlNode | null | undefined): Point {
    const start = node?.range?.[0] ?? 0;
    return this.lines.point(this.base + Math.min(start, this.source.length));
  }

  problem(node: YamlNode | null, message: string): void {
    this.problems.push({ message, at: this.at(node) });
  }

  /** An alias stands for its anchored node; aliases are followed one step, never expanded. */
  deref(node: YamlNode | null): YamlNode | null {
    if (node && isAlias(node)) return (node.resolve(this.doc) as YamlNode | undefined) ?? null;
    return node;
  }

  /** Whether a value is written (not absent, not empty). */
  present(raw: YamlNode | null | undefined): boolean {
    const node = this.deref(raw ?? null);
    return node !== null && !(isScalar(node) && (node.value === null || node.value === undefined));
  }

  /** The pairs of a mapping with plain keys; the value is null when absent. */
  entries(node: YamlNode): Map<string, YamlNode | null> {
    const result = new Map<string, YamlNode | null>();
    if (!isMap(node)) return result;
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) continue;
      result.set(String(key.value), (pair.value as YamlNode | null) ?? null);
    }
    return result;
  }

  /**
   * A text value. Numbers and booleans are read as written (`contains: 2026`
   * means the text `2026`), as the planning workflow compares them as text.
   */
  text(raw: YamlNode | null | undefined, what: string): Located<string> | undefined {
    const node = this.deref(raw ?? null);
    if (node === null) return undefined;
    if (isScalar(node)) {
      if (node.value === null || node.value === undefined) return undefined;
      if (typeof node.value === 'string') return { value: node.value, at: this.at(node) };
      if (typeof node.value === 'number' || typeof node.value === 'boolean') {
        return { value: node.source ?? String(node.value), at: this.at(node) };
      }
    }
    this.problem(node, `${capitalise(what)} is ${describe(node)}; expected a string`);
    return undefined;
  }

  /** A list of text values; a single string stands for a list of one, with a problem. */
  textList(raw: YamlNode | null | undefined, what: string): Located<string>[] {
    const node = this.deref(raw ?? null);
    if (node === null || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) {
      this.problem(node, `${capitalise(what)} is ${describe(node)}; expected a list (\`- item\` lines)`);
      const single = isScalar(node) ? this.text(node, what) : undefined;
      return single ? [single] : [];
    }
    const result: Located<string>[] = [];
    node.items.forEach((item, i) => {
      const value = this.text(item as YamlNode | null, `item ${i + 1} of ${what}`);
      if (value !== undefined) result.push(value);
    });
    return result;
  }

  /** A list of mappings; other items are reported and left out. */
  mappings(raw: YamlNode | null | undefined, what: string): YamlNode[] {
    const node = this.deref(raw ?? null);
    if (node === null || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) {
      this.problem(node, `${capitalise(what)} is ${describe(node)}; expected a list of mappings`);
      return [];
    }
    const result: YamlNode[] = [];
    node.items.forEach((item, i) => {
      const value = this.deref(item as YamlNode | null);
      if (value !== null && isMap(value)) result.push(value);
      else this.problem(value ?? node, `Item ${i + 1} of ${what} is ${describe(value)}; expected a mapping`);
    });
    return result;
  }

  /** A whole number of lines, zero or more. */
  count(raw: YamlNode | null | undefined, what: string): number | undefined {
    const node = this.deref(raw ?? null);
    if (node === null || (isScalar(node) && node.value === null)) return undefined;
    if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 0) {
      return node.value;
    }
    this.problem(node, `${capitalise(what)} is ${isScalar(node) ? `\`${String(node.value)}\`` : describe(node)}; expected a whole number of lines`);
    return undefined;
  }
}

const capitalise = (s: string): string => (s.startsWith('`') ? s : s.charAt(0).toUpperCase() + s.slice(1));
