/**
 * Recognises warning boxes. A box is a real block-level construct, never bold
 * text inside an ordinary paragraph:
 *   :::caution ... :::                 (Docusaurus directive)
 *   > [!CAUTION]                       (GitHub alert; `**DANGER:**` first makes it a danger box)
 *   > **CAUTION:** ...                 (blockquote opening with a bold label)
 */
import type { Blockquote, Nodes, Paragraph, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Box, BoxKind } from '../types';

const DIRECTIVE_KINDS: ReadonlySet<string> = new Set<BoxKind>([
  'caution',
  'danger',
  'warning',
  'note',
  'tip',
  'info',
  'important',
]);

/** GitHub's alert types (it has no DANGER). */
const ALERT_MARKER = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\r?\n|$)/;
const BOLD_LABEL = /^(CAUTION|DANGER|WARNING)\s*:?$/i;

export interface RecognisedBox extends Box {
  /** For alerts: length of the `[!TYPE]` marker text to strip (with its newline). */
  markerLength?: number;
  /** For labels: the bold node that carries CAUTION/DANGER, to strip on the site. */
  label?: PhrasingContent;
}

export function recogniseBox(node: Nodes): RecognisedBox | undefined {
  if (node.type === 'containerDirective') {
    return DIRECTIVE_KINDS.has(node.name)
      ? { kind: node.name as BoxKind, syntax: 'directive', node }
      : undefined;
  }
  if (node.type === 'blockquote') return recogniseBlockquote(node);
  return undefined;
}

function recogniseBlockquote(node: Blockquote): RecognisedBox | undefined {
  const first = node.children[0];
  if (!first || first.type !== 'paragraph') return undefined;
  const head = first.children[0];
  if (head?.type === 'text') {
    const marker = ALERT_MARKER.exec(head.value);
    if (marker) {
      const type = marker[1].toLowerCase() as BoxKind;
      const rest = head.value.slice(marker[0].length);
      const label = rest.trim() === '' ? boldLabel(first, 1) : undefined;
      const kind = type === 'caution' && label && /^danger/i.test(toString(label)) ? 'danger' : type;
      return { kind, syntax: 'gfm-alert', node, markerLength: marker[0].length, label };
    }
  }
  const label = boldLabel(first, 0);
  if (label) {
    const kind = toString(label).replace(/[:\s]/g, '').toLowerCase() as BoxKind;
    return { kind, syntax: 'label-blockquote', node, label };
  }
  return undefined;
}

/** The `**CAUTION:**`-style bold label at `index` of the paragraph, if any. */
function boldLabel(paragraph: Paragraph, index: number): PhrasingContent | undefined {
  const candidate = paragraph.children[index];
  if (candidate?.type !== 'strong') return undefined;
  return BOLD_LABEL.test(toString(candidate).trim()) ? candidate : undefined;
}

/** Anything shaped like an alert marker, known to GitHub or not. */
const ANY_ALERT_MARKER = /^\[!([A-Za-z]+)\][ \t]*(?:\r?\n|$)/;

/**
 * The type of an alert marker GitHub does not know (`> [!DANGER]`): such a
 * blockquote is no box, GitHub shows the marker as text. Undefined for
 * anything else.
 */
export function unknownAlertMarker(node: Nodes): string | undefined {
  if (node.type !== 'blockquote') return undefined;
  const first = node.children[0];
  const head = first?.type === 'paragraph' ? first.children[0] : undefined;
  if (head?.type !== 'text' || ALERT_MARKER.test(head.value)) return undefined;
  return ANY_ALERT_MARKER.exec(head.value)?.[1];
}

/** Strength order used when a command needs "at least" a kind of box. */
export function boxSatisfies(kind: BoxKind, required: 'caution' | 'danger'): boolean {
  return required === 'danger' ? kind === 'danger' : kind === 'caution' || kind === 'danger';
}
