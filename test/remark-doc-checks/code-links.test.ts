import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Definition, Link, Root } from 'mdast';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, describe, expect, it } from 'vitest';
import remarkCodeLinks, { type CodeLinkOptions } from '../../plugins/remark-doc-checks/code-links';
import { DEFAULT_DRIVER_REF, DEFAULT_DRIVER_REPOSITORY } from '../../plugins/remark-doc-checks/options';
import { transform } from './process';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = path.join(ROOT, 'test/fixtures/driver-src');
const PAGE = path.join(ROOT, 'docs/GUIDE.md');
const BLOB = `${DEFAULT_DRIVER_REPOSITORY}/blob/${DEFAULT_DRIVER_REF}`;

async function urls(markdown: string, options: CodeLinkOptions = {}, page: string | null = PAGE): Promise<string[]> {
  const tree: Root = await transform(markdown, [remarkCodeLinks, { root: ROOT, ...options }], page ?? undefined);
  const found: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'definition') found.push((node as Link | Definition).url);
  });
  return found;
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('remark code-links', () => {
  it('points a Go symbol link at the line of its declaration in the driver source', async () => {
    const markdown = [
      '[a](../pkg/rds/connection_manager.go#attemptReconnection)',
      '[b](../pkg/rds/connection_manager.go#ConnectionManager)',
      '[c](../pkg/rds/connection_manager.go#ConnectionManager.Reconnect)',
      '[d](../pkg/attachment/reconciler.go#AttachmentReconciler)',
      '[e](../pkg/nvme/config.go#DefaultConnectionConfig)',
      '[f](../pkg/nvme/config.go#ConnectionConfig.ReconnectDelay)',
    ].join('\n\n');
    expect(await urls(markdown, { driverSourceRoot: SOURCE })).toEqual([
      `${BLOB}/pkg/rds/connection_manager.go#L50`,
      `${BLOB}/pkg/rds/connection_manager.go#L14`,
      `${BLOB}/pkg/rds/connection_manager.go#L61`,
      `${BLOB}/pkg/attachment/reconciler.go#L17`,
      `${BLOB}/pkg/nvme/config.go#L17`,
      `${BLOB}/pkg/nvme/config.go#L13`,
    ]);
  });

  it('keeps the heading anchor of a link to a markdown file of the driver repository', async () => {
    expect(await urls('[a](../README.md#troubleshooting)', { driverSourceRoot: SOURCE })).toEqual([`${BLOB}/README.md#troubleshooting`]);
    expect(await urls('[a](../README.md#troubleshooting)')).toEqual([`${BLOB}/README.md#troubleshooting`]);
  });

  it('drops the symbol when no driver source is configured', async () => {
    expect(await urls('[a](../pkg/rds/connection_manager.go#attemptReconnection)')).toEqual([
      `${BLOB}/pkg/rds/connection_manager.go`,
    ]);
  });

  it('drops a symbol the source does not declare, and keeps line fragments as written', async () => {
    const markdown = '[a](../pkg/nvme/config.go#NoSuchThing) [b](../pkg/nvme/config.go#L3-L5) [c](../go.mod)';
    expect(await urls(markdown, { driverSourceRoot: SOURCE })).toEqual([
      `${BLOB}/pkg/nvme/config.go`,
      `${BLOB}/pkg/nvme/config.go#L3-L5`,
      `${BLOB}/go.mod`,
    ]);
  });

  it('uses the configured repository and ref, and rewrites reference definitions', async () => {
    const markdown = 'See [the config][cfg].\n\n[cfg]: ../pkg/nvme/config.go#BuildConnectArgs\n';
    const options = { driverRepository: 'https://git.example.com/team/rds-csi.git', driverRef: 'v0.10.0', driverSourceRoot: SOURCE };
    expect(await urls(markdown, options)).toEqual(['https://git.example.com/team/rds-csi/blob/v0.10.0/pkg/nvme/config.go#L25']);
  });

  it('leaves links between pages, anchors, external links and links out of the repository alone', async () => {
    const markdown = [
      '[page](./TESTING.md#unit-tests)',
      '[anchor](#results-template)',
      '[external](https://example.com/pkg/x.go)',
      '[out](../../elsewhere/pkg/x.go#Name)',
      '[absolute](/pkg/x.go)',
    ].join('\n\n');
    expect(await urls(markdown, { driverSourceRoot: SOURCE })).toEqual([
      './TESTING.md#unit-tests',
      '#results-template',
      'https://example.com/pkg/x.go',
      '../../elsewhere/pkg/x.go#Name',
      '/pkg/x.go',
    ]);
  });

  it('leaves a file without a path, or outside the site, alone', async () => {
    const link = '[a](../pkg/nvme/config.go#BuildConnectArgs)';
    expect(await urls(link, {}, null)).toEqual(['../pkg/nvme/config.go#BuildConnectArgs']);
    expect(await urls(link, {}, path.join(os.tmpdir(), 'docs/GUIDE.md'))).toEqual(['../pkg/nvme/config.go#BuildConnectArgs']);
  });

  it('never reads a file through a symbolic link that leaves the driver source', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    const source = mkdtempSync(path.join(os.tmpdir(), 'driver-src-'));
    scratch.push(outside, source);
    writeFileSync(path.join(outside, 'secret.go'), 'package x\n\nfunc Secret() {}\n');
    mkdirSync(path.join(source, 'pkg'));
    symlinkSync(path.join(outside, 'secret.go'), path.join(source, 'pkg/secret.go'));
    expect(await urls('[a](../pkg/secret.go#Secret)', { driverSourceRoot: source })).toEqual([`${BLOB}/pkg/secret.go`]);
  });

  it('rejects invalid options before any page is transformed', () => {
    const attach = (options: CodeLinkOptions) => () => unified().use(remarkCodeLinks, { root: ROOT, ...options }).freeze();
    expect(attach({ driverRepository: 'ftp://example.com/x' })).toThrow(/^driverRepository \(RDS_CSI_REPO\): `ftp:\/\/example.com\/x` is not a repository URL/);
    expect(attach({ driverRef: '../main' })).toThrow(/^driverRef \(RDS_CSI_REF\): `..\/main`/);
    expect(attach({ driverSourceRoot: 'no/such/dir' })).toThrow(/^driverSourceRoot \(RDS_CSI_SOURCE\): `no\/such\/dir` is not a directory/);
  });
});

