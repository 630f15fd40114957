/**
 * A kubectl command line split into what the checks need: the verb, its
 * positional arguments and the flags, with each word's index so findings
 * point at the word.
 */
export interface Word {
  text: string;
  index: number;
}

export interface KubectlArgs {
  verb: string;
  positionals: Word[];
  flags: Map<string, Word>;
  allNamespaces: boolean;
}

/** Long names of the short flags the checks read. */
const SHORT: Record<string, string> = { n: 'namespace', l: 'selector', c: 'container', o: 'output', f: 'filename', L: 'label-columns', k: 'kustomize', s: 'server' };
/** Flags that take a value (as the next word when not written `--flag=value`). */
const WITH_VALUE = new Set([
  'namespace', 'selector', 'container', 'output', 'filename', 'label-columns', 'kustomize', 'server', 'field-selector', 'sort-by',
  'template', 'for', 'timeout', 'tail', 'since', 'since-time', 'type', 'replicas', 'grace-period', 'context', 'kubeconfig',
  'cluster', 'user', 'as', 'limit-bytes', 'max-log-requests', 'image', 'restart', 'env', 'overrides', 'labels', 'request-timeout',
  'current-replicas', 'chunk-size', 'subresource', 'patch', 'pod-running-timeout', 'address', 'field-manager',
]);

export function parseKubectl(words: readonly string[]): KubectlArgs | undefined {
  if (words[0] !== 'kubectl') return undefined;
  const positionals: Word[] = [];
  const flags = new Map<string, Word>();
  let allNamespaces = false;
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    if (word === '--') break; // The command `exec` runs.
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq === -1 ? undefined : eq);
      if (name === 'all-namespaces') allNamespaces = true;
      if (eq !== -1) flags.set(name, { text: word.slice(eq + 1), index: i });
      else if (WITH_VALUE.has(name) && i + 1 < words.length) flags.set(name, { text: words[++i], index: i });
    } else if (word.startsWith('-') && word.length > 1) {
      const letter = word[1];
      const name = SHORT[letter];
      if (letter === 'A') allNamespaces = true;
      // `-p` is `--patch` for patch and `--previous` for logs.
      const takesValue = name ? WITH_VALUE.has(name) : letter === 'p' && positionals[0]?.text === 'patch';
      if (!takesValue) continue;
      const key = name ?? 'patch';
      if (word.length > 2) flags.set(key, { text: word.slice(word[2] === '=' ? 3 : 2), index: i });
      else if (i + 1 < words.length) flags.set(key, { text: words[++i], index: i });
    } else {
      positionals.push({ text: word, index: i });
    }
  }
  const [verb, ...rest] = positionals;
  return verb ? { verb: verb.text, positionals: rest, flags, allNamespaces } : undefined;
}

/** kubectl's resource names and short names of the kinds the guides meet. */
const TYPES: Record<string, string> = {};
for (const [kind, ...names] of [
  ['Pod', 'pod', 'pods', 'po'],
  ['Deployment', 'deployment', 'deployments', 'deploy'],
  ['DaemonSet', 'daemonset', 'daemonsets', 'ds'],
  ['StatefulSet', 'statefulset', 'statefulsets', 'sts'],
  ['ReplicaSet', 'replicaset', 'replicasets', 'rs'],
  ['Job', 'job', 'jobs'],
  ['CronJob', 'cronjob', 'cronjobs', 'cj'],
  ['Service', 'service', 'services', 'svc'],
  ['ServiceAccount', 'serviceaccount', 'serviceaccounts', 'sa'],
  ['ConfigMap', 'configmap', 'configmaps', 'cm'],
  ['Secret', 'secret', 'secrets'],
  ['Namespace', 'namespace', 'namespaces', 'ns'],
  ['Node', 'node', 'nodes', 'no'],
  ['PersistentVolume', 'persistentvolume', 'persistentvolumes', 'pv'],
  ['PersistentVolumeClaim', 'persistentvolumeclaim', 'persistentvolumeclaims', 'pvc'],
  ['StorageClass', 'storageclass', 'storageclasses', 'sc'],
  ['CSIDriver', 'csidriver', 'csidrivers'],
  ['CSINode', 'csinode', 'csinodes'],
  ['VolumeAttachment', 'volumeattachment', 'volumeattachments'],
  ['VolumeSnapshot', 'volumesnapshot', 'volumesnapshots', 'vs'],
  ['VolumeSnapshotClass', 'volumesnapshotclass', 'volumesnapshotclasses', 'vsclass', 'vsclasses'],
  ['VolumeSnapshotContent', 'volumesnapshotcontent', 'volumesnapshotcontents', 'vsc', 'vscontent', 'vscontents'],
  ['Event', 'event', 'events', 'ev'],
  ['Endpoints', 'endpoints', 'ep'],
  ['Lease', 'lease', 'leases'],
  ['ClusterRole', 'clusterrole', 'clusterroles'],
  ['ClusterRoleBinding', 'clusterrolebinding', 'clusterrolebindings'],
  ['Role', 'role', 'roles'],
  ['RoleBinding', 'rolebinding', 'rolebindings'],
  ['CustomResourceDefinition', 'customresourcedefinition', 'customresourcedefinitions', 'crd', 'crds'],
  ['PriorityClass', 'priorityclass', 'priorityclasses', 'pc'],
]) {
  for (const name of names) TYPES[name] = kind;
}

/** The kind a resource type names (`deploy`, `pods`, `deployments.apps`), or undefined. */
export function kindOf(type: string): string | undefined {
  const lower = type.toLowerCase();
  return TYPES[lower] ?? TYPES[lower.split('.')[0]];
}

export const TYPE_NAMES = Object.keys(TYPES);
