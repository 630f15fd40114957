import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import { afterAll, describe, expect, it } from 'vitest';
import remarkDocChecks, { type CheckOptions } from '../../plugins/remark-doc-checks/check';
import type { PageRule } from '../../plugins/doc-checks/types';
import { transform } from './process';

const root = mkdtempSync(path.join(os.tmpdir(), 'doc-checks-root-'));
mkdirSync(path.join(root, 'docs'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A rule of the test's own: errors on headings containing "bad", warns on "meh". */
const headingRule: PageRule = {
  id: 'test-heading',
  description: 'Headings say neither bad nor meh',
  url: 'https://example.com/rules/test-heading',
  severity: 'error',
  scope: 'page',
  check({ page, report }) {
    for (const heading of page.headings) {
      if (heading.text.includes('bad')) report(heading.node, `Heading \`${heading.text}\` is bad`);
      if (heading.text.includes('meh')) report(heading.node, `Heading \`${heading.text}\` is meh`, { severity: 'warning' });
    }
  },
};

async function check(markdown: string) {
  const warnings: string[] = [];
  const options: CheckOptions = { root, rules: [headingRule], warn: (text) => void warnings.push(text) };
  try {
    const tree = await transform(markdown, [remarkDocChecks, options], path.join(root, 'docs/page.md'));
    return { warnings, error: undefined, text: toString(tree) };
  } catch (error) {
    return { warnings, error: error as Error, text: '' };
  }
}

describe('remark doc-checks', () => {
  it('passes a clean page through unchanged and prints nothing', async () => {
    expect(await check('# Fine\n\nText.\n')).toEqual({ warnings: [], error: undefined, text: 'FineText.' });
  });

  it('prints warnings with file:line:column, message and rule id, and does not fail', async () => {
    const result = await check('# Title\n\n## It is meh\n');
    expect(result.error).toBeUndefined();
    expect(result.warnings).toEqual(['[doc-checks] 1 warning in docs/page.md:\n  docs/page.md:3:1  Heading `It is meh` is meh  test-heading']);
  });

  it('throws one error listing every error, in order, with file:line:column', async () => {
    const result = await check('---\ntitle: x\n---\n\n# Title\n\n## bad one\n\n  ### bad two\n\n## meh\n');
    expect(result.error?.message).toBe(
      [
        '[doc-checks] 2 errors in docs/page.md:',
        '  docs/page.md:7:1  Heading `bad one` is bad  test-heading',
        '  docs/page.md:9:3  Heading `bad two` is bad  test-heading',
      ].join('\n'),
    );
    expect(result.warnings).toEqual(['[doc-checks] 1 warning in docs/page.md:\n  docs/page.md:11:1  Heading `meh` is meh  test-heading']);
  });

  it('checks the text being built, not the file on disk', async () => {
    // docs/page.md does not exist on disk; the page still gets checked.
    expect((await check('# bad\n')).error?.message).toContain('docs/page.md:1:1  Heading `bad` is bad  test-heading');
  });
});
