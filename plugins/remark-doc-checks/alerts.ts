/**
 * Turns boxes written for GitHub into Docusaurus admonitions:
 *
 *   > [!CAUTION]                          ->  :::caution
 *   > [!CAUTION]  + `**DANGER:** ...`     ->  :::danger
 *   > **CAUTION:** ...                    ->  :::caution
 *
 * The docs use GitHub alerts so they read well in the driver repository;
 * on the site the same boxes become real admonitions. Recognition is the
 * engine's (`recogniseBox`), so the checks and the site agree on what a box
 * is. The `[!TYPE]` marker and the bold label are removed: the admonition's
 * own title says the same.
 */
import type { Blockquote, Paragraph, Parents, Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import { recogniseBox, type RecognisedBox } from '../doc-checks/model/boxes';

const remarkAlertsToAdmonitions: Plugin<[], Root> = function () {
  return (tree) => {
    visit(tree, 'blockquote', (node, index, parent) => {
      if (index === undefined || !parent) return;
      const box = recogniseBox(node);
      if (!box || box.syntax === 'directive') return;
      replace(parent, index, toAdmonition(node, box));
    });
  };
};

export default remarkAlertsToAdmonitions;

function replace(parent: Parents, index: number, node: ContainerDirective): void {
  (parent.children as unknown[])[index] = node;
}

function toAdmonition(node: Blockquote, box: RecognisedBox): ContainerDirective {
  const [first, ...rest] = node.children;
  const lead = first?.type === 'paragraph' ? stripLead(first, box) : first;
  const children = lead ? [lead, ...rest] : rest;
  return {
    type: 'containerDirective',
    name: box.kind,
    attributes: {},
    children: children as ContainerDirective['children'],
    ...(node.position ? { position: node.position } : {}),
  };
}

/** The first paragraph without the `[!TYPE]` marker and the bold label; undefined when nothing is left. */
function stripLead(paragraph: Paragraph, box: RecognisedBox): Paragraph | undefined {
  const children = [...paragraph.children];
  const head = children[0];
  if (box.markerLength !== undefined && head?.type === 'text') {
    const value = head.value.slice(box.markerLength);
    if (value === '') children.shift();
    else children[0] = { ...head, value };
  }
  if (box.label) {
    const at = children.indexOf(box.label);
    if (at !== -1) {
      children.splice(at, 1);
      const next = children[at];
      if (next?.type === 'text') {
        const value = next.value.replace(/^[ \t]*:?[ \t]*(?:\r?\n)?[ \t]*/, '');
        if (value === '') children.splice(at, 1);
        else children[at] = { ...next, value };
      }
    }
  }
  return children.length > 0 ? { ...paragraph, children } : undefined;
}
