/**
 * The model of the driver's Go source that rules consult: one per source
 * root and process, filled lazily (a file is parsed the first time a rule
 * asks about it or its package) and kept for the rest of the run.
 *
 * Files are named relative to the source root with forward slashes and read
 * only through `resolveInside`; the package listing follows no symbolic
 * links and skips `vendor/`, `testdata/`, `_`-prefixed and hidden directories.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GoDeclaration } from '../types';
import { findFiles } from '../files';
import { noteFile, noteGoTree } from '../cache/track';
import { decodeText } from '../text';
import { readGoFile, type FlagDefinition, type GinkgoSpec, type GoFileModel, type GoTest, type LogCall } from './go-file';
import { GO_LIMITS, type GoLimits } from './go-parser';
import { evaluate, type GoExpr, type GoNumber, type Resolve } from './go-values';
import { isFile, resolveInside } from './paths';

export type { FlagDefinition, GinkgoSpec, GoFileModel, GoTest, LogCall } from './go-file';

/** A constant a declaration carries, evaluated, with where it is written. */
export interface GoValue extends GoNumber {
  /** The expression as written: `16 * time.Second`. */
  text: string;
  file: string;
  line: number;
}

export type Located<T> = T & { file: string };

/** Directories never listed as packages. */
const SKIPPED_DIRS = new Set(['vendor', 'testdata', 'node_modules']);

export class GoSource {
  private readonly files = new Map<string, Promise<GoFileModel | { problem: string }>>();
  private listing?: Promise<string[]>;
  private formats?: Promise<Located<LogCall>[]>;

  constructor(
    readonly root: string,
    private readonly limits: GoLimits = GO_LIMITS,
  ) {}

  /** The model of one file, or why there is none (missing, outside the root, too big, too deep). */
  file(relative: string): Promise<GoFileModel | { problem: string }> {
    // Noted on every use (the model is shared by every file of a run): each file depends on what it consulted.
    noteFile(this.root, relative);
    let cached = this.files.get(relative);
    if (!cached) {
      cached = this.load(relative);
      this.files.set(relative, cached);
    }
    return cached;
  }

  async declarations(relative: string): Promise<GoDeclaration[]> {
    const model = await this.file(relative);
    return 'declarations' in model ? model.declarations : [];
  }

  /** Every `.go` file under the root (sorted), test files included. */
  goFiles(): Promise<string[]> {
    noteGoTree(this.root);
    this.listing ??= listGoFiles(this.root);
    return this.listing;
  }

  /** Directories holding Go files, relative to the root (`''` for the root itself). */
  async packages(): Promise<string[]> {
    return [...new Set((await this.goFiles()).map((f) => path.posix.dirname(f)).map((d) => (d === '.' ? '' : d)))];
  }

  /** The models of the files of one package directory (test files with `tests`). */
  async package(dir: string, { tests = false } = {}): Promise<GoFileModel[]> {
    const inDir = (await this.goFiles()).filter((f) => dirOf(f) === dir && (tests || !f.endsWith('_test.go')));
    const models = await Promise.all(inDir.map((f) => this.file(f)));
    return models.filter((m): m is GoFileModel => 'declarations' in m);
  }

  /**
   * The values of the declaration a code-link fragment names in a file:
   * a const or var's value; the constant expressions of a func or method
   * body; the defaults the package assigns to a field. Undefined when the
   * file has no such declaration.
   */
  async values(relative: string, symbol: string): Promise<{ declaration: GoDeclaration; values: GoValue[] } | undefined> {
    const model = await this.file(relative);
    if (!('declarations' in model)) return undefined;
    const declaration = findDeclaration(model.declarations, symbol);
    if (!declaration) return undefined;
    const pkg = await this.package(dirOf(relative));
    const files = pkg.some((m) => m.path === model.path) ? pkg : [...pkg, model];
    const resolve = packageResolver(files, model);
    const found: GoValue[] = [];
    const add = (file: string, at: { expr: GoExpr; text: string; line: number; iota?: number }) => {
      const value = evaluate(at.expr, resolve, at.iota ?? 0);
      if (value) found.push({ ...value, text: at.text, file, line: at.line });
    };
    if (declaration.kind === 'field') {
      const type = declaration.qualifiedName.slice(0, declaration.qualifiedName.lastIndexOf('.'));
      for (const m of files) {
        for (const a of m.fieldAssignments) {
          if (a.field === declaration.name && (a.type === undefined || a.type === type)) add(m.path, a);
        }
      }
    } else {
      for (const at of model.expressions.get(declaration.qualifiedName) ?? []) add(model.path, at);
    }
    return { declaration, values: dedupe(found) };
  }

