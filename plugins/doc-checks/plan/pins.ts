/**
 * What a review pins, and what has moved since. A review of a checkpoint
 * pins the plan, each unit its how-to-verify names (the test cases and
 * sections that review-targets resolves the items to), each files_modified
 * file in which no unit is named, and each Go declaration the reviewed units
 * link to. Markdown is hashed over its parsed content (units.ts), other files
 * byte for byte.
 *
 * A changed plan, file or unit makes an approval `stale`: the reviewed text
 * changed. A changed declaration makes it `suspect`: the text is as reviewed,
 * but the code it describes moved.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { buildPage } from '../model/guide';
import { fileAtCommit } from '../git';
import { parseMarkdown } from '../parse';
import { readGoFile } from '../source/go-file';
import { declarationSource } from '../source/go-source';
import type { Page } from '../types';
import { ProjectWorkspace } from '../workspace';
import { lineDiff } from './line-diff';
import { locateFile, type Roots } from './locate';
import type { Plan, PlanTask } from './model';
import { resolveReviewItems } from './review-targets';
import { findUnit, hashNodes, unitName, type PageUnit, type UnitRef } from './units';

export interface UnitPin extends UnitRef {
  file: string;
  hash: string;
}

export interface CodePin {
  /** Path in the driver source, e.g. `pkg/rds/connection_manager.go`. */
  file: string;
  /** The link fragment: `attemptReconnection`, `Type.Method`, `Type.Field`. */
  symbol: string;
  /** sha256 of the declaration's source; null when it was not found at review time. */
  hash: string | null;
}

export interface Pins {
  /** Whole files: the plan and each files_modified file without a named unit. null: absent. */
  files: Record<string, string | null>;
  units: UnitPin[];
  code: CodePin[];
}

