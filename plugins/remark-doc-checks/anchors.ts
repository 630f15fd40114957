/**
 * Gives the steps and the boxes of each test case stable ids on the site,
 * so a reviewer (and any page) can link to "TC-09 step 4" or "the TC-10
 * DANGER box": `#tc-09-...-step-4`, `#tc-10-...-danger`. Runs after
 * alerts.ts, when boxes are admonition directives. The engine's page model
 * lists the same anchors, so doc-link accepts links to them.
 */
import type { List, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Plugin } from 'unified';
import { boxAnchor, createAnchorer, stepAnchor } from '../doc-checks/model/anchors';
import { recogniseBox } from '../doc-checks/model/boxes';

const TEST_CASE = /^TC-\d+\b/;
const STEPS_LABEL = /^steps\s*:?$/i;

const remarkTestCaseAnchors: Plugin<[], Root> = function () {
  return (tree) => {
    const anchorOf = createAnchorer();
    const children = tree.children;
    // Anchors must be numbered as Docusaurus numbers duplicates: walk every heading in order.
    const headingAnchors = new Map<RootContent, string>();
    for (const node of children) if (node.type === 'heading') headingAnchors.set(node, anchorOf(node).anchor);

    children.forEach((node, index) => {
      if (node.type !== 'heading' || !TEST_CASE.test(toString(node))) return;
      const anchor = headingAnchors.get(node)!;
      const boxKinds = new Set<string>();
      let inSteps = false;
      for (let i = index + 1; i < children.length; i++) {
        const child = children[i];
        if (child.type === 'heading' && child.depth <= node.depth) break;
        if (isStepsLabel(child)) {
          inSteps = true;
          continue;
        }
        const box = !inSteps ? recogniseBox(child) : undefined;
        if (box && child.type === 'containerDirective' && !boxKinds.has(box.kind)) {
          boxKinds.add(box.kind);
          child.attributes = { ...child.attributes, id: boxAnchor(anchor, box.kind) };
        }
        if (inSteps && child.type === 'list' && child.ordered) {
          labelSteps(child, anchor);
          inSteps = false;
        }
      }
    });
  };
};

function isStepsLabel(node: RootContent): boolean {
  if (node.type === 'heading') return STEPS_LABEL.test(toString(node).trim());
  if (node.type !== 'paragraph') return false;
  const first = node.children[0];
  return first?.type === 'strong' && STEPS_LABEL.test(toString(first).trim());
}

function labelSteps(list: List, anchor: string): void {
  const start = list.start ?? 1;
  list.children.forEach((item, i) => {
    item.data = { ...item.data, hProperties: { ...item.data?.hProperties, id: stepAnchor(anchor, start + i) } };
  });
}

export default remarkTestCaseAnchors;
