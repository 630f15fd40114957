import path from 'node:path';
import { splitFlag } from '../model/go-test-command';
import { callSpan, invocations, testCaseOf } from '../model/invocations';
import { manifestContainers, YAML_LANGS, type ManifestWord } from '../model/manifest-args';
import { nearest } from '../nearest';
import { driverMakefile } from '../source/driver-files';
import { KLOG_FLAGS } from '../source/klog-flags';
import type { PageContext, PageRule, Span } from '../types';
import { ruleUrl } from './url';

/** What the driver binary accepts: flag name -> whether it is a boolean (takes no separate value). */
type FlagTable = Map<string, boolean>;

interface Driver {
  /** Binary names: the directories under `cmd/` and the Makefile's `BINARY_NAME`. */
  binaries: Set<string>;
  /** Names a driver container carries: the binaries and the Makefile's `IMAGE_NAME`. */
  containerNames: Set<string>;
  flags: FlagTable;
}

/** Go's flag package reads these values of a boolean flag. */
const BOOL_VALUES = new Set(['1', '0', 't', 'f', 'T', 'F', 'true', 'false', 'TRUE', 'FALSE', 'True', 'False']);

async function readDriver(ctx: PageContext): Promise<Driver | undefined> {
  const source = ctx.workspace.goSource();
  if (!source) return undefined;
  const binaries = new Set((await source.packages()).flatMap((dir) => /^cmd\/([^/]+)$/.exec(dir)?.[1] ?? []));
  const makefile = (await driverMakefile(ctx.workspace))?.makefile;
  const literal = (name: string) => {
    const value = makefile?.variables.get(name);
    return value && !value.includes('$') && !/\s/.test(value) ? value : undefined;
  };
  const binaryName = literal('BINARY_NAME');
  if (binaryName) binaries.add(binaryName);
  const imageName = literal('IMAGE_NAME');
  const flags: FlagTable = new Map([['h', true], ['help', true]]);
  for (const flag of await source.flags()) flags.set(flag.name, flag.type === 'Bool');
  if (await source.registersKlogFlags()) for (const flag of KLOG_FLAGS) flags.set(flag.name, flag.bool);
  return { binaries, containerNames: new Set([...binaries, ...(imageName ? [imageName] : [])]), flags };
}

/** `rds-csi-plugin`, `./bin/rds-csi-plugin`, or a platform build such as `bin/rds-csi-plugin-linux-amd64`. */
function isDriverBinary(program: string, binaries: ReadonlySet<string>): boolean {
  const base = path.posix.basename(program);
  return [...binaries].some((b) => base === b || (base.startsWith(`${b}-`) && /^-[a-z0-9]+-[a-z0-9]+$/.test(base.slice(b.length))));
}

/** The repository name of an image reference: `ghcr.io/x/rds-csi-driver:dev` -> `rds-csi-driver`. */
function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0];
  const last = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  return last.split(':')[0];
}

/**
 * Reads the words the way Go's flag package does: `-x` or `--x`, `-x=v`,
 * `-x v` for a flag that is not boolean; it stops at `--` and at the first
 * word that is not a flag, and the words after it are never read as flags.
 * An unknown flag ends the check: the binary exits there.
 */
function checkArgs(words: readonly ManifestWord[], binary: string, driver: Driver, report: (at: Span, message: string) => void): void {
  for (let i = 0; i < words.length; i++) {
    const { text, at } = words[i];
    if (text === '--') return;
    const flag = splitFlag(text);
    if (!flag) {
      report(at, `\`${text}\` is not a flag, and ${binary} stops reading flags there: the words after it are ignored; expected only flags`);
      return;
    }
    const bool = driver.flags.get(flag.name);
    if (bool === undefined) {
      const near = nearest(flag.name, driver.flags.keys());
      const hint = near ? `; did you mean \`${flag.dashes}${near}\`?` : '; expected a flag that `cmd/` defines';
      report(at, `\`${flag.dashes}${flag.name}\` is not a flag of ${binary}${hint}`);
      return; // the binary exits at its first unknown flag
    } else if (bool && flag.value !== undefined && !flag.value.includes('$') && !BOOL_VALUES.has(flag.value)) {
      report(at, `\`${text}\` gives the boolean flag \`${flag.name}\` the value \`${flag.value}\`; expected true or false`);
    } else if (!bool && flag.value === undefined) {
      if (i + 1 >= words.length) report(at, `\`${text}\` needs a value; expected \`${text}=VALUE\` or \`${text} VALUE\``);
      i++;
    }
  }
}

/** A flag the binary does not define stops it at start-up: a guide that shows one cannot be followed. */
const rule: PageRule = {
  id: 'driver-flag',
  description: 'Flags shown for the driver binary, in shell blocks and in container args of manifests, are flags its `cmd/` defines',
  url: ruleUrl('driver-flag'),
  severity: 'error',
  scope: 'page',
  async check(ctx) {
    const { page, report } = ctx;
    const yamlBlocks = page.codeBlocks.filter((node) => YAML_LANGS.has((node.lang ?? '').toLowerCase()));
    if (page.commands.length === 0 && yamlBlocks.length === 0) return;
    const driver = await readDriver(ctx);
    if (!driver || driver.binaries.size === 0) return;
    for (const call of invocations(page.commands, (program) => isDriverBinary(program, driver.binaries) || path.posix.basename(program) === 'go')) {
      let args = call.args;
      let binary = path.posix.basename(call.program);
      if (binary === 'go') {
        // `go run ./cmd/<binary> [flags]`: the flags after the package are the binary's.
        const at = args[0] === 'run' ? args.findIndex((a) => /^(\.\/)?cmd\/[^/]+\/?$/.test(a)) : -1;
        const name = at === -1 ? undefined : args[at].replace(/^(\.\/)?cmd\//, '').replace(/\/$/, '');
        if (!name || !driver.binaries.has(name)) continue;
        [args, binary] = [args.slice(at + 1), name];
      }
      const span = callSpan(call.command.node, call.call);
      checkArgs(args.map((text) => ({ text, at: span })), binary, driver, (at, message) => report(at, message, testCaseOf(page, call.command)));
    }
    for (const block of yamlBlocks) {
      for (const container of manifestContainers(block)) {
        const [program, ...commandArgs] = container.command;
        const runsBinary = program !== undefined && isDriverBinary(program.text, driver.binaries);
        const named = [container.name, container.image && imageRepository(container.image)].some((n) => n !== undefined && driver.containerNames.has(n));
        if (!runsBinary && !(named && container.command.length === 0)) continue;
        const binary = runsBinary ? path.posix.basename(program.text) : [...driver.binaries][0];
        checkArgs([...(runsBinary ? commandArgs : []), ...container.args], binary, driver, (at, message) => report(at, message));
      }
    }
  },
};

export default rule;
