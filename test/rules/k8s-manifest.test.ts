/**
 * Without a driver source the schema checks still run; the StorageClass
 * parameter keys cannot be checked, which one warning per page says.
 */
import path from 'node:path';
import { expect, test } from 'vitest';
import { checkProject } from '../../plugins/doc-checks/engine';
import rule from '../../plugins/doc-checks/rules/k8s-manifest';

const PAGE = `# Guide

\`\`\`yaml
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: a
provisioner: fixture.csi.example.org
parameters:
  madeUp: "1"
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: b
provisioner: fixture.csi.example.org
parameter: {}
\`\`\`
`;

test('without a driver source the schema checks still run, and the parameter keys wait for one', async () => {
  const results = await checkProject({
    root: path.resolve(__dirname, '../fixtures/rules/k8s-manifest'),
    files: ['guide.md'],
    contents: new Map([['guide.md', PAGE]]),
    rules: [rule],
    today: '2026-11-26',
  });
  const found = results.files.flatMap((f) => f.diagnostics).map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
  // The parameter keys wait for a driver source; driver-source says so, once.
  expect(found).toEqual([
    '17:1 error Unknown field `parameter` at the top level; did you mean `parameters`?',
  ]);
});
