/**
 * Runs markdownlint's style rules over the same files as the engine, with
 * the repository's `.markdownlint-cli2.jsonc`, and returns its findings as
 * our diagnostics so one CLI run reports both. The config's custom rules
 * (the editor bridge to this engine) are left out: the engine already ran.
 */
import fs, { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import jsoncParse from 'markdownlint-cli2/parsers/jsonc';
import { extendConfig, lint } from 'markdownlint/promise';
import type { Configuration, LintError } from 'markdownlint';
import { OptionsError } from '../options';
import { isFile, resolveInside } from '../source/paths';
import { decodeText, parserHazard } from '../text';
import type { Diagnostic, RuleMeta } from '../types';
import { stallFinding, whileParsingAsync } from '../watchdog/progress';

export const CONFIG_FILE = '.markdownlint-cli2.jsonc';

export interface MarkdownlintRequest {
  root: string;
  /** Repository-relative files, as given to the engine. */
  files: readonly string[];
  /** Contents that win over the disk, keyed by repository-relative path. */
  contents?: ReadonlyMap<string, string>;
}

export interface MarkdownlintRun {
  diagnostics: Diagnostic[];
  /** The markdownlint rules that reported something, described once each. */
  rules: RuleMeta[];
}

interface Cli2Config {
  config: Configuration;
  ignores: RegExp[];
}

export async function runMarkdownlint(request: MarkdownlintRequest): Promise<MarkdownlintRun> {
  const { config, ignores } = await loadConfig(request.root);
  const strings: Record<string, string> = {};
  for (const file of request.files) {
    if (ignores.some((re) => re.test(file))) continue;
    const text = await readInside(request.root, file, request.contents);
    // Missing or escaping paths, and files the parser cannot take in bounded
    // time, are the engine's to report, once.
    if (text !== undefined && !parserHazard(text) && !stallFinding(file)) strings[file] = text;
  }
  // One file at a time, so the watchdog knows which file a slow parse is in.
  const results: Record<string, LintError[]> = {};
  for (const [file, text] of Object.entries(strings)) {
    const found = await whileParsingAsync('markdownlint', file, text, () =>
      lint({ strings: { [file]: text }, config, customRules: [], handleRuleFailures: true }),
    );
    results[file] = found[file];
  }
  const diagnostics: Diagnostic[] = [];
  const rules = new Map<string, RuleMeta>();
  for (const [file, errors] of Object.entries(results)) {
    const lines = strings[file].split(/\r\n|\r|\n/);
    for (const error of errors) {
      const diagnostic = toDiagnostic(file, error, lines);
      diagnostics.push(diagnostic);
      if (!rules.has(diagnostic.ruleId)) {
        rules.set(diagnostic.ruleId, {
          id: diagnostic.ruleId,
          description: error.ruleDescription,
          url: error.ruleInformation ?? '',
          severity: diagnostic.severity,
          scope: 'page',
        });
      }
    }
  }
  return { diagnostics, rules: [...rules.values()] };
}

function toDiagnostic(file: string, error: LintError, lines: readonly string[]): Diagnostic {
  const line = error.lineNumber;
  const lineLength = lines[line - 1]?.length ?? 0;
  // Without a range markdownlint means the whole line.
  const [column, length] = error.errorRange ?? [1, Math.max(lineLength, 0)];
  let message = error.ruleDescription;
  if (error.errorDetail) message += ` [${error.errorDetail}]`;
  if (error.errorContext) message += ` [Context: "${error.errorContext}"]`;
  return {
    file,
    line,
    column,
    endLine: line,
    endColumn: column + length,
    ruleId: error.ruleNames[0],
    severity: error.severity === 'warning' ? 'warning' : 'error',
    message,
    ...(error.ruleInformation ? { url: error.ruleInformation } : {}),
  };
}

async function readInside(
  root: string,
  file: string,
  contents: ReadonlyMap<string, string> | undefined,
): Promise<string | undefined> {
  const inMemory = contents?.get(file);
  if (inMemory !== undefined) return inMemory;
  const resolved = resolveInside(root, file);
  if (!resolved.ok || !isFile(resolved.absolute)) return undefined;
  return decodeText(await readFile(resolved.absolute)).text;
}

/** The `config` and `ignores` of the repository's markdownlint-cli2 file; defaults without one. */
export async function loadConfig(root: string): Promise<Cli2Config> {
  const file = path.join(root, CONFIG_FILE);
  if (!existsSync(file)) return { config: { default: true }, ignores: [] };
  let parsed: unknown;
  try {
    parsed = jsoncParse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new OptionsError(`${CONFIG_FILE}: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new OptionsError(`${CONFIG_FILE}: expected an object`);
  const config = parsed.config ?? { default: true };
  if (!isObject(config)) throw new OptionsError(`${CONFIG_FILE}: \`config\` must be an object of markdownlint rules`);
  const ignores = parsed.ignores ?? [];
  if (!Array.isArray(ignores) || !ignores.every((g) => typeof g === 'string')) {
    throw new OptionsError(`${CONFIG_FILE}: \`ignores\` must be a list of globs`);
  }
  let extended: Configuration = config as Configuration;
  if (typeof config.extends === 'string') {
    try {
      extended = await extendConfig(extended, file, [jsoncParse], fs as unknown as Parameters<typeof extendConfig>[3]);
    } catch (error) {
      throw new OptionsError(`${CONFIG_FILE}: \`config.extends\`: ${(error as Error).message}`);
    }
  }
  return { config: extended, ignores: ignores.map(globToRegExp) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The glob subset the config uses (`*`, `**`, `?`), matched against
 * repository-relative paths; enough to agree with markdownlint-cli2 on
 * which files it skips.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  const text = glob.replace(/^\.\//, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*' && text[i + 1] === '*') {
      const slash = text[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
