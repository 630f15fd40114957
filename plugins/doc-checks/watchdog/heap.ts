/**
 * How the check's heap grows. By default V8 lets a heap grow to several
 * times what survived its last collection before it collects again. For
 * pages of normal size that is the fast choice: collecting when the heap
 * has grown 10% cost a 1,000-test-case guide half as much CPU again, most
 * of it in the collector. A page of LINT_ALONE_BYTES or more is different:
 * its parse keeps about 120 bytes of micromark events alive per byte
 * (250 MB for a 2 MiB page) for a moment, and letting the heap grow
 * several times past that took 800 MB for one parse. So before such a page
 * is parsed, the process switches to collecting near what is alive. It
 * only schedules collections: nothing is capped, so no input can run out of
 * memory because of it. The setting is the process's, so it holds for
 * markdownlint's worker too, and it stays on for the rest of the run.
 */
import { setFlagsFromString } from 'node:v8';
import { LINT_ALONE_BYTES } from '../markdownlint/parallel';

export const LARGE_PAGE_HEAP_FLAG = '--heap-growing-percent=10';

let collectingEarly = false;

/**
 * Called with each text before it is parsed; switches to early collection
 * the first time a text of LINT_ALONE_BYTES or more comes. Returns whether
 * the process now collects early.
 */
export function heapForPage(text: string): boolean {
  if (!collectingEarly && text.length * 3 >= LINT_ALONE_BYTES && Buffer.byteLength(text) >= LINT_ALONE_BYTES) {
    setFlagsFromString(LARGE_PAGE_HEAP_FLAG);
    collectingEarly = true;
  }
  return collectingEarly;
}
