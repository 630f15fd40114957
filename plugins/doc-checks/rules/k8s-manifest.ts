import { driverParameterKeys } from '../deploy/driver-params';
import { loadDeployModel } from '../deploy/model';
import { nearest } from '../deploy/nearest';
import { pageManifests } from '../deploy/page-manifests';
import { validateObject } from '../deploy/schema';
import { rangeAt, readYaml } from '../deploy/yaml-docs';
import type { PageContext, PageRule, Point } from '../types';
import { ruleUrl } from './url';

/** Keys the external-provisioner consumes itself; the driver never sees them as parameters. */
const PROVISIONER_PREFIX = 'csi.storage.k8s.io/';

/** A manifest in a guide is run by readers as written: it must be valid offline. */
const rule: PageRule = {
  id: 'k8s-manifest',
  description: 'Kubernetes manifests in the guides are valid against the API schemas, without unknown fields, and use StorageClass parameters the driver reads',
  url: ruleUrl('k8s-manifest'),
  severity: 'error',
  scope: 'page',
  async check(ctx) {
    for (const block of pageManifests(ctx.page)) {
      const { docs, problem } = readYaml(block.text);
      if (problem) report(ctx, block.at(problem.offset), problem.message);
      for (const { value, doc } of docs) {
        if (value === null || value === undefined) continue;
        const at = (path: (string | number)[]) => block.at(rangeAt(doc, path)[0]);
        for (const finding of await validateObject(value)) report(ctx, at(finding.path), finding.message);
        const parameters = storageClassParameters(value);
        if (!parameters) continue;
        // Without a checkout, driver-source says once what went unchecked.
        if (!ctx.workspace.sourceRoot) continue;
        const keys = await driverParameterKeys(ctx.workspace.sourceRoot);
        const driver = driverName(ctx.workspace.sourceRoot);
        if ('problem' in keys) {
          report(ctx, at(['parameters']), `StorageClass parameters were not verified: ${keys.problem}`);
          continue;
        }
        if (driver && (value as { provisioner?: unknown }).provisioner !== driver) continue;
        for (const key of parameters) {
          if (key.startsWith(PROVISIONER_PREFIX) || keys.has(key)) continue;
          const close = nearest(key, keys);
          const known = [...keys].sort().map((k) => `\`${k}\``).join(', ');
          report(ctx, at(['parameters', key]), `StorageClass parameter \`${key}\` is not one the driver reads${close ? `; did you mean \`${close}\`?` : ''} (the driver reads ${known}, plus \`${PROVISIONER_PREFIX}*\` keys that the provisioner consumes)`);
        }
      }
    }
  },
};

function report(ctx: PageContext, at: Point, message: string): void {
  ctx.report({ start: at, end: at }, message);
}

function storageClassParameters(value: unknown): string[] | undefined {
  const object = value as { kind?: unknown; parameters?: unknown };
  if (object?.kind !== 'StorageClass' || !object.parameters || typeof object.parameters !== 'object') return undefined;
  return Object.keys(object.parameters);
}

/** The driver's name, from its CSIDriver object; parameters of other provisioners are not the driver's. */
function driverName(sourceRoot: string): string | undefined {
  return loadDeployModel(sourceRoot, 'manifests').objects.find((o) => o.kind === 'CSIDriver')?.name;
}

export default rule;
