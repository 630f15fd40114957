import { describe, expect, it } from 'vitest';
import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { pageManifests } from '../../plugins/doc-checks/deploy/page-manifests';
import { buildPage } from '../../plugins/doc-checks/model/guide';

const guide = [
  '# Guide',
  '',
  'See [the reconciler][rec] and [TC-02](#tc-02-second).',
  '',
  '[rec]: ../pkg/attachment/reconciler.go',
  '[rec]: ../pkg/nvme/config.go',
  '',
  '## TC-01: First',
  '',
  '> [!CAUTION]',
  '> Drains a node.',
  '',
  '**Steps:**',
  '',
  '1. Link to [the manager](../pkg/rds/connection_manager.go).',
  '',
  '## TC-02: Second',
  '',
  ':::danger',
  'Reboots the RDS.',
  ':::',
  '',
  '**Steps:**',
  '',
  '1. Read [the config](../pkg/nvme/config.go#Config).',
  '',
  '   :::caution',
  '   Inside a step.',
  '   :::',
  '',
  '- ## TC-03: Nested in a list',
  '',
  '**Last Updated:** 2026-01-01',
  '',
  'Last Updated: 2026-02-18',
  '',
].join('\n');

describe('buildPage', () => {
  const page = buildPage('docs/GUIDE.md', guide);

  it('resolves a reference link to the first definition of its label, as CommonMark does', () => {
    const reference = page.links.find((l) => l.node.type === 'linkReference');
    expect(reference?.target).toBe('pkg/attachment/reconciler.go');
  });

  it('lists links, definitions included, in document order', () => {
    expect(page.links.map((l) => l.url)).toEqual([
      '../pkg/attachment/reconciler.go',
      '#tc-02-second',
      '../pkg/attachment/reconciler.go',
      '../pkg/nvme/config.go',
      '../pkg/rds/connection_manager.go',
      '../pkg/nvme/config.go#Config',
    ]);
  });

  it('gives each test case only the links and boxes inside it', () => {
    const [first, second] = page.testCases;
    expect(first.links.map((l) => l.url)).toEqual(['../pkg/rds/connection_manager.go']);
    expect(first.boxes.map((b) => b.kind)).toEqual(['caution']);
    expect(second.links.map((l) => l.url)).toEqual(['../pkg/nvme/config.go#Config']);
    expect(second.boxes.map((b) => b.kind)).toEqual(['danger', 'caution']);
    expect(second.boxesBeforeSteps.map((b) => b.kind)).toEqual(['danger']);
  });

  it('takes test cases from top-level headings only', () => {
    expect(page.testCases.map((tc) => tc.id)).toEqual(['TC-01', 'TC-02']);
    expect(page.headings.map((h) => h.text)).toContain('TC-03: Nested in a list');
  });

  it('reads the last "Last Updated" line, bold or plain', () => {
    expect(page.lastUpdated?.text).toBe('2026-02-18');
    const bold = buildPage('docs/A.md', '# A\n\n**Last Updated:** 2026-01-01\n');
    expect(bold.lastUpdated?.text).toBe('2026-01-01');
    expect(buildPage('docs/B.md', '# B\n\nUpdated last week.\n').lastUpdated).toBeUndefined();
  });

  it('lists every code block at any depth, in document order, as a full walk of the tree finds them', () => {
    const nested = buildPage(
      'docs/C.md',
      [
        '```bash',
        'echo top',
        '```',
        '',
        '1. A step',
        '',
        '   ```yaml',
        '   kind: Pod',
        '   ```',
        '',
        '> [!NOTE]',
        '> ```text driver-log',
        '> a line',
        '> ```',
        '',
        ':::caution',
        '```sh',
        'echo boxed',
        '```',
        ':::',
        '',
        '    indented code',
        '',
      ].join('\n'),
    );
    const walked: Code[] = [];
    visit(nested.tree, 'code', (node: Code) => void walked.push(node));
    expect(nested.codeBlocks).toEqual(walked);
    expect(nested.codeBlocks.map((c) => [c.lang ?? null, c.value])).toEqual([
      ['bash', 'echo top'],
      ['yaml', 'kind: Pod'],
      ['text', 'a line'],
      ['sh', 'echo boxed'],
      [null, 'indented code'],
    ]);
  });

  it("finds a page's manifests once, however many rules ask", () => {
    const one = buildPage('docs/D.md', '```yaml\nkind: Pod\n```\n');
    const other = buildPage('docs/E.md', '```yaml\nkind: Pod\n```\n');
    expect(pageManifests(one)).toBe(pageManifests(one));
    expect(pageManifests(one).map((m) => m.text)).toEqual(['kind: Pod']);
    expect(pageManifests(other)).not.toBe(pageManifests(one));
  });
});
