/**
 * How fast the check's heap may grow for a page of a given size: V8's own
 * pace below 1 MiB, then a heap collected when it doubles, then collections
 * ever sooner up to the 2 MiB docs-check reads (see
 * plugins/doc-checks/heap.ts; the bench prints the peaks).
 */
import { describe, expect, it } from 'vitest';
import { heapGrowthFor } from '../../plugins/doc-checks/heap';

const MIB = 1024 * 1024;

describe('heap growth by page size', () => {
  it("leaves pages under 1 MiB to V8's own pace", () => {
    expect(heapGrowthFor(0)).toBe(0);
    expect(heapGrowthFor(150_000)).toBe(0);
    expect(heapGrowthFor(MIB - 1)).toBe(0);
  });

  it('lets the heap double from 1 MiB, then narrows from 1.5 MiB to 10% at 2 MiB, and stays there', () => {
    expect(heapGrowthFor(MIB)).toBe(100);
    expect(heapGrowthFor(1.5 * MIB)).toBe(100);
    expect(heapGrowthFor(1.75 * MIB)).toBe(55);
    expect(heapGrowthFor(2 * MIB)).toBe(10);
    expect(heapGrowthFor(8 * MIB)).toBe(10);
  });
});
