/**
 * Just enough DOM for asserting on built pages: parse with parse5 (the HTML
 * parser browsers follow) and query elements in document order.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

export type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

export function loadPage(buildDir: string, file: string): Element[] {
  const document = parse(readFileSync(path.join(buildDir, file), 'utf8'));
  const elements: Element[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node) elements.push(node);
    const children = 'content' in node && node.content ? node.content.childNodes : 'childNodes' in node ? node.childNodes : [];
    for (const child of children) walk(child);
  };
  walk(document);
  return elements;
}

export function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

export function hasClass(element: Element, name: string): boolean {
  return (attr(element, 'class') ?? '').split(/\s+/).includes(name);
}

export function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if ('childNodes' in node) return node.childNodes.map(textOf).join('');
  return '';
}

/** Collapses whitespace so text compares the same however the HTML was wrapped. */
export function normalise(text: string): string {
  return text.replace(/\u200b/g, '').replace(/\s+/g, ' ').trim();
}

export function contains(ancestor: Element, node: Node): boolean {
  for (let current: Node | null = node; current; current = (current as Element).parentNode as Node | null) {
    if (current === ancestor) return true;
  }
  return false;
}

/** The article of a docs page: the rendered markdown, without navbar, sidebar and table of contents. */
export function markdownOf(elements: Element[]): Element[] {
  const root = elements.find((e) => hasClass(e, 'theme-doc-markdown'));
  if (!root) throw new Error('No rendered markdown (.theme-doc-markdown) on the page');
  return elements.filter((e) => e !== root && contains(root, e));
}

/** Elements from `start` up to (not including) the next heading of the same or a higher rank. */
export function sectionOf(elements: Element[], start: Element): Element[] {
  const rank = headingRank(start);
  const from = elements.indexOf(start);
  const section: Element[] = [];
  for (const element of elements.slice(from + 1)) {
    if (contains(start, element)) continue;
    const r = headingRank(element);
    if (r !== undefined && rank !== undefined && r <= rank) break;
    section.push(element);
  }
  return section;
}

export function headingRank(element: Element): number | undefined {
  const match = /^h([1-6])$/.exec(element.tagName);
  return match ? Number(match[1]) : undefined;
}
