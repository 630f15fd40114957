/**
 * How the check's heap is collected, set page by page (command line only).
 *
 * The young generation is held at the size V8 starts it with (a growth
 * factor of 1): short-lived parse objects are collected sooner, which keeps
 * the peak of small sets near markdownlint-cli2's. V8 would double it, up to
 * 32 MB, as objects survive. While a page of 1 MiB or more is parsed, it may
 * grow as V8 likes: such a parse keeps everything it makes alive until it
 * ends, so a small young generation only copies the same objects again and
 * again (on the 1,000-test-case guide that was 0.6 s of 8.8).
 *
 * The old generation: a parse keeps its micromark events and tokens alive
 * until it ends, so the live heap grows with the page; at V8's own pace
 * (which lets a large heap grow to several times what survived before
 * collecting) a page near the 2 MiB docs-check reads peaked past 800 MB.
 * From 1 MiB on, the heap is collected whenever it has doubled since the
 * last collection, which keeps a page's peak near markdownlint-cli2's own
 * for the same page at little cost in time; from 1.5 MiB the allowed growth
 * narrows, to 10% at 2 MiB, which keeps such a page under 500 MB. Narrow
 * growth is paid for in time: every collection marks the whole live parse
 * again, so it is kept to the pages that need it. Once a page is parsed,
 * the settings for small pages return.
 *
 * This only schedules collections: no heap is capped, so no input can run
 * out of memory because of it. The flags are set at run time (the check
 * runs in the process the launcher started); the site build and the editor
 * bridge run in processes that are not docs-check's to tune.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { trace } from './watchdog/trace';

const MIB = 1024 * 1024;

/** What V8 is told for a page: `--heap-growing-percent` (0 is V8's own pace) and `--semi-space-growth-factor`. */
export interface HeapFlags {
  heapGrowingPercent: number;
  semiSpaceGrowthFactor: number;
}

/** V8's own values of both flags: what a process starts with. */
const V8_DEFAULTS: HeapFlags = { heapGrowingPercent: 0, semiSpaceGrowthFactor: 2 };
/** A young generation held at its first size. */
const HELD_YOUNG = 1;

/** The flags for parsing a page of `bytes` (0: between pages). */
export function heapFlagsFor(bytes: number): HeapFlags {
  if (bytes < MIB) return { heapGrowingPercent: V8_DEFAULTS.heapGrowingPercent, semiSpaceGrowthFactor: HELD_YOUNG };
  const towardLargest = Math.min(1, Math.max(0, (bytes - 1.5 * MIB) / (0.5 * MIB)));
  return { heapGrowingPercent: Math.round(100 - 90 * towardLargest), semiSpaceGrowthFactor: V8_DEFAULTS.semiSpaceGrowthFactor };
}

let enabled = false;
let current: HeapFlags = V8_DEFAULTS;

function apply(flags: HeapFlags): void {
  if (flags.heapGrowingPercent !== current.heapGrowingPercent) setFlagsFromString(`--heap-growing-percent=${flags.heapGrowingPercent}`);
  if (flags.semiSpaceGrowthFactor !== current.semiSpaceGrowthFactor) {
    setFlagsFromString(`--semi-space-growth-factor=${flags.semiSpaceGrowthFactor}`);
  }
  current = flags;
}

/** Turns the fitting on, with the settings for small pages. */
export function fitHeapToPages(): void {
  enabled = true;
  holdYoungGeneration();
}

/**
 * The settings for small pages, for the launcher to set as soon as it has
 * compiled the CLI: loading the CLI allocates enough for V8 to double the
 * young generation before the check starts.
 */
export function holdYoungGeneration(): void {
  apply(heapFlagsFor(0));
}

/** Sets the heap's flags for a page of `bytes` about to be parsed (0: done parsing), when fitting is on. */
export function fitHeapTo(bytes: number): void {
  if (enabled) apply(heapFlagsFor(bytes));
}

/**
 * Puts V8's own values back: for the build, which writes the CLI's code
 * cache after a check, and V8 accepts a code cache only under the flags it
 * was made with (those a process starts with).
 */
export function restoreHeapFlags(): void {
  // Both, whatever this module last set: the launcher's copy of it may have set them too.
  setFlagsFromString(`--heap-growing-percent=${V8_DEFAULTS.heapGrowingPercent}`);
  setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULTS.semiSpaceGrowthFactor}`);
  current = V8_DEFAULTS;
  enabled = false;
}

/** For DOCS_CHECK_TRACE: the size the young generation reached, once the check is done. */
export function traceYoungGeneration(): void {
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  if (young) trace(`heap: young generation ${young.space_size / MIB} MB`);
}
