/**
 * snapshot.storage.k8s.io/v1 is a CRD (kubernetes-csi/external-snapshotter),
 * so neither kubernetes-models nor @kubernetes/client-node has it. This is a
 * small schema of its documented fields, in client-node's attribute format
 * so that one walk serves both; `checked` fields get type, enum and
 * required checks here (the generated validators do that for built-in kinds).
 */
export interface Attribute {
  baseName: string;
  type: string;
  required?: boolean;
  enum?: string[];
  /** Checked by the walk itself (hand-written schema only). */
  checked?: boolean;
}

export const SNAPSHOT_GROUP = 'snapshot.storage.k8s.io';

const field = (baseName: string, type: string, extra: Partial<Attribute> = {}): Attribute => ({ baseName, type, checked: true, ...extra });
const DELETION_POLICY = { enum: ['Delete', 'Retain'] };
const HEADER = [field('apiVersion', 'string'), field('kind', 'string'), field('metadata', 'V1ObjectMeta')];

const TYPES: Record<string, Attribute[]> = {
  SnapshotV1VolumeSnapshot: [...HEADER, field('spec', 'SnapshotV1VolumeSnapshotSpec', { required: true }), field('status', 'SnapshotV1VolumeSnapshotStatus')],
  SnapshotV1VolumeSnapshotSpec: [field('source', 'SnapshotV1VolumeSnapshotSource', { required: true }), field('volumeSnapshotClassName', 'string')],
  SnapshotV1VolumeSnapshotSource: [field('persistentVolumeClaimName', 'string'), field('volumeSnapshotContentName', 'string')],
  SnapshotV1VolumeSnapshotStatus: [
    field('boundVolumeSnapshotContentName', 'string'),
    field('creationTime', 'string'),
    field('readyToUse', 'boolean'),
    field('restoreSize', 'string'),
    field('error', 'SnapshotV1VolumeSnapshotError'),
    field('volumeGroupSnapshotName', 'string'),
  ],
  SnapshotV1VolumeSnapshotError: [field('message', 'string'), field('time', 'string')],
  SnapshotV1VolumeSnapshotClass: [
    ...HEADER,
    field('driver', 'string', { required: true }),
    field('deletionPolicy', 'string', { required: true, ...DELETION_POLICY }),
    field('parameters', '{ [key: string]: string; }'),
  ],
  SnapshotV1VolumeSnapshotContent: [...HEADER, field('spec', 'SnapshotV1VolumeSnapshotContentSpec', { required: true }), field('status', 'any')],
  SnapshotV1VolumeSnapshotContentSpec: [
    field('deletionPolicy', 'string', { required: true, ...DELETION_POLICY }),
    field('driver', 'string', { required: true }),
    field('source', 'SnapshotV1VolumeSnapshotContentSource', { required: true }),
    field('sourceVolumeMode', 'string', { enum: ['Block', 'Filesystem'] }),
    field('volumeSnapshotClassName', 'string'),
    field('volumeSnapshotRef', 'V1ObjectReference', { required: true }),
  ],
  SnapshotV1VolumeSnapshotContentSource: [field('snapshotHandle', 'string'), field('volumeHandle', 'string')],
};

const KINDS = new Set(['VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent']);

/** The schema's root type for an object of the group, or undefined for another version or kind. */
export function snapshotRootType(apiVersion: string, kind: string): string | undefined {
  return apiVersion === `${SNAPSHOT_GROUP}/v1` && KINDS.has(kind) ? `SnapshotV1${kind}` : undefined;
}

export function snapshotAttributes(type: string): Attribute[] | undefined {
  return Object.hasOwn(TYPES, type) ? TYPES[type] : undefined;
}
