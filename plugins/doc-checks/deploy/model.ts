/**
 * The deploy model: what each install path of the driver creates, read from
 * the driver checkout (`deploy/kubernetes/`, `examples/`, the Helm chart's
 * values). Read once per source root and install path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isFile, resolveInside } from '../source/paths';
import { pointAt } from '../text';
import { CLUSTER_SCOPED, objectFrom, type DeployObject, type Labels } from './objects';
import { readYaml } from './yaml-docs';
import { noteFile, noteList } from '../cache/track';

export const INSTALL_PATHS = ['manifests', 'kustomize', 'helm'] as const;
export type InstallPath = (typeof INSTALL_PATHS)[number];

export const MANIFEST_DIR = 'deploy/kubernetes';
export const EXAMPLES_DIR = 'examples';
export const CHART_DIR = 'deploy/helm/rds-csi-driver';

export interface DeployModel {
  install: InstallPath;
  objects: DeployObject[];
  /** Files that could not be read, with the reason. */
  problems: string[];
}

/** What `helm install RELEASE CHART -n NAMESPACE` in the guide says; both unknown without one. */
export interface HelmRelease {
  release?: string;
  namespace?: string;
}

const cache = new Map<string, { model: DeployModel; reads: Read[] }>();

/** A file or a directory listing the model was built from (the build is synchronous: one at a time). */
type Read = { file: string } | { dir: string };
let reads: Read[] = [];

export function loadDeployModel(sourceRoot: string, install: InstallPath, helm: HelmRelease = {}): DeployModel {
  const key = `${sourceRoot}\0${install}\0${helm.release ?? ''}\0${helm.namespace ?? ''}`;
  let built = cache.get(key);
  if (!built) {
    reads = [];
    built = { model: build(sourceRoot, install, helm), reads };
    cache.set(key, built);
  }
  // Every use, not only the build: each checked file depends on what the model read.
  for (const read of built.reads) {
    if ('file' in read) noteFile(sourceRoot, read.file);
    else noteList(sourceRoot, read.dir);
  }
  return built.model;
}

function build(sourceRoot: string, install: InstallPath, helm: HelmRelease): DeployModel {
  const problems: string[] = [];
  const read = (path: string) => readObjects(sourceRoot, path, problems);
  const examples = yamlFiles(sourceRoot, EXAMPLES_DIR).flatMap(read);
  let objects: DeployObject[];
  if (install === 'manifests') {
    objects = yamlFiles(sourceRoot, MANIFEST_DIR)
      .filter((f) => !/\/kustomization\.ya?ml$/.test(f))
      .flatMap(read);
  } else if (install === 'kustomize') {
    objects = kustomize(sourceRoot, read, problems);
  } else {
    objects = helmObjects(sourceRoot, helm, problems);
  }
  return { install, objects: [...objects, ...examples], problems };
}

function readText(sourceRoot: string, path: string): string | undefined {
  reads.push({ file: path });
  const resolved = resolveInside(sourceRoot, path);
  if (!resolved.ok || !isFile(resolved.absolute)) return undefined;
  return readFileSync(resolved.absolute, 'utf8');
}

function yamlFiles(sourceRoot: string, dir: string): string[] {
  reads.push({ dir });
  const resolved = resolveInside(sourceRoot, dir);
  if (!resolved.ok) return [];
  try {
    return readdirSync(resolved.absolute)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => `${dir}/${name}`);
  } catch {
    return [];
  }
}

function readDocuments(sourceRoot: string, path: string, problems: string[]): { value: unknown; line: number }[] {
  const text = readText(sourceRoot, path);
  if (text === undefined) {
    problems.push(`\`${path}\` does not exist in the driver source`);
    return [];
  }
  const { docs, problem } = readYaml(text, 'a driver manifest');
  if (problem) problems.push(`\`${path}\` line ${pointAt(text, problem.offset).line}: ${problem.message}`);
  return docs.map(({ value, doc }) => ({ value, line: pointAt(text, doc.contents?.range?.[0] ?? 0).line }));
}

function readObjects(sourceRoot: string, path: string, problems: string[]): DeployObject[] {
  return readDocuments(sourceRoot, path, problems).flatMap(({ value, line }) => {
    const object = objectFrom(value, `${path}:${line}`);
    return object ? [object] : [];
  });
}

// ---------------------------------------------------------------------------
// kustomize

type Data = Record<string, unknown>;
const asRecord = (v: unknown): Data => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});

/**
 * `kubectl apply -k deploy/kubernetes/`: the listed resources with the
 * kustomization's `namespace` (on namespaced objects) and `commonLabels`
 * (on every object's labels, and, as kustomize does, on workload selectors
 * and pod templates). Generators add a ConfigMap or Secret; when a resource
 * of that name exists they merge into it, otherwise kustomize appends a
 * content hash to the name.
 */
