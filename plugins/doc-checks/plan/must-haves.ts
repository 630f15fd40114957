/**
 * Verifies a plan's `must_haves` with the planning workflow's meaning:
 * - an artifact exists, `contains` and every `exports` entry are literal
 *   substrings, `min_lines`/`max_lines` bound its line count;
 * - a key link's `pattern` (a JavaScript regex) is searched in the `from`
 *   file, then in the `to` file; without a pattern, `from` must contain the
 *   text of `to`. A wired link says where it matched: file, line, and the
 *   test case and section (or Go declaration) around the match. The
 *   `key-link` rule reports exactly the links this calls `not_wired`.
 *   A `to` that is prose cannot be searched: when `from` does not match,
 *   the link is `not_wired`, saying that the prose end was not searched;
 * - truths are prose, listed with the evidence of the checks that back them,
 *   never marked verified for sharing words with a check.
 * Other ends that are not files (a prose `from`, packages, `file (Symbol)`)
 * make a key link uncheckable, with the reason, never a failure.
 */
import { readGoFile } from '../source/go-file';
import { pointAt } from '../text';
import type { Page } from '../types';
import { ProjectWorkspace } from '../workspace';
import { locateFile, readLocated, type Roots, type RootName } from './locate';
import type { Artifact, KeyLink, Located, Plan } from './model';
import { compilePattern, runPattern } from './safe-regex';
import { findUnit } from './units';

export type ArtifactStatus = 'verified' | 'missing' | 'failed';
export type KeyLinkStatus = 'wired' | 'not_wired' | 'uncheckable';

export interface ArtifactResult {
  artifact: Artifact;
  path: string;
  status: ArtifactStatus;
  /** What was checked: for `failed`, what failed; for `missing`, why. */
  details: string[];
  /** The root the file was found in. */
  foundIn?: RootName;
}

export interface KeyLinkResult {
  link: KeyLink;
  status: KeyLinkStatus;
  /** The end the pattern (or the `to` text) was found in. */
  foundIn?: 'from' | 'to';
  /** 1-based line of the match in that file. */
  line?: number;
  /** Where it was found, why it is not wired, or why it cannot be checked. */
  detail: string;
  /** Set when the pattern itself cannot be run: the plan is at fault, not the page. */
  patternProblem?: boolean;
}

export interface TruthBacking {
  /** `rule`: what the test case rules (tc-id, tc-required-section, tc-steps) see of a test case the truth names. */
  kind: 'artifact' | 'key link' | 'rule';
  /** `docs/TESTING.md`, `docs/A.md -> pkg/b.go`, or `TC-10 in docs/A.md`. */
  label: string;
  /** Index into the plan's artifacts or key links; -1 for a rule. */
  index: number;
  /** Why it backs the truth: the ids or words they share. */
  because: string;
  status: ArtifactStatus | KeyLinkStatus | 'found' | 'missing';
  /** What the check found, in its own words. */
  evidence: string;
}

/**
 * A truth is prose: no machine verifies it. It is listed with the evidence
 * of the checks that share its ids or words, for a person to judge.
 */
export interface TruthResult {
  truth: Located<string>;
  backedBy: TruthBacking[];
}

export interface MustHavesResult {
  artifacts: ArtifactResult[];
  keyLinks: KeyLinkResult[];
  truths: TruthResult[];
}

export async function verifyMustHaves(plan: Plan, roots: Roots): Promise<MustHavesResult> {
  const artifacts: ArtifactResult[] = [];
  for (const artifact of plan.artifacts) artifacts.push(await verifyArtifact(artifact, roots));
  const keyLinks: KeyLinkResult[] = [];
  for (const link of plan.keyLinks) keyLinks.push(await verifyKeyLink(link, roots));
  const pages: Page[] = [];
  const workspace = new ProjectWorkspace(roots);
  for (const file of plan.filesModified.filter((f) => /\.mdx?$/i.test(f))) {
    const page = await workspace.page(file);
    if (page) pages.push(page);
  }
  return { artifacts, keyLinks, truths: backTruths(plan, artifacts, keyLinks, pages) };
}

