/**
 * Reading a manifest's YAML (plugins/doc-checks/deploy/yaml-docs.ts): each
 * text is parsed once while it is kept, and every reader gets plain data
 * of its own. What was parsed is read from DOCS_CHECK_TRACE.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readYaml } from '../../plugins/doc-checks/deploy/yaml-docs';

const scratch = mkdtempSync(path.join(tmpdir(), 'docs-check-yaml-'));
const traceFile = path.join(scratch, 'trace');
process.env.DOCS_CHECK_TRACE = traceFile;
afterAll(() => {
  delete process.env.DOCS_CHECK_TRACE;
  rmSync(scratch, { recursive: true, force: true });
});

const parses = () => readFileSync(traceFile, 'utf8').split('\n').filter((line) => line.startsWith('parse yaml'));
const PVC = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n';

describe('reading manifests', () => {
  it('parses a text once for every rule that reads it, and gives each its own values', () => {
    const first = readYaml(PVC);
    const second = readYaml(PVC);
    expect(parses()).toEqual(['parse yaml: a manifest']);
    expect(second.docs[0].value).toEqual({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } });
    // One reader changing its data does not change another's.
    (first.docs[0].value as { spec: { accessModes: string[] } }).spec.accessModes.push('ReadOnlyMany');
    expect(readYaml(PVC).docs[0].value).toEqual(second.docs[0].value);
    expect(first.docs[0].value).not.toEqual(second.docs[0].value);
  });

  it('reports a problem the same way on every read', () => {
    const broken = 'kind: Pod\nkind: Pod\n';
    const problem = { message: 'YAML does not parse: Map keys must be unique', offset: 10 };
    expect(readYaml(broken)).toMatchObject({ problem });
    expect(readYaml(broken)).toMatchObject({ problem });
  });

  it('drops the oldest parses once 1 MiB of text is kept, and parses those again', () => {
    const padding = (n: number) => `# ${'x'.repeat(300 * 1024)}\nkind: Pod${n}\n`;
    const before = parses().length;
    for (let n = 0; n < 4; n++) readYaml(padding(n));
    // 4 x 300 KiB is over 1 MiB: the first one was dropped, the last one is kept.
    readYaml(padding(3));
    readYaml(padding(0));
    expect(parses().length - before).toBe(5);
  });
});
