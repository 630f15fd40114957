/**
 * Judging a block's output beyond its exit status: `go test` exits 0 when
 * nothing ran, and the guide's expected-output blocks promise lines the
 * reader will see. Both are decided here, on lines, never on exit codes.
 */
import type { Command } from '../types';
import type { BlockMeta } from './blocks';

/** Why `go test` succeeded without testing anything the block names. */
export function goTestProblems(command: Command, output: string): string[] {
  const goTests = command.calls.filter((c) => c.words[0] === 'go' && c.words[1] === 'test');
  if (goTests.length === 0) return [];
  const problems: string[] = [];
  const lines = output.split('\n');
  const noTests = lines.some((l) => l.includes('no tests to run'));
  // `=== RUN` (-v), `"Action":"run"` (-json), or an `ok` line that does not add "[no tests to run]".
  const ran = lines.some(
    (l) => /^=== RUN\b/.test(l) || l.includes('"Action":"run"') || (/^ok\s+\S+/.test(l) && !l.includes('no tests to run')),
  );
  if (noTests && !ran) problems.push('`go test` ran no tests ("no tests to run"): the -run or -ginkgo.focus pattern matches nothing');
  // A package named without `...` must have tests: "[no test files]" for it means a wrong path.
  const named = goTests.flatMap((c) => c.words.slice(2)).filter((w) => /^\.\.?\//.test(w) && !w.includes('...'));
  for (const pkg of named) {
    const suffix = pkg.replace(/^(\.\.?\/)+/, '').replace(/\/$/, '');
    const empty = lines.find((l) => {
      const m = /^\?\s+(\S+)\s+\[no test files\]/.exec(l);
      return m && (m[1] === suffix || m[1].endsWith(`/${suffix}`));
    });
    if (empty) problems.push(`\`${pkg}\` has no test files ("[no test files]"); expected a package with tests`);
  }
  return problems;
}

/** What a varying value of each kind may look like in the output. */
const VARYING: Record<string, string> = {
  duration: String.raw`(?:\d+(?:\.\d+)?(?:ns|\u00b5s|us|ms|s|m|h))+`,
  number: String.raw`-?\d+(?:\.\d+)?`,
};

/**
 * The first expected line the output does not show, in order, or undefined.
 * Each expected line must equal a whole output line, with runs of spaces
 * matching any run of white space, `…` any text, `<duration>` and
 * `<number>` such a value, and with `varies=duration` (or `number`) every
 * value of that kind in the block free to differ.
 */
export function expectedOutputProblem(expected: string, meta: BlockMeta, output: string): string | undefined {
  const want = expected.split('\n').map((l) => l.trim()).filter(Boolean);
  const got = output.split('\n').map((l) => l.trim());
  let from = 0;
  for (const [index, line] of want.entries()) {
    const pattern = linePattern(line, meta.varies);
    const found = got.findIndex((l, i) => i >= from && pattern.test(l));
    if (found === -1) {
      const nearest = nearestLine(line, got.slice(from));
      return (
        `expected output line ${index + 1} \`${line}\` does not appear${from > 0 ? ` after output line ${from}` : ''}` +
        (nearest ? `; nearest: \`${nearest}\`` : '; no output line there resembles it')
      );
    }
    from = found + 1;
  }
  return undefined;
}

/**
 * klog's header (`I0218 10:15:02.049357   28407 reconciler.go:242] `): its date,
 * time and process id belong to the run that printed it, so they never match.
 */
const KLOG_HEADER = /^([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ (\S+:\d+\] )/u;

function linePattern(line: string, varies: readonly string[]): RegExp {
  // One pass over the raw line: placeholders, white space and varying values become patterns, the rest is literal.
  const kinds = varies.filter((kind) => Object.hasOwn(VARYING, kind));
  const tokens = new RegExp([String.raw`\u2026|<(duration|number)>|(\s+)`, ...kinds.map((kind) => `(${VARYING[kind]})`)].join('|'), 'gu');
  const header = KLOG_HEADER.exec(line);
  let source = header ? String.raw`${header[1]}\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ ${escape(header[2])}` : '';
  let last = header ? header[0].length : 0;
  for (const match of line.matchAll(tokens)) {
    if (match.index < last) continue;
    source += escape(line.slice(last, match.index));
    const varying = kinds.find((_, k) => match[3 + k] !== undefined);
    if (match[0] === '…') source += '.*';
    else if (match[1]) source += VARYING[match[1]];
    else if (match[2]) source += String.raw`\s+`;
    else if (varying) source += VARYING[varying];
    last = match.index + match[0].length;
  }
  source += escape(line.slice(last));
  return new RegExp(`^${source}$`, 'u');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The output line sharing the longest start with the expected one. */
function nearestLine(line: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestLength = 0;
  for (const candidate of candidates) {
    let n = 0;
    while (n < line.length && n < candidate.length && line[n] === candidate[n]) n++;
    if (n > bestLength) [best, bestLength] = [candidate, n];
  }
  return best;
}
