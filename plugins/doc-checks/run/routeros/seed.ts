/**
 * What the mock must hold before a step, and a second way to ask it.
 *
 * The mock starts empty for every step. A `/disk print` step whose expected
 * output shows file disks expects them on the RDS: the driver created them
 * in the guide's earlier steps (a PVC, a VolumeSnapshot). They are added
 * the way the driver adds them (pkg/rds: CreateVolume's `/disk add
 * type=file ... nvme-tcp-export=yes`, CreateSnapshot's `/disk add
 * type=file copy-from=[find slot=...]`), with the values the guide shows.
 */
import type { RouterOsEntry } from './output';

/** The source a snapshot disk is copied from; the name says it is a stand-in. */
const SNAPSHOT_SOURCE = 'seed-source';
const DEFAULT_PORT = 4420;
const NQN_PREFIX = 'nqn.2000-02.com.mikrotik:';

export interface Seeds {
  commands: string[];
  /** Slots of the disks the step's output shows, as seeded. */
  slots: string[];
  /** Entries that could not be seeded, and why. */
  skipped: string[];
}

export function seedsFor(command: string, expected: RouterOsEntry[]): Seeds {
  const seeds: Seeds = { commands: [], slots: [], skipped: [] };
  if (!/^\/disk[ /]print\b/.test(command.trim())) return seeds;
  for (const [index, entry] of expected.entries()) {
    const field = (key: string) => entry.fields.get(key);
    if (field('type')?.text !== 'file') continue;
    const slot = field('slot')?.text;
    const path = field('file-path')?.text;
    const bytes = field('file-size')?.amount ?? field('size')?.amount;
    if (!slot || !path || bytes === undefined) {
      const missing = Object.entries({ slot, 'file-path': path, 'file-size': bytes }).filter(([, v]) => v === undefined || v === '');
      seeds.skipped.push(`entry ${index + 1} shows no ${missing.map(([k]) => `\`${k}\``).join(' or ')}`);
      continue;
    }
    if ([slot, path].some((v) => /[\s"\]]/.test(v))) {
      seeds.skipped.push(`entry ${index + 1}: a value with spaces, quotes or brackets cannot be sent unquoted as the driver sends it`);
      continue;
    }
    if (field('nvme-tcp-export')?.text === 'yes') {
      const port = field('nvme-tcp-server-port')?.amount ?? DEFAULT_PORT;
      const nqn = field('nvme-tcp-server-nqn')?.text ?? `${NQN_PREFIX}${slot}`;
      seeds.commands.push(
        `/disk add type=file file-path=${path} file-size=${driverSize(bytes)} slot=${slot} nvme-tcp-export=yes nvme-tcp-server-port=${port} nvme-tcp-server-nqn=${nqn}`,
      );
    } else {
      // A disk without an export is a snapshot: a copy of a volume of its size.
      const source = `${SNAPSHOT_SOURCE}-${index + 1}`;
      const sourcePath = `${path.slice(0, path.lastIndexOf('/') + 1)}${source}.img`;
      seeds.commands.push(
        `/disk add type=file file-path=${sourcePath} file-size=${driverSize(bytes)} slot=${source} nvme-tcp-export=yes nvme-tcp-server-port=${DEFAULT_PORT} nvme-tcp-server-nqn=${NQN_PREFIX}${source}`,
        `/disk add type=file copy-from=[find slot=${source}] file-path=${path} slot=${slot}`,
      );
    }
    seeds.slots.push(slot);
  }
  return seeds;
}

/** A size the way the driver writes it into `/disk add`: whole binary units (`5G`), else bytes. */
export function driverSize(bytes: number): string {
  for (const [unit, power] of [['T', 4], ['G', 3], ['M', 2], ['K', 1]] as const) {
    const size = 1024 ** power;
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/**
 * The same query with the quotes RouterOS does not need removed:
 * `where slot="pvc-1"` and `where slot=pvc-1` select the same disks on
 * RouterOS. Undefined when nothing would change.
 */
export function withoutQuotes(command: string): string | undefined {
  const where = command.search(/\swhere\s/);
  if (where === -1) return undefined;
  const clause = command.slice(where).replace(/(\s[a-z][a-z0-9-]*=)"([A-Za-z0-9_.:/-]+)"/g, '$1$2');
  const changed = command.slice(0, where) + clause;
  return changed === command ? undefined : changed;
}
