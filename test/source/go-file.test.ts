import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGoFile } from '../../plugins/doc-checks/source/go-file';
import { GO_LIMITS } from '../../plugins/doc-checks/source/go-parser';
import { declarationSource } from '../../plugins/doc-checks/source/go-source';

const summary = async (text: string, path = 'pkg/p/p.go') =>
  (await readGoFile(path, text)).declarations.map((d) => `${d.line} ${d.kind} ${d.qualifiedName}`);

describe('readGoFile: declarations', () => {
  it('finds functions, methods, types and struct fields with their lines', async () => {
    const text = [
      'package rds', // 1
      '', // 2
      'type ConnectionManager struct {', // 3
      '\tconnected, busy bool', // 4
      '\tsync.Mutex', // 5
      '}', // 6
      'func NewConnectionManager() *ConnectionManager { return nil }', // 7
      '', // 8
      'func (m *ConnectionManager) Reconnect() error {', // 9
      '\treturn nil', // 10
      '}', // 11
      'func (ConnectionManager) IsConnected() bool { return true }', // 12
    ].join('\n');
    expect(await summary(text)).toEqual([
      '3 type ConnectionManager',
      '4 field ConnectionManager.connected',
      '4 field ConnectionManager.busy',
      '7 func NewConnectionManager',
      '9 method ConnectionManager.Reconnect',
      '12 method ConnectionManager.IsConnected',
    ]);
  });

  it('ignores declarations inside comments, strings, raw strings and bodies', async () => {
    const text = [
      'package p', // 1
      '// func InLineComment() {}', // 2
      '/* func InBlockComment() {', // 3
      '   type Hidden int */', // 4
      'var s = "func InString() { \\" type Escaped int"', // 5
      'var raw = `', // 6
      'func InRawString() {}', // 7
      '`', // 8
      'func Real() {', // 9
      '\ttype local int', // 10
      '\tvar inner = 1', // 11
      '}', // 12
    ].join('\n');
    expect(await summary(text)).toEqual(['5 var s', '6 var raw', '9 func Real']);
  });

  it('handles grouped specs, generics and CRLF line ends', async () => {
    const text = [
      'package p', // 1
      'const (', // 2
      '\tA = iota', // 3
      '\tB', // 4
      ')', // 5
      'var (', // 6
      '\tx, y int', // 7
      ')', // 8
      'type List[T any] struct{ items []T }', // 9
      'func (l *List[T]) Push(v T) {}', // 10
      'func (p Pair[K, V]) Key() K { return p.k }', // 11
      'type Alias = List[int]', // 12
    ].join('\r\n');
    expect(await summary(text)).toEqual([
      '3 const A',
      '4 const B',
      '7 var x',
      '7 var y',
      '9 type List',
      '9 field List.items',
      '10 method List.Push',
      '11 method Pair.Key',
      '12 type Alias',
    ]);
  });

  it('models the driver-source fixture', async () => {
    const text = readFileSync('test/fixtures/driver-src/pkg/rds/connection_manager.go', 'utf8');
    const names = await summary(text, 'pkg/rds/connection_manager.go');
    expect(names.slice(0, 3)).toEqual(['11 const monitorInterval', '14 type ConnectionManager', '15 field ConnectionManager.mu']);
    expect(names).toContain('50 method ConnectionManager.attemptReconnection');
  });
});

