/**
 * Approvals the planning workflow wrote by hand into a plan's summary, e.g.
 * `3. **Task 3: Review ...** - checkpoint:human-verify (approved by user 2026-02-18)`.
 * They say a checkpoint was approved but not what content was approved.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { parseMarkdown } from '../parse';
import { isFile, resolveInside } from '../source/paths';
import { decodeText, parserHazard } from '../text';
import { rethrowIfFatal, stoppedParse, withinBudget } from '../watchdog/budget';
import { noteFile } from '../cache/track';
import type { Plan } from './model';

export interface SummaryApproval {
  /** The task number the line names (`Task 3`). */
  task: number;
  /** The checkpoint type written on the line, if any. */
  type?: string;
  /** The text in parentheses: `approved by user 2026-02-18`. */
  note: string;
  date?: string;
  /** Repository-relative path of the summary. */
  file: string;
  line: number;
}

/** `32-02` for `.../32-02-PLAN.md`. */
export function planBaseName(planPath: string): string {
  const name = path.posix.basename(planPath);
  return name.replace(/-PLAN\.md$/i, '').replace(/\.md$/i, '');
}

/** Repository-relative path of a file beside the plan: `<base><suffix>`. */
export function besidePlan(planPath: string, suffix: string): string {
  const dir = path.posix.dirname(planPath);
  const name = `${planBaseName(planPath)}${suffix}`;
  return dir === '.' ? name : `${dir}/${name}`;
}

/**
 * The approvals written in the summary beside `plan`. A summary the parser
 * cannot take (a hostile shape the pre-scan sees, a parse the watchdog
 * stopped, a parser failure) approves nothing; it is not a reason to fail
 * every plan. Checked as a page (it is markdown under `.planning/`), it
 * gets its own `valid-input` finding.
 */
export async function summaryApprovals(root: string, plan: Plan): Promise<SummaryApproval[]> {
  const file = besidePlan(plan.path, '-SUMMARY.md');
  noteFile(root, file);
  const resolved = resolveInside(root, file);
  if (!resolved.ok || !isFile(resolved.absolute)) return [];
  let text: string;
  try {
    text = decodeText(await readFile(resolved.absolute)).text;
  } catch {
    return [];
  }
  if (parserHazard(text) ?? stoppedParse(file)) return [];
  let tree;
  try {
    tree = withinBudget('engine', file, text, () => parseMarkdown(text));
  } catch (error) {
    rethrowIfFatal(error);
    stoppedParse(file);
    return [];
  }
  const approvals: SummaryApproval[] = [];
  visit(tree, 'paragraph', (paragraph: Paragraph) => {
    const [first, ...rest] = paragraph.children;
    if (first?.type !== 'strong') return;
    const task = /^Task\s+(\d+)\b/.exec(toString(first).trim());
    if (!task) return;
    const after = rest.map((node) => toString(node)).join('').slice(0, 500);
    const note = /\(([^()]*)\)/.exec(after)?.[1].trim();
    if (!note || !/^approved\b/i.test(note)) return;
    const approval: SummaryApproval = {
      task: Number(task[1]),
      note,
      file,
      line: paragraph.position?.start.line ?? 1,
    };
    const type = /\bcheckpoint:[a-z-]+/.exec(after)?.[0];
    if (type) approval.type = type;
    const date = /\d{4}-\d{2}-\d{2}/.exec(note)?.[0];
    if (date) approval.date = date;
    approvals.push(approval);
  });
  return approvals;
}
