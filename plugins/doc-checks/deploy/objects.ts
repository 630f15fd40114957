/**
 * The Kubernetes objects a guide can refer to: what the driver's install
 * creates (deploy model) and what the guide creates itself, reduced to what
 * the checks compare against: kind, name, namespace, labels, pod templates
 * with their containers, StorageClass parameters.
 */
export type Labels = Record<string, string>;

export interface Container {
  name: string;
  args: string[];
  ports: { name?: string; containerPort: number }[];
  /** `liveness`, `readiness`, `startup`. */
  probes: string[];
}

export interface DeployObject {
  apiVersion: string;
  kind: string;
  /** Empty when only `nameSuffix` is known (a Helm name built from the release name). */
  name: string;
  /** Set when the name is `<release>-...`: any name ending so matches. */
  nameSuffix?: string;
  /** Set when kustomize appends a content hash: the name is `<name>-<hash>`. */
  hashSuffix?: boolean;
  /** Undefined for cluster-scoped objects, and for a guide's objects put in the current namespace. */
  namespace?: string;
  labels: Labels;
  /** Label keys whose value is not known (Helm's release name): any value matches. */
  anyValue?: string[];
  /** The pod template of a workload (a Pod's own spec for a Pod). */
  pod?: { labels: Labels; containers: Container[] };
  parameters?: Record<string, string>;
  /** Where it comes from: `deploy/kubernetes/node.yaml:4`, or a line of the guide. */
  origin: string;
}

/** Kinds that live outside namespaces (the ones the guides meet). */
export const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'VolumeSnapshotClass',
  'VolumeSnapshotContent',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
]);

const WORKLOADS = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job', 'ReplicationController']);

type Data = Record<string, unknown>;

function record(value: unknown): Data {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function labelsOf(value: unknown): Labels {
  const labels: Labels = {};
  for (const [key, v] of Object.entries(record(value))) if (v !== null && typeof v !== 'object') labels[key] = String(v);
  return labels;
}

/** One document of a manifest as a model object, or undefined when it has no kind or name. */
export function objectFrom(value: unknown, origin: string): DeployObject | undefined {
  const data = record(value);
  const metadata = record(data.metadata);
  if (typeof data.kind !== 'string' || typeof metadata.name !== 'string') return undefined;
  const object: DeployObject = {
    apiVersion: String(data.apiVersion ?? ''),
    kind: data.kind,
    name: metadata.name,
    labels: labelsOf(metadata.labels),
    origin,
  };
  if (typeof metadata.namespace === 'string' && !CLUSTER_SCOPED.has(data.kind)) object.namespace = metadata.namespace;
  const pod = podTemplate(data);
  if (pod) object.pod = pod;
  if (data.kind === 'StorageClass' || data.kind === 'VolumeSnapshotClass') {
    const parameters: Record<string, string> = {};
    for (const [key, v] of Object.entries(record(data.parameters))) parameters[key] = String(v);
    object.parameters = parameters;
  }
  return object;
}

function podTemplate(data: Data): DeployObject['pod'] {
  const spec = record(data.spec);
  let template: Data | undefined;
  if (data.kind === 'Pod') template = data;
  else if (WORKLOADS.has(String(data.kind))) template = record(spec.template);
  else if (data.kind === 'CronJob') template = record(record(record(spec.jobTemplate).spec).template);
  if (!template) return undefined;
  const podSpec = record(template.spec);
  const containers = [...list(podSpec.initContainers), ...list(podSpec.containers)].map(containerFrom);
  return { labels: labelsOf(record(template.metadata).labels), containers };
}

function containerFrom(value: unknown): Container {
  const data = record(value);
  return {
    name: String(data.name ?? ''),
    args: list(data.args).map(String),
    ports: list(data.ports).map((p) => {
      const port = record(p);
      return { ...(typeof port.name === 'string' ? { name: port.name } : {}), containerPort: Number(port.containerPort) };
    }),
    probes: ['liveness', 'readiness', 'startup'].filter((p) => data[`${p}Probe`] !== undefined),
  };
}

/** Kinds that make pods from a template. */
export function isWorkload(kind: string): boolean {
  return WORKLOADS.has(kind) || kind === 'CronJob';
}