describe('readGoFile: what the guides cite', () => {
  it('collects log and error format strings with their lines', async () => {
    const text = [
      'package p', // 1
      'func f(err error) error {', // 2
      '\tklog.Infof("Reconnected to %s after %d attempts", addr, n)', // 3
      '\tklog.V(4).Infof("polling %s", addr)', // 4
      '\tklog.InfoS("Volume staged", "volume", id, "node", node)', // 5
      '\tklog.ErrorS(err, "Stage failed", "volume", id)', // 6
      '\tklog.Warning("disk ", name, " is 100% full")', // 7
      '\tklog.Warningf("retry " + "in %v", d)', // 8
      '\tlog.Printf("Clearing stale attachment: volume=%s", v)', // 9
      '\tfmt.Println("not a log")', // 10
      '\t_ = errors.New("volume not found")', // 11
      '\treturn fmt.Errorf("failed to connect: %w", err)', // 12
      '}', // 13
    ].join('\n');
    const model = await readGoFile('pkg/p/p.go', text);
    expect(model.logCalls).toEqual([
      { callee: 'klog.Infof', format: 'Reconnected to %s after %d attempts', line: 3 },
      { callee: 'klog.V(4).Infof', format: 'polling %s', line: 4 },
      { callee: 'klog.InfoS', format: 'Volume staged', keys: ['volume', 'node'], line: 5 },
      { callee: 'klog.ErrorS', format: 'Stage failed', keys: ['volume'], line: 6 },
      { callee: 'klog.Warning', format: 'disk %v is 100%% full', line: 7 },
      { callee: 'klog.Warningf', format: 'retry in %v', line: 8 },
      { callee: 'log.Printf', format: 'Clearing stale attachment: volume=%s', line: 9 },
      { callee: 'errors.New', format: 'volume not found', line: 11 },
      { callee: 'fmt.Errorf', format: 'failed to connect: %w', line: 12 },
    ]);
  });

  it('collects flag definitions under cmd/ only', async () => {
    const text = [
      'package main', // 1
      'var (', // 2
      '\tendpoint = flag.String("endpoint", "unix:///csi/csi.sock", "CSI endpoint")', // 3
      '\tport     = flag.Int("rds-port", 22, "RDS SSH port")', // 4
      ')', // 5
      'func init() { flag.DurationVar(&timeout, "timeout", 30*time.Second, "how long") }', // 6
    ].join('\n');
    const model = await readGoFile('cmd/plugin/main.go', text);
    expect(model.flags.map(({ default: _d, ...f }) => f)).toEqual([
      { name: 'endpoint', type: 'String', defaultText: '"unix:///csi/csi.sock"', usage: 'CSI endpoint', line: 3 },
      { name: 'rds-port', type: 'Int', defaultText: '22', usage: 'RDS SSH port', line: 4 },
      { name: 'timeout', type: 'Duration', defaultText: '30*time.Second', usage: 'how long', line: 6 },
    ]);
    expect((await readGoFile('pkg/plugin/main.go', text)).flags).toEqual([]);
  });

  it('collects tests, literal subtests and Ginkgo specs', async () => {
    const text = [
      'package e2e', // 1
      'func TestStage(t *testing.T) {', // 2
      '\tt.Run("missing volume", func(t *testing.T) {', // 3
      '\t\tt.Run("nested", func(t *testing.T) {})', // 4
      '\t})', // 5
      '\tt.Run(tc.name, func(t *testing.T) {})', // 6
      '}', // 7
      'func TestHelperNot(x int) {}', // 8
      'var _ = Describe("Volume lifecycle", func() {', // 9
      '\tContext("with a block volume", func() {', // 10
      '\t\tIt("attaches", func() {})', // 11
      '\t})', // 12
      '\tginkgo.It("detaches", func() {})', // 13
      '})', // 14
    ].join('\n');
    const model = await readGoFile('test/e2e/lifecycle_test.go', text);
    expect(model.tests).toEqual([
      { name: 'TestStage', line: 2, dynamicSubtests: true },
      { name: 'TestStage/missing volume', line: 3 },
      { name: 'TestStage/missing volume/nested', line: 4 },
    ]);
    expect(model.ginkgo).toEqual([
      { kind: 'Describe', text: 'Volume lifecycle', path: [], line: 9 },
      { kind: 'Context', text: 'with a block volume', path: ['Volume lifecycle'], line: 10 },
      { kind: 'It', text: 'attaches', path: ['Volume lifecycle', 'with a block volume'], line: 11 },
      { kind: 'It', text: 'detaches', path: ['Volume lifecycle'], line: 13 },
    ]);
  });

  it('reads the build constraint, computed subtest names and klog flag registration', async () => {
    const text = [
      '// Copyright line', // 1
      '//go:build hardware && !race', // 2
      '', // 3
      'package integration', // 4
      '//go:build ignored', // 5: after the package clause it constrains nothing
      'func TestTable(t *testing.T) {', // 6
      '\tt.Run(tc.name, func(t *testing.T) {', // 7
      '\t\tt.Run("inner", func(t *testing.T) {})', // 8: its parent has no name the model knows
      '\t})', // 9
      '}', // 10
      'func main() { klog.InitFlags(nil) }', // 11
    ].join('\n');
    const test = await readGoFile('test/integration/hw_test.go', text);
    expect(test.buildConstraint).toBe('hardware && !race');
    expect(test.tests).toEqual([{ name: 'TestTable', line: 6, dynamicSubtests: true }]);
    expect(test.registersKlogFlags).toBeUndefined();
    const command = await readGoFile('cmd/plugin/main.go', text);
    expect(command.registersKlogFlags).toBe(true);
    expect((await readGoFile('p.go', 'package p\nfunc F() {}')).buildConstraint).toBeUndefined();
  });
});

