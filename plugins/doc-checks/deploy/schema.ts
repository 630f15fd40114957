/**
 * Offline validation of one Kubernetes object against the API schemas.
 *
 * Two maintained libraries, each for what it does well: kubernetes-models
 * (ajv validators generated from the OpenAPI schemas) knows which
 * apiVersion/kind pairs exist and checks types, enums and required fields,
 * but accepts unknown fields; @kubernetes/client-node carries, for every API
 * type, the list of its fields and their types (its `attributeTypeMap`),
 * which is walked here so that an unknown field (`storageClasName`) is an
 * error at its key. snapshot.storage.k8s.io is a CRD that neither library
 * models; it gets the small hand-written schema in snapshot-schema.ts.
 */
import { createRequire } from 'node:module';
import { nearest } from './nearest';
import { SNAPSHOT_GROUP, snapshotAttributes, snapshotRootType, type Attribute } from './snapshot-schema';

export interface SchemaFinding {
  /** Keys and indexes from the document root to the field. */
  path: (string | number)[];
  message: string;
}

type Data = Record<string, unknown>;

const API_VERSION = /^(?:[a-z0-9][a-z0-9.-]*\/)?v\d+(?:(?:alpha|beta)\d+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const PRIMITIVES = new Set(['string', 'number', 'boolean', 'Date', 'any', 'IntOrString']);

export async function validateObject(value: unknown): Promise<SchemaFinding[]> {
  if (!isRecord(value)) return [{ path: [], message: 'Expected a Kubernetes object (a YAML mapping with apiVersion and kind)' }];
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    const missing = typeof apiVersion !== 'string' ? 'apiVersion' : 'kind';
    return [{ path: [], message: `The object has no \`${missing}\`; expected apiVersion and kind on every Kubernetes object` }];
  }
  if (!API_VERSION.test(apiVersion)) return [{ path: ['apiVersion'], message: `\`${apiVersion}\` is not an apiVersion; expected \`group/version\` or \`v1\`` }];
  if (!KIND.test(kind)) return [{ path: ['kind'], message: `\`${kind}\` is not a kind; expected a name such as \`PersistentVolumeClaim\`` }];
  if (apiVersion.startsWith(`${SNAPSHOT_GROUP}/`)) {
    const root = snapshotRootType(apiVersion, kind);
    if (!root) return [{ path: ['kind'], message: `\`${kind}\` is not a kind of \`${apiVersion}\`; expected VolumeSnapshot, VolumeSnapshotClass or VolumeSnapshotContent of ${SNAPSHOT_GROUP}/v1` }];
    const findings: SchemaFinding[] = [];
    await walk(value, root, [], findings);
    return findings;
  }
  const api = await loadApiType(apiVersion, kind);
  if (!api) return [{ path: ['kind'], message: `\`${apiVersion}\` has no kind \`${kind}\` in the Kubernetes API; expected a built-in kind of that apiVersion` }];
  const findings: SchemaFinding[] = [];
  if (api.typeName) await walk(value, api.typeName, [], findings);
  const unknown = findings.map((f) => f.path.join('/'));
  for (const error of validateWith(api.model, value)) {
    // A type error below an unknown field is the same mistake, already reported.
    if (!unknown.some((u) => error.path.join('/').startsWith(u))) findings.push(error);
  }
  return findings;
}

// ---------------------------------------------------------------------------
// Field walk (unknown fields)

async function walk(value: unknown, type: string, path: (string | number)[], findings: SchemaFinding[]): Promise<void> {
  if (value === null || value === undefined || PRIMITIVES.has(type)) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) await walk(value[i], array[1], [...path, i], findings);
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (isRecord(value)) for (const [key, v] of Object.entries(value)) await walk(v, map[1], [...path, key], findings);
    return;
  }
  const attributes = await attributesOf(type);
  if (!attributes || !isRecord(value)) return; // Wrong shapes are the type validator's to report.
  const byName = new Map(attributes.map((a) => [a.baseName, a]));
  for (const [key, v] of Object.entries(value)) {
    const attribute = byName.get(key);
    if (!attribute) {
      findings.push({ path: [...path, key], message: unknownField(key, path, [...byName.keys()]) });
      continue;
    }
    const problem = checkValue(attribute, v);
    if (problem) findings.push({ path: [...path, key], message: problem });
    else await walk(v, attribute.type, [...path, key], findings);
  }
  for (const attribute of attributes) {
    if (attribute.required && value[attribute.baseName] === undefined) {
      findings.push({ path, message: `\`${attribute.baseName}\` is required${path.length ? ` in \`${fieldPath(path)}\`` : ''}; it is missing` });
    }
  }
}

function unknownField(key: string, path: (string | number)[], known: string[]): string {
  const where = path.length === 0 ? 'at the top level' : `in \`${fieldPath(path)}\``;
  const close = nearest(key, known);
  const expected = close ? `did you mean \`${close}\`?` : `expected one of ${known.map((k) => `\`${k}\``).join(', ')}`;
  return `Unknown field \`${key}\` ${where}; ${expected}`;
}

