/**
 * Docusaurus plugin: a Review section generated from the plans in
 * `.planning/`. One page per plan (`/review/<phase folder>/<plan>`, see
 * `reviewSlugs`) and an index page.
 * All facts come from the doc-checks engine at build time.
 */
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { Page } from '../doc-checks/types';
import { buildReviewData, type ReviewData } from './review-data';

export interface ReviewPluginOptions {
  /** Driver source checkout for key links into Go code. */
  driverSourceRoot?: string;
  /** Route base path of the docs plugin whose pages the plans review. */
  docsRouteBasePath?: string;
  /** Directory of those docs, repository-relative. */
  docsDir?: string;
}

export default function reviewPlugin(context: LoadContext, options: ReviewPluginOptions = {}): Plugin<ReviewData[]> {
  const docsRoute = (options.docsRouteBasePath ?? 'docs').replace(/^\/|\/$/g, '');
  const docsDir = (options.docsDir ?? 'docs').replace(/\/$/, '');
  const base = context.baseUrl;

  /** The site path of a docs page: its frontmatter slug, or its file name. */
  const pageUrl = (page: Page): string | undefined => {
    if (!page.path.startsWith(`${docsDir}/`)) return undefined;
    const data = page.frontmatter?.data as { slug?: unknown } | undefined;
    const slug = typeof data?.slug === 'string' ? data.slug : `/${page.path.slice(docsDir.length + 1).replace(/\.mdx?$/, '')}`;
    return `${base}${docsRoute}${slug.startsWith('/') ? slug : `/${slug}`}`.replace(/\/+$/, '');
  };

  return {
    name: 'docusaurus-plugin-review',

    getPathsToWatch() {
      return [path.join(context.siteDir, '.planning/**/*.{md,json}')];
    },

    async loadContent() {
      return buildReviewData({ root: context.siteDir, sourceRoot: options.driverSourceRoot, pageUrl });
    },

    async contentLoaded({ content, actions }) {
      const summaries = [];
      for (const review of content) {
        const dataPath = await actions.createData(`review-${review.slug.replace(/\//g, '--')}.json`, JSON.stringify(review));
        actions.addRoute({
          path: `${base}review/${review.slug}`,
          component: '@site/src/components/Review/ReviewPage',
          modules: { review: dataPath },
          exact: true,
        });
        summaries.push({
          slug: review.slug,
          plan: review.plan,
          title: review.title,
          statuses: review.checkpoints.map((c) => c.status),
        });
      }
      const indexPath = await actions.createData('review-index.json', JSON.stringify(summaries));
      actions.addRoute({
        path: `${base}review`,
        component: '@site/src/components/Review/ReviewIndex',
        modules: { reviews: indexPath },
        exact: true,
      });
    },
  };
}
