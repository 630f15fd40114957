import type { PageRule } from '../types';
import { ruleUrl } from './url';

/** Problems met while reading a page: encoding, size, frontmatter YAML. */
const rule: PageRule = {
  id: 'valid-input',
  description: 'Files are readable UTF-8 of bounded size with well-formed frontmatter',
  url: ruleUrl('valid-input'),
  severity: 'error',
  scope: 'page',
  check({ page, report }) {
    for (const problem of page.readProblems) {
      report({ start: problem.point, end: problem.point }, problem.message);
    }
    const frontmatter = page.frontmatter;
    if (frontmatter?.error) {
      const where = frontmatter.errorAt ?? frontmatter.node.position?.start ?? { line: 1, column: 1 };
      report(
        { start: where, end: where },
        frontmatter.refused
          ? `Frontmatter was not parsed: ${frontmatter.error}`
          : `Frontmatter is not valid YAML (${frontmatter.error}); expected a YAML mapping between \`---\` lines`,
      );
    } else if (frontmatter && frontmatter.data != null && (typeof frontmatter.data !== 'object' || Array.isArray(frontmatter.data))) {
      // An empty block (or one holding only comments) reads as null: it is harmless.
      report(frontmatter.node, 'Frontmatter is not a YAML mapping; expected `key: value` lines between `---` lines');
    }
  },
};

export default rule;