/** Type and enum checks of the hand-written schema (the generated validators do the rest). */
function checkValue(attribute: Attribute, value: unknown): string | undefined {
  if (!attribute.checked || value === null) return undefined;
  const actual = Array.isArray(value) ? 'array' : typeof value;
  const expected = attribute.type === 'string' ? 'string' : attribute.type === 'boolean' ? 'boolean' : attribute.type.startsWith('{') || !PRIMITIVES.has(attribute.type) ? 'object' : undefined;
  if (expected && actual !== expected) return `\`${attribute.baseName}\` is a ${actual}; expected a ${expected}`;
  if (attribute.enum && !attribute.enum.includes(String(value))) {
    return `\`${attribute.baseName}\` is \`${String(value)}\`; expected one of ${attribute.enum.map((e) => `\`${e}\``).join(', ')}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// The libraries, loaded by name on demand (each API type is its own module)

interface ModelClass {
  new (data: unknown): { validate(): void };
}

const attributeCache = new Map<string, Promise<Attribute[] | undefined>>();
const modelCache = new Map<string, Promise<{ model: ModelClass; typeName?: string } | undefined>>();

function attributesOf(type: string): Promise<Attribute[] | undefined> {
  const own = snapshotAttributes(type);
  if (own) return Promise.resolve(own);
  let cached = attributeCache.get(type);
  if (!cached) {
    cached = importModule(`@kubernetes/client-node/dist/gen/models/${type}.js`).then((module) => {
      const attributes = (module?.[type] as { attributeTypeMap?: Attribute[] } | undefined)?.attributeTypeMap;
      return Array.isArray(attributes) ? attributes : undefined;
    });
    attributeCache.set(type, cached);
  }
  return cached;
}

/**
 * The generated validator of an apiVersion/kind (its existence is what makes
 * the pair valid) and client-node's name of the type: `V1Pod`, or a
 * group-qualified `StorageV1TokenRequest` where plain names collide.
 */
function loadApiType(apiVersion: string, kind: string): Promise<{ model: ModelClass; typeName?: string } | undefined> {
  const key = `${apiVersion}/${kind}`;
  let cached = modelCache.get(key);
  if (!cached) {
    cached = (async () => {
      const module = await importModule(`kubernetes-models/${apiVersion}/${kind}`);
      const model = module?.[kind] as ModelClass | undefined;
      if (!model) return undefined;
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
      const ver = capitalise(version);
      for (const typeName of [`${capitalise(group.split('.')[0])}${ver}${kind}`, `${ver}${kind}`]) {
        if (await attributesOf(typeName)) return { model, typeName };
      }
      return { model };
    })();
    modelCache.set(key, cached);
  }
  return cached;
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * One API type's module, by name: kubernetes-models is loaded from
 * node_modules at run time, never bundled, and through require (its
 * CommonJS build), which a bundle compiled from V8's code cache can call.
 */
async function importModule(specifier: string): Promise<Record<string, unknown> | undefined> {
  try {
    return createRequire(import.meta.url)(specifier) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function validateWith(model: ModelClass, value: Data): SchemaFinding[] {
  try {
    new model(value).validate();
    return [];
  } catch (error) {
    const details = (error as { errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] }).errors;
    if (!Array.isArray(details)) return [{ path: [], message: `The object does not validate: ${String((error as Error).message ?? error)}` }];
    return details.map((d) => {
      const path = d.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
      const field = path.length ? `\`${fieldPath(path)}\`` : 'The object';
      const allowed = Array.isArray(d.params?.allowedValues) ? ` (${(d.params.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(', ')})` : '';
      return { path, message: `${field} ${d.message ?? 'is invalid'}${allowed}` };
    });
  }
}

/** `spec.containers[0].ports`, as kubectl explain writes field paths. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function isRecord(value: unknown): value is Data {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
