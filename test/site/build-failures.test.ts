/**
 * A broken page must stop the build. Each case builds its own copy of the
 * site with one bad page added and expects a failed build whose output
 * names the problem.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProject } from '../../plugins/doc-checks/engine';
import { formatDiagnostic } from '../../plugins/remark-doc-checks/check';
import { DRIVER_SOURCE, buildSite, copySite, makeTempDir } from '../setup/site';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

async function buildWith(files: Record<string, string>) {
  const siteDir = copySite(files);
  const outDir = makeTempDir('rds-csi-build');
  scratch.push(siteDir, outDir);
  return { siteDir, ...(await buildSite(siteDir, outDir)) };
}

function expectNoStackFrames(output: string): void {
  expect(output.split('\n').filter((line) => /^[\s│]*at \S/.test(line))).toEqual([]);
}

describe('a site build with a broken page', () => {
  it('fails on a link to an anchor that does not exist', async () => {
    // A rule page: the doc checks do not run there, so Docusaurus's own anchor check must catch it.
    const result = await buildWith({
      'plugins/doc-checks/rules/zz-broken-anchor.md': [
        '# zz-broken-anchor',
        '',
        'See [the rule list](./index.md#no-such-heading).',
        '',
      ].join('\n'),
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/broken anchor/i);
    expect(result.output).toContain('/rds-csi-docs/rules/zz-broken-anchor');
    expect(result.output).toContain('#no-such-heading');
  });

  it('fails with file:line:column and rule id when a test case has no Cleanup', async () => {
    const page = [
      '---', // 1
      'slug: /broken-guide', // 2
      '---', // 3
      '', // 4
      '# Broken guide', // 5
      '', // 6
      '### TC-01: Lonely Test Case', // 7
      '', // 8
      '**Objective:** Show that a missing section fails the build.', // 9
      '', // 10
      '**Estimated Time:** 1 minute', // 11
      '', // 12
      '**Prerequisites:**', // 13
      '', // 14
      '- None', // 15
      '', // 16
      '**Steps:**', // 17
      '', // 18
      '1. **List pods**', // 19
      '', // 20
      '   ```bash', // 21
      '   kubectl get pods', // 22
      '   ```', // 23
      '', // 24
      '**Success Criteria:**', // 25
      '', // 26
      '- [ ] Pods are listed', // 27
      '', // 28
      '**Troubleshooting:**', // 29
      '', // 30
      '- **No pods:** check the namespace.', // 31
      '',
    ].join('\n');
    const result = await buildWith({ 'docs/zz-broken-guide.md': page });
    expect(result.code).not.toBe(0);

    // The build reports exactly what the engine finds in that page.
    const engine = await checkProject({ root: result.siteDir, files: ['docs/zz-broken-guide.md'], sourceRoot: DRIVER_SOURCE });
    const errors = engine.files.flatMap((f) => f.diagnostics).filter((d) => d.severity === 'error');
    expect(errors.find((d) => d.ruleId === 'tc-required-section' && d.message.includes('Cleanup'))).toMatchObject({
      file: 'docs/zz-broken-guide.md',
      testCase: 'TC-01',
    });
    // Each finding once, and no stack frames: they name the plugin's code, not the page.
    for (const error of errors) expect(result.output.split(formatDiagnostic(error)).length - 1).toBe(1);
    expectNoStackFrames(result.output);
  });

  it('stops at once, naming the page, when a page would stall the markdown parser', async () => {
    // Two long `*` runs around a letter: the parser's work grows with the square of
    // the run (10,000 on each side take 15 s); 40,000 would outlast the test.
    const page = ['# Hostile page', '', 'Emphasis gone wrong:', `${'*'.repeat(40_000)}a${'*'.repeat(40_000)}`, ''].join('\n');
    const result = await buildWith({ 'docs/zz-hostile.md': page });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      'docs/zz-hostile.md:4:1  A run of more than 1000 `*` characters; the file was not checked ' +
        '(expected emphasis markers a few characters long)  valid-input',
    );
    // Said by the preprocessor, before the parser: the remark plugins would come too late.
    expect(result.output).toContain("The site's markdown parser would stall on this page");
    expect(result.output.split('docs/zz-hostile.md:4:1').length - 1).toBe(1);
    expectNoStackFrames(result.output);
  });
});