describe('readGoFile: bounded on hostile input', () => {
  it('never throws on malformed input', async () => {
    const inputs = ['', 'func', 'func (', 'type (', '"unterminated\nfunc AfterBrokenString() {}', '\u0000\uFFFD\uD800 func \u00e9t\u00e9() {}', ')))]]]}}}'];
    for (const input of inputs) await expect(readGoFile('p.go', input)).resolves.toMatchObject({ path: 'p.go' });
    expect(await summary('package p\nfunc \u00e9t\u00e9() {}')).toEqual(['2 func \u00e9t\u00e9']);
  });

  it('spans each declaration from its name to its last line, so a review can pin its text', async () => {
    const text = ['package p', '', 'type T struct {', '\tA int', '}', '', 'func (t *T) Run() {', '\tt.A = 1', '}'].join('\n');
    const { declarations } = await readGoFile('p.go', text);
    expect(declarations.map((d) => [d.qualifiedName, d.line, d.endLine])).toEqual([
      ['T', 3, 5],
      ['T.A', 4, 4],
      ['T.Run', 7, 9],
    ]);
    expect(declarationSource({ text, declarations }, 'Run')?.text).toBe('func (t *T) Run() {\n\tt.A = 1\n}');
  });

  it('reads many declarations completely', async () => {
    const many = ['package p', ...Array.from({ length: 5_000 }, (_, i) => `func F${i}() { if x { y() } }`)].join('\n');
    const model = await readGoFile('p.go', many);
    expect(model.problem).toBeUndefined();
    expect(model.declarations).toHaveLength(5_000);
    expect(model.declarations[4_999]).toEqual({ name: 'F4999', qualifiedName: 'F4999', kind: 'func', line: 5_001, endLine: 5_001 });
  });

  it('refuses a file over the size limit without parsing it', async () => {
    const model = await readGoFile('big.go', `package p\n${'// x\n'.repeat(300_000)}`);
    expect(model.problem).toBe(`the file has 1500010 bytes; expected at most ${GO_LIMITS.maxBytes} for a Go source file`);
    expect(model.declarations).toEqual([]);
  });

  it('refuses nesting deeper than the limit with a finding, not a stack overflow', async () => {
    const model = await readGoFile('deep.go', `package p\nfunc F() { x := ${'f('.repeat(5_000)}1${')'.repeat(5_000)} }`);
    expect(model.problem).toBe(`the file nests deeper than ${GO_LIMITS.maxDepth} levels; expected Go source a person wrote`);
    expect(model.declarations).toEqual([]);
  });

  it('stops a parse that runs over its time and a tree over its node budget', async () => {
    const text = `package p\nvar x = ${'('.repeat(20_000)}1${')'.repeat(20_000)}`;
    const slow = await readGoFile('slow.go', text, { ...GO_LIMITS, parseMillis: 1, parseMillisPerKiB: 0 });
    expect(slow.problem).toBe('parsing took longer than 1 ms; expected Go source the parser can read in bounded time');
    const wide = await readGoFile('wide.go', text, { ...GO_LIMITS, maxNodes: 1000 });
    expect(wide.problem).toMatch(/^the file has \d+ syntax nodes; expected at most 1000$/);
  });
});
