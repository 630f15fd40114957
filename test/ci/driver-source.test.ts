/**
 * CI verifies the code links against the driver commit the published links
 * name: every job that checks or builds the guides checks out the pinned commit
 * and points RDS_CSI_SOURCE at it, and the pin lives in one file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_DRIVER_REF, DEFAULT_DRIVER_REPOSITORY } from '../../plugins/remark-doc-checks/options';

const ROOT = path.resolve(__dirname, '../..');
const ACTION = './.github/actions/driver-source';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Job {
  env?: Record<string, string>;
  steps: Step[];
}

const yamlOf = (file: string) => parse(readFileSync(path.join(ROOT, file), 'utf8'));

describe('the driver source in CI', () => {
  const action = yamlOf('.github/actions/driver-source/action.yml');
  const checkoutPath: string = action.runs.steps.find((s: Step) => s.uses?.startsWith('actions/checkout@')).with.path;

  it('reads repository and commit from the one pin the site defaults to', () => {
    const output = execFileSync(process.execPath, ['scripts/driver-pin.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(output).toBe(`repository=${new URL(DEFAULT_DRIVER_REPOSITORY).pathname.slice(1)}\nref=${DEFAULT_DRIVER_REF}\n`);
    expect(DEFAULT_DRIVER_REF).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each([
    ['.github/workflows/docs-check.yml', 'check', /npx docs-check/],
    ['.github/workflows/docs-check.yml', 'build', /npm run build/],
    ['.github/workflows/deploy.yml', 'build', /npm run build/],
  ])('%s job %s checks out the pinned driver before it checks, with RDS_CSI_SOURCE on it', (file, name, command) => {
    const job: Job = yamlOf(file).jobs[name];
    const checkout = job.steps.findIndex((s) => s.uses === ACTION);
    const checks = job.steps.map((s, i) => [s, i] as const).filter(([s]) => command.test(s.run ?? ''));
    expect(checkout).toBeGreaterThan(-1);
    expect(checks.length).toBeGreaterThan(0);
    for (const [step, index] of checks) {
      expect(index).toBeGreaterThan(checkout);
      expect(step.env?.RDS_CSI_SOURCE ?? job.env?.RDS_CSI_SOURCE).toBe(checkoutPath);
    }
  });
});