function kustomize(sourceRoot: string, read: (path: string) => DeployObject[], problems: string[]): DeployObject[] {
  const path = `${MANIFEST_DIR}/kustomization.yaml`;
  const [doc] = readDocuments(sourceRoot, path, problems);
  const kustomization = asRecord(doc?.value);
  const resources = (Array.isArray(kustomization.resources) ? kustomization.resources : []).map(String);
  const namespace = typeof kustomization.namespace === 'string' ? kustomization.namespace : undefined;
  const commonLabels: Labels = {};
  for (const [k, v] of Object.entries(asRecord(kustomization.commonLabels))) commonLabels[k] = String(v);

  const objects = resources.flatMap((resource) => {
    // Resources are files beside the kustomization; remote bases are not followed.
    if (/^[a-z]+:\/\//i.test(resource) || resource.startsWith('/')) {
      problems.push(`\`${path}\`: resource \`${resource}\` is not a local file and is not modelled`);
      return [];
    }
    return read(`${MANIFEST_DIR}/${resource}`);
  });
  for (const [field, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
    const generators = Array.isArray(kustomization[field]) ? (kustomization[field] as unknown[]) : [];
    for (const generator of generators) {
      const name = asRecord(generator).name;
      if (typeof name !== 'string') continue;
      if (objects.some((o) => o.kind === kind && o.name === name)) continue;
      objects.push({ apiVersion: 'v1', kind, name, hashSuffix: true, labels: {}, origin: `${path}:${doc?.line ?? 1}` });
    }
  }
  return objects.map((object) => {
    const out: DeployObject = { ...object, labels: { ...object.labels, ...commonLabels } };
    if (namespace && !CLUSTER_SCOPED.has(object.kind)) out.namespace = namespace;
    if (object.pod) out.pod = { ...object.pod, labels: { ...object.pod.labels, ...commonLabels } };
    return out;
  });
}

// ---------------------------------------------------------------------------
// Helm

/**
 * The chart's templates are Go templates, and no maintained JavaScript
 * implementation of Helm's template language exists, so they are not
 * rendered. What is modelled comes from `Chart.yaml` and `values.yaml`
 * defaults, with names and labels built as the chart's `_helpers.tpl`
 * builds them: `<fullname>-controller` (Deployment, ServiceAccount),
 * `<fullname>-node` (DaemonSet, ServiceAccount), selector labels
 * `app.kubernetes.io/name`, `app.kubernetes.io/instance` and
 * `app.kubernetes.io/component`, the enabled StorageClasses and the
 * VolumeSnapshotClass by name. Containers, ports, probes, StorageClass
 * parameters, Secrets and ConfigMaps are not modelled.
 */
function helmObjects(sourceRoot: string, helm: HelmRelease, problems: string[]): DeployObject[] {
  const chart = asRecord(readDocuments(sourceRoot, `${CHART_DIR}/Chart.yaml`, problems)[0]?.value);
  const valuesPath = `${CHART_DIR}/values.yaml`;
  const values = asRecord(readDocuments(sourceRoot, valuesPath, problems)[0]?.value);
  const origin = `${valuesPath}:1`;
  const chartName = String(chart.name ?? '');
  const name = nonEmpty(values.nameOverride) ?? chartName;
  const fullname = nonEmpty(values.fullnameOverride) ?? (helm.release ? (helm.release.includes(name) ? helm.release : `${helm.release}-${name}`) : undefined);
  // Without `helm install -n` in the guide the namespace is unknown: `*` matches any.
  const namespace = helm.namespace ?? '*';
  const named = (suffix: string) => (fullname ? { name: `${fullname}${suffix}` } : { name: '', nameSuffix: suffix });
  const selector = (component: string): Labels => ({
    'app.kubernetes.io/name': name,
    ...(helm.release ? { 'app.kubernetes.io/instance': helm.release } : {}),
    'app.kubernetes.io/component': component,
  });
  const anyValue = helm.release ? undefined : ['app.kubernetes.io/instance'];
  const workload = (kind: string, component: string): DeployObject => ({
    apiVersion: 'apps/v1',
    kind,
    ...named(`-${component}`),
    ...(namespace ? { namespace } : {}),
    labels: selector(component),
    ...(anyValue ? { anyValue } : {}),
    pod: { labels: selector(component), containers: [] },
    origin,
  });
  const objects: DeployObject[] = [workload('Deployment', 'controller'), workload('DaemonSet', 'node')];
  for (const component of ['controller', 'node']) {
    objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', ...named(`-${component}`), ...(namespace ? { namespace } : {}), labels: {}, origin });
  }
  if (asRecord(values.namespace).create === true && namespace) {
    objects.push({ apiVersion: 'v1', kind: 'Namespace', name: namespace, labels: {}, origin });
  }
  for (const sc of Array.isArray(values.storageClasses) ? values.storageClasses : []) {
    const entry = asRecord(sc);
    if (entry.enabled === true && typeof entry.name === 'string') {
      objects.push({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: entry.name, labels: {}, origin });
    }
  }
  const snapshotClass = asRecord(values.snapshotClass);
  if (snapshotClass.enabled === true && typeof snapshotClass.name === 'string') {
    objects.push({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', name: snapshotClass.name, labels: {}, origin });
  }
  return objects;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