/** Lines as an editor counts them: a final newline does not start another line. */
export function countLines(text: string): number {
  if (text === '') return 0;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

export async function verifyArtifact(artifact: Artifact, roots: Roots): Promise<ArtifactResult> {
  const location = locateFile(roots, artifact.path);
  if (!location.found) return { artifact, path: artifact.path, status: 'missing', details: [location.reason] };
  const text = await readLocated(location);
  if (text === undefined) {
    return { artifact, path: artifact.path, status: 'missing', details: [`\`${artifact.path}\` exists but cannot be read`] };
  }
  const passed = [`exists (${location.where})`];
  const failed: string[] = [];
  if (artifact.contains !== undefined) {
    (text.includes(artifact.contains) ? passed : failed).push(
      `${text.includes(artifact.contains) ? 'contains' : 'does not contain'} \`${artifact.contains}\``,
    );
  }
  for (const name of artifact.exports ?? []) {
    (text.includes(name) ? passed : failed).push(
      text.includes(name) ? `exports \`${name}\`` : `does not contain the export \`${name}\``,
    );
  }
  const lines = countLines(text);
  if (artifact.minLines !== undefined) {
    if (lines >= artifact.minLines) passed.push(`has ${lines} lines (min_lines ${artifact.minLines})`);
    else failed.push(`has ${lines} lines; expected at least ${artifact.minLines} (min_lines)`);
  }
  if (artifact.maxLines !== undefined) {
    if (lines <= artifact.maxLines) passed.push(`has ${lines} lines (max_lines ${artifact.maxLines})`);
    else failed.push(`has ${lines} lines; expected at most ${artifact.maxLines} (max_lines)`);
  }
  return failed.length
    ? { artifact, path: artifact.path, status: 'failed', details: failed, foundIn: location.where }
    : { artifact, path: artifact.path, status: 'verified', details: passed, foundIn: location.where };
}

// ---------------------------------------------------------------------------
// Key links

type Endpoint =
  | { readable: true; path: string; text: string }
  | { readable: false; reason: string; prose?: boolean };

/** Whether a `from`/`to` value names a readable file, and if not, why. */
export async function readEndpoint(value: string, roots: Roots): Promise<Endpoint> {
  if (value.length > 1000) return { readable: false, reason: `a ${value.length}-character value is not a file path` };
  const symbol = /^(\S+?)\s*(?:\(([^()]*)\)|#(\S+))$/.exec(value);
  if (symbol && (symbol[2] ?? symbol[3])) {
    return {
      readable: false,
      reason: `\`${value}\` names \`${symbol[2] ?? symbol[3]}\` inside \`${symbol[1]}\`, not a whole file`,
    };
  }
  if (/\s/.test(value) || value === '') {
    return { readable: false, reason: `\`${value}\` is a description, not a file path`, prose: true };
  }
  const location = locateFile(roots, value);
  if (!location.found) {
    const lastSegment = value.split('/').pop() ?? value;
    const packageLike = value.includes('/') && !lastSegment.includes('.');
    return {
      readable: false,
      reason: packageLike ? `${location.reason} (it looks like a package path, not a file)` : location.reason,
    };
  }
  const text = await readLocated(location);
  if (text === undefined) return { readable: false, reason: `\`${value}\` exists but cannot be read` };
  return { readable: true, path: value, text };
}

/**
 * `fromText` is the `from` page as the caller has it (an editor buffer, the
 * page being built); without it the file is read.
 */
export async function verifyKeyLink(link: KeyLink, roots: Roots, fromText?: string): Promise<KeyLinkResult> {
  const from: Endpoint =
    fromText !== undefined ? { readable: true, path: link.from, text: fromText } : await readEndpoint(link.from, roots);
  if (link.pattern === undefined) {
    if (!from.readable) return { link, status: 'uncheckable', detail: from.reason };
    const index = from.text.indexOf(link.to);
    if (index === -1) {
      const notMentioned = `\`${link.from}\` does not mention \`${link.to}\``;
      // A `to` that is a real file or prose makes the missing mention a failure.
      const to = await readEndpoint(link.to, roots);
      if (to.readable) return { link, status: 'not_wired', detail: notMentioned };
      return to.prose
        ? { link, status: 'not_wired', detail: `${notMentioned}; the prose end \`${link.to}\` was not searched` }
        : { link, status: 'uncheckable', detail: `${notMentioned}, and ${to.reason}` };
    }
    return wired(link, 'from', from.path, from.text, index, `\`${link.to}\` is mentioned in`, roots);
  }

  const compiled = compilePattern(link.pattern);
  if (!compiled.ok) {
    return { link, status: 'uncheckable', detail: `pattern \`${link.pattern}\` cannot be run: ${compiled.reason}`, patternProblem: true };
  }
  const to = await readEndpoint(link.to, roots);
  const searched: string[] = [];
  const unreadable: string[] = [];
  for (const [end, endpoint, name] of [
    ['from', from, link.from],
    ['to', to, link.to],
  ] as const) {
    if (!endpoint.readable) {
      // Prose is not a place to search; it does not make a link that `from` fails uncheckable.
      if (!(end === 'to' && endpoint.prose && from.readable)) unreadable.push(endpoint.reason);
      continue;
    }
    const run = runPattern(link.pattern, endpoint.text);
    if (run.status === 'matched') return wired(link, end, name, endpoint.text, run.index, `pattern \`${link.pattern}\` found in`, roots);
    searched.push(`\`${name}\``);
  }
  const notFound = `pattern \`${link.pattern}\` not found in ${searched.join(' or ')}`;
  if (unreadable.length === 0) {
    const prose = !to.readable && to.prose ? `; the prose end \`${link.to}\` was not searched` : '';
    return { link, status: 'not_wired', detail: `${notFound}${prose}` };
  }
  return { link, status: 'uncheckable', detail: `${searched.length ? `${notFound}, and ` : ''}${unreadable.join('; ')}` };
}

async function wired(link: KeyLink, end: 'from' | 'to', file: string, text: string, index: number, found: string, roots: Roots): Promise<KeyLinkResult> {
  const line = pointAt(text, index).line;
  const place = await placeOf(file, text, line, roots);
  return { link, status: 'wired', foundIn: end, line, detail: `${found} \`${file}\` line ${line}${place ? ` (${place})` : ''}` };
}

/** Where a line lies, for a reader: `TC-10, section "Steps"` in a page, `in func attemptReconnection` in Go. */
async function placeOf(file: string, text: string, line: number, roots: Roots): Promise<string | undefined> {
  if (file.endsWith('.go')) {
    const declarations = (await readGoFile(file, text)).declarations;
    // The innermost declaration whose span holds the line: a method rather than its file's type.
    const declaration = declarations.filter((d) => d.kind !== 'field' && d.line <= line && (d.endLine ?? d.line) >= line).at(-1);
    return declaration ? `in ${declaration.kind} ${declaration.qualifiedName}` : undefined;
  }
  if (!/\.mdx?$/i.test(file)) return undefined;
  // Through a workspace, so the page model other checks built of the same text is reused.
  const page = await new ProjectWorkspace({ root: roots.root, contents: new Map([[file, text]]) }).page(file);
  if (!page) return undefined;
  const heading = page.headings.filter((h) => (h.node.position?.start.line ?? Infinity) <= line).at(-1);
  const testCase = page.testCases.find((tc) => {
    const unit = findUnit(page, { kind: 'test case', key: tc.id });
    return unit !== undefined && unit.startLine <= line && line <= unit.endLine;
  });
  const parts = [testCase?.id, heading && heading.node !== testCase?.heading.node ? `section "${heading.text}"` : undefined];
  return parts.filter(Boolean).join(', ') || undefined;
}

// ---------------------------------------------------------------------------
// Truths

/** Words too common in plans to tie a truth to a check. */
const COMMON_WORDS = new Set(
  (
    'about after also and any are before being but can case cases check checks documented ' +
    'each exact file files for from has have into its more must new not now one only other ' +
    'over provides real same should step steps such test tests than that the their them then ' +
    'there these this those through under update updated using valid validate via when where ' +
    'which while will with without'
  ).split(' '),
);

/** Ids such as `TC-09` or `RESIL-01`. */
const ID = /\b[A-Z][A-Z0-9]*-\d+\b/g;

function idsOf(text: string): Set<string> {
  return new Set(text.match(ID) ?? []);
}

function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of text.toLowerCase().match(/[a-z][a-z0-9]+/g) ?? []) {
    const word = raw.length > 4 && raw.endsWith('s') ? raw.slice(0, -1) : raw;
    if (word.length >= 4 && !COMMON_WORDS.has(word) && !COMMON_WORDS.has(raw)) words.add(word);
  }
  return words;
}

