/**
 * The token converter on a seeded generated corpus (corpus.ts): every
 * document is rebuilt exactly as remark parses it, or left to remark with a
 * reason. TOKENS_CORPUS_SIZE and TOKENS_CORPUS_SEED make a bigger or another
 * sweep by hand; it then prints how many were rebuilt and why the others
 * were not.
 */
import { expect, test } from 'vitest';
import { convert, differences, tally } from './compare';
import { document } from './corpus';

// The default keeps the suite quick.
const size = Number(process.env.TOKENS_CORPUS_SIZE ?? 3000);
const seed = Number(process.env.TOKENS_CORPUS_SEED ?? 20_261_202);
const batch = 500;

test(`${size} documents from seed ${seed}: each rebuilt equals remark, or says why not`, async () => {
  const found: string[] = [];
  const counts: Record<string, number> = {};
  for (let from = 0; from < size; from += batch) {
    const indexes = Array.from({ length: Math.min(batch, size - from) }, (_, i) => from + i);
    const texts = indexes.map((index) => document(seed, index));
    const results = await convert(texts);
    const names = indexes.map((index, i) => `document ${index} ${JSON.stringify(texts[i])}`);
    found.push(...differences(names, texts, results));
    for (const [key, count] of Object.entries(tally(results))) counts[key] = (counts[key] ?? 0) + count;
  }
  if (process.env.TOKENS_CORPUS_SIZE) console.log({ size, seed, different: found.length, ...counts });
  expect(found.slice(0, 5), `${found.length} documents differ from remark's tree`).toEqual([]);
  // The corpus must exercise the converter, not only its refusals.
  expect(counts.rebuilt).toBeGreaterThan(size / 3);
  // A sweep by hand may take minutes.
}, Math.max(60_000, size * 10));
