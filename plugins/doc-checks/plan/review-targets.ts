/**
 * Turns the items of a checkpoint's `how-to-verify` list into links to the
 * exact place each item asks about: a step of a test case (found by the
 * commands it runs), a CAUTION/DANGER box, the Results Template, or a
 * section of another page. Items are prose, so the match is on the ids,
 * page paths and words they name; an item with no better target links to
 * the test case or page it names, and says so.
 */
import type { ListItem } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { boxAnchor, stepAnchor } from '../model/anchors';
import { parseMarkdown } from '../parse';
import type { Page, TestCase } from '../types';

export interface ReviewTarget {
  /** Repository-relative page path, e.g. `docs/HARDWARE_VALIDATION.md`. */
  page: string;
  /** Anchor on that page, without `#`; undefined for the top of the page. */
  anchor?: string;
  /** What the link points at, for the reviewer: "TC-09 step 4". */
  label: string;
  /**
   * The reviewed unit the target lies in, which a review pins: a test case
   * (by id) or a section (by heading text); absent for the top of a page.
   */
  unit?: { kind: 'test case' | 'section'; key: string };
}

export interface ReviewItem {
  text: string;
  target?: ReviewTarget;
}

const TEST_CASE_ID = /\bTC-\d{2}\b/g;
const PAGE_PATH = /\b((?:[\w.-]+\/)*[\w.-]+\.md)\b/g;

/** The numbered items of a how-to-verify block, as plain text. */
export function howToVerifyItems(howToVerify: string): string[] {
  const tree = parseMarkdown(howToVerify);
  const list = tree.children.find((n) => n.type === 'list');
  if (!list || list.type !== 'list') {
    return howToVerify.split('\n').map((l) => l.trim()).filter(Boolean);
  }
  return list.children.map((item: ListItem) => toString(item).replace(/\s+/g, ' ').trim());
}

/**
 * `pages` are the models of the plan's pages (its files_modified), in
 * plan order; the first one is the default page of an item.
 */
export function resolveReviewItems(howToVerify: string, pages: Page[]): ReviewItem[] {
  return howToVerifyItems(howToVerify).map((text) => ({ text, target: targetFor(text, pages) }));
}

function targetFor(text: string, pages: Page[]): ReviewTarget | undefined {
  const lower = text.toLowerCase();
  const named = [...text.matchAll(PAGE_PATH)].map((m) => m[1]);
  const page =
    pages.find((p) => named.some((n) => p.path === n || p.path.endsWith(`/${n}`))) ??
    (lower.includes('results template') ? pages.find((p) => p.resultsTemplate) : undefined) ??
    pages[0];
  if (!page) return undefined;

  // "Check that the Results Template includes TC-09..." is about the template, not TC-09.
  if (lower.includes('results template') && page.resultsTemplate) {
    const heading = page.resultsTemplate.heading;
    return { page: page.path, anchor: heading.anchor, label: 'Results Template', unit: { kind: 'section', key: heading.text } };
  }
  const ids = [...new Set(text.match(TEST_CASE_ID) ?? [])];
  const tc = page.testCases.find((t) => ids.includes(t.id));
  if (tc) return testCaseTarget(page, tc, lower);
  // The longest heading whose text the item quotes: "mentions resilience regression tests".
  const heading = [...page.headings]
    .filter((h) => h.depth > 1 && lower.includes(h.text.toLowerCase()))
    .sort((a, b) => b.text.length - a.text.length)[0];
  if (heading) return { page: page.path, anchor: heading.anchor, label: heading.text, unit: { kind: 'section', key: heading.text } };
  const word = significantWords(lower).find((w) => page.headings.some((h) => h.depth > 1 && h.text.toLowerCase().includes(w)));
  const loose = word ? page.headings.find((h) => h.depth > 1 && h.text.toLowerCase().includes(word)) : undefined;
  if (loose) return { page: page.path, anchor: loose.anchor, label: loose.text, unit: { kind: 'section', key: loose.text } };
  return { page: page.path, label: page.headings[0]?.text ?? page.path };
}

function testCaseTarget(page: Page, tc: TestCase, lower: string): ReviewTarget {
  const anchor = tc.heading.anchor;
  const unit = { kind: 'test case', key: tc.id } as const;
  // A plan may call the DANGER box its "CAUTION box": prefer the kind it names, else the first box.
  const box = tc.boxesBeforeSteps.find((b) => lower.includes(b.kind)) ?? tc.boxesBeforeSteps[0];
  if (box && /\b(box|caution|danger|warning)\b/.test(lower)) {
    return { page: page.path, anchor: boxAnchor(anchor, box.kind), label: `${tc.id} ${box.kind.toUpperCase()} box`, unit };
  }
  // A step is named by what it runs: "the iptables approach", "the drain/delete approach".
  const words = significantWords(lower);
  // Prefer a step whose program is named ("iptables"), then one whose subcommand is ("drain").
  const runs = (position: number) =>
    tc.steps.find((s) =>
      s.commands.some((c) => c.calls.some((call) => words.includes((call.words[position] ?? '').toLowerCase()))),
    );
  const step = runs(0) ?? runs(1);
  if (step) {
    return { page: page.path, anchor: stepAnchor(anchor, step.number), label: `${tc.id} step ${step.number}: ${step.title}`, unit };
  }
  return { page: page.path, anchor, label: `${tc.id}: ${tc.title}`, unit };
}

const COMMON = new Set(['review', 'verify', 'check', 'that', 'steps', 'step', 'with', 'your', 'matches', 'approach', 'appropriate', 'setup', 'network', 'cluster', 'the', 'and', 'for', 'docs', 'includes', 'mentions', 'confirm']);

function significantWords(lower: string): string[] {
  return lower
    .split(/[^a-z0-9_-]+/)
    .filter((w) => w.length >= 4 && !COMMON.has(w));
}
