/**
 * Review page routes: plan numbers repeat across phases (the driver's own
 * `.planning` has five pairs such as two 32-02 plans), and Docusaurus
 * refuses a site with duplicate routes. Each plan's route carries its phase
 * folder, so routes are unique and do not move when plans are added.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadContext } from '@docusaurus/types';
import { afterAll, describe, expect, test } from 'vitest';
import reviewPlugin from '../../plugins/docusaurus-plugin-review';
import type { ReviewData } from '../../plugins/docusaurus-plugin-review/review-data';
import { reviewSlugs } from '../../plugins/doc-checks/plan/review-slugs';

const repo = mkdtempSync(path.join(os.tmpdir(), 'review-routes-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const plan = (phase: string, number: string) =>
  [
    '---',
    `phase: ${phase}`,
    `plan: ${number}`,
    'type: execute',
    'wave: 1',
    'depends_on: []',
    'files_modified: []',
    'autonomous: true',
    'must_haves:',
    '  truths: []',
    '  artifacts: []',
    '  key_links: []',
    '---',
    '',
    '<tasks>',
    '</tasks>',
    '',
  ].join('\n');

for (const [phase, file] of [
  ['32-resilience-tests', '32-02-PLAN.md'],
  ['32-metrics-cleanup', '32-02-PLAN.md'],
  ['28.1-fix-metric', '28.1-01-PLAN.md'],
]) {
  mkdirSync(path.join(repo, '.planning/phases', phase), { recursive: true });
  writeFileSync(path.join(repo, '.planning/phases', phase, file), plan(phase, file.slice(0, -8)));
}

async function routesOf(root: string): Promise<string[]> {
  const context = { siteDir: root, baseUrl: '/site/' } as LoadContext;
  const plugin = reviewPlugin(context);
  const content = (await plugin.loadContent!()) as ReviewData[];
  const routes: string[] = [];
  const actions = {
    createData: async (name: string) => name,
    addRoute: (route: { path: string }) => routes.push(route.path),
  };
  await plugin.contentLoaded!({ content, actions } as never);
  return routes;
}

describe('Review page routes', () => {
  test('two plans with the same number in different phases get two routes, named by their phase folder', async () => {
    expect((await routesOf(repo)).sort()).toEqual([
      '/site/review',
      '/site/review/28.1-fix-metric/28.1-01',
      '/site/review/32-metrics-cleanup/32-02',
      '/site/review/32-resilience-tests/32-02',
    ]);
  });

  test('a slug depends on its own path only; paths that still meet get a hash each', () => {
    const one = '.planning/phases/32-a/32-02-PLAN.md';
    expect(reviewSlugs([one]).get(one)).toBe('32-a/32-02');
    expect(reviewSlugs([one, '.planning/phases/07-b/07-01-PLAN.md']).get(one)).toBe('32-a/32-02');
    const spaced = '.planning/phases/32 a/32-02-PLAN.md';
    const slugs = reviewSlugs([one, spaced]);
    expect(slugs.get(one)).toMatch(/^32-a\/32-02-[0-9a-f]{8}$/);
    expect(slugs.get(spaced)).toMatch(/^32-a\/32-02-[0-9a-f]{8}$/);
    expect(slugs.get(one)).not.toBe(slugs.get(spaced));
  });
});
