/**
 * The driver checkout the project's own guides are checked against. The guides
 * state facts about the real driver, so the tests that build or check them read
 * the real source: RDS_CSI_SOURCE as `.ci/run` sets it, which vitest.config.mts
 * hands on as RDS_CSI_GUIDE_SOURCE (absolute) and removes from every other
 * test's view. Rule tests keep using the small stand-in under test/fixtures/driver-src.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const REPOSITORY_ROOT = path.resolve(__dirname, '../..');

export function guideDriverSource(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.RDS_CSI_GUIDE_SOURCE;
  if (!value) {
    throw new Error(
      'The guides are checked against the driver source: set RDS_CSI_SOURCE to a checkout of the driver (for example ../shared/rds-csi)',
    );
  }
  const root = path.resolve(REPOSITORY_ROOT, value);
  if (!existsSync(path.join(root, 'go.mod'))) {
    throw new Error(`RDS_CSI_SOURCE: \`${value}\` has no go.mod; expected a checkout of the driver source`);
  }
  return root;
}