/** One pinned thing that moved since the review, with its diff when one can be shown. */
export interface PinChange {
  /** `TC-10 in docs/HARDWARE_VALIDATION.md`, `pkg/rds/connection_manager.go#attemptReconnection`. */
  name: string;
  /** `changed`, `is gone`, ... */
  what: string;
  diff?: string;
  /** Why there is no diff, when there is none. */
  noDiff?: string;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** The pages of a plan's files_modified, in plan order, as the workspace reads them. */
async function planPages(workspace: ProjectWorkspace, plan: Plan): Promise<Page[]> {
  const pages: Page[] = [];
  for (const file of plan.filesModified.filter(isMarkdown)) {
    const page = await workspace.page(file);
    if (page) pages.push(page);
  }
  return pages;
}

const isMarkdown = (file: string): boolean => /\.mdx?$/i.test(file);

/** The units a checkpoint's how-to-verify names, each once, in item order. */
export async function reviewedUnits(workspace: ProjectWorkspace, plan: Plan, task: PlanTask): Promise<{ file: string; ref: UnitRef }[]> {
  const units: { file: string; ref: UnitRef }[] = [];
  for (const { target } of resolveReviewItems(task.howToVerify ?? '', await planPages(workspace, plan))) {
    if (!target?.unit) continue;
    const { kind, key } = target.unit;
    if (!units.some((u) => u.file === target.page && u.ref.kind === kind && u.ref.key === key)) {
      units.push({ file: target.page, ref: { kind, key } });
    }
  }
  return units;
}

/** Hash of a whole pinned file: parsed content for markdown, bytes otherwise; null when absent. */
export async function hashWholeFile(roots: Roots, file: string): Promise<string | null> {
  const location = locateFile(roots, file);
  if (!location.found) return null;
  let bytes: Buffer;
  try {
    bytes = await readFile(location.absolute);
  } catch {
    return null;
  }
  return isMarkdown(file) ? hashNodes(parseMarkdown(bytes.toString('utf8')).children) : sha256(bytes);
}

/** The Go declarations that the code links inside a unit name, each once. */
function codeLinksOf(page: Page, unit: PageUnit): { file: string; symbol: string }[] {
  const links: { file: string; symbol: string }[] = [];
  for (const link of page.links) {
    const line = link.node.position?.start.line ?? 0;
    if (link.kind !== 'code' || !link.target || !link.fragment || line < unit.startLine || line > unit.endLine) continue;
    if (!links.some((l) => l.file === link.target && l.symbol === link.fragment)) links.push({ file: link.target, symbol: link.fragment });
  }
  return links;
}

/** The qualified name of the declaration a fragment names, when the source has it. */
async function canonicalSymbol(workspace: ProjectWorkspace, file: string, symbol: string): Promise<string | undefined> {
  const source = await workspace.sourceFile(file);
  return 'problem' in source ? undefined : declarationSource(source, symbol)?.declaration.qualifiedName;
}

async function hashDeclaration(workspace: ProjectWorkspace, file: string, symbol: string): Promise<string | null> {
  const source = await workspace.sourceFile(file);
  if ('problem' in source) return null;
  const declaration = declarationSource(source, symbol);
  return declaration ? sha256(declaration.text) : null;
}

/** Everything a review of `task` pins, as the files are now. */
export async function computePins(roots: Roots, plan: Plan, task: PlanTask): Promise<Pins> {
  const workspace = new ProjectWorkspace(roots);
  const units = await reviewedUnits(workspace, plan, task);
  const pins: Pins = { files: { [plan.path]: await hashWholeFile(roots, plan.path) }, units: [], code: [] };
  for (const file of plan.filesModified) {
    if (!units.some((u) => u.file === file)) pins.files[file] = await hashWholeFile(roots, file);
  }
  for (const { file, ref } of units) {
    const page = await workspace.page(file);
    const unit = page && findUnit(page, ref);
    if (!page || !unit) continue;
    pins.units.push({ file, ...ref, hash: hashNodes(unit.nodes) });
    if (!roots.sourceRoot) continue;
    for (const link of codeLinksOf(page, unit)) {
      // `#attemptReconnection` and `#ConnectionManager.attemptReconnection` are one declaration: pin it once.
      const symbol = (await canonicalSymbol(workspace, link.file, link.symbol)) ?? link.symbol;
      if (!pins.code.some((c) => c.file === link.file && c.symbol === symbol)) {
        pins.code.push({ file: link.file, symbol, hash: await hashDeclaration(workspace, link.file, symbol) });
      }
    }
  }
  return pins;
}

/** What a review record must pin to count, judged against the plan as it is now. */
export async function missingPins(roots: Roots, plan: Plan, task: PlanTask, pinned: Pick<Pins, 'files' | 'units'>): Promise<string[]> {
  const missing: string[] = [];
  if (typeof pinned.files[plan.path] !== 'string') missing.push(`the plan \`${plan.path}\``);
  const units = await reviewedUnits(new ProjectWorkspace(roots), plan, task);
  for (const file of plan.filesModified) {
    if (file in pinned.files || pinned.units.some((u) => u.file === file)) continue;
    missing.push(`\`${file}\``);
  }
  for (const { file, ref } of units) {
    if (file in pinned.files || pinned.units.some((u) => u.file === file && u.kind === ref.kind && u.key === ref.key)) continue;
    missing.push(`${unitName(ref)} of \`${file}\``);
  }
  return missing;
}

export interface PinCheck {
  /** Reviewed text that changed: the approval is stale. */
  stale: PinChange[];
  /** Linked code that changed: the approval is suspect. */
  suspect: PinChange[];
}

/**
 * Compares pins with the files as they are now. `commit` and `sourceCommit`
 * are what the review saw; with them, a change comes with its diff.
 */
export async function checkPins(
  roots: Roots,
  pins: Pins,
  commits: { commit: string | null; sourceCommit: string | null },
): Promise<PinCheck> {
  const workspace = new ProjectWorkspace(roots);
  const result: PinCheck = { stale: [], suspect: [] };
  for (const [file, hash] of Object.entries(pins.files)) {
    const now = await hashWholeFile(roots, file);
    if (now === hash) continue;
    const what = hash === null ? 'did not exist at the review and exists now' : now === null ? 'is gone' : 'changed';
    result.stale.push({ name: `\`${file}\``, what });
  }
  for (const pin of pins.units) {
    const page = await workspace.page(pin.file);
    const unit = page && findUnit(page, pin);
    const name = `${unitName(pin)} in \`${pin.file}\``;
    if (!unit) {
      result.stale.push({ name, what: 'is gone' });
      continue;
    }
    if (hashNodes(unit.nodes) === pin.hash) continue;
    result.stale.push({ name, what: 'changed', ...(await unitDiff(roots.root, commits.commit, pin, unit)) });
  }
  for (const pin of pins.code) {
    if (!roots.sourceRoot) break;
    const now = await hashDeclaration(workspace, pin.file, pin.symbol);
    if (now === pin.hash) continue;
    const name = `\`${pin.file}#${pin.symbol}\``;
    const what = now === null ? 'is gone from the driver source' : pin.hash === null ? 'exists now' : 'changed in the driver source';
    const source = await workspace.sourceFile(pin.file);
    const current = 'problem' in source ? undefined : declarationSource(source, pin.symbol)?.text;
    result.suspect.push({ name, what, ...(await declarationDiff(roots.sourceRoot, commits.sourceCommit, pin, current)) });
  }
  return result;
}

type Diff = Pick<PinChange, 'diff' | 'noDiff'>;

async function unitDiff(root: string, commit: string | null, pin: UnitPin, unit: PageUnit): Promise<Diff> {
  if (!commit) return { noDiff: 'no diff: the review recorded no git commit' };
  const before = await fileAtCommit(root, commit, pin.file);
  if (before === undefined) return { noDiff: `no diff: \`${pin.file}\` is not in the reviewed commit ${commit.slice(0, 12)}` };
  const old = findUnit(buildPage(pin.file, before, []), pin);
  if (!old) return { noDiff: `no diff: the reviewed commit ${commit.slice(0, 12)} has no ${unitName(pin)}` };
  // Approved before it was committed: the commit does not hold the text that was reviewed.
  const note = hashNodes(old.nodes) === pin.hash ? {} : { noDiff: `the reviewed text was not committed; the diff is against commit ${commit.slice(0, 12)}` };
  return withDiff(old.source, unit.source, note);
}

async function declarationDiff(sourceRoot: string, commit: string | null, pin: CodePin, current: string | undefined): Promise<Diff> {
  if (!commit) return { noDiff: 'no diff: the driver source was not a git checkout at the review' };
  const before = await fileAtCommit(sourceRoot, commit, pin.file);
  const old = before === undefined ? undefined : declarationSource({ text: before, declarations: (await readGoFile(pin.file, before)).declarations }, pin.symbol)?.text;
  if (old === undefined) return { noDiff: `no diff: the reviewed commit ${commit.slice(0, 12)} of the driver source has no \`${pin.symbol}\`` };
  return withDiff(old, current ?? '', {});
}

function withDiff(before: string, after: string, extra: Diff): Diff {
  const diff = lineDiff(before, after);
  return diff === undefined ? { noDiff: 'no diff: the section is too long to compare line by line' } : { ...extra, diff };
}