describe('remark code-links: what the reader sees', () => {
  async function marks(markdown: string): Promise<{ type: string; title?: string | null; className?: unknown }[]> {
    const tree: Root = await transform(markdown, [remarkCodeLinks, { root: ROOT, driverSourceRoot: SOURCE }], PAGE);
    const found: { type: string; title?: string | null; className?: unknown }[] = [];
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'definition' || node.type === 'linkReference') {
        const title = 'title' in node ? node.title : undefined;
        found.push({ type: node.type, title, className: node.data?.hProperties?.className });
      }
    });
    return found;
  }

  it('gives a code link the class code-link and a title naming the file and the symbol', async () => {
    const markdown = [
      '[a](../pkg/rds/connection_manager.go#ConnectionManager.Reconnect)',
      '[b](../pkg/nvme/config.go#L3-L5)',
      '[b2](../pkg/nvme/config.go#L7)',
      '[c](../go.mod)',
      '[d](../pkg/nvme/config.go#DefaultConnectionConfig "the defaults")',
      '[e](./OTHER.md)',
    ].join('\n\n');
    expect(await marks(markdown)).toEqual([
      { type: 'link', title: 'pkg/rds/connection_manager.go: ConnectionManager.Reconnect', className: ['code-link'] },
      { type: 'link', title: 'pkg/nvme/config.go, lines 3-5', className: ['code-link'] },
      { type: 'link', title: 'pkg/nvme/config.go, line 7', className: ['code-link'] },
      { type: 'link', title: 'go.mod', className: ['code-link'] },
      { type: 'link', title: 'the defaults', className: ['code-link'] },
      { type: 'link', title: null, className: undefined },
    ]);
  });

  it('marks a reference link to code, and gives its definition the title', async () => {
    const markdown = ['See [the reconciler][rec].', '', '[rec]: ../pkg/attachment/reconciler.go#AttachmentReconciler'].join('\n');
    expect(await marks(markdown)).toEqual([
      { type: 'linkReference', title: undefined, className: ['code-link'] },
      { type: 'definition', title: 'pkg/attachment/reconciler.go: AttachmentReconciler', className: undefined },
    ]);
  });
});
