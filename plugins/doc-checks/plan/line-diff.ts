/**
 * A line diff of two short texts (a reviewed section, a Go declaration),
 * for the reviewer to see what changed since the review: unchanged lines
 * near a change as context, `-` for removed lines, `+` for added ones.
 * Quadratic in the number of lines, so texts beyond a bound are not
 * diffed; the caller says so instead.
 */
const MAX_CELLS = 4_000_000;
const CONTEXT = 2;

export function lineDiff(before: string, after: string): string | undefined {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > MAX_CELLS) return undefined;
  // Longest common subsequence table, filled from the ends.
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const lines: { mark: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) lines.push({ mark: ' ', text: a[i++] }), j++;
    // Removed lines before added ones, as diff(1) shows them.
    else if (i < a.length && (j === b.length || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) lines.push({ mark: '-', text: a[i++] });
    else lines.push({ mark: '+', text: b[j++] });
  }
  const near = (k: number) => lines.slice(Math.max(0, k - CONTEXT), k + CONTEXT + 1).some((l) => l.mark !== ' ');
  const out: string[] = [];
  let skipped = false;
  lines.forEach((line, k) => {
    if (near(k)) {
      if (skipped && out.length) out.push('...');
      skipped = false;
      out.push(`${line.mark} ${line.text}`);
    } else skipped = true;
  });
  return out.join('\n');
}
