import { findDeclaration } from '../source/go-source';
import { isMarkdown } from '../files';
import type { LinkInfo, PageRule, Workspace } from '../types';
import { ruleUrl } from './url';

const LINE_FRAGMENT = /^L(\d+)(?:-L(\d+))?$/;

/** Links into the driver source go stale when code moves: check them against a checkout. */
const rule: PageRule = {
  id: 'code-link',
  description: 'Links into the driver source name files that exist and Go declarations that exist in them',
  url: ruleUrl('code-link'),
  severity: 'error',
  scope: 'page',
  async check({ page, workspace, report }) {
    const codeLinks = page.links.filter((l) => l.kind === 'code' && l.target);
    if (codeLinks.length === 0) return;
    // Without a checkout, driver-source says once what went unchecked.
    if (!workspace.sourceRoot) return;
    for (const link of codeLinks) {
      if (isMarkdown(link.target!)) {
        await checkMarkdownLink(link, workspace, report);
        continue;
      }
      const file = await workspace.sourceFile(link.target!);
      if ('problem' in file) {
        report(link.node, `Link \`${link.url}\` points at a file the driver source does not have: ${file.problem}`);
        continue;
      }
      const fragment = link.fragment;
      if (!fragment) continue;
      const lines = LINE_FRAGMENT.exec(fragment);
      if (lines) {
        // A final newline ends the last line; it does not start another one.
        const count = file.text.replace(/\r?\n$/, '').split('\n').length;
        const first = Number(lines[1]);
        const last = Number(lines[2] ?? lines[1]);
        if (first < 1) report(link.node, `Link \`${link.url}\` points at line ${first}; expected a line from 1 to ${count}`);
        else if (last > count) report(link.node, `Link \`${link.url}\` points at line ${last}, but \`${file.path}\` has ${count} lines; expected a line from 1 to ${count}`);
        continue;
      }
      if (file.goProblem) {
        report(link.node, `\`${fragment}\` could not be looked up: \`${file.path}\` was not read as Go (${file.goProblem})`);
        continue;
      }
      if (!findDeclaration(file.declarations, fragment)) {
        const names = file.declarations.filter((d) => d.kind !== 'field').map((d) => d.qualifiedName).slice(0, 8).join(', ');
        report(link.node, `\`${fragment}\` is not declared in \`${file.path}\`; expected one of its Go declarations (${names || 'none found'})`);
      }
    }
  },
};

/**
 * A link to a markdown file of the driver repository (`../README.md#troubleshooting`):
 * its fragment is a heading's anchor there, not a Go declaration.
 */
async function checkMarkdownLink(
  link: LinkInfo,
  workspace: Workspace,
  report: (at: LinkInfo['node'], message: string) => void,
): Promise<void> {
  const page = await workspace.sourcePage(link.target!);
  if ('problem' in page) {
    report(link.node, `Link \`${link.url}\` points at a file the driver source does not have: ${page.problem}`);
    return;
  }
  const fragment = link.fragment;
  const unread = page.readProblems.find(() => page.headings.length === 0);
  if (fragment && unread) {
    report(link.node, `Anchor \`#${fragment}\` was not checked: \`${link.target}\` of the driver source was not read (${unread.message})`);
  } else if (fragment && !page.anchors.has(fragment)) {
    const headings = page.headings.slice(0, 8).map((h) => `#${h.anchor}`).join(', ');
    report(link.node, `Anchor \`#${fragment}\` does not exist in \`${link.target}\` of the driver source; expected the anchor of one of its headings (${headings || 'none found'})`);
  }
}

export default rule;
