import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests stay hermetic: a developer's or CI's RDS_CSI_SOURCE would change what the
// engine and the CLI see in every test. Only the tests of the project's own
// guides read the checkout, under a name of their own (test/setup/driver-source.ts);
// workers inherit the environment set here.
if (process.env.RDS_CSI_SOURCE) process.env.RDS_CSI_GUIDE_SOURCE = path.resolve(process.env.RDS_CSI_SOURCE);
delete process.env.RDS_CSI_SOURCE;

// Tests that need a production build of the site: they share one build made
// by the `site` project's global setup, so unit tests never wait for it.
const SITE_TESTS = ['test/site/**/*.test.ts', 'test/browser/**/*.test.ts'];

export default defineConfig({
  // The Docusaurus tsconfig preserves JSX for Babel; tests need the automatic runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    // The second reporter ends a run without a browser by naming the browser tests that did not run.
    reporters: ['default', './test/setup/browser-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [...SITE_TESTS, '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'site',
          include: SITE_TESTS,
          globalSetup: ['test/setup/build-site.ts'],
          // Builds and a browser share two cores.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
