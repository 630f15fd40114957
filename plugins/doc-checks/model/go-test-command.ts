/**
 * The parts of a `go test` command line the checks compare with the
 * source: package patterns, `-run` patterns, `-ginkgo.focus` texts and
 * `-tags`, read the way the go command reads them.
 *
 * The go command knows its own flags (single or double dash, `-x=v` or
 * `-x v` for those that take a value) anywhere before `-args`. The first
 * flag it does not know ends the package list: that flag and the words
 * after it go to the test binary, which reads them with Go's flag package
 * (so `-ginkgo.focus X` gives X to the focus). After `-args`, every word
 * goes to the test binary.
 */

export interface GoTestCommand {
  packages: string[];
  /** `-run` values (`-test.run` too); the last one wins in Go, all are checked here. */
  run: string[];
  /** `-ginkgo.focus` values; Ginkgo runs the specs any of them matches. */
  focus: string[];
  /** Build tags from `-tags a,b` (or the older space-separated form). */
  tags: string[];
  /** Set with `-bench` or `-fuzz`, where `-run '^$'` deliberately selects no test. */
  benchmarks?: true;
}

/** go command flags that take a value (build flags and test flags). */
const GO_VALUE_FLAGS = new Set([
  'C', 'p', 'o', 'asmflags', 'buildmode', 'buildvcs', 'compiler', 'gccgoflags', 'gcflags', 'installsuffix',
  'ldflags', 'mod', 'modfile', 'overlay', 'pgo', 'pkgdir', 'tags', 'toolexec', 'exec', 'vet',
  'bench', 'benchtime', 'blockprofile', 'blockprofilerate', 'count', 'covermode', 'coverpkg', 'coverprofile',
  'cpu', 'cpuprofile', 'fuzz', 'fuzzminimizetime', 'fuzztime', 'list', 'memprofile', 'memprofilerate',
  'mutexprofile', 'mutexprofilefraction', 'outputdir', 'parallel', 'run', 'shuffle', 'skip', 'timeout', 'trace',
]);
/** go command flags that take no value. */
const GO_BOOL_FLAGS = new Set([
  'a', 'n', 'x', 'v', 'i', 'race', 'msan', 'asan', 'cover', 'work', 'trimpath', 'linkshared', 'json',
  'short', 'failfast', 'benchmem', 'fullpath',
]);
/** Ginkgo's flags that take a value; its other `ginkgo.` flags are booleans. */
const GINKGO_VALUE_FLAGS = new Set([
  'focus', 'skip', 'label-filter', 'focus-file', 'skip-file', 'seed', 'timeout', 'grace-period', 'flake-attempts',
  'must-pass-repeatedly', 'poll-progress-after', 'poll-progress-interval', 'output-interceptor-mode',
  'json-report', 'junit-report', 'teamcity-report', 'source-root', 'parallel.process', 'parallel.total', 'parallel.host',
]);

/** Reads the words after `go test`. */
export function parseGoTest(args: readonly string[]): GoTestCommand {
  const command: GoTestCommand = { packages: [], run: [], focus: [], tags: [] };
  let i = 0;
  let binaryFrom = args.length;
  let packagesEnded = false;
  for (; i < args.length; i++) {
    const word = args[i];
    if (word === '-args' || word === '--args') {
      binaryFrom = i + 1;
      break;
    }
    const flag = splitFlag(word);
    if (!flag) {
      if (!packagesEnded) command.packages.push(word);
      continue;
    }
    if (GO_VALUE_FLAGS.has(flag.name)) {
      const value = flag.value ?? args[++i];
      if (value === undefined) break;
      if (flag.name === 'run') command.run.push(value);
      if (flag.name === 'bench' || flag.name === 'fuzz') command.benchmarks = true;
      if (flag.name === 'tags') command.tags.push(...value.split(/[,\s]+/).filter(Boolean));
    } else if (!GO_BOOL_FLAGS.has(flag.name)) {
      // A flag of the test binary: from here on, the binary reads the words.
      packagesEnded = true;
      i = readBinaryFlag(args, i, flag, command);
    }
  }
  for (let j = binaryFrom; j < args.length; j++) {
    const flag = splitFlag(args[j]);
    if (!flag) break; // Go's flag package stops at the first word that is not a flag
    j = readBinaryFlag(args, j, flag, command);
  }
  return command;
}

/** Records a test binary flag at `i`; returns the index of its last word. */
function readBinaryFlag(args: readonly string[], i: number, flag: { name: string; value?: string }, command: GoTestCommand): number {
  const ginkgo = /^ginkgo\.(.+)$/.exec(flag.name)?.[1];
  if (flag.name === 'test.run') {
    const value = flag.value ?? args[i + 1];
    if (value !== undefined) command.run.push(value);
    return flag.value === undefined ? i + 1 : i;
  }
  if (ginkgo === undefined || !GINKGO_VALUE_FLAGS.has(ginkgo)) return i;
  const value = flag.value ?? args[i + 1];
  if (value !== undefined && ginkgo === 'focus') command.focus.push(value);
  return flag.value === undefined ? i + 1 : i;
}

/** `-name`, `--name`, `-name=value`; undefined for a word that is not a flag (`-` and `--` included). */
export function splitFlag(word: string): { name: string; value?: string; dashes: string } | undefined {
  const match = /^(--?)([^-=][^=]*)(?:=([\s\S]*))?$/.exec(word);
  if (!match) return undefined;
  return { dashes: match[1], name: match[2], ...(match[3] !== undefined ? { value: match[3] } : {}) };
}
