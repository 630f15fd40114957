/**
 * The site shows the committed run report: a line after each block marked
 * `run`, matched by its first command, and a summary under the title.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { List, Nodes, Paragraph, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { afterAll, describe, expect, test } from 'vitest';
import remarkRunBadges from '../../plugins/remark-doc-checks/run-badges';
import { transform } from './process';

const root = mkdtempSync(path.join(tmpdir(), 'run-badges-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const PAGE = `# Testing Guide

Intro.

\`\`\`bash run
go test -v ./pkg/attachment/ -run TestA
\`\`\`

\`\`\`bash
kubectl get pods
\`\`\`

- Nested:

  \`\`\`bash run
  # a comment first
  make -n verify
  \`\`\`

\`\`\`bash run
go test -v ./pkg/attachment/ -run TestA
\`\`\`

\`\`\`bash run
go test ./pkg/new/...
\`\`\`
`;

const REPORT = {
  version: 1,
  startedAt: '2026-12-02T15:40:00.000Z',
  finishedAt: '2026-12-02T15:41:00.000Z',
  driverCommit: '97597243f9a0087965fe22dd3c5a22db72988562',
  blocks: [
    // Lines moved since the run: blocks are found by their first command, in order.
    { file: 'docs/TESTING.md', line: 3, firstCommand: 'go test -v ./pkg/attachment/ -run TestA', status: 'failed' },
    { file: 'docs/TESTING.md', line: 9, firstCommand: 'make -n verify', status: 'passed' },
    { file: 'docs/TESTING.md', line: 12, firstCommand: 'go test -v ./pkg/attachment/ -run TestA', status: 'passed' },
    { file: 'docs/OTHER.md', line: 12, firstCommand: 'go test ./pkg/new/...', status: 'passed' },
  ],
};

const lines = (tree: Root) =>
  tree.children
    .flatMap((n): Nodes[] => (n.type === 'list' ? n.children.flatMap((i) => i.children) : [n]))
    .filter((n): n is Paragraph => n.type === 'paragraph' && !!n.data?.hProperties)
    .map((n) => [(n.data!.hProperties!.className as string[]).join(' '), toString(n)]);

describe('run badges', () => {
  test('each runnable block carries its last result; the summary counts them', async () => {
    mkdirSync(path.join(root, 'static'), { recursive: true });
    writeFileSync(path.join(root, 'static/run-report.json'), JSON.stringify(REPORT));
    const tree = await transform(PAGE, [remarkRunBadges, { root }], path.join(root, 'docs/TESTING.md'));
    expect(lines(tree)).toEqual([
      ['run-summary', 'Runnable blocks (marked run): 2 passed, 1 failed, 1 not run in the last docs-check run (driver 97597243f9a0, 2026-12-02).'],
      ['run-badge run-badge--failed', 'Last run: failed · driver 97597243f9a0 · 2026-12-02'],
      ['run-badge run-badge--passed', 'Last run: passed · driver 97597243f9a0 · 2026-12-02'],
      ['run-badge run-badge--passed', 'Last run: passed · driver 97597243f9a0 · 2026-12-02'],
      ['run-badge run-badge--not-run', 'Last run: not run'],
    ]);
    // The badge sits right after its block.
    expect(tree.children[3].type).toBe('code');
    expect(toString(tree.children[4])).toBe('Last run: failed · driver 97597243f9a0 · 2026-12-02');
  });

  test('without a report every block is "not run"; a malformed report counts as none', async () => {
    writeFileSync(path.join(root, 'static/run-report.json'), '{"finishedAt": 5, "blocks": "<script>"}');
    const tree = await transform(PAGE, [remarkRunBadges, { root }], path.join(root, 'docs/TESTING.md'));
    expect(lines(tree)[0]).toEqual(['run-summary', 'Runnable blocks (marked run): 4, not run yet.']);
    expect(lines(tree).slice(1).every(([cls]) => cls === 'run-badge run-badge--not-run')).toBe(true);
  });

  test('a page without runnable blocks is left alone', async () => {
    const tree = await transform('# Plain\n\n```bash\nls\n```\n', [remarkRunBadges, { root }], path.join(root, 'docs/PLAIN.md'));
    expect(tree.children.map((n) => n.type)).toEqual(['heading', 'code']);
  });
});

const HARDWARE = `# Hardware Validation Guide

\`\`\`bash
ssh admin@10.42.241.3 '/disk print detail where mount-point="storage-pool"'
\`\`\`

1. Step:

   \`\`\`bash
   ssh admin@10.42.241.3 '/disk print brief where slot~"pvc-"'
   ssh admin@10.42.241.3 "/disk print detail where slot=\\"$VOL\\""
   \`\`\`

\`\`\`bash
ssh admin@10.42.241.3 '/disk print brief where slot~"pvc-"'
\`\`\`
`;

const MOCK_REPORT = {
  ...REPORT,
  blocks: [],
  routerOsMock: {
    buildMs: 4000,
    durationMs: 6000,
    steps: [
      {
        file: 'docs/HARDWARE_VALIDATION.md',
        block: { firstCommand: `ssh admin@10.42.241.3 '/disk print detail where mount-point="storage-pool"'`, nth: 0 },
        command: '/disk print detail where mount-point="storage-pool"',
        status: 'passed',
        problems: [],
        formatDifferences: ['entries: the guide shows them numbered (` 0 `), the mock prints no number'],
      },
      {
        file: 'docs/HARDWARE_VALIDATION.md',
        block: { firstCommand: `ssh admin@10.42.241.3 '/disk print brief where slot~"pvc-"'`, nth: 0 },
        command: '/disk print brief where slot~"pvc-"',
        status: 'not answered',
        problems: ['the mock refused it: exit status 1, `bad command name /disk print brief`'],
        formatDifferences: [],
      },
      {
        file: 'docs/HARDWARE_VALIDATION.md',
        block: { firstCommand: `ssh admin@10.42.241.3 '/disk print brief where slot~"pvc-"'`, nth: 0 },
        command: '/disk print detail where slot="$VOL"',
        status: 'not answered',
        problems: ['the mock printed nothing, although it holds `pvc-1`'],
        formatDifferences: [],
        probe: { command: '/disk print detail where slot=pvc-1', status: 'passed', problems: [], formatDifferences: ['`status`: printed by the mock, not shown by the guide'] },
      },
      // Its block is the second with that first command; a malformed step is left out.
      {
        file: 'docs/HARDWARE_VALIDATION.md',
        block: { firstCommand: `ssh admin@10.42.241.3 '/disk print brief where slot~"pvc-"'`, nth: 1 },
        command: '/disk print brief where slot~"pvc-"',
        status: 'not run',
        problems: ['the guide shows no value'],
        formatDifferences: [],
      },
      { file: 'docs/HARDWARE_VALIDATION.md', block: { firstCommand: 'x', nth: 'first' }, command: 'x', status: 'passed' },
    ],
  },
};

describe('RouterOS steps against the mock', () => {
  test('a line per step after its block, with what the mock answered and how its output differs; a count under the title', async () => {
    writeFileSync(path.join(root, 'static/run-report.json'), JSON.stringify(MOCK_REPORT));
    const tree = await transform(HARDWARE, [remarkRunBadges, { root }], path.join(root, 'docs/HARDWARE_VALIDATION.md'));
    expect(lines(tree)).toEqual([
      ['run-summary', "RouterOS steps against the driver's mock RouterOS: 1 passed, 0 failed, 0 answered, 2 not answered, 1 not run in the last docs-check run (driver 97597243f9a0, 2026-12-02)."],
      ['run-badge run-badge--mock-passed', 'Mock RouterOS: /disk print detail where mount-point="storage-pool" passed, compared with the expected output by structure. How the mock\'s output differs in form from the guide\'s: entries: the guide shows them numbered ( 0 ), the mock prints no number.'],
      ['run-badge run-badge--mock-not-answered', 'Mock RouterOS: /disk print brief where slot~"pvc-" not answered: the mock refused it: exit status 1, bad command name /disk print brief.'],
      ['run-badge run-badge--mock-not-answered', 'Mock RouterOS: /disk print detail where slot="$VOL" not answered: the mock printed nothing, although it holds pvc-1. Asked without the quotes RouterOS does not need, /disk print detail where slot=pvc-1: passed. How the mock\'s output differs in form from the guide\'s: status: printed by the mock, not shown by the guide.'],
      ['run-badge run-badge--mock-not-run', 'Mock RouterOS: /disk print brief where slot~"pvc-" not run: the guide shows no value.'],
    ]);
    // The badges sit right after their block, inside the list item too; backquoted names are inline code.
    expect(tree.children[2].type).toBe('code');
    expect(toString(tree.children[3])).toMatch(/^Mock RouterOS: .* passed/);
    const item = (tree.children[4] as List).children[0];
    expect(item.children.map((n) => n.type)).toEqual(['paragraph', 'code', 'paragraph', 'paragraph']);
    expect((item.children[2] as Paragraph).children.map((n) => n.type)).toEqual(['text', 'inlineCode', 'text', 'text', 'inlineCode', 'text']);
  });

  test('a page the report has no steps for gets no mock lines', async () => {
    const tree = await transform(HARDWARE, [remarkRunBadges, { root }], path.join(root, 'docs/OTHER.md'));
    expect(lines(tree)).toEqual([]);
  });
});
