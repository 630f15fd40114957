/**
 * What every cached result depends on, whatever file it is for: the
 * cache format, docs-check's version and build, the versions of the
 * libraries it loads at run time, the roots, the options that change
 * results, and today's date (`last-updated` compares against it). A
 * change to any of them starts a new cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Raised whenever the cache file's layout or the meaning of an input id changes. */
export const CACHE_FORMAT_VERSION = 1;

/** Written next to the bundle by scripts/build-cli.mjs: a hash of everything it wrote. */
export const BUILD_ID_FILE = 'build-id.json';

/** Libraries loaded from node_modules at run time, not bundled: their version is part of the tool. */
const RUNTIME_PACKAGES = [
  'kubernetes-models',
  '@kubernetes/client-node',
  'web-tree-sitter',
  'tree-sitter-go',
];

export interface CacheSettings {
  root: string;
  sourceRoot?: string;
  requireApprovals: boolean;
  markdownlint: boolean;
  /** YYYY-MM-DD */
  today: string;
}

export function cacheKey(settings: CacheSettings): string {
  const material = {
    format: CACHE_FORMAT_VERSION,
    tool: toolIdentity(),
    node: process.version,
    root: path.resolve(settings.root),
    sourceRoot: settings.sourceRoot === undefined ? null : path.resolve(settings.sourceRoot),
    requireApprovals: settings.requireApprovals,
    markdownlint: settings.markdownlint,
    today: settings.today,
  };
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}

let identity: { version: string; build: string; packages: Record<string, string> } | undefined;

/** docs-check's version, its build, and the versions of its run-time libraries. */
export function toolIdentity(): { version: string; build: string; packages: Record<string, string> } {
  if (identity) return identity;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const packageDir = findUp(here, 'package.json');
  const version = packageDir ? readVersion(path.join(packageDir, 'package.json')) : 'unknown';
  const packages: Record<string, string> = {};
  for (const name of RUNTIME_PACKAGES) {
    const dir = packageDir ? findUp(packageDir, path.join('node_modules', name, 'package.json')) : undefined;
    packages[name] = dir ? readVersion(path.join(dir, 'node_modules', name, 'package.json')) : 'absent';
  }
  identity = { version, build: buildId(here), packages };
  return identity;
}

/**
 * The bundle's build id (dist/ or dist/chunks/ hold this module); run from
 * the TypeScript sources (tests), a hash of the sources instead.
 */
function buildId(here: string): string {
  for (const dir of [here, path.dirname(here)]) {
    const file = path.join(dir, BUILD_ID_FILE);
    if (!existsSync(file)) continue;
    try {
      const build = (JSON.parse(readFileSync(file, 'utf8')) as { build?: unknown }).build;
      if (typeof build === 'string') return build;
    } catch {
      // Unreadable: no id, so no earlier results can match it.
    }
    return `unreadable:${Math.random()}`;
  }
  return `sources:${hashSources(path.dirname(here))}`;
}

function hashSources(dir: string): string {
  const hash = createHash('sha256');
  const walk = (relative: string): void => {
    const entries = readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(child);
      else if (entry.isFile() && /\.(ts|json|wasm)$/.test(entry.name)) hash.update(`${child}\0`).update(readFileSync(path.join(dir, child)));
    }
  };
  walk('');
  return hash.digest('hex');
}

function findUp(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, name))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readVersion(file: string): string {
  try {
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
