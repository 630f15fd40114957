// Pages of the largest size docs-check reads (2 MiB, MAX_FILE_BYTES), in
// the shapes that cost the most memory per byte. `npm run bench` writes
// them to a scratch directory and prints the peak memory of a check of
// each; none of them is committed.
//
// Each shape stays within the parser pre-scan's limits (blocks of at most
// 2,000 lines, at most 2,000 `[` per block, a page's tables at most 1,000
// cells plus one per 256 characters), so it is parsed, not refused.

/** docs-check reads at most this much of a file (plugins/doc-checks/text.ts). */
export const PAGE_BYTES = 2 * 1024 * 1024;

/** Repeats `unit(i)` for i = 0, 1, ... while the page stays within PAGE_BYTES. */
function fill(head, unit, tail = '') {
  const parts = [head];
  let bytes = Buffer.byteLength(head) + Buffer.byteLength(tail);
  for (let i = 0; ; i++) {
    const next = unit(i);
    const size = Buffer.byteLength(next);
    if (bytes + size > PAGE_BYTES) break;
    parts.push(next);
    bytes += size;
  }
  parts.push(tail);
  return parts.join('');
}

/**
 * The project's guide repeated: its frontmatter once, then its body again
 * and again with test-case ids (and their anchors) renumbered, so every
 * copy is a set of new, well-formed test cases.
 */
export function repeatedGuide(guide) {
  const end = guide.startsWith('---\n') ? guide.indexOf('\n---\n', 4) + 5 : 0;
  const frontmatter = guide.slice(0, end);
  const body = guide.slice(end);
  const highest = Math.max(...[...body.matchAll(/TC-(\d+)/g)].map((m) => Number(m[1])));
  const copy = (i) =>
    body
      .replace(/\b(TC|tc)-(\d+)/g, (_, prefix, n) => `${prefix}-${String(Number(n) + i * highest).padStart(2, '0')}`)
      .replace(/^\*\*Last Updated:\*\*.*$/m, '');
  return fill(frontmatter, (i) => `${copy(i)}\n`);
}

/** The pre-scan's budget of table cells for a page of PAGE_BYTES characters (plugins/doc-checks/text.ts). */
const TABLE_CELLS = 1000 + Math.floor(PAGE_BYTES / 256);

/**
 * Tables of short cells up to the page's cell budget (the parser slows with
 * the square of a page's cells), then the same rows without a delimiter
 * row, which are paragraphs, not tables: the most table a page may hold.
 */
export function tables() {
  const columns = 24;
  const header = `|${' h |'.repeat(columns)}\n|${' - |'.repeat(columns)}\n`;
  const row = (i) => `|${Array.from({ length: columns }, (_, c) => ` ${(i + c) % 10} |`).join('')}\n`;
  // Rows per table, and the body rows that fit in the budget with the header and delimiter rows.
  const perTable = 20;
  const tableRows = Math.floor(TABLE_CELLS / columns / (perTable + 2)) * perTable;
  return fill('# Tables\n', (i) => {
    const start = i % perTable === 0 ? `\n${i < tableRows ? header : ''}` : '';
    return `${start}${row(i)}`;
  }, '\n');
}

/** Short shell blocks, one command each: a code node and a shell parse per few lines. */
export function codeBlocks() {
  return fill('# Commands\n\n', (i) => `${i ? '\n' : ''}\`\`\`bash\nkubectl get pod test-pod-${i} -n "$NS" -o wide\n\`\`\`\n`);
}

/** Paragraphs of links into the driver source and to other pages, 1,000 links each. */
export function links() {
  const link = (i) =>
    i % 2 === 0
      ? `[every ${i % 60} s](../pkg/rds/connection_manager.go#ConnectionManagerConfig.MaxInterval)`
      : `[step ${i}](./TESTING.md#running-tests)`;
  const paragraph = (p) => `${Array.from({ length: 1000 }, (_, i) => `see ${link(p * 1000 + i)} and`).join(' ')} done.\n\n`;
  return fill('# Links\n\n', paragraph);
}

export const SHAPES = [
  { name: 'guide repeated', generate: ({ guide }) => repeatedGuide(guide) },
  { name: 'tables', generate: () => tables() },
  { name: 'code blocks', generate: () => codeBlocks() },
  { name: 'links', generate: () => links() },
];
