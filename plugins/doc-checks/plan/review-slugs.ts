/**
 * Where each plan's Review page lives on the site. The Review plugin makes
 * the pages and the guides' review notices link to them: one function, so
 * the two never disagree.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { planBaseName } from './summary';

/**
 * The URL slug of each plan's Review page: its folders below `.planning/`
 * (without `phases/`) and its base name, `32-resilience-regression-tests/32-02`.
 * Plan numbers repeat across phases (two phases may each have a 32-02), so
 * the phase folder is part of the slug; it depends on the plan's own path
 * only, so adding a plan never moves another plan's page. Characters a URL
 * would need to escape become `-`; if two paths still meet, each gets a
 * short hash of its path.
 */
export function reviewSlugs(planPaths: readonly string[]): Map<string, string> {
  const base = new Map(planPaths.map((p) => [p, readableSlug(p)]));
  const count = new Map<string, number>();
  for (const slug of base.values()) count.set(slug, (count.get(slug) ?? 0) + 1);
  return new Map(
    [...base].map(([p, slug]) => [p, count.get(slug)! > 1 ? `${slug}-${createHash('sha256').update(p).digest('hex').slice(0, 8)}` : slug]),
  );
}

function readableSlug(planPath: string): string {
  const folders = path.posix.dirname(planPath).split('/').filter((part) => part !== '.' && part !== '.planning' && part !== 'phases');
  return [...folders, planBaseName(planPath)].map((part) => part.replace(/[^A-Za-z0-9._-]+/g, '-')).join('/');
}
