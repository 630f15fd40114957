/**
 * Lazy, cached access to everything the rules may consult: pages of the
 * repository, the plans, and the driver source checkout. Each file is read
 * and parsed at most once per workspace.
 */
import { readFile } from 'node:fs/promises';
import { buildPage } from './model/guide';
import { findFiles } from './files';
import { formatRefusal, linkRefusal } from './refusals';
import { readPlan } from './plan/reader';
import type { Plan } from './plan/model';
import { goSourceFor, type GoSource } from './source/go-source';
import { isFile, resolveInside } from './source/paths';
import { decodeText, parserHazard } from './text';
import type { Page, SourceFile, Workspace } from './types';
import { rethrowIfFatal, stoppedParse, withinBudget } from './watchdog/budget';
import { trace } from './watchdog/trace';
import { noteExists, noteFile, notePlans } from './cache/track';
import { takeHandedOver } from './tokens/parsed-pages';
import { fitHeapTo } from './heap';
import { PHASE, timed } from './timing';

/**
 * Models of unchanged files are shared between workspaces of one process:
 * the site build checks each page in its own workspace, and each of them
 * reads the other pages for their anchors.
 */
const recentPages = new Map<string, Page>();
/** How a file of the driver source is named to the watchdog and in its findings. */
const DRIVER_PREFIX = 'driver source: ';
const RECENT_PAGES = 64;

function pageOf(path: string, text: string, problems: Page['readProblems']): Page {
  // A file the parser cannot take in bounded time is checked as empty: its
  // one finding says why. The pre-scan knows some such shapes; the
  // watchdog names the files whose parse it had to stop.
  const hazard = parserHazard(text) ?? stoppedParse(path);
  if (hazard) return buildPage(path, '', [...problems, hazard]);
  const key = `${path}\0${text}`;
  const known = recentPages.get(key);
  if (known && problems.length === 0) return known;
  let page: Page;
  try {
    const tree = takeHandedOver(path, text);
    if (!tree) fitHeapTo(Buffer.byteLength(text));
    if (tree) trace(`model from markdownlint's parse: ${path}`);
    page = timed(PHASE.pageModel, () =>
      tree ? buildPage(path, text, problems, tree) : withinBudget('engine', path, text, () => buildPage(path, text, problems)),
    );
    fitHeapTo(0);
  } catch (error) {
    fitHeapTo(0);
    rethrowIfFatal(error);
    const stalled = stoppedParse(path);
    if (stalled) return buildPage(path, '', [...problems, stalled]);
    // Defence in depth behind parserHazard: a parser failure is a finding, not a crash.
    const message = `The file could not be parsed (${String((error as Error)?.message ?? error)}); expected markdown the parser can read`;
    return buildPage(path, '', [...problems, { message, point: { line: 1, column: 1 } }]);
  }
  if (problems.length === 0) {
    if (recentPages.size >= RECENT_PAGES) recentPages.delete(recentPages.keys().next().value!);
    recentPages.set(key, page);
  }
  return page;
}

export interface WorkspaceInit {
  root: string;
  sourceRoot?: string;
  /** Contents that win over the disk (the file being built, an editor buffer). */
  contents?: ReadonlyMap<string, string>;
}

export class ProjectWorkspace implements Workspace {
  readonly root: string;
  readonly sourceRoot?: string;
  private readonly contents: ReadonlyMap<string, string>;
  private readonly pages = new Map<string, Promise<Page | undefined>>();
  private readonly sources = new Map<string, Promise<SourceFile | { problem: string }>>();
  private readonly sourcePages = new Map<string, Promise<Page | { problem: string }>>();
  private planList?: Promise<Plan[]>;

  constructor(init: WorkspaceInit) {
    this.root = init.root;
    this.sourceRoot = init.sourceRoot;
    this.contents = init.contents ?? new Map();
  }

  page(path: string): Promise<Page | undefined> {
    noteFile(this.root, path);
    let cached = this.pages.get(path);
    if (!cached) {
      cached = this.loadText(path).then((text) =>
        text === undefined ? undefined : pageOf(path, text.text, text.problems),
      );
      this.pages.set(path, cached);
    }
    return cached;
  }

