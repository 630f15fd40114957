import { pageManifests } from '../deploy/page-manifests';
import { readYaml } from '../deploy/yaml-docs';
import type { PageRule } from '../types';
import { isDriverLog } from './driver-log';
import { ruleUrl } from './url';

/**
 * The rules that hold a guide to the driver (code-link, code-number,
 * driver-log, kubectl-ref, and k8s-manifest's parameter keys) need a driver
 * checkout. Without one they stay silent, and this rule says so once per page,
 * naming what went unchecked, so a missing checkout never reads as a pass.
 */
const rule: PageRule = {
  id: 'driver-source',
  description: 'A page whose claims about the driver can be checked is checked against a driver source',
  url: ruleUrl('driver-source'),
  severity: 'warning',
  scope: 'page',
  check({ page, workspace, report }) {
    if (workspace.sourceRoot) return;
    const codeLinks = page.links.filter((l) => l.kind === 'code' && l.target).map((l) => l.node);
    // kubectl commands are claims about an install of the driver once the page names its install path.
    const declared = (page.frontmatter?.data as { driver_install?: unknown } | undefined)?.driver_install !== undefined;
    const kubectl = declared ? page.commands.filter((c) => c.calls.some((call) => call.words[0] === 'kubectl')).map((c) => c.node) : [];
    const logBlocks = page.codeBlocks.filter(isDriverLog);
    const storageClasses = pageManifests(page)
      .filter((m) => readYaml(m.text).docs.some(({ value }) => (value as { kind?: unknown } | null)?.kind === 'StorageClass'))
      .map((m) => m.node);
    const parts = [
      count(codeLinks.length, 'link into the driver source', 'links into the driver source'),
      count(kubectl.length, 'block of kubectl commands', 'blocks of kubectl commands'),
      count(logBlocks.length, 'driver log block', 'driver log blocks'),
      count(storageClasses.length, 'StorageClass manifest', 'StorageClass manifests'),
    ].filter((p): p is string => p !== undefined);
    if (parts.length === 0) return;
    const first = [...codeLinks, ...kubectl, ...logBlocks, ...storageClasses].sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0))[0];
    report(first, `Not checked against the driver source: ${parts.join(', ')}; expected --source-root DIR or RDS_CSI_SOURCE naming a checkout of the driver`);
  },
};

function count(n: number, one: string, many: string): string | undefined {
  return n === 0 ? undefined : `${n} ${n === 1 ? one : many}`;
}

export default rule;
