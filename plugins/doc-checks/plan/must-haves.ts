/**
 * Verifies a plan's `must_haves` with the planning workflow's meaning:
 * - an artifact exists, `contains` and every `exports` entry are literal
 *   substrings, `min_lines`/`max_lines` bound its line count;
 * - a key link's `pattern` (a JavaScript regex) is searched in the `from`
 *   file, then in the `to` file; without a pattern, `from` must contain the
 *   text of `to`;
 * - truths are listed with the checks that back them.
 * Ends of a key link that are not files (prose, packages, `file (Symbol)`)
 * make it uncheckable, with the reason, never a failure.
 */
import { pointAt } from '../text';
import { locateFile, readLocated, type Roots, type RootName } from './locate';
import type { Artifact, KeyLink, Located, Plan } from './model';
import { compilePattern, runPattern } from './safe-regex';

export type ArtifactStatus = 'verified' | 'missing' | 'failed';
export type KeyLinkStatus = 'wired' | 'not_wired' | 'uncheckable';
export type TruthStatus = 'verified' | 'failed' | 'uncertain';

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
}

export interface TruthBacking {
  kind: 'artifact' | 'key link';
  /** `docs/TESTING.md`, or `docs/A.md -> pkg/b.go`. */
  label: string;
  /** Index into the plan's artifacts or key links. */
  index: number;
  /** Why it backs the truth: the ids or words they share. */
  because: string;
  status: ArtifactStatus | KeyLinkStatus;
}

export interface TruthResult {
  truth: Located<string>;
  /** verified: every backing check passed; failed: one failed; uncertain: none, or only uncheckable ones. */
  status: TruthStatus;
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
  return { artifacts, keyLinks, truths: backTruths(plan, artifacts, keyLinks) };
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

type Endpoint = { readable: true; path: string; text: string } | { readable: false; reason: string };

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
    return { readable: false, reason: `\`${value}\` is a description, not a file path` };
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

export async function verifyKeyLink(link: KeyLink, roots: Roots): Promise<KeyLinkResult> {
  const from = await readEndpoint(link.from, roots);
  if (link.pattern === undefined) {
    if (!from.readable) return { link, status: 'uncheckable', detail: from.reason };
    const index = from.text.indexOf(link.to);
    if (index === -1) {
      const notMentioned = `\`${link.from}\` does not mention \`${link.to}\``;
      // Only a `to` that is a real file makes the missing mention a failure.
      const to = await readEndpoint(link.to, roots);
      return to.readable
        ? { link, status: 'not_wired', detail: notMentioned }
        : { link, status: 'uncheckable', detail: `${notMentioned}, and ${to.reason}` };
    }
    const line = pointAt(from.text, index).line;
    return { link, status: 'wired', foundIn: 'from', line, detail: `\`${link.to}\` is mentioned in \`${link.from}\` line ${line}` };
  }

  const compiled = compilePattern(link.pattern);
  if (!compiled.ok) {
    return { link, status: 'uncheckable', detail: `pattern \`${link.pattern}\` cannot be run: ${compiled.reason}` };
  }
  const to = await readEndpoint(link.to, roots);
  const searched: string[] = [];
  const unreadable: string[] = [];
  for (const [end, endpoint, name] of [
    ['from', from, link.from],
    ['to', to, link.to],
  ] as const) {
    if (!endpoint.readable) {
      unreadable.push(endpoint.reason);
      continue;
    }
    const run = runPattern(link.pattern, endpoint.text);
    if (run.status === 'matched') {
      const line = pointAt(endpoint.text, run.index).line;
      return {
        link,
        status: 'wired',
        foundIn: end,
        line,
        detail: `pattern \`${link.pattern}\` found in \`${name}\` line ${line}`,
      };
    }
    searched.push(`\`${name}\``);
  }
  if (unreadable.length === 0) {
    return { link, status: 'not_wired', detail: `pattern \`${link.pattern}\` not found in ${searched.join(' or ')}` };
  }
  const notFound = searched.length ? `pattern \`${link.pattern}\` not found in ${searched.join(' or ')}, and ` : '';
  return { link, status: 'uncheckable', detail: `${notFound}${unreadable.join('; ')}` };
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

function backTruths(plan: Plan, artifacts: ArtifactResult[], keyLinks: KeyLinkResult[]): TruthResult[] {
  return plan.truths.map((truth) => {
    const backedBy: TruthBacking[] = [];
    artifacts.forEach((result, index) => {
      const a = result.artifact;
      const because = sharedReason(truth.value, [a.path, a.provides, a.contains, ...(a.exports ?? [])].join(' '));
      if (because) backedBy.push({ kind: 'artifact', label: a.path, index, because, status: result.status });
    });
    keyLinks.forEach((result, index) => {
      const k = result.link;
      const because = sharedReason(truth.value, [k.via, k.pattern?.replace(/[^A-Za-z0-9-]+/g, ' ')].join(' '));
      if (because) backedBy.push({ kind: 'key link', label: `${k.from} -> ${k.to}`, index, because, status: result.status });
    });
    const failing = backedBy.some((b) => b.status === 'missing' || b.status === 'failed' || b.status === 'not_wired');
    const checked = backedBy.filter((b) => b.status !== 'uncheckable');
    const status: TruthStatus = failing ? 'failed' : checked.length ? 'verified' : 'uncertain';
    return { truth, status, backedBy };
  });
}

/** Whether any must-have fails (the plan command exits 1). */
export function mustHavesFail(result: MustHavesResult): boolean {
  return (
    result.artifacts.some((a) => a.status !== 'verified') || result.keyLinks.some((k) => k.status === 'not_wired')
  );
}
