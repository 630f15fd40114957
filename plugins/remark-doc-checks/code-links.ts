/**
 * Rewrites links into the driver source for the site.
 *
 * In the driver repository the docs sit in `docs/` beside `pkg/`, so
 * `../pkg/rds/connection_manager.go#attemptReconnection` is a working
 * relative link on GitHub. The site has no `pkg/`: the link becomes
 * `<repository>/blob/<ref>/pkg/rds/connection_manager.go`, and when a driver
 * checkout is configured the Go symbol in the fragment becomes `#L<line>`.
 * Without a checkout the symbol is dropped (GitHub has no symbol anchors).
 *
 * The link also says it leads to code: the class `code-link` (an icon in
 * custom.css) and, unless the author gave one, a title naming the file and
 * the symbol, shown when the reader hovers over it.
 *
 * Links are classified by the engine (`classifyLink`), so the site and the
 * `code-link` rule agree on what a code link is. Source files are read only
 * through the engine's workspace, which never leaves the source root.
 */
import type { Definition, Link, LinkReference, Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { classifyLink } from '../doc-checks/model/guide';
import { isMarkdown } from '../doc-checks/files';
import { findDeclaration } from '../doc-checks/source/go-source';
import { relativeToRoot } from '../doc-checks/source/paths';
import { ProjectWorkspace } from '../doc-checks/workspace';
import { validateDriverSourceOptions } from './options';

export interface CodeLinkOptions {
  /** Repository root of the docs (the site directory). Default: the working directory. */
  root?: string;
  /** Default: the public driver repository. */
  driverRepository?: string;
  /** Default: `main`. */
  driverRef?: string;
  /** Driver checkout used to find the line of a Go symbol. Default: none. */
  driverSourceRoot?: string;
}

const LINE_FRAGMENT = /^L\d+(?:-L\d+)?$/;

const remarkCodeLinks: Plugin<[CodeLinkOptions?], Root> = function (options = {}) {
  const root = options.root ?? process.cwd();
  const { driverRepository, driverRef, driverSourceRoot } = validateDriverSourceOptions(options, root);
  const blobBase = `${driverRepository}/blob/${encodePath(driverRef)}/`;

  return async (tree, file) => {
    const pagePath = pagePathOf(root, file);
    if (pagePath === undefined) return;
    const workspace = new ProjectWorkspace({ root, sourceRoot: driverSourceRoot });
    const nodes: (Link | Definition)[] = [];
    const references: LinkReference[] = [];
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'definition') nodes.push(node);
      if (node.type === 'linkReference') references.push(node);
    });
    const codeDefinitions = new Set<string>();
    for (const node of nodes) {
      const link = classifyLink(node.url, node, pagePath);
      if (link.kind !== 'code' || link.target === undefined) continue;
      const line = link.fragment ? await lineOf(workspace, link.target, link.fragment) : undefined;
      node.url = `${blobBase}${encodePath(link.target)}${line ? `#${line}` : ''}`;
      node.title ??= codeTitle(link.target, link.fragment);
      if (node.type === 'link') markAsCodeLink(node);
      else codeDefinitions.add(node.identifier);
    }
    for (const reference of references) {
      if (codeDefinitions.has(reference.identifier)) markAsCodeLink(reference);
    }
  };
};

export default remarkCodeLinks;

/** What the reader sees on hover: `pkg/rds/ssh_client.go: Type.Method` or the line. */
export function codeTitle(target: string, fragment: string | undefined): string {
  if (!fragment) return target;
  if (!LINE_FRAGMENT.test(fragment)) return `${target}: ${fragment}`;
  const lines = fragment.replace(/L/g, '');
  return `${target}, ${lines.includes('-') ? 'lines' : 'line'} ${lines}`;
}

function markAsCodeLink(node: Link | LinkReference): void {
  const data = (node.data ??= {});
  const properties = (data.hProperties ??= {});
  const existing = properties.className;
  const classes = Array.isArray(existing) ? existing.map(String) : typeof existing === 'string' ? [existing] : [];
  properties.className = [...classes, 'code-link'];
}

/**
 * `L<n>` for a Go symbol (or a line fragment kept as written); undefined when
 * unknown. A markdown file's fragment is a heading anchor, which GitHub
 * renders under the same slug: it is kept as written.
 */
async function lineOf(workspace: ProjectWorkspace, target: string, fragment: string): Promise<string | undefined> {
  if (LINE_FRAGMENT.test(fragment) || isMarkdown(target)) return fragment;
  if (!workspace.sourceRoot) return undefined;
  const source = await workspace.sourceFile(target);
  if ('problem' in source) return undefined;
  const declaration = findDeclaration(source.declarations, fragment);
  return declaration ? `L${declaration.line}` : undefined;
}

function pagePathOf(root: string, file: VFile): string | undefined {
  return file.path ? relativeToRoot(root, file.path) : undefined;
}

function encodePath(value: string): string {
  return value.split('/').map(encodeURIComponent).join('/');
}
