/**
 * Defects seeded into a copy of the project's guides, one line each, are
 * caught by the right rule on the right line, against the real driver
 * source, and nothing else changes. Each seed finds its line through the
 * parsed page (the first `kubectl logs -c` call, the first `text driver-log`
 * line, the first PVC manifest...), so the cases follow the guides as they
 * are rewritten; every rule runs, so a defect that trips a second rule fails.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkProject } from '../../plugins/doc-checks/engine';
import { buildPage } from '../../plugins/doc-checks/model/guide';
import type { Diagnostic, Page } from '../../plugins/doc-checks/types';
import { guideDriverSource } from '../setup/driver-source';
import {
  callWordSite,
  codeNumberSite,
  driverLogSite,
  ginkgoFocus,
  goTestRun,
  kubectlFlagSite,
  kubectlGetNameSite,
  logGrepSite,
  makeTarget,
  manifestSite,
  type Site,
} from './seed-sites';

const ROOT = path.resolve(__dirname, '../..');
const DRIVER_SOURCE = guideDriverSource();
const HARDWARE = 'docs/HARDWARE_VALIDATION.md';
const TESTING = 'docs/TESTING.md';
type Guide = typeof HARDWARE | typeof TESTING;

const workDir = mkdtempSync(path.join(tmpdir(), 'seeded-defects-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const originals = new Map<Guide, string>([HARDWARE, TESTING].map((g) => [g, readFileSync(path.join(ROOT, g), 'utf8')] as [Guide, string]));
// Each guide is parsed once; the seeds only read the model.
const pages = new Map<Guide, Page>([...originals].map(([g, text]) => [g, buildPage(g, text)]));

const key = (d: Diagnostic) => `${d.line} ${d.ruleId} ${d.message}`;

/** A copy of the guides with `guide` replaced by `text`, checked with every rule. */
async function check(name: string, guide: Guide, text: string): Promise<string[]> {
  const root = path.join(workDir, name);
  cpSync(path.join(ROOT, 'docs'), path.join(root, 'docs'), { recursive: true });
  writeFileSync(path.join(root, guide), text);
  const results = await checkProject({ root, files: [guide], sourceRoot: DRIVER_SOURCE, today: '2026-11-26' });
  return results.files.flatMap((f) => f.diagnostics).map(key);
}

function seeded(guide: Guide, site: Site): string {
  const lines = originals.get(guide)!.split('\n');
  const before = lines[site.line - 1];
  lines[site.line - 1] = site.edit(before);
  expect(lines[site.line - 1], 'the seed changes its line').not.toBe(before);
  return lines.join('\n');
}

/** The kinds of defect the doc checks promise to catch in the guides. */
const KINDS = [
  'a renamed container',
  'a namespace or label typo',
  'a make target or test name that does not exist',
  'an altered log line',
  'a changed number',
  'a misspelt manifest field',
  'a StorageClass nothing creates',
] as const;

interface Seed {
  kind: (typeof KINDS)[number];
  /** Which line is edited, and how. */
  what: string;
  guide: Guide;
  site(page: Page): Site;
  ruleId: string;
  message: string;
}

