/**
 * The launcher's first stop for `docs-check --cache`: when every file's
 * recorded results still hold, the report is assembled from the cache file
 * here, without loading the parsers, the models or markdownlint, and
 * without starting the watchdog (nothing is parsed, so nothing can hang).
 * Anything else (a miss, a cache that cannot be used, a usage error,
 * `--changed`) is left to the full check, which answers it as it would
 * without this step.
 */
import path from 'node:path';
import { filesOf, parseCheckArgs, realDirectory, sourceRootOf, type CliIo } from '../cli';
import { defaultFiles, isPlan } from '../files';
import { FORMATTERS, isFormatName } from '../formatters/index';
import { gitTopLevel } from '../git';
import { writeFileAtomic } from '../plan/lock';
import { exitCode } from '../results';
import type { Diagnostic } from '../types';
import { timeoutOf } from '../watchdog/budget';
import { assembleResults, CheckCache } from './session';
import { DEFAULT_CACHE_FILE, type CachedFile } from './store';

/** The exit status of a run answered from the cache, or undefined to run the full check. */
export async function answerFromCache(argv: string[], io: CliIo): Promise<number | undefined> {
  try {
    return await answer(argv, io);
  } catch {
    // The full check reports the problem in its own words.
    return undefined;
  }
}

async function answer(argv: string[], io: CliIo): Promise<number | undefined> {
  if (argv[0] === 'plan' || argv[0] === 'review' || argv[0] === 'run') return undefined;
  const cwd = realDirectory(io.cwd);
  const { values, positionals } = parseCheckArgs(argv, cwd);
  if (!values.cache || values.help || values.version || values.changed !== undefined) return undefined;
  // A bad watchdog setting is refused by the full check, with or without the cache.
  if (typeof timeoutOf(io.env) !== 'number') return undefined;
  const format = values.format ?? 'stylish';
  if (!isFormatName(format)) return undefined;
  const sourceRoot = sourceRootOf(values['source-root'], io, cwd);
  const root = (await gitTopLevel(cwd)) ?? cwd;
  const outside: Diagnostic[] = [];
  const files = positionals.length > 0 ? await filesOf(positionals, root, cwd, outside) : await defaultFiles(root);

  let usable = true;
  const cache = await CheckCache.open(
    {
      root,
      sourceRoot,
      requireApprovals: values['require-approvals'] ?? false,
      markdownlint: !values['no-markdownlint'],
      location: path.resolve(cwd, values['cache-location'] ?? path.join(root, DEFAULT_CACHE_FILE)),
      env: io.env,
    },
    // Said by the full check, which then checks every file.
    () => (usable = false),
    // Without a key there is no cache to answer from; the full check makes one.
    { create: false },
  );
  const rules = cache.knownRules();
  if (!usable || !rules) return undefined;
  const entries = new Map<string, CachedFile>();
  for (const file of files) {
    const hit = await cache.hit(file);
    if (!hit) return undefined;
    entries.set(file, hit);
  }
  const results = assembleResults(files, files.filter((f) => !isPlan(f)), entries, rules, outside);
  const report = FORMATTERS[format](results);
  if (values.output !== undefined) await writeFileAtomic(path.resolve(cwd, values.output), report);
  else io.stdout.write(report);
  return exitCode(results);
}
