import path from 'node:path';
import { callSpan, invocations, testCaseOf } from '../model/invocations';
import { didYouMean } from '../nearest';
import { driverMakefile } from '../source/driver-files';
import type { PageRule } from '../types';
import { ruleUrl } from './url';

/** make options that take a value in the next word (or attached: `-Cdir`, `--directory=dir`). */
const VALUE_OPTIONS = new Set(['-C', '-f', '-I', '-o', '-W', '--directory', '--file', '--makefile', '--include-dir', '--old-file', '--what-if', '--assume-old', '--assume-new', '--new-file']);
/** Options whose value is optional and numeric (`-j`, `-j 4`). */
const NUMBER_OPTIONS = new Set(['-j', '-l', '--jobs', '--load-average']);

interface MakeCall {
  targets: string[];
  /** Set when `-C` or `-f` points make at another Makefile than the driver's. */
  elsewhere?: string;
}

/** The targets of a `make` command line: words that are neither options nor `VAR=value`. */
export function readMakeArgs(args: readonly string[]): MakeCall {
  const call: MakeCall = { targets: [] };
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (options && word === '--') {
      options = false;
    } else if (options && word.startsWith('-') && word !== '-') {
      const [name, attached] = splitOption(word);
      let value = attached;
      if (VALUE_OPTIONS.has(name) && value === undefined) value = args[++i];
      if (NUMBER_OPTIONS.has(name) && value === undefined && /^\d+(\.\d+)?$/.test(args[i + 1] ?? '')) i++;
      if ((name === '-C' || name === '--directory') && value !== undefined && !['.', './'].includes(value)) call.elsewhere = `-C ${value}`;
      if (['-f', '--file', '--makefile'].includes(name) && value !== undefined && !['Makefile', './Makefile', 'makefile', 'GNUmakefile'].includes(value)) call.elsewhere = `-f ${value}`;
    } else if (/^[A-Za-z_][A-Za-z0-9_.-]*[:+?!]?=/.test(word)) {
      // A variable assignment (`RDS_ADDRESS=10.0.0.1`), not a target.
    } else {
      call.targets.push(word);
    }
  }
  return call;
}

/** `-Cdir` -> [`-C`, `dir`], `--file=x` -> [`--file`, `x`], `-k` -> [`-k`]. */
function splitOption(word: string): [string, string | undefined] {
  if (word.startsWith('--')) {
    const eq = word.indexOf('=');
    return eq === -1 ? [word, undefined] : [word.slice(0, eq), word.slice(eq + 1)];
  }
  const short = word.slice(0, 2);
  return word.length > 2 && (VALUE_OPTIONS.has(short) || NUMBER_OPTIONS.has(short)) ? [short, word.slice(2)] : [word, undefined];
}

/** A guide that says `make test-e2e` when the target is `e2e-test` fails at the first step. */
const rule: PageRule = {
  id: 'make-target',
  description: 'Every `make` command in a shell block names targets the driver Makefile defines',
  url: ruleUrl('make-target'),
  severity: 'error',
  scope: 'page',
  async check({ page, workspace, report }) {
    const calls = invocations(page.commands, (program) => ['make', 'gmake'].includes(path.posix.basename(program)));
    if (calls.length === 0 || !workspace.sourceRoot) return;
    const found = await driverMakefile(workspace);
    const at = (call: (typeof calls)[number]) => callSpan(call.command.node, call.call);
    if (!found) {
      report(at(calls[0]), `\`make\` is run, but the driver source has no Makefile; expected a Makefile at the root of the source`);
      return;
    }
    const names = found.makefile.targets.map((t) => t.name);
    const known = new Set(names);
    for (const call of calls) {
      if (call.call.via) continue; // runs on another host, in another tree
      const { targets, elsewhere } = readMakeArgs(call.args);
      if (elsewhere) continue;
      for (const target of targets) {
        if (target.includes('$') || known.has(target)) continue;
        const hint = didYouMean(target, names) || `; expected one of its targets (${names.slice(0, 8).map((n) => `\`${n}\``).join(', ')}${names.length > 8 ? ', ...' : ''})`;
        report(at(call), `make target \`${target}\` does not exist in ${found.path}${hint}`, testCaseOf(page, call.command));
      }
    }
  },
};

export default rule;