  plans(): Promise<Plan[]> {
    notePlans(this.root);
    this.planList ??= (async () => {
      const paths = await findFiles(this.root, ['.planning'], (p) => p.endsWith('-PLAN.md'));
      const plans: Plan[] = [];
      for (const p of paths) {
        const loaded = await this.loadText(p);
        if (loaded) plans.push(timed(PHASE.planModel, () => readPlan(p, loaded.text)));
      }
      return plans;
    })();
    return this.planList;
  }

  /** A plan by path, also one outside `.planning/` that a user names. */
  async plan(path: string): Promise<Plan | undefined> {
    const known = (await this.plans()).find((p) => p.path === path);
    if (known) return known;
    const loaded = await this.loadText(path);
    return loaded ? timed(PHASE.planModel, () => readPlan(path, loaded.text)) : undefined;
  }

  sourceFile(path: string): Promise<SourceFile | { problem: string }> {
    if (this.sourceRoot) noteFile(this.sourceRoot, path);
    let cached = this.sources.get(path);
    if (!cached) {
      cached = this.loadSource(path);
      this.sources.set(path, cached);
    }
    return cached;
  }

  goSource(): GoSource | undefined {
    return this.sourceRoot ? goSourceFor(this.sourceRoot) : undefined;
  }

  fileProblem(path: string): string | undefined {
    noteExists(this.root, path);
    if (this.contents.has(path)) return undefined;
    const resolved = resolveInside(this.root, path);
    if (!resolved.ok) return resolved.problem;
    return isFile(resolved.absolute) ? undefined : `\`${path}\` does not exist`;
  }

  /**
   * Text of a repository file, or undefined when it does not exist. MDX and
   * files reached through a symbolic link are not read: their text is empty
   * and their one problem says why.
   */
  async loadText(path: string): Promise<{ text: string; problems: Page['readProblems'] } | undefined> {
    noteFile(this.root, path);
    const refused = formatRefusal(path) ?? linkRefusal(this.root, path);
    if (refused) return { text: '', problems: [refused] };
    const inMemory = this.contents.get(path);
    if (inMemory !== undefined) return { text: inMemory, problems: [] };
    const resolved = resolveInside(this.root, path);
    if (!resolved.ok || !isFile(resolved.absolute)) return undefined;
    return decodeText(await readFile(resolved.absolute));
  }

  sourcePage(path: string): Promise<Page | { problem: string }> {
    if (this.sourceRoot) noteFile(this.sourceRoot, path);
    let cached = this.sourcePages.get(path);
    if (!cached) {
      // Named apart from the repository's own files for the watchdog, which reports by name.
      cached = this.loadSourceText(path).then((loaded) =>
        'problem' in loaded ? loaded : pageOf(`${DRIVER_PREFIX}${path}`, loaded.text, loaded.problems),
      );
      this.sourcePages.set(path, cached);
    }
    return cached;
  }

  private async loadSource(path: string): Promise<SourceFile | { problem: string }> {
    const loaded = await this.loadSourceText(path);
    if ('problem' in loaded) return loaded;
    const { text } = loaded;
    const resolved = resolveInside(this.sourceRoot!, path);
    if (!resolved.ok || !resolved.relative.endsWith('.go')) return { path, text, declarations: [] };
    const model = await goSourceFor(this.sourceRoot!).file(resolved.relative);
    if ('problem' in model && !('declarations' in model)) return { path, text, declarations: [], goProblem: model.problem };
    return { path, text, declarations: model.declarations, ...(model.problem ? { goProblem: model.problem } : {}) };
  }

  private async loadSourceText(path: string): Promise<{ text: string; problems: Page['readProblems'] } | { problem: string }> {
    if (!this.sourceRoot) return { problem: 'no driver source root is configured' };
    const resolved = resolveInside(this.sourceRoot, path);
    if (!resolved.ok) return { problem: resolved.problem };
    if (!isFile(resolved.absolute)) return { problem: `\`${path}\` does not exist in the driver source` };
    return decodeText(await readFile(resolved.absolute));
  }
}
