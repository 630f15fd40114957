import type { PageRule } from '../types';
import { ruleUrl } from './url';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Operators judge a procedure's freshness by this line. */
const rule: PageRule = {
  id: 'last-updated',
  description: 'A guide with test cases ends with a valid "Last Updated" date that is not in the future',
  url: ruleUrl('last-updated'),
  severity: 'error',
  scope: 'page',
  check({ page, options, report }) {
    if (page.testCases.length === 0) return;
    const last = page.lastUpdated;
    if (!last) {
      // The end of the last block, not of the file: the file's end is the empty line after
      // the final newline, which editors and code review annotations do not show.
      const end = page.tree.children.at(-1)?.position?.end ?? page.tree.position?.end ?? { line: 1, column: 1 };
      report({ start: end, end }, 'The guide has no "Last Updated" line; expected `**Last Updated:** YYYY-MM-DD` at the bottom');
      return;
    }
    const lineEnd = last.node.position?.end.offset ?? 0;
    const after = page.headings.find((h) => (h.node.position?.start.offset ?? 0) > lineEnd);
    if (after) {
      report(last.node, `"Last Updated" is followed by the section \`${after.text}\`; expected it at the bottom of the guide`);
    }
    const match = ISO_DATE.exec(last.text);
    if (!match || !isRealDate(+match[1], +match[2], +match[3])) {
      report(last.node, `"Last Updated" reads \`${last.text}\`; expected a real date as YYYY-MM-DD`);
      return;
    }
    if (last.text > options.today) {
      report(last.node, `"Last Updated" is ${last.text}, which is in the future; expected a date on or before ${options.today}`);
    }
  },
};

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export default rule;
