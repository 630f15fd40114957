import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { refuseParserHazards } from '../../plugins/remark-doc-checks/hazards';

const root = path.resolve('/srv/site');
const preprocess = refuseParserHazards(root);

describe('refuseParserHazards (the site build markdown preprocessor)', () => {
  it('passes an ordinary page through unchanged', () => {
    const fileContent = '# Guide\n\n**Objective:** *Verify* the __volume__.\n';
    expect(preprocess({ filePath: path.join(root, 'docs/GUIDE.md'), fileContent })).toBe(fileContent);
  });

  it('refuses a page nested too deep, with its repository path, position and rule id', () => {
    const fileContent = `# Deep\n\n${'>'.repeat(300)} quoted\n`;
    expect(() => preprocess({ filePath: path.join(root, 'docs/DEEP.md'), fileContent })).toThrow(
      '[doc-checks] 1 error in docs/DEEP.md:\n  docs/DEEP.md:3:1  Line 3 is nested more than 256 columns deep',
    );
  });

  it('names a page outside the site by its own path', () => {
    const fileContent = `x ${'_'.repeat(1001)}\n`;
    expect(() => preprocess({ filePath: '/elsewhere/page.md', fileContent })).toThrow(
      '/elsewhere/page.md:1:3  A run of more than 1000 `_` characters',
    );
  });
});
