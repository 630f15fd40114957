/**
 * How the check's heap is collected for a page of a given size (see
 * plugins/doc-checks/heap.ts; the bench prints the peaks): below 1 MiB a
 * young generation held at its first size and V8's own pace for the rest;
 * from 1 MiB a young generation free to grow, and a heap collected when it
 * doubles, then ever sooner up to the 2 MiB docs-check reads.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { heapFlagsFor } from '../../plugins/doc-checks/heap';
import { launch, tempDir } from '../setup/launch';

const MIB = 1024 * 1024;
const growing = (bytes: number) => heapFlagsFor(bytes).heapGrowingPercent;

describe('heap flags by page size', () => {
  it("holds the young generation and leaves the rest to V8's own pace below 1 MiB", () => {
    for (const bytes of [0, 150_000, MIB - 1]) expect(heapFlagsFor(bytes)).toEqual({ heapGrowingPercent: 0, semiSpaceGrowthFactor: 1 });
  });

  it('lets the young generation grow from 1 MiB, as V8 would', () => {
    for (const bytes of [MIB, 1.5 * MIB, 2 * MIB]) expect(heapFlagsFor(bytes).semiSpaceGrowthFactor).toBe(2);
  });

  it('lets the heap double from 1 MiB, then narrows from 1.5 MiB to 10% at 2 MiB, and stays there', () => {
    expect(growing(MIB)).toBe(100);
    expect(growing(1.5 * MIB)).toBe(100);
    expect(growing(1.75 * MIB)).toBe(55);
    expect(growing(2 * MIB)).toBe(10);
    expect(growing(8 * MIB)).toBe(10);
  });
});

describe('the young generation, through the launcher', () => {
  const guide = readFileSync(path.resolve(__dirname, '../../docs/HARDWARE_VALIDATION.md'), 'utf8');
  const check = async (page: string) => {
    const root = tempDir('docs-check-heap-');
    mkdirSync(path.join(root, 'docs'));
    writeFileSync(path.join(root, 'docs/PAGE.md'), page);
    const run = await launch(['--no-markdownlint', 'docs/PAGE.md'], root);
    return run.trace.filter((line) => line.startsWith('heap:'));
  };

  it('stays at its first size through a page under 1 MiB', async () => {
    // The Hardware Validation guide allocates enough for V8 to grow it to 16 MB or more.
    expect(await check(guide)).toEqual(['heap: young generation 2 MB']);
  });

  it('grows while a page of 1 MiB or more is parsed', { timeout: 60_000 }, async () => {
    const large = guide.repeat(Math.ceil((1.1 * MIB) / guide.length));
    const [line] = await check(large);
    expect(Number(/(\d+) MB$/.exec(line)?.[1])).toBeGreaterThan(2);
  });
});
