/**
 * How fast the check's heap may grow, set page by page. A parse keeps its
 * micromark events and tokens alive until it ends, so the live heap grows
 * with the page; at V8's own pace (which lets a large heap grow to several
 * times what survived before collecting) a page near the 2 MiB docs-check
 * reads peaked past 800 MB. From 1 MiB on, the heap is collected whenever
 * it has doubled since the last collection, which keeps a page's peak near
 * markdownlint-cli2's own for the same page at little cost in time; from
 * 1.5 MiB the allowed growth narrows, to 10% at 2 MiB, which keeps such a
 * page under 500 MB. Narrow growth is paid for in time: every collection
 * marks the whole live parse again, so it is kept to the pages that need it.
 * Once a page is parsed, V8's own pace returns.
 *
 * This only schedules collections: no heap is capped, so no input can run
 * out of memory because of it. Only the command line turns it on; the site
 * build and the editor bridge run in processes that are not docs-check's
 * to tune.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { trace } from './watchdog/trace';

const MIB = 1024 * 1024;
/** V8's own growth (the flag unset). */
const V8_DEFAULT = 0;

let enabled = false;
let current = V8_DEFAULT;

/**
 * Turns the fitting on, and keeps the young generation at its first size:
 * short-lived parse objects are collected sooner, which keeps the peak of
 * small sets near markdownlint-cli2's at little cost in time. V8 would
 * double it, up to 32 MB, as objects survive; a growth factor of 1 holds it
 * where it starts. Set at run time, as the check runs in the process the
 * launcher started.
 */
export function fitHeapToPages(): void {
  if (!enabled) holdYoungGeneration();
  enabled = true;
}

/**
 * The young generation's part alone, for the launcher to set as soon as it
 * has compiled the CLI: loading the CLI allocates enough for V8 to double it
 * before the check starts.
 */
export function holdYoungGeneration(): void {
  setFlagsFromString(`--semi-space-growth-factor=${HELD_YOUNG_GENERATION}`);
}

/** V8's growth factor of the young generation, and the one that holds it at its first size. */
const V8_YOUNG_GROWTH = 2;
const HELD_YOUNG_GENERATION = 1;

/**
 * Puts V8's own values back: for the build, which writes the CLI's code
 * cache after a check, and V8 accepts a code cache only under the flags it
 * was made with (those a check starts with).
 */
export function restoreHeapFlags(): void {
  setFlagsFromString(`--semi-space-growth-factor=${V8_YOUNG_GROWTH}`);
  setFlagsFromString(`--heap-growing-percent=${V8_DEFAULT}`);
  enabled = false;
  current = V8_DEFAULT;
}

/** The growth, in percent past the surviving heap, for parsing a page of `bytes`; 0 is V8's own. */
export function heapGrowthFor(bytes: number): number {
  if (bytes < MIB) return V8_DEFAULT;
  const towardLargest = Math.min(1, Math.max(0, (bytes - 1.5 * MIB) / (0.5 * MIB)));
  return Math.round(100 - 90 * towardLargest);
}

/** Sets the heap's growth for a page of `bytes` about to be parsed (0: done parsing), when fitting is on. */
export function fitHeapTo(bytes: number): void {
  if (!enabled) return;
  const growth = heapGrowthFor(bytes);
  if (growth === current) return;
  setFlagsFromString(`--heap-growing-percent=${growth}`);
  current = growth;
}

/** For DOCS_CHECK_TRACE: the size the young generation reached, once the check is done. */
export function traceYoungGeneration(): void {
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  if (young) trace(`heap: young generation ${young.space_size / MIB} MB`);
}
