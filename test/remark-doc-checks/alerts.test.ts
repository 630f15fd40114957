import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import remarkAlertsToAdmonitions from '../../plugins/remark-doc-checks/alerts';
import { transform } from './process';

const run = (markdown: string) => transform(markdown, remarkAlertsToAdmonitions);

/** Block nodes as `type[:name] text` for compact, exact comparisons. */
function outline(nodes: RootContent[]): unknown[] {
  return nodes.map((node) =>
    node.type === 'containerDirective'
      ? { admonition: node.name, children: outline(node.children as RootContent[]) }
      : `${node.type}: ${toString(node)}`,
  );
}

const blocks = (tree: Root) => outline(tree.children);

describe('remark alerts-to-admonitions', () => {
  it('turns a GitHub CAUTION alert into a caution admonition without the marker', async () => {
    const tree = await run('> [!CAUTION]\n> This test interrupts NVMe/TCP traffic.\n');
    expect(blocks(tree)).toEqual([
      { admonition: 'caution', children: ['paragraph: This test interrupts NVMe/TCP traffic.'] },
    ]);
    expect(tree.children[0].position?.start).toMatchObject({ line: 1, column: 1 });
    expect(tree.children[0].position?.end).toMatchObject({ line: 2 });
  });

  it('turns a CAUTION alert opening with **DANGER:** into a danger admonition without the label', async () => {
    const tree = await run('> [!CAUTION]\n> **DANGER:** Restarting the RDS interrupts *every* volume.\n>\n> Plan a window.\n');
    expect(blocks(tree)).toEqual([
      {
        admonition: 'danger',
        children: ['paragraph: Restarting the RDS interrupts every volume.', 'paragraph: Plan a window.'],
      },
    ]);
  });

  it('keeps the danger label on its own line out of the text', async () => {
    const tree = await run('> [!CAUTION]\n> **DANGER:**\n> Data loss ahead.\n');
    expect(blocks(tree)).toEqual([{ admonition: 'danger', children: ['paragraph: Data loss ahead.'] }]);
  });

  it.each([
    ['> [!NOTE]\n> Read this.\n', 'note'],
    ['> [!TIP]\n> Try this.\n', 'tip'],
    ['> [!IMPORTANT]\n> Know this.\n', 'important'],
    ['> [!WARNING]\n> Mind this.\n', 'warning'],
  ])('maps %j to %s', async (markdown, kind) => {
    const tree = await run(markdown);
    expect(tree.children[0]).toMatchObject({ type: 'containerDirective', name: kind });
  });

  it('turns a bold-label blockquote into an admonition of that kind', async () => {
    expect(blocks(await run('> **CAUTION:** This drains the node.\n'))).toEqual([
      { admonition: 'caution', children: ['paragraph: This drains the node.'] },
    ]);
    expect(blocks(await run('> **DANGER**: Deletes the volume.\n'))).toEqual([
      { admonition: 'danger', children: ['paragraph: Deletes the volume.'] },
    ]);
  });

  it('converts boxes nested in list items', async () => {
    const tree = await run('1. **Step**\n\n   > [!CAUTION]\n   > Careful.\n');
    expect(JSON.stringify(tree)).toContain('"type":"containerDirective","name":"caution"');
    expect(toString(tree)).not.toContain('[!CAUTION]');
  });

  it('keeps an alert with nothing but its marker as an empty admonition', async () => {
    expect(blocks(await run('> [!CAUTION]\n'))).toEqual([{ admonition: 'caution', children: [] }]);
  });

  it('leaves ordinary blockquotes and bold text elsewhere alone', async () => {
    const markdown = '> A quote with **CAUTION:** inside.\n\n**CAUTION:** not in a quote.\n\n> [!CAUTION] same line\n';
    expect(blocks(await run(markdown))).toEqual([
      'blockquote: A quote with CAUTION: inside.',
      'paragraph: CAUTION: not in a quote.',
      'blockquote: [!CAUTION] same line',
    ]);
  });

  it('leaves directives as they are', async () => {
    expect(blocks(await run(':::danger\nAlready an admonition.\n:::\n'))).toEqual([
      { admonition: 'danger', children: ['paragraph: Already an admonition.'] },
    ]);
  });
});