  /**
   * Log and error format strings of the driver: every non-test file outside
   * `test/`. The same list each time, so what is compiled from it (see
   * log-match.ts) is compiled once per run, not once per page.
   */
  logFormats(): Promise<Located<LogCall>[]> {
    this.formats ??= (async () => {
      const files = (await this.goFiles()).filter((f) => !f.endsWith('_test.go') && !f.startsWith('test/'));
      const models = await Promise.all(files.map((f) => this.file(f)));
      return models.flatMap((m) => ('logCalls' in m ? m.logCalls.map((c) => ({ ...c, file: m.path })) : []));
    })();
    return this.formats;
  }

  /** `flag` definitions of the commands under `cmd/`. */
  async flags(): Promise<Located<FlagDefinition>[]> {
    const files = (await this.goFiles()).filter((f) => f.startsWith('cmd/') && !f.endsWith('_test.go'));
    const models = await Promise.all(files.map((f) => this.file(f)));
    return models.flatMap((m) => ('flags' in m ? m.flags.map((c) => ({ ...c, file: m.path })) : []));
  }

  /** Whether a command under `cmd/` registers klog's flags (`klog.InitFlags`). */
  async registersKlogFlags(): Promise<boolean> {
    const files = (await this.goFiles()).filter((f) => f.startsWith('cmd/') && !f.endsWith('_test.go'));
    const models = await Promise.all(files.map((f) => this.file(f)));
    return models.some((m) => 'registersKlogFlags' in m && m.registersKlogFlags === true);
  }

  /** Test functions, literal subtests and Ginkgo specs of one package directory. */
  async tests(dir: string): Promise<{ tests: Located<GoTest>[]; specs: Located<GinkgoSpec>[] }> {
    const models = (await this.package(dir, { tests: true })).filter((m) => m.path.endsWith('_test.go'));
    return {
      tests: models.flatMap((m) => m.tests.map((t) => ({ ...t, file: m.path }))),
      specs: models.flatMap((m) => m.ginkgo.map((s) => ({ ...s, file: m.path }))),
    };
  }

  /** Files of the source that could not be modelled, with the reason. */
  async problems(): Promise<{ file: string; problem: string }[]> {
    const files = await this.goFiles();
    const models = await Promise.all(files.map((f) => this.file(f)));
    return models.flatMap((m, i) => (m.problem ? [{ file: files[i], problem: m.problem }] : []));
  }

  private async load(relative: string): Promise<GoFileModel | { problem: string }> {
    const resolved = resolveInside(this.root, relative);
    if (!resolved.ok) return { problem: resolved.problem };
    if (!isFile(resolved.absolute)) return { problem: `\`${relative}\` does not exist in the driver source` };
    const { text } = decodeText(await readFile(resolved.absolute));
    return readGoFile(resolved.relative, text, this.limits);
  }
}

/** The declaration a link fragment names: `Type.Method` or `Type.Field` exactly, else the first non-field of that name. */
export function findDeclaration(declarations: GoDeclaration[], symbol: string): GoDeclaration | undefined {
  return (
    declarations.find((d) => d.qualifiedName === symbol) ??
    declarations.find((d) => d.name === symbol && d.kind !== 'field')
  );
}

const sources = new Map<string, GoSource>();

/** The one model of a source root in this process. */
export function goSourceFor(root: string): GoSource {
  const key = path.resolve(root);
  let source = sources.get(key);
  if (!source) {
    source = new GoSource(key);
    sources.set(key, source);
  }
  return source;
}

function dirOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
}

/** Names of the package: whole values of its consts and vars, the current file first. */
function packageResolver(files: GoFileModel[], current: GoFileModel): Resolve {
  const table = new Map<string, { expr: GoExpr; iota: number }>();
  for (const m of [current, ...files.filter((f) => f !== current)]) {
    for (const [name, list] of m.expressions) {
      const whole = list.find((at) => at.whole);
      if (whole && !table.has(name)) table.set(name, { expr: whole.expr, iota: whole.iota ?? 0 });
    }
  }
  return (name) => table.get(name);
}

function dedupe(values: GoValue[]): GoValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = `${v.file}:${v.line}:${v.value}:${v.duration}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Go files of the source; Go's own tools skip these directories too. */
function listGoFiles(root: string): Promise<string[]> {
  const skip = (name: string) => name.startsWith('.') || name.startsWith('_') || SKIPPED_DIRS.has(name);
  return findFiles(root, [''], (f) => f.endsWith('.go'), skip);
}

/**
 * The source text of the declaration a fragment names, for pinning what a
 * review saw: the declaration's own lines as the Go parser spans them.
 * `Type.Field` names a struct field, whose text is its field line.
 */
export function declarationSource(
  file: { text: string; declarations: GoDeclaration[] },
  symbol: string,
): { declaration: GoDeclaration; startLine: number; endLine: number; text: string } | undefined {
  const declaration = findDeclaration(file.declarations, symbol);
  if (!declaration) return undefined;
  const endLine = declaration.endLine ?? declaration.line;
  const text = file.text.split('\n').slice(declaration.line - 1, endLine).join('\n');
  return { declaration, startLine: declaration.line, endLine, text };
}
