import { describe, expect, it } from 'vitest';
import { GoSource } from '../../plugins/doc-checks/source/go-source';
import { formatGoNumber, parseGoNumber } from '../../plugins/doc-checks/source/go-values';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A one-package source root holding `files`. */
function sourceOf(files: Record<string, string>): GoSource {
  const root = mkdtempSync(path.join(tmpdir(), 'go-values-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return new GoSource(root);
}

const CONSTANTS = [
  'package p', // 1
  'import "time"', // 2
  'type Mode int', // 3
  'const (', // 4
  '\tInterval = 5 * time.Minute', // 5
  '\tMaxInterval time.Duration = 16 * time.Second', // 6
  '\tRetries Mode = 3', // 7
  '\tTimeout = time.Duration(30) * time.Second', // 8
  '\tHalf = Interval / 2', // 9
  '\tRatio = Interval / time.Minute', // 10
  '\tNegative = -1', // 11
  '\tHex, Octal = 0x1F, 0o17', // 12
  '\tMillis = 1_500 * time.Millisecond', // 13
  '\tShift = 1 << 10', // 14
  '\tFactor = 2.0', // 15
  '\tLoop = Loop + 1', // 16
  ')', // 17
  'const (', // 18
  '\tFirst Mode = iota', // 19
  '\tSecond', // 20
  '\tThird', // 21
  ')', // 22
  'var fromOtherFile = Shared * 2', // 23
].join('\n');

async function valueOf(symbol: string): Promise<string[]> {
  const source = sourceOf({ 'pkg/p/consts.go': CONSTANTS, 'pkg/p/other.go': 'package p\nconst Shared = 21\n' });
  const found = await source.values('pkg/p/consts.go', symbol);
  return found ? found.values.map((v) => `${v.value}${v.duration ? ' ns' : ''} @${v.line}`) : ['not declared'];
}

describe('constant evaluation', () => {
  it('evaluates durations, typed constants, conversions and arithmetic exactly', async () => {
    expect(await valueOf('Interval')).toEqual(['300000000000 ns @5']);
    expect(await valueOf('MaxInterval')).toEqual(['16000000000 ns @6']);
    expect(await valueOf('Retries')).toEqual(['3 @7']);
    expect(await valueOf('Timeout')).toEqual(['30000000000 ns @8']);
    expect(await valueOf('Half')).toEqual(['150000000000 ns @9']);
    expect(await valueOf('Ratio')).toEqual(['5 @10']);
    expect(await valueOf('Negative')).toEqual(['-1 @11']);
    expect(await valueOf('Hex')).toEqual(['31 @12']);
    expect(await valueOf('Octal')).toEqual(['15 @12']);
    expect(await valueOf('Millis')).toEqual(['1500000000 ns @13']);
    expect(await valueOf('Shift')).toEqual(['1024 @14']);
    expect(await valueOf('Factor')).toEqual(['2 @15']);
  });

  it('counts iota across a group, repeating the previous expression', async () => {
    expect(await valueOf('First')).toEqual(['0 @19']);
    expect(await valueOf('Third')).toEqual(['2 @21']);
  });

  it('resolves names from other files of the package and refuses cycles', async () => {
    expect(await valueOf('fromOtherFile')).toEqual(['42 @23']);
    expect(await valueOf('Loop')).toEqual([]);
    expect(await valueOf('Missing')).toEqual(['not declared']);
  });

  it('gives a field the defaults its package assigns, and a function the constants of its body', async () => {
    const source = sourceOf({
      'pkg/rds/config.go': [
        'package rds', // 1
        'type Config struct {', // 2
        '\tInitialInterval time.Duration', // 3
        '\tMaxInterval     time.Duration', // 4
        '\tMultiplier      float64', // 5
        '}', // 6
        'const pollEvery = 5 * time.Second', // 7
        'func New(c Config) *Manager {', // 8
        '\tif c.MaxInterval == 0 {', // 9
        '\t\tc.MaxInterval = 16 * time.Second', // 10
        '\t}', // 11
        '\tc.Multiplier = 2.0', // 12
        '\tb := backoff.ExponentialBackOff{InitialInterval: 3 * time.Second}', // 13
        '\tt := time.NewTicker(pollEvery)', // 14
        '\treturn &Manager{cfg: Config{InitialInterval: time.Second}}', // 15
        '}', // 16
      ].join('\n'),
    });
    const values = async (symbol: string) =>
      (await source.values('pkg/rds/config.go', symbol))!.values.map((v) => `${formatGoNumber(v)} ${v.text} @${v.line}`);
    expect(await values('Config.MaxInterval')).toEqual(['16s 16 * time.Second @10']);
    expect(await values('Config.InitialInterval')).toEqual(['1s time.Second @15']);
    expect(await values('Config.Multiplier')).toEqual(['2 2.0 @12']);
    expect(await values('New')).toEqual([
      '0 0 @9',
      '16s 16 * time.Second @10',
      '2 2.0 @12',
      '3s 3 * time.Second @13',
      '5s pollEvery @14',
      '1s time.Second @15',
    ]);
  });

  it('reads Go number syntax and prints durations the way guides write them', () => {
    expect(parseGoNumber('0b101')).toBe(5);
    expect(parseGoNumber('017')).toBe(15);
    expect(parseGoNumber('1e3')).toBe(1000);
    expect(formatGoNumber({ value: 300e9, duration: true, float: false })).toBe('5m');
    expect(formatGoNumber({ value: 1.5e9, duration: true, float: false })).toBe('1.5s');
    expect(formatGoNumber({ value: 250e6, duration: true, float: false })).toBe('250ms');
    expect(formatGoNumber({ value: -1, duration: false, float: false })).toBe('-1');
  });
});
