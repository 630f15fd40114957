import { describe, expect, test } from 'vitest';
import { runPattern } from '../../plugins/doc-checks/plan/safe-regex';

const matches = (pattern: string, text: string) => {
  const run = runPattern(pattern, text);
  if (run.status === 'unrunnable') throw new Error(`unrunnable: ${run.reason}`);
  return run.status === 'matched';
};

describe('catastrophic patterns finish, with the right answer', () => {
  test('(a+)+$ on 50,000 a followed by b', () => {
    expect(runPattern('(a+)+$', `${'a'.repeat(50_000)}b`)).toEqual({ status: 'not_matched' });
  });

  test('(a+)+$ on 50,000 a', () => {
    const run = runPattern('(a+)+$', 'a'.repeat(50_000));
    expect(run.status).toBe('matched');
  });

  test('nested alternation on a long near-miss', () => {
    expect(runPattern('^(a|a?)+$', `${'a'.repeat(30_000)}!`)).toEqual({ status: 'not_matched' });
    expect(runPattern('(x+x+)+y', 'x'.repeat(30_000))).toEqual({ status: 'not_matched' });
  });
});

describe('JavaScript meaning is kept where RE2 differs', () => {
  test.each([
    // [pattern, text, JavaScript's answer]
    ['foo\\.bar', 'a foo.bar', true],
    ['foo\\.bar', 'fooxbar', false],
    ['a.b', 'a\nb', false],
    ['a.b', 'a\u2028b', false],
    ['a.b', 'a\tb', true],
    ['\\s', '\u00a0', true],
    ['\\s', '\ufeff', true],
    ['\\S', ' ', false],
    ['[^\\S]', '\u3000', true],
    ['[\\s\\d]', '7', true],
    ['[]', 'anything', false],
    ['[^]', '\n', true],
    ['\\1', '\u0001', true],
    ['\\8', '8', true],
    ['\\a', 'a', true],
    ['\\cJ', '\n', true],
    ['[\\b]', '\b', true],
    ['\\u0041', 'A', true],
    ['\\u{2}', 'uu', true],
    ['\\x4', 'x4', true],
    ['a{,2}', 'a{,2}', true],
    ['x{2}', 'xx', true],
    ['\\p{L}', 'p{L}', true],
    ['[\\w-]', '-', true],
    ['[a-\\d]', '-', true],
    ['^abc$', 'abc\n', false],
    ['\\bfoo\\b', 'a foo.', true],
    ['(?<word>reconnect)s?', 'reconnects', true],
    ['connection.manager|exponential.backoff', 'retries with exponential backoff', true],
    ['stale.*attachment|VolumeAttachment', 'the stale VolumeAttachment', true],
  ])('/%s/ on %j is %s', (pattern, text, expected) => {
    expect(matches(pattern, text)).toBe(expected);
    // The same answer as JavaScript gives (these inputs are small and safe).
    expect(new RegExp(pattern).test(text)).toBe(expected);
  });

  test('the match and its position are reported', () => {
    expect(runPattern('back\\w+', 'exponential backoff.')).toEqual({ status: 'matched', index: 12, match: 'backoff' });
  });
});

describe('what the linear-time engine cannot run is unrunnable, never run otherwise', () => {
  test.each([
    ['(a)\\1', 'backreference'],
    ['(?<x>a)\\k<x>', 'named backreference'],
    ['x(?=y)', 'lookahead'],
    ['x(?!y)', 'lookahead'],
    ['(?<=y)x', 'lookbehind'],
    ['(?<!y)x', 'lookbehind'],
    ['(', 'not a valid JavaScript regular expression'],
    ['a**', 'not a valid JavaScript regular expression'],
    ['a{1001}', 'linear-time engine cannot run it'],
  ])('/%s/: %s', (pattern, reason) => {
    const run = runPattern(pattern, 'aa xy');
    expect(run.status).toBe('unrunnable');
    expect(run.status === 'unrunnable' && run.reason).toContain(reason);
  });

  test('overlong patterns are refused', () => {
    const run = runPattern('a'.repeat(10_001), 'a');
    expect(run).toEqual({ status: 'unrunnable', reason: 'the pattern is 10001 characters long; at most 10000 are run' });
  });
});
