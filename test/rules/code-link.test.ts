/**
 * `code-link` cases the shared fixture cannot show: a driver checkout whose
 * symbolic link leaves it, and no checkout at all. Each test builds its own
 * small repository and driver source in a scratch directory.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { checkProject } from '../../plugins/doc-checks/engine';
import codeLink from '../../plugins/doc-checks/rules/code-link';

const scratch = mkdtempSync(path.join(tmpdir(), 'code-link-'));
const repo = path.join(scratch, 'repo');
const source = path.join(scratch, 'driver');

mkdirSync(path.join(repo, 'docs'), { recursive: true });
mkdirSync(path.join(source, 'pkg', 'rds'), { recursive: true });
writeFileSync(path.join(source, 'pkg', 'rds', 'client.go'), 'package rds\n\nfunc Dial() error { return nil }\n');
// A file outside the driver checkout, reachable only through a symbolic link inside it.
writeFileSync(path.join(scratch, 'secret.go'), 'package secret\n\nfunc Token() string { return "" }\n');
symlinkSync(path.join('..', '..', '..', 'secret.go'), path.join(source, 'pkg', 'rds', 'token.go'));
writeFileSync(
  path.join(repo, 'docs', 'GUIDE.md'),
  ['# Guide', '', 'The driver [dials the RDS](../pkg/rds/client.go#Dial).', '', 'It reads [a token](../pkg/rds/token.go#Token).', ''].join('\n'),
);

const findings = async (sourceRoot: string | undefined) => {
  const results = await checkProject({ root: repo, files: ['docs/GUIDE.md'], rules: [codeLink], sourceRoot, today: '2026-11-26' });
  return results.files.flatMap((f) => f.diagnostics).map(({ line, column, severity, message }) => ({ line, column, severity, message }));
};

describe('code-link outside the fixture', () => {
  afterEach(() => vi.unstubAllEnvs());
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('a symbolic link that leaves the driver source is reported, not followed', async () => {
    expect(await findings(source)).toEqual([
      {
        line: 5,
        column: 10,
        severity: 'error',
        message: 'Link `../pkg/rds/token.go#Token` points at a file the driver source does not have: `pkg/rds/token.go` is a symbolic link that leaves the root',
      },
    ]);
  });

  test('without a driver source the links are left to driver-source\'s one warning', async () => {
    vi.stubEnv('RDS_CSI_SOURCE', '');
    expect(await findings(undefined)).toEqual([]);
  });

  test('RDS_CSI_SOURCE names the driver source when no option does', async () => {
    vi.stubEnv('RDS_CSI_SOURCE', source);
    expect((await findings(undefined)).map((d) => d.line)).toEqual([5]);
  });
});
