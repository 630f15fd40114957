/**
 * A broken page must stop the build. Each case builds its own copy of the
 * site with one bad page added and expects a failed build whose output
 * names the problem.
 */
import { existsSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/** What the engine reports as errors for one page of a built copy: the build must say the same. */
async function engineErrors(siteDir: string, file: string) {
  const engine = await checkProject({ root: siteDir, files: [file], sourceRoot: DRIVER_SOURCE });
  return engine.files.flatMap((f) => f.diagnostics).filter((d) => d.severity === 'error');
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
    const errors = await engineErrors(result.siteDir, 'docs/zz-broken-guide.md');
    expect(errors.find((d) => d.ruleId === 'tc-required-section' && d.message.includes('Cleanup'))).toMatchObject({
      file: 'docs/zz-broken-guide.md',
      testCase: 'TC-01',
    });
    // Each finding once, and no stack frames: they name the plugin's code, not the page.
    for (const error of errors) expect(result.output.split(formatDiagnostic(error)).length - 1).toBe(1);
    expectNoStackFrames(result.output);
  });

  it('fails, with the driver source configured, on a code link to a declaration the source does not have', async () => {
    const page = [
      '# Broken code link', // 1
      '', // 2
      'The [reconciler](../pkg/attachment/reconciler.go#AttachmentReconciler.run) is real;', // 3
      'the [sweeper](../pkg/attachment/reconciler.go#AttachmentReconciler.sweep) is not.', // 4
      '',
    ].join('\n');
    const result = await buildWith({ 'docs/zz-code-link.md': page });
    expect(result.code).not.toBe(0);
    const errors = await engineErrors(result.siteDir, 'docs/zz-code-link.md');
    expect(errors.map((d) => [d.ruleId, d.line])).toEqual([['code-link', 4]]);
    expect(result.output).toContain(formatDiagnostic(errors[0]));
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
    expect(result.output).toContain('The site does not build this page; fix it before building.');
    expect(result.output.split('docs/zz-hostile.md:4:1').length - 1).toBe(1);
    expectNoStackFrames(result.output);
  });

  it('refuses active content from a docs-only change: smuggled script, MDX, a linked file from outside', async () => {
    const outside = makeTempDir('rds-csi-outside');
    scratch.push(outside);
    const secret = path.join(outside, 'secret.md');
    writeFileSync(secret, '# Secret\n\ntoken-from-the-build-machine\n');
    const marker = path.join(outside, 'mdx-ran');
    const siteDir = copySite({
      'docs/zz-noembed.md': '# Noembed\n\n<noembed><p title="</noembed><script>alert(1)</script>">x</p>\n',
      'docs/zz-p.mdx': [
        '# P',
        '',
        `export const ran = typeof process === 'object' && process.getBuiltinModule ? process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran') : 0;`,
        '',
        "<div dangerouslySetInnerHTML={{ __html: '<img src=x onerror=alert(1)>' }} />",
        '',
      ].join('\n'),
    });
    symlinkSync(secret, path.join(siteDir, 'docs/zz-link.md'));
    const outDir = makeTempDir('rds-csi-build');
    scratch.push(siteDir, outDir);
    const result = await buildSite(siteDir, outDir);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('docs/zz-noembed.md:3:30  Raw HTML `<script>` runs or embeds content in the page; expected markdown, or no raw HTML  no-raw-html');
    expect(result.output).toContain('`docs/zz-p.mdx` is MDX, which runs code when the site is built and read');
    expect(result.output).toMatch(/secret\.md` is outside the site directory|`docs\/zz-link\.md` is reached through the symbolic link/);
    // Refused before the MDX compiler: its export never ran.
    expect(existsSync(marker)).toBe(false);
    expect(result.output).not.toContain('token-from-the-build-machine');
  });
});
