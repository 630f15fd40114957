import path from 'node:path';
import { runPattern } from '../plan/safe-regex';
import type { PageRule } from '../types';
import { ruleUrl } from './url';

/** `to` values that name a file (`pkg/x.go`, `pkg/x.go (Func)`), as opposed to prose or packages. */
function linkedFile(to: string): string | undefined {
  const file = /^(\S+?)(?:\s*\([^()]*\)|#\S*)?$/.exec(to)?.[1];
  if (!file) return undefined;
  return /\.[A-Za-z0-9]+$/.test(path.posix.basename(file)) ? file.replace(/^\.\//, '') : undefined;
}

/**
 * A page that a plan names as the `from` end of a key link carries the link:
 * text matching the plan's pattern and a markdown link to the `to` file.
 */
const rule: PageRule = {
  id: 'key-link',
  description: 'Pages that plans name as the source of a key link match its pattern and link to its target file',
  url: ruleUrl('key-link'),
  severity: 'error',
  scope: 'page',
  async check({ page, workspace, report }) {
    const plans = await workspace.plans();
    const at = page.headings[0]?.node ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    for (const plan of plans) {
      for (const link of plan.keyLinks) {
        if (link.from.replace(/^\.\//, '') !== page.path) continue;
        const name = `Key link \`${link.from}\` -> \`${link.to}\` of \`${plan.path}\`${link.via ? ` (${link.via})` : ''}`;
        const missing: string[] = [];
        if (link.pattern !== undefined) {
          const run = runPattern(link.pattern, page.text);
          if (run.status === 'unrunnable') {
            report(at, `${name} cannot be checked: pattern \`${link.pattern}\` cannot be run: ${run.reason}`, {
              severity: 'warning',
            });
          } else if (run.status === 'not_matched') {
            missing.push(`no text matching \`${link.pattern}\``);
          }
        }
        const file = linkedFile(link.to);
        if (file !== undefined) {
          const linked = page.links.some((l) => l.target !== undefined && (l.target === file || l.target.endsWith(`/${file}`)));
          if (!linked) {
            const example = path.posix.relative(path.posix.dirname(page.path), file);
            missing.push(`no markdown link to \`${file}\` (e.g. \`[...](${example})\`)`);
          }
        } else if (link.pattern === undefined && !page.text.includes(link.to)) {
          missing.push(`no mention of \`${link.to}\``);
        }
        if (missing.length) report(at, `${name} is not met: the page has ${missing.join(' and ')}`);
      }
    }
  },
};

export default rule;