/**
 * A check backs a truth when they share an id (`TC-09`), or, when the truth
 * names no id, at least two significant words. Simple on purpose: the
 * reason is shown, so a reader can judge it.
 */
function sharedReason(truth: string, checkText: string): string | undefined {
  const truthIds = idsOf(truth);
  if (truthIds.size) {
    const shared = [...idsOf(checkText)].filter((id) => truthIds.has(id));
    return shared.length ? `shares ${shared.join(', ')}` : undefined;
  }
  const checkWords = wordsOf(checkText);
  const shared = [...wordsOf(truth)].filter((w) => checkWords.has(w));
  return shared.length >= 2 ? `shares the words ${shared.join(', ')}` : undefined;
}

function backTruths(plan: Plan, artifacts: ArtifactResult[], keyLinks: KeyLinkResult[], pages: Page[]): TruthResult[] {
  return plan.truths.map((truth) => {
    const backedBy: TruthBacking[] = [];
    artifacts.forEach((result, index) => {
      const a = result.artifact;
      const because = sharedReason(truth.value, [a.path, a.provides, a.contains, ...(a.exports ?? [])].join(' '));
      if (because) {
        backedBy.push({ kind: 'artifact', label: a.path, index, because, status: result.status, evidence: result.details.join('; ') });
      }
    });
    keyLinks.forEach((result, index) => {
      const k = result.link;
      const because = sharedReason(truth.value, [k.via, k.pattern?.replace(/[^A-Za-z0-9-]+/g, ' ')].join(' '));
      if (because) {
        backedBy.push({ kind: 'key link', label: `${k.from} -> ${k.to}`, index, because, status: result.status, evidence: result.detail });
      }
    });
    // A test case the truth names is looked up in the plan's pages: a renamed id shows here.
    for (const id of idsOf(truth.value)) {
      if (!/^TC-\d+$/.test(id) || pages.length === 0) continue;
      const found = pages.flatMap((page) => page.testCases.filter((tc) => tc.id === id).map((tc) => ({ page, tc })))[0];
      const where = pages.map((p) => p.path).join(', ');
      backedBy.push(
        found
          ? {
              kind: 'rule',
              label: `${id} in ${found.page.path}`,
              index: -1,
              because: `names ${id}`,
              status: 'found',
              evidence: `test case "${found.tc.heading.text}" at line ${found.tc.heading.node.position?.start.line ?? 1} with ${found.tc.steps.length} numbered steps and the sections ${found.tc.sections.map((sec) => sec.name).join(', ') || '(none)'} (checked by tc-id, tc-required-section, tc-steps)`,
            }
          : { kind: 'rule', label: `${id} in ${where}`, index: -1, because: `names ${id}`, status: 'missing', evidence: `no test case ${id} in ${where}` },
      );
    }
    return { truth, backedBy };
  });
}

/** Whether any must-have fails (the plan command exits 1). */
export function mustHavesFail(result: MustHavesResult): boolean {
  return (
    result.artifacts.some((a) => a.status !== 'verified') || result.keyLinks.some((k) => k.status === 'not_wired')
  );
}
