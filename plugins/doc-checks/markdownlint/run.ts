/**
 * Runs markdownlint's style rules over the same files as the engine, with
 * the repository's `.markdownlint-cli2.jsonc`, and returns its findings as
 * our diagnostics so one CLI run reports both. The config's custom rules
 * (the editor bridge to this engine) are left out: the engine already ran.
 */
import { constants } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import jsoncParse from 'markdownlint-cli2/parsers/jsonc';
import { lint } from 'markdownlint/sync';
import type { Configuration, LintError } from 'markdownlint';
import { OptionsError } from '../options';
import { isFile, resolveInside } from '../source/paths';
import { decodeText, parserHazard } from '../text';
import type { Diagnostic, RuleMeta } from '../types';
import { ParseStalled, stallFinding, withinBudget } from '../watchdog/budget';
import { noteFile } from '../cache/track';
import { fitHeapTo } from '../heap';
import { CAPTURE_RULE, capturePage } from '../tokens/capture';
import { PHASE, timed } from '../timing';

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
  const diagnostics: Diagnostic[] = [];
  const rules = new Map<string, RuleMeta>();
  // markdownlint runs its rules on this config only: the capture is turned on even where `default` is false.
  const withCapture = { ...config, [CAPTURE_RULE]: true };
  // One file at a time, so the watchdog knows which file a slow parse is in,
  // and only one file's text and tokens are alive at once.
  for (const file of request.files) {
    if (ignores.some((re) => re.test(file))) continue;
    const text = await readInside(request.root, file, request.contents);
    // Missing or escaping paths, and files the parser cannot take in bounded
    // time, are the engine's to report, once.
    if (text === undefined || parserHazard(text) || stallFinding(file)) continue;
    fitHeapTo(Buffer.byteLength(text));
    const capture = capturePage(file, text);
    let found;
    try {
      // Synchronous, so the watchdog's budget covers the whole parse.
      found = timed(PHASE.lint, () =>
        withinBudget('markdownlint', file, text, () =>
          lint({ strings: { [file]: text }, config: withCapture, customRules: [capture.rule], handleRuleFailures: true }),
        ),
      );
    } catch (error) {
      // Stopped over its budget: the engine reports the file, once.
      if (error instanceof ParseStalled) continue;
      throw error;
    }
    // The engine builds this page from markdownlint's parse instead of parsing it again.
    timed(PHASE.handOver, () => capture.handOver());
    // The parse's events and tokens are gone: what follows allocates little that lives.
    fitHeapTo(0);
    const errors = found[file];
    const lines = errors.length > 0 ? text.split(/\r\n|\r|\n/) : [];
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
  const text = await readConfigText(root, CONFIG_FILE, CONFIG_FILE);
  if (text === undefined) return { config: { default: true }, ignores: [] };
  const parsed = parseConfig(text, CONFIG_FILE);
  const config = parsed.config ?? { default: true };
  if (!isObject(config)) throw new OptionsError(`${CONFIG_FILE}: \`config\` must be an object of markdownlint rules`);
  const ignores = parsed.ignores ?? [];
  if (!Array.isArray(ignores) || !ignores.every((g) => typeof g === 'string')) {
    throw new OptionsError(`${CONFIG_FILE}: \`ignores\` must be a list of globs`);
  }
  return { config: await extended(root, config, CONFIG_FILE), ignores: ignores.map(globToRegExp) };
}

/** Config files are a few KB; anything much larger is not one. */
const MAX_CONFIG_BYTES = 256 * 1024;
/** `extends` chains in real configs are one or two deep. */
const MAX_EXTENDS = 8;

/**
 * `config` with its `extends` chain applied, as markdownlint does (each
 * file's own rules win over those it extends), but reading only regular
 * files inside the repository: a pull request may edit the config, and
 * `extends` must not read `/etc/passwd` or hang on `/dev/zero`.
 */
async function extended(root: string, config: Record<string, unknown>, file: string): Promise<Configuration> {
  let result: Record<string, unknown> = { ...config };
  let from = file;
  const seen = new Set([file]);
  for (let depth = 0; result.extends !== undefined && result.extends !== null; depth++) {
    const target = result.extends;
    const where = `${CONFIG_FILE}: \`extends\` in \`${from}\``;
    if (typeof target !== 'string') throw new OptionsError(`${where} is not a path; expected a config file inside the repository`);
    if (depth >= MAX_EXTENDS) throw new OptionsError(`${where}: more than ${MAX_EXTENDS} files extend each other; expected a short chain`);
    // An absolute path stays absolute, so that resolveInside refuses it.
    const absolute = path.posix.isAbsolute(target) || path.win32.isAbsolute(target);
    const next = absolute ? target : path.posix.normalize(path.posix.join(path.posix.dirname(from), target));
    if (seen.has(next)) throw new OptionsError(`${where}: \`${target}\` extends itself in a cycle; expected a chain that ends`);
    const text = await readConfigText(root, next, `${where}: \`${target}\``);
    if (text === undefined) throw new OptionsError(`${where}: \`${target}\` does not exist; expected a config file inside the repository`);
    const base = parseConfig(text, next);
    delete result.extends;
    result = { ...base, ...result };
    seen.add(next);
    from = next;
  }
  return result as Configuration;
}

/**
 * The text of a config file named relative to the root, undefined when
 * there is none. It must stay inside the root, be a regular file (not a
 * device, a FIFO or a directory) and be of a config's size.
 */
async function readConfigText(root: string, relative: string, what: string): Promise<string | undefined> {
  noteFile(root, relative);
  const resolved = resolveInside(root, relative);
  if (!resolved.ok) {
    const expected = resolved.problem.includes('; expected') ? '' : '; expected a config file inside the repository';
    throw new OptionsError(`${what}: ${resolved.problem}${expected}`);
  }
  let handle;
  try {
    // Non-blocking: opening a FIFO must not wait for a writer.
    handle = await open(resolved.absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new OptionsError(`${what}: cannot be read (${(error as Error).message})`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new OptionsError(`${what}: is not a regular file; expected a config file inside the repository`);
    if (stat.size > MAX_CONFIG_BYTES) {
      throw new OptionsError(`${what}: is ${stat.size} bytes; expected a config file of at most ${MAX_CONFIG_BYTES} bytes`);
    }
    return decodeText(await handle.readFile()).text;
  } finally {
    await handle.close();
  }
}

function parseConfig(text: string, file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = jsoncParse(text);
  } catch (error) {
    throw new OptionsError(`${file}: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new OptionsError(`${file}: expected an object`);
  return parsed;
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
