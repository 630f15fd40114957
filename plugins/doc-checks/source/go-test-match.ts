/**
 * Which tests a `go test -run` pattern and a Ginkgo focus select, by the
 * rules of the go command and of Ginkgo, over the tests the Go model knows.
 * Every pattern is an RE2 expression, run by the linear-time engine.
 */
import type { RE2JS } from 're2js';
import { compileRe2 } from '../plan/safe-regex';
import { nearest } from '../nearest';
import type { GinkgoSpec, GoTest } from './go-file';

export type Selection =
  | { status: 'selected' }
  | { status: 'invalid'; reason: string }
  /** `level` is the `/`-separated element that matched nothing; `names` what it was tried against. */
  | { status: 'none'; level: number; element: string; names: string[]; nearest?: string };

/**
 * Go's splitting of `-run` into one pattern per subtest level: at `/`
 * outside brackets and parentheses, escapes kept.
 */
export function splitRunPattern(pattern: string): string[] {
  const elements: string[] = [];
  let current = '';
  let inClass = false;
  let parens = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      current += c + pattern[++i];
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') parens++;
    else if (c === ')') parens--;
    else if (c === '/' && parens === 0) {
      elements.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  elements.push(current);
  return elements;
}

/** The name `go test` gives a subtest: spaces become underscores. */
export function subtestName(name: string): string {
  return name.replace(/ /g, '_');
}

interface TestNode {
  name: string;
  children: Map<string, TestNode>;
  /** Subtests with computed names run below it: any pattern may select one. */
  open: boolean;
}

/** Tests, examples and fuzz targets (what `-run` selects), as a tree of their literal subtests. */
function testTree(tests: readonly GoTest[]): TestNode[] {
  const roots = new Map<string, TestNode>();
  for (const test of tests) {
    const [top, ...subs] = test.name.split('/');
    if (!/^(Test|Example|Fuzz)/.test(top)) continue;
    let node: TestNode = roots.get(top) ?? { name: top, children: new Map(), open: false };
    roots.set(top, node);
    for (const sub of subs.map(subtestName)) {
      const child: TestNode = node.children.get(sub) ?? { name: sub, children: new Map(), open: false };
      node.children.set(sub, child);
      node = child;
    }
    if (test.dynamicSubtests) node.open = true;
  }
  return [...roots.values()];
}

/**
 * Whether `-run pattern` selects a test: its first element must match a
 * test's name; each further element a literal subtest at that level,
 * unless the model cannot know the subtests there (none written with a
 * literal name, or some with a computed one), where any name may match.
 */
export function selectTests(pattern: string, tests: readonly GoTest[]): Selection {
  const elements = splitRunPattern(pattern);
  const regexes: RE2JS[] = [];
  for (const element of elements) {
    const compiled = compileRe2(element);
    if (!compiled.ok) return { status: 'invalid', reason: compiled.reason };
    regexes.push(compiled.regex);
  }
  let deepest: { level: number; names: string[] } = { level: 0, names: [] };
  const walk = (nodes: TestNode[], level: number): boolean => {
    if (level > deepest.level || deepest.names.length === 0) deepest = { level, names: nodes.map((n) => n.name) };
    for (const node of nodes) {
      if (!regexes[level].matcher(node.name).find()) continue;
      if (level + 1 === regexes.length) return true;
      if (node.open || node.children.size === 0) return true;
      if (walk([...node.children.values()], level + 1)) return true;
    }
    return false;
  };
  if (walk(testTree(tests), 0)) return { status: 'selected' };
  const element = elements[deepest.level];
  return { status: 'none', level: deepest.level, element, names: deepest.names, nearest: nearest(element, deepest.names) };
}

/** Ginkgo's full text of a spec: the texts of its containers and its own, joined by spaces. */
export function specFullText(spec: GinkgoSpec): string {
  return [...spec.path, spec.text].join(' ');
}

/**
 * Whether a focus matches the full text of a spec. Containers count too:
 * their specs may be written in helpers the model does not follow.
 */
export function selectSpecs(focus: string, specs: readonly GinkgoSpec[]): Selection {
  const compiled = compileRe2(focus);
  if (!compiled.ok) return { status: 'invalid', reason: compiled.reason };
  const texts = [...new Set(specs.map(specFullText))];
  if (texts.some((t) => compiled.regex.matcher(t).find())) return { status: 'selected' };
  const own = [...new Set(specs.map((s) => s.text))];
  return { status: 'none', level: 0, element: focus, names: texts, nearest: nearest(focus, focusCandidates(focus, own)) };
}

/**
 * A focus is searched for anywhere in a spec's text, so a misspelt focus is
 * near a run of as many words of some text (`Resiliency` of `Resilience
 * Regression`), not the whole text. Whole texts come first and win ties.
 */
function focusCandidates(focus: string, texts: readonly string[]): string[] {
  const size = focus.trim().split(/\s+/).length;
  const candidates = new Set(texts);
  for (const text of texts) {
    const words = text.split(/\s+/);
    for (let i = 0; i + size <= words.length; i++) candidates.add(words.slice(i, i + size).join(' '));
  }
  return [...candidates];
}
