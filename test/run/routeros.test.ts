/**
 * The RouterOS steps of a guide and how the mock's replies are judged,
 * without Go: which `ssh` calls are steps, which expected output is a
 * step's own, which values the guide shows for its variables, how
 * RouterOS `print` output is read and compared, and what is put on the
 * mock before a step.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildPage } from '../../plugins/doc-checks/model/guide';
import { compareEntries } from '../../plugins/doc-checks/run/routeros/compare';
import { parsePrintOutput } from '../../plugins/doc-checks/run/routeros/output';
import { driverSize, seedsFor, withoutQuotes } from '../../plugins/doc-checks/run/routeros/seed';
import { routerOsSteps } from '../../plugins/doc-checks/run/routeros/steps';

const REPO = path.resolve(__dirname, '../..');
const GUIDE = 'test/fixtures/run/docs/ROUTEROS.md';
const page = (rel: string, text = readFileSync(path.join(REPO, rel), 'utf8')) => buildPage(rel, text);

const VOLUME = `
 0   type=file slot="pvc-1" slot-default="" parent="" fs=-
     size=5 368 709 120 mount-filesystem=yes mount-read-only=no
     nvme-tcp-export=yes nvme-tcp-server-port=4420
     nvme-tcp-server-nqn="nqn.2000-02.com.mikrotik:pvc-1"
     file-path=/storage-pool/metal-csi/pvc-1.img
     file-size=5.0GiB file-offset=0
`;
const MOCK_VOLUME =
  'slot="pvc-1" type="file" file-path="/storage-pool/metal-csi/pvc-1.img" file-size=5368709120 nvme-tcp-export=yes ' +
  'nvme-tcp-server-port=4420 nvme-tcp-server-nqn="nqn.2000-02.com.mikrotik:pvc-1" status="ready"';

describe('RouterOS steps of a guide', () => {
  test('every ssh call to the RDS the frontmatter names, with its own expected output and the values the guide shows', () => {
    const steps = routerOsSteps(page(GUIDE)).map((s) => [
      s.line,
      s.testCase ?? null,
      s.command,
      s.expected?.line ?? s.expectedNote ?? null,
      Object.fromEntries([...s.shown].map(([name, v]) => [name, `${v.value} (${v.from})`])),
    ]);
    const vol = 'pvc-11111111-2222-3333-4444-555555555555';
    expect(steps).toEqual([
      [13, null, '/disk print detail where mount-point="storage-pool"', 18, {}],
      [26, null, '/disk print detail where mount-point="storage-pool"', 31, {}],
      // The node's `nvme list` on line 39 is no RouterOS step.
      [40, null, '/system/resource/print', 'its output goes to `/dev/null`', {}],
      [41, null, '/system/resource/print', 46, {}],
      [70, 'TC-01', '/disk print brief where slot~"pvc-"', 'the expected output is that of the second command', {}],
      [71, 'TC-01', '/disk print detail where slot="$VOL"', 76, { VOL: `${vol} (the expected output at line 76)` }],
      [86, 'TC-01', '/disk print detail where slot=$VOL', 91, { VOL: `${vol} (the expected output at line 91)` }],
      [101, 'TC-01', '/disk print detail where slot=$VOL', 'its output goes through `grep`; the expected output is that of the pipe', { VOL: `${vol} (the expected output at line 91)` }],
      [113, 'TC-01', '/disk remove [find slot=$OTHER]', null, {}],
      [114, 'TC-01', '/disk print detail where slot=$(…)', null, {}],
    ]);
  });

  test('a value shown as NAME=value earlier in the test case serves a step without its own', () => {
    const text = '# G\n\n### TC-01: A\n\n```bash\necho "VOL=$VOL"\n```\n\nExpected output:\n\n```text\nVOL=pvc-9\n```\n\n```bash\nssh admin@rds "/disk remove [find slot=$VOL]"\n```\n';
    const [step] = routerOsSteps(page('docs/G.md', `---\nrds_ssh: admin@rds\n---\n${text}`));
    expect(step.shown.get('VOL')).toEqual({ value: 'pvc-9', from: 'the expected output at line 14' });
    // Outside a test case nothing carries over.
    const [alone] = routerOsSteps(page('docs/G.md', `---\nrds_ssh: rds\n---\n${text.replace('### TC-01: A', '## A')}`));
    expect(alone.shown.size).toBe(0);
  });

  test('a page that names no RDS has no RouterOS steps; the host matches with or without the user', () => {
    const block = "# G\n\n```bash\nssh admin@10.0.0.1 '/disk print detail'\nssh root@10.0.0.1 '/disk print detail'\n```\n";
    expect(routerOsSteps(page('docs/G.md', block))).toEqual([]);
    expect(routerOsSteps(page('docs/G.md', `---\nrds_ssh: 10.0.0.1\n---\n${block}`)).map((s) => s.host)).toEqual(['admin@10.0.0.1', 'root@10.0.0.1']);
    // The site finds each step's block by its first command and its place among blocks with that command.
    expect(routerOsSteps(page('docs/G.md', `---\nrds_ssh: 10.0.0.1\n---\n${block}\n${block.slice(4)}`)).map((s) => s.block.nth)).toEqual([0, 0, 1, 1]);
  });
});

describe('RouterOS print output', () => {
  test('entries: numbered or not, continued on indented lines, digits grouped, quotes kept apart', () => {
    const [entry] = parsePrintOutput(`Flags: X - disabled\n${VOLUME}`)!;
    expect(entry.number).toBe(0);
    expect(entry.lines).toBe(6);
    expect([...entry.fields.keys()]).toEqual([
      'type', 'slot', 'slot-default', 'parent', 'fs', 'size', 'mount-filesystem', 'mount-read-only', 'nvme-tcp-export',
      'nvme-tcp-server-port', 'nvme-tcp-server-nqn', 'file-path', 'file-size', 'file-offset',
    ]);
    expect(entry.fields.get('size')).toEqual({ raw: '5 368 709 120', text: '5368709120', quoted: false, grouped: true, kind: 'amount', amount: 5368709120 });
    expect(entry.fields.get('file-size')).toMatchObject({ kind: 'amount', unit: 'GiB', amount: 5368709120 });
    expect(entry.fields.get('slot')).toMatchObject({ raw: '"pvc-1"', text: 'pvc-1', quoted: true, kind: 'text' });
    const two = parsePrintOutput(' 0 slot="a" type=file\n 1 slot="b" type=file\n')!;
    expect(two.map((e) => [e.number, e.fields.get('slot')?.text])).toEqual([[0, 'a'], [1, 'b']]);
  });

  test('what is not `key=value` output is not read as entries; nothing printed is no entry', () => {
    expect(parsePrintOutput('   uptime: 3w2d\n  version: 7.16')).toBeUndefined();
    expect(parsePrintOutput('0\n')).toBeUndefined();
    expect(parsePrintOutput('bad command name /system/resource/print\n')).toBeUndefined();
    expect(parsePrintOutput('\n')).toEqual([]);
  });

  test('same structure, other forms: passes, and every difference of form is named', () => {
    const result = compareEntries(parsePrintOutput(VOLUME)!, parsePrintOutput(MOCK_VOLUME)!);
    expect(result.problems).toEqual([]);
    expect(result.differences).toEqual([
      'entries: the guide shows them numbered (` 0 `), the mock prints no number',
      'entries: the guide shows each on several indented lines, the mock prints each on one line',
      '`type`: the guide shows it unquoted (`file`), the mock quoted (`"file"`)',
      '`file-path`: the guide shows it unquoted (`/storage-pool/metal-csi/pvc-1.img`), the mock quoted (`"/storage-pool/metal-csi/pvc-1.img"`)',
      '`file-size`: the guide shows a size in binary units (`5.0GiB`), the mock a byte count (`5368709120`)',
      '`slot-default`, `parent`, `fs`, `size`, `mount-filesystem`, `mount-read-only`, `file-offset`: shown by the guide, not printed by the mock',
      '`status`: printed by the mock, not shown by the guide',
    ]);
  });

  test('amounts are representative; a text value, an entry count or a whole entry that differs is a problem', () => {
    const guide = parsePrintOutput(' 0 slot=storage-pool type=partition file-system=btrfs\n   size=7 681 574 174 720 use=5%')!;
    const other = (text: string) => compareEntries(guide, parsePrintOutput(text)!).problems;
    expect(other('slot=storage-pool type=partition file-system=btrfs size=7 949 127 950 336 use=25%')).toEqual([]);
    expect(other('slot=storage-pool type=partition file-system=ext4 size=1')).toEqual([
      'entry 1: `file-system`: the guide shows `btrfs`, the mock printed `ext4`',
    ]);
    expect(other('slot=storage-pool type=partition\nslot=storage-pool type=partition')).toEqual(['the guide shows 1 entry, the mock printed 2 entries']);
    expect(other('name=x')).toEqual(['entry 1: the mock printed none of the fields the guide shows (`slot`, `type`, `file-system`, `size`, `use`)']);
  });
});

describe('what the mock holds before a step', () => {
  test('an exported file disk is added as CreateVolume adds it; a snapshot disk as a copy of a stand-in source', () => {
    const snapshot = ' 0   type=file slot="snap-1-at-2"\n     file-path=/storage-pool/metal-csi/snap-1-at-2.img\n     file-size=5.0GiB';
    expect(seedsFor('/disk print detail where slot="pvc-1"', parsePrintOutput(VOLUME)!)).toEqual({
      commands: [
        '/disk add type=file file-path=/storage-pool/metal-csi/pvc-1.img file-size=5G slot=pvc-1 nvme-tcp-export=yes nvme-tcp-server-port=4420 nvme-tcp-server-nqn=nqn.2000-02.com.mikrotik:pvc-1',
      ],
      slots: ['pvc-1'],
      skipped: [],
    });
    expect(seedsFor('/disk print detail where slot=snap-1-at-2', parsePrintOutput(snapshot)!).commands).toEqual([
      '/disk add type=file file-path=/storage-pool/metal-csi/seed-source-1.img file-size=5G slot=seed-source-1 nvme-tcp-export=yes nvme-tcp-server-port=4420 nvme-tcp-server-nqn=nqn.2000-02.com.mikrotik:seed-source-1',
      '/disk add type=file copy-from=[find slot=seed-source-1] file-path=/storage-pool/metal-csi/snap-1-at-2.img slot=snap-1-at-2',
    ]);
  });

  test('only `/disk print` steps are seeded, only file disks, and only with a slot, a path and a size', () => {
    expect(seedsFor('/file print detail', parsePrintOutput(VOLUME)!).commands).toEqual([]);
    expect(seedsFor('/disk print detail', parsePrintOutput('slot=storage-pool type=partition')!).commands).toEqual([]);
    expect(seedsFor('/disk print detail', parsePrintOutput('type=file slot="x"')!).skipped).toEqual(['entry 1 shows no `file-path` or `file-size`']);
  });

  test('sizes as the driver writes them, and the query RouterOS reads alike without its quotes', () => {
    expect([5 * 1024 ** 3, 1536 * 1024 ** 2, 1000].map(driverSize)).toEqual(['5G', '1536M', '1000']);
    expect(withoutQuotes('/disk print detail where slot="pvc-1"')).toBe('/disk print detail where slot=pvc-1');
    // A pattern (`~`) needs its quotes on the mock, and a value with spaces on RouterOS.
    expect(withoutQuotes('/disk print detail where slot~"pvc-"')).toBeUndefined();
    expect(withoutQuotes('/file print where name="a b"')).toBeUndefined();
  });
});
