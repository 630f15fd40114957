/**
 * `docs-check --cache` in the CLI: the files whose recorded inputs still
 * hold keep their results; the others are checked, with what each one's
 * rules read noted, and their results recorded for the next run.
 */
import type { CliIo } from '../cli';
import type { MarkdownlintRun } from '../markdownlint/run';
import type { CheckResults, Diagnostic } from '../types';
import { assembleResults, CheckCache } from './session';
import type { CachedFile } from './store';
import { newInputLog, recordInputs, type InputLog } from './track';

/** What a check covers and how: the CLI's settings for one run. */
export interface CheckScope {
  root: string;
  sourceRoot?: string;
  requireApprovals: boolean;
  markdownlint: boolean;
  files: string[];
  /** The files markdownlint looks at: pages, not plans. */
  pages: string[];
}

/** Runs one file's check, so the caller can note what it read. */
export type EachFile = (file: string, check: () => Promise<void>) => Promise<void>;

export interface CachedCheckRequest extends CheckScope {
  /** Findings about paths outside the repository, made before any check. */
  outside: Diagnostic[];
  location: string;
  io: CliIo;
}

type Entry = Pick<CachedFile, 'engine' | 'style' | 'styleRules'>;

export type CheckSome = (
  files: string[],
  pages: string[],
  eachFile: EachFile,
) => Promise<{ structure: CheckResults; style: MarkdownlintRun }>;

export async function checkWithCache(request: CachedCheckRequest, checkSome: CheckSome): Promise<CheckResults> {
  const { root, sourceRoot, io } = request;
  const cache = await CheckCache.open({ ...request, env: io.env }, (line) => io.stderr.write(`${line}\n`));

  // The markdownlint config and what it extends, read as markdownlint will read them.
  const shared = newInputLog(root, sourceRoot);
  if (request.markdownlint) {
    const { loadConfig } = await import('../markdownlint/run');
    await recordInputs(shared, () => loadConfig(root));
  }
  await cache.setShared(shared);

  const entries = new Map<string, Entry>();
  const misses: string[] = [];
  for (const file of request.files) {
    const hit = await cache.hit(file);
    if (hit) entries.set(file, hit);
    else misses.push(file);
  }
  const missed = new Set(misses);
  const logs = new Map<string, InputLog>();
  const { structure, style } = await checkSome(
    misses,
    request.pages.filter((p) => missed.has(p)),
    (file, check) => {
      const log = newInputLog(root, sourceRoot);
      // The file itself, also when no rule reads it (a plan that is gone).
      log.inputs.add(`file:repo:${file}`);
      logs.set(file, log);
      return recordInputs(log, check);
    },
  );
  cache.setRules(structure.rules);

  const styleRules = new Map(style.rules.map((r) => [r.id, r]));
  const styleByFile = groupByFile(style.diagnostics);
  for (const { file, diagnostics } of structure.files) {
    const log = logs.get(file);
    if (!log) continue;
    const fileStyle = styleByFile.get(file) ?? [];
    const ids = [...new Set(fileStyle.map((d) => d.ruleId))];
    const entry: Entry = { engine: diagnostics, style: fileStyle, styleRules: ids.map((id) => styleRules.get(id)!).filter(Boolean) };
    entries.set(file, entry);
    await cache.store(file, log, entry);
  }
  try {
    await cache.save();
  } catch (error) {
    // The report is still right; only the next run is slower.
    io.stderr.write(`docs-check: could not write the cache file \`${request.location}\`: ${(error as Error).message}\n`);
  }
  return assembleResults(request.files, request.pages, entries, structure.rules, request.outside);
}

function groupByFile(diagnostics: Diagnostic[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  return byFile;
}

