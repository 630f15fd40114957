/**
 * The Review page of plan 32-02 in the built site: the checklist links to
 * elements that exist in the built guides (the TC-09 iptables step, the
 * TC-10 DANGER box, the TC-11 drain step, the Results Template, the Testing
 * guide's resilience section), the must_haves computed at build time, the
 * checkpoint status and the command that records a decision.
 */
import { describe, expect, inject, test } from 'vitest';
import { attr, hasClass, loadPage, normalise, textOf, type Element } from './html';

const BASE = '/rds-csi-docs/';
const GUIDE_FILE = 'docs/hardware-validation.html';

function pageFileFor(href: string): string {
  const route = href.slice(BASE.length).split('#')[0];
  return `${route}.html`;
}

describe('Review page of plan 32-02', () => {
  const buildDir = inject('buildDir');
  const review = loadPage(buildDir, 'review/32-resilience-regression-tests/32-02.html');
  const items = review.filter((e) => e.tagName === 'li' && e.childNodes.some((c) => 'tagName' in c && c.tagName === 'label'));
  const links = items.map((li) => {
    const a = li.childNodes.find((c): c is Element => 'tagName' in c && c.tagName === 'a');
    return a ? attr(a, 'href')! : '';
  });

  test('lists the five how-to-verify items, each with a link', () => {
    expect(items.map((li) => normalise(textOf(li)).slice(0, 12))).toEqual([
      'Review TC-09',
      'Review TC-10',
      'Review TC-11',
      'Check that t',
      'Check docs/T',
    ]);
    expect(links.every((href) => href.startsWith(BASE))).toBe(true);
  });

  test('each link lands on an element with that id in the built page', () => {
    for (const href of links) {
      const [, anchor] = href.split('#');
      const target = loadPage(buildDir, pageFileFor(href)).find((e) => attr(e, 'id') === anchor);
      expect(target, href).toBeDefined();
    }
  });

  test('the links point at the step, the box and the sections they ask about', () => {
    const guide = loadPage(buildDir, GUIDE_FILE);
    const byId = (href: string) => guide.find((e) => attr(e, 'id') === href.split('#')[1])!;
    expect(byId(links[0]).tagName).toBe('li');
    expect(normalise(textOf(byId(links[0])))).toContain('iptables -A OUTPUT -d 10.42.68.1 -p tcp --dport 4420 -j DROP');
    expect(hasClass(byId(links[1]), 'theme-admonition-danger')).toBe(true);
    expect(normalise(textOf(byId(links[1])))).toContain('ALL NVMe/TCP connections on ALL cluster nodes');
    expect(normalise(textOf(byId(links[2])))).toContain('kubectl drain');
    expect(links[3]).toBe(`${BASE}docs/hardware-validation#results-template`);
    expect(links[4]).toBe(`${BASE}docs/testing#resilience-regression-tests`);
  });

  test('shows the checkpoint as pending with the commands to record a decision', () => {
    const text = normalise(textOf(review.find((e) => e.tagName === 'main')!));
    expect(review.find((e) => attr(e, 'data-status') === 'pending')).toBeDefined();
    const heading = review.find((e) => e.tagName === 'h2' && attr(e, 'id') === 'task-3')!;
    expect(normalise(textOf(heading)).replace(/\u200b/g, '').trim()).toBe('Task 3: Review resilience test documentation');
    // The plan's own words, then the commands as the way to answer them.
    expect(text).toContain('The plan asks:');
    expect(text).toContain('Type "approved" or describe changes needed.');
    expect(text).toContain('Answer with one of these commands, from the repository root');
    expect(text).toContain('npx docs-check review .planning/phases/32-resilience-regression-tests/32-02-PLAN.md --approve --reviewer NAME');
    expect(text).toContain('--request-changes "WHAT TO CHANGE" --reviewer NAME');
  });

  test('shows the must_haves as the engine computed them', () => {
    const statuses = review.filter((e) => e.tagName === 'td').map((td) => td.childNodes.find((c): c is Element => 'tagName' in c && c.tagName === 'span'))
      .filter((span): span is Element => span !== undefined)
      .map((span) => attr(span, 'data-status'));
    expect(statuses).toEqual(['verified', 'verified', 'wired', 'wired']);
  });
});
