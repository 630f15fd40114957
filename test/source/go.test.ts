import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexGoSource } from '../../plugins/doc-checks/source/go';

const summary = (text: string) =>
  indexGoSource(text).map((d) => `${d.line} ${d.kind} ${d.qualifiedName}`);

describe('indexGoSource', () => {
  it('indexes functions, methods and types with their lines', () => {
    const text = [
      'package rds', // 1
      '', // 2
      'type ConnectionManager struct {', // 3
      '\tconnected bool', // 4
      '}', // 5
      '', // 6
      'func NewConnectionManager() *ConnectionManager { return nil }', // 7
      '', // 8
      'func (m *ConnectionManager) Reconnect() error {', // 9
      '\treturn nil', // 10
      '}', // 11
      'func (ConnectionManager) IsConnected() bool { return true }', // 12
    ].join('\n');
    expect(summary(text)).toEqual([
      '3 type ConnectionManager',
      '7 func NewConnectionManager',
      '9 method ConnectionManager.Reconnect',
      '12 method ConnectionManager.IsConnected',
    ]);
    expect(indexGoSource(text)[2]).toEqual({
      name: 'Reconnect',
      qualifiedName: 'ConnectionManager.Reconnect',
      kind: 'method',
      line: 9,
    });
  });

  it('ignores declarations inside comments, strings, raw strings and runes', () => {
    const text = [
      'package p', // 1
      '// func InLineComment() {}', // 2
      '/* func InBlockComment() {', // 3
      '   type Hidden int */', // 4
      'var s = "func InString() { \\" type Escaped int"', // 5
      'var raw = `', // 6
      'func InRawString() {}', // 7
      '`', // 8
      "var r = '\"'", // 9
      "var q = '\\''", // 10
      'func Real() {}', // 11
    ].join('\n');
    expect(summary(text)).toEqual(['5 var s', '6 var raw', '9 var r', '10 var q', '11 func Real']);
  });

  it('indexes grouped and multi-name var, const and type declarations', () => {
    const text = [
      'package p', // 1
      'const (', // 2
      '\tA = iota', // 3
      '\tB', // 4
      '\tC, D = 1 +', // 5
      '\t\t2, 3', // 6
      ')', // 7
      'var (', // 8
      '\tx, y int', // 9
      '\tz = map[string]int{', // 10
      '\t\t"k": 1,', // 11
      '\t}', // 12
      '\t_ = z', // 13
      ')', // 14
      'type (', // 15
      '\tFirst struct{ a int }', // 16
      '\tSecond interface {', // 17
      '\t\tMethod()', // 18
      '\t}', // 19
      ')', // 20
      'var single = 1; const other = 2', // 21
    ].join('\n');
    expect(summary(text)).toEqual([
      '3 const A',
      '4 const B',
      '5 const C',
      '5 const D',
      '9 var x',
      '9 var y',
      '10 var z',
      '16 type First',
      '17 type Second',
      '21 var single',
      '21 const other',
    ]);
  });

  it('handles generics and skips declarations nested in bodies', () => {
    const text = [
      'package p', // 1
      'type List[T any] struct{ items []T }', // 2
      'func (l *List[T]) Push(v T) {', // 3
      '\ttype local int', // 4
      '\tfunc() { var inner = 1; _ = inner }()', // 5
      '}', // 6
      'func Map[K comparable, V any](m map[K]V) {}', // 7
      'func (p Pair[K, V]) Key() K { return p.k }', // 8
      'var f = func() { type alsoLocal int }', // 9
    ].join('\n');
    expect(summary(text)).toEqual([
      '2 type List',
      '3 method List.Push',
      '7 func Map',
      '8 method Pair.Key',
      '9 var f',
    ]);
  });

  it('counts lines of multi-line comments and raw strings and CRLF files', () => {
    const text = 'package p\r\n/*\r\n\r\n*/\r\nvar a = `x\r\ny`\r\nfunc After() {}\r\n';
    expect(summary(text)).toEqual(['5 var a', '7 func After']);
  });

  it('indexes the driver-source fixture', () => {
    const text = readFileSync('test/fixtures/driver-src/pkg/rds/connection_manager.go', 'utf8');
    expect(summary(text)).toEqual([
      '11 const monitorInterval',
      '14 type ConnectionManager',
      '22 func NewConnectionManager',
      '27 method ConnectionManager.StartMonitor',
      '33 method ConnectionManager.monitorLoop',
      '50 method ConnectionManager.attemptReconnection',
      '61 method ConnectionManager.Reconnect',
      '73 method ConnectionManager.IsConnected',
    ]);
  });

  it('never throws on malformed input and stays within the input', () => {
    const inputs = [
      '',
      'func',
      'func (',
      'func (r *T',
      'type (',
      'var (a, b',
      '"unterminated\nfunc AfterBrokenString() {}',
      '`unterminated raw string func Nope() {}',
      '/* unterminated comment func Nope() {}',
      ')))]]]}}}\nfunc AfterClosers() {}',
      '\u0000\uFFFD\uD800 func \u00e9t\u00e9() {}',
      'x'.repeat(10_000),
    ];
    for (const input of inputs) expect(() => indexGoSource(input)).not.toThrow();
    expect(summary('"unterminated\nfunc AfterBrokenString() {}')).toEqual(['2 func AfterBrokenString']);
    expect(summary(')))]]]}}}\nfunc AfterClosers() {}')).toEqual(['2 func AfterClosers']);
    expect(summary('func \u00e9t\u00e9() {}')).toEqual(['1 func \u00e9t\u00e9']);
    expect(indexGoSource('`unterminated raw string func Nope() {}')).toEqual([]);
    // A broken receiver does not expose the body's statements as top-level declarations.
    expect(summary('func (r *T {\n\tx := 1\n\ttype Inner int\n}\nfunc Next() {}')).toEqual(['5 func Next']);
  });

  it('indexes large and deeply nested input completely', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `func F${i}() { if x { y() } }`).join('\n');
    const declarations = indexGoSource(many);
    expect(declarations).toHaveLength(20_000);
    expect(declarations[19_999]).toEqual({ name: 'F19999', qualifiedName: 'F19999', kind: 'func', line: 20_000 });
    const nested = `${'('.repeat(100_000)}\nfunc Unreached() {}`;
    expect(indexGoSource(nested)).toEqual([]);
  });
});
