/**
 * Global setup of the `site` test project: one production build of a copy
 * of the site, shared by every site and browser test. The copy keeps the
 * working tree free of build state; the driver source (RDS_CSI_SOURCE)
 * verifies the code links and turns them into line anchors; a non-default
 * repository and ref prove that the links follow the configuration.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { TEST_REF, TEST_REPOSITORY, buildEnv, buildSite, copySite, makeTempDir } from './site';

declare module 'vitest' {
  export interface ProvidedContext {
    siteDir: string;
    buildDir: string;
    buildEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const siteDir = copySite();
  const buildDir = makeTempDir('rds-csi-build');
  const env = buildEnv({ RDS_CSI_REPO: TEST_REPOSITORY, RDS_CSI_REF: TEST_REF });
  const cleanup = () => {
    rmSync(siteDir, { recursive: true, force: true });
    rmSync(buildDir, { recursive: true, force: true });
  };
  const result = await buildSite(siteDir, buildDir, env);
  if (result.code !== 0) {
    cleanup();
    throw new Error(`The site build failed (exit ${result.code}):\n${result.output}`);
  }
  project.provide('siteDir', siteDir);
  project.provide('buildDir', buildDir);
  project.provide('buildEnv', Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)));
  return cleanup;
}
