/**
 * How fast the check's heap may grow, set page by page. V8 lets a heap grow
 * to about twice what survived its last collection before it collects
 * again, which is cheap in time and, for most pages, small in memory. A
 * parse of a page near the 2 MiB docs-check reads keeps 250 MB of micromark
 * events and tokens alive for a moment, and at V8's pace its peak passed
 * 800 MB. So from 1 MiB on, the heap is collected when it has grown a set
 * share past what survived: 40% at 1 MiB, narrowing to 10% at 2 MiB, which
 * keeps such a page under 500 MB. Collections cost time, and they are paid
 * only by pages large enough to need them.
 *
 * This only schedules collections: no heap is capped, so no input can run
 * out of memory because of it. Only the command line turns it on; the site
 * build and the editor bridge run in processes that are not docs-check's
 * to tune.
 */
import { setFlagsFromString } from 'node:v8';

const MIB = 1024 * 1024;
/** V8's own growth (the flag unset). */
const V8_DEFAULT = 0;

let enabled = false;
let current = V8_DEFAULT;

export function fitHeapToPages(): void {
  enabled = true;
}

/** The growth, in percent past the surviving heap, for parsing a page of `bytes`; 0 is V8's own. */
export function heapGrowthFor(bytes: number): number {
  if (bytes < MIB) return V8_DEFAULT;
  const towardLargest = Math.min(1, (bytes - MIB) / MIB);
  return Math.round(40 - 30 * towardLargest);
}

/** Sets the heap's growth for a page of `bytes` about to be parsed, when fitting is on. */
export function fitHeapTo(bytes: number): void {
  if (!enabled) return;
  const growth = heapGrowthFor(bytes);
  if (growth === current) return;
  setFlagsFromString(`--heap-growing-percent=${growth}`);
  current = growth;
}
