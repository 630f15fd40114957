/**
 * Heading anchors as Docusaurus generates them: github-slugger over the
 * heading's text, deduplicated per page, or an explicit `{#custom-id}`.
 * GitHub renders the same slugs, so one anchor works in both places.
 */
import GithubSlugger from 'github-slugger';
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';

const EXPLICIT_ID = /\s*\{#([^{}\s]+)\}\s*$/;

export interface HeadingAnchor {
  text: string;
  anchor: string;
}

export function createAnchorer(): (heading: Heading) => HeadingAnchor {
  const slugger = new GithubSlugger();
  return (heading) => {
    const raw = toString(heading);
    const explicit = EXPLICIT_ID.exec(raw);
    if (explicit) return { text: raw.replace(EXPLICIT_ID, ''), anchor: explicit[1] };
    return { text: raw, anchor: slugger.slug(raw) };
  };
}

/**
 * Anchors the site adds inside a test case so a reviewer can be sent to the
 * exact step or box: `#tc-09-...-step-4`, `#tc-10-...-danger`.
 */
export const stepAnchor = (testCaseAnchor: string, step: number): string => `${testCaseAnchor}-step-${step}`;
export const boxAnchor = (testCaseAnchor: string, kind: string): string => `${testCaseAnchor}-${kind}`;
