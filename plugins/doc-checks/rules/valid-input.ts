import { parseDocument } from 'yaml';
import type { Nodes } from 'mdast';
import type { PageRule, Point } from '../types';
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
      const { reason, at } = locateYamlError(frontmatter.node);
      const where = at ?? frontmatter.node.position?.start ?? { line: 1, column: 1 };
      report({ start: where, end: where }, `Frontmatter is not valid YAML (${reason ?? frontmatter.error}); expected a YAML mapping between \`---\` lines`);
    } else if (frontmatter && frontmatter.data != null && (typeof frontmatter.data !== 'object' || Array.isArray(frontmatter.data))) {
      // An empty block (or one holding only comments) reads as null: it is harmless.
      report(frontmatter.node, 'Frontmatter is not a YAML mapping; expected `key: value` lines between `---` lines');
    }
  },
};

/**
 * The YAML parser counts lines from the start of the frontmatter; point at the same
 * place in the file instead, and drop the parser's own "at line N" from the reason.
 */
function locateYamlError(node: Nodes): { reason?: string; at?: Point } {
  if (node.type !== 'yaml') return {};
  const error = parseDocument(node.value).errors[0];
  if (!error) return {};
  const reason = error.message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
  const position = error.linePos?.[0];
  const start = node.position?.start;
  // The YAML text begins on the line after the opening `---`.
  const at = position && start ? { line: start.line + position.line, column: position.col } : undefined;
  return { reason, at };
}

export default rule;