const SEEDS: Seed[] = [
  {
    kind: 'a renamed container',
    what: 'the first `kubectl ... -c` names the plan\'s container',
    guide: HARDWARE,
    site: (page) => kubectlFlagSite(page, 'container', () => 'rds-csi-plugin'),
    ruleId: 'kubectl-ref',
    message:
      'Container `rds-csi-plugin` is not in deployment/rds-csi-controller; containers there: `rds-csi-driver`, `csi-provisioner`, `csi-attacher`, `csi-resizer`, `csi-snapshotter`, `liveness-probe`',
  },
  {
    kind: 'a namespace or label typo',
    what: 'the first `-n` names a namespace nothing creates',
    guide: HARDWARE,
    site: (page) => kubectlFlagSite(page, 'namespace', () => 'rds-cis'),
    ruleId: 'kubectl-ref',
    message:
      'Namespace `rds-cis` is not created by the manifests install or earlier in the guide, nor built in; expected one of `default`, `kube-node-lease`, `kube-public`, `kube-system`, `rds-csi`; did you mean `rds-csi`?',
  },
  {
    kind: 'a namespace or label typo',
    what: 'the first `-n` names the namespace of another install path',
    guide: HARDWARE,
    site: (page) => kubectlFlagSite(page, 'namespace', () => 'kube-system'),
    ruleId: 'kubectl-ref',
    message:
      '`-l app=rds-csi-controller` selects no Pod in namespace `kube-system` of the manifests install or the guide; there are none in namespace `kube-system`; it selects deployment/rds-csi-controller in namespace `rds-csi`',
  },
  {
    kind: 'a namespace or label typo',
    what: 'the first `-l` selects a misspelt app label',
    guide: HARDWARE,
    site: (page) => kubectlFlagSite(page, 'selector', () => 'app=rds-csi-controler'),
    ruleId: 'kubectl-ref',
    message:
      '`-l app=rds-csi-controler` selects no Pod in namespace `rds-csi` of the manifests install or the guide; labels there: deployment/rds-csi-controller (app=rds-csi-controller); daemonset/rds-csi-node (app=rds-csi-node)',
  },
  {
    kind: 'a StorageClass nothing creates',
    what: 'the first `kubectl get storageclass NAME` misspells the class',
    guide: HARDWARE,
    site: (page) => kubectlGetNameSite(page, 'StorageClass', () => 'rds-hw-validaton'),
    ruleId: 'kubectl-ref',
    message:
      'StorageClass `rds-hw-validaton` is not created by the manifests install or earlier in the guide; expected one of `rds-nvme`, `rds-hw-validation`; did you mean `rds-hw-validation`?',
  },
  {
    kind: 'a StorageClass nothing creates',
    what: 'the first PVC manifest claims from a misspelt class',
    guide: HARDWARE,
    site: (page) => manifestSite(page, 'PersistentVolumeClaim', ['spec', 'storageClassName'], 'value', () => 'rds-hw-validaton'),
    ruleId: 'kubectl-ref',
    message:
      'StorageClass `rds-hw-validaton` is not created by the manifests install or earlier in the guide; expected one of `rds-nvme`, `rds-hw-validation`; did you mean `rds-hw-validation`?',
  },
  {
    kind: 'a misspelt manifest field',
    what: 'the first PVC manifest spells `storageClasName`',
    guide: HARDWARE,
    site: (page) => manifestSite(page, 'PersistentVolumeClaim', ['spec', 'storageClassName'], 'key', () => 'storageClasName'),
    ruleId: 'k8s-manifest',
    message: 'Unknown field `storageClasName` in `spec`; did you mean `storageClassName`?',
  },
  {
    kind: 'an altered log line',
    what: 'the first `text driver-log` line has a changed word',
    guide: HARDWARE,
    site: (page) => driverLogSite(page, (line) => line.replace('Staging volume', 'Staged volume')),
    ruleId: 'driver-log',
    message:
      'Log line "Staged volume pvc-7e1f3b9c-2a64-4d08-b1c7-94e0a6d2f513: NQN=nqn.2000-02.com.mikrotik:pvc-7e1f3b9c-2a64-4d08-b1c7-94e0a6d2f513, Address=10.42.68.1:4420, FSType=ext4" matches no format string the driver logs; the nearest is "Staging volume %s: NQN=%s, Address=%s:%d, FSType=%s" (pkg/driver/node.go:220)',
  },
  {
    kind: 'an altered log line',
    what: 'the first `text driver-log` line lost a word',
    guide: HARDWARE,
    site: (page) => driverLogSite(page, (line) => line.replace('Staging volume', 'Staging')),
    ruleId: 'driver-log',
    message:
      'Log line "Staging pvc-7e1f3b9c-2a64-4d08-b1c7-94e0a6d2f513: NQN=nqn.2000-02.com.mikrotik:pvc-7e1f3b9c-2a64-4d08-b1c7-94e0a6d2f513, Address=10.42.68.1:4420, FSType=ext4" matches no format string the driver logs; the nearest is "Staging volume %s: NQN=%s, Address=%s:%d, FSType=%s" (pkg/driver/node.go:220)',
  },
  {
    kind: 'an altered log line',
    what: 'the first pattern grepped from `kubectl logs` is reworded',
    guide: HARDWARE,
    site: (page) => logGrepSite(page, (pattern) => pattern.replace(/ing\b/, 'ed')),
    ruleId: 'driver-log',
    message:
      '`grep` pattern "Connected with config" (basic syntax) matches no format string the driver logs; the nearest is "Connected to RDS at %s:%d" (pkg/driver/driver.go:202)',
  },
  {
    kind: 'a changed number',
    what: 'the first code link stating a duration states another',
    guide: HARDWARE,
    site: (page) => codeNumberSite(page, (_text, stated) => stated.unit !== undefined, (n) => n.replace(/\d+/, (d) => String(Number(d) + 1))),
    ruleId: 'code-number',
    message:
      'The guide states 6 seconds, but `DefaultConnectionConfig` in `pkg/nvme/config.go` has -1 (`-1`, pkg/nvme/config.go:31), 5 (`5`, pkg/nvme/config.go:32), 0 (`0`, pkg/nvme/config.go:33); expected the link text to state one of the code\'s values',
  },
  {
    kind: 'a changed number',
    what: 'the first `ctrl_loss_tmo` link states the kernel default',
    guide: HARDWARE,
    site: (page) => codeNumberSite(page, (text) => text.includes('ctrl_loss_tmo'), () => '600'),
    ruleId: 'code-number',
    message:
      'The guide states 600, but `DefaultConnectionConfig` in `pkg/nvme/config.go` has -1 (`-1`, pkg/nvme/config.go:31), 5 (`5`, pkg/nvme/config.go:32), 0 (`0`, pkg/nvme/config.go:33); expected the link text to state one of the code\'s values',
  },
  {
    kind: 'a make target or test name that does not exist',
    what: 'the first `make TARGET` is misspelt',
    guide: TESTING,
    site: (page) => callWordSite(page, makeTarget, (target) => `${target}s`),
    ruleId: 'make-target',
    message: 'make target `tests` does not exist in Makefile; did you mean `test`?',
  },
  {
    kind: 'a make target or test name that does not exist',
    what: 'the first `-run` pattern matches nothing',
    guide: TESTING,
    site: (page) => callWordSite(page, goTestRun, (pattern) => pattern.replace('Test', 'Tset')),
    ruleId: 'go-test-run',
    message:
      '`-run TsetReconciler_RESIL03_StaleCleanupAndReattachment` matches no test in `./pkg/attachment/`; its tests are `TestVolumeLockManager_LockUnlock`, `TestVolumeLockManager_DifferentVolumes`, `TestVolumeLockManager_ConcurrentSameVolume`, `TestVolumeLockManager_UnlockNonExistent`, `TestVolumeLockManager_MultipleLockUnlock`, `TestVolumeLockManager_ConcurrentDifferentVolumes`, ...; did you mean `TestReconciler_RESIL03_StaleCleanupAndReattachment`?',
  },
  {
    kind: 'a make target or test name that does not exist',
    what: 'the first literal Ginkgo focus matches no spec',
    guide: TESTING,
    site: (page) => callWordSite(page, ginkgoFocus, (word) => word.replace(/=.*/, '="Resiliency"')),
    ruleId: 'go-test-run',
    message:
      '`-ginkgo.focus=Resiliency` matches no Ginkgo spec in `./test/e2e/...`; its top-level containers are `Block Volume [E2E-02]`, `Concurrent Operations [E2E-04]`, `E2E Suite Sanity`, `Volume Expansion [E2E-03]`, `Volume Lifecycle [E2E-01]`, `Orphan Detection [E2E-05]`, ...; did you mean `Resilience`?',
  },
];

describe('defects seeded into a copy of the guides', async () => {
  const clean = new Map<Guide, string[]>();
  for (const guide of [HARDWARE, TESTING] as Guide[]) clean.set(guide, await check(`clean-${path.basename(guide, '.md')}`, guide, originals.get(guide)!));

  test('the unedited copies are clean', () => {
    expect([...clean.values()].flat()).toEqual([]);
  });

  test('every kind is seeded at least once', () => {
    expect(new Set(SEEDS.map((s) => s.kind))).toEqual(new Set(KINDS));
  });

  SEEDS.forEach(({ kind, what, guide, site, ruleId, message }, i) => {
    test(`${kind}: ${what}, reported by ${ruleId} on the edited line`, async () => {
      const at = site(pages.get(guide)!);
      const found = await check(`seed-${i}`, guide, seeded(guide, at));
      const added = found.filter((k) => !clean.get(guide)!.includes(k));
      expect(added).toEqual([`${at.line} ${ruleId} ${message}`]);
    });
  });
});
