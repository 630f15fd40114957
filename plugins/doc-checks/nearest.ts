/**
 * The closest name to a misspelt one, for "did you mean" hints: Levenshtein
 * distance, bounded so that unrelated names are not suggested.
 */

const MAX_NAME = 200;

/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate nearest to `name`, or undefined when even the nearest needs
 * more edits than half the longer name (then it is a different name, not a
 * typo). Ties go to the earlier candidate. Words swapped around a `-` or `_`
 * (`test-e2e` for `e2e-test`) count as one edit.
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  // The cost is the product of the lengths: a pasted essay is no typo.
  if (name.length > MAX_NAME) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  const swapped = swapParts(name);
  for (const candidate of candidates) {
    if (candidate.length > MAX_NAME) continue;
    const distance = candidate === swapped ? 1 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.max(name.length, best.length) / 2 ? best : undefined;
}

/** `test-e2e` -> `e2e-test`; a name without exactly two parts is left as it is. */
function swapParts(name: string): string | undefined {
  const parts = name.split(/([-_])/);
  return parts.length === 3 ? `${parts[2]}${parts[1]}${parts[0]}` : undefined;
}

/** "; did you mean `x`?" or nothing. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const found = nearest(name, candidates);
  return found === undefined ? '' : `; did you mean \`${found}\`?`;
}
