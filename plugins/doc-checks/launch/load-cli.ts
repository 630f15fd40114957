/**
 * Loads the CLI's bundle (dist/cli.cjs) the way Node loads a CommonJS file,
 * but compiled with V8's code cache (dist/cli.cjs.cache), which the build
 * writes after a check of the project's own docs. A check runs for about a
 * second, and compiling its code (markdownlint, micromark, the shell
 * parser, the rules) lazily, function by function, was a fifth of that.
 *
 * V8 checks the cache against its own version, its flags and the source,
 * and rejects one that does not match: the bundle is then compiled from
 * source as it would be without a cache, only slower. Nothing here changes
 * what the check does.
 */
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import type { CliIo } from '../cli';
import { holdYoungGeneration } from '../heap';
import { trace } from '../watchdog/trace';

/** What the CLI's bundle exports (see cli.ts). */
export interface CliBundle {
  main(argv: string[], io: CliIo): Promise<number>;
  /** Puts back the V8 flags the check changed: a code cache records the flags it was made under. */
  restoreHeapFlags(): void;
}

export type CodeCacheUse = 'used' | 'rejected' | 'none';

export interface LoadedCli {
  exports: CliBundle;
  /** The compiled bundle, for the build to write its code cache from. */
  script: Script;
  cache: CodeCacheUse;
}

export const codeCacheOf = (bundle: string): string => `${bundle}.cache`;

/** Compiles and runs `bundle` (a CommonJS file), with its code cache unless `withCache` is false. */
export function loadCli(bundle: string, { withCache = true }: { withCache?: boolean } = {}): LoadedCli {
  let cachedData: Buffer | undefined;
  if (withCache) {
    try {
      cachedData = readFileSync(codeCacheOf(bundle));
    } catch {
      // No cache (a build that could not write one): compiled from source.
    }
  }
  // Node's own CommonJS wrapper, so the bundle sees exactly what it would under require().
  const source = `(function (exports, require, module, __filename, __dirname) {${readSource(bundle)}\n})`;
  const script = new Script(source, { filename: bundle, cachedData });
  const cache: CodeCacheUse = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  trace(`code cache: ${cache}`);
  // Only now: V8 takes a code cache only under the flags it was made with, V8's own.
  holdYoungGeneration();
  const module = { exports: {} as CliBundle };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return { exports: module.exports, script, cache };
}

/**
 * The bundle's text. The build keeps it ASCII, which reads as Latin-1 in a
 * few milliseconds (decoding 3 MB as UTF-8 took 30); anything else is UTF-8.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}
