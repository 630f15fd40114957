/**
 * The site shows the committed run report: a line after each block marked
 * `run`, matched by its first command, and a summary under the title.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Nodes, Paragraph, Root } from 'mdast';
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
