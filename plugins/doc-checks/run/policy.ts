/**
 * What a runnable block may do: an allow-list, decided on parsed shell
 * calls. Everything not listed is refused, so a block that needs a cluster,
 * a node or the RDS can never be marked `run` by accident.
 */
import type { ShellCall } from '../types';

/** Programs that work offline in a copy of the driver source. */
const OFFLINE_PROGRAMS = new Set([
  'make', 'go', 'cd', 'pwd', 'ls', 'cat', 'head', 'tail', 'grep', 'wc', 'sort', 'uniq', 'diff',
  'echo', 'printf', 'test', '[', 'true', 'false', 'mkdir',
]);

/** Why the usual hardware commands cannot run here; the message names the reason. */
const NEEDS_HARDWARE = new Map<string, string>([
  ['ssh', 'reaches another host over SSH'],
  ['scp', 'reaches another host over SSH'],
  ['kubectl', 'needs a Kubernetes cluster'],
  ['helm', 'needs a Kubernetes cluster'],
  ['nvme', 'needs an NVMe/TCP initiator on a node'],
  ['iptables', 'changes a node\'s firewall'],
  ['modprobe', 'loads kernel modules'],
  ['mount', 'mounts filesystems on a node'],
  ['umount', 'mounts filesystems on a node'],
  ['curl', 'reaches the network'],
  ['wget', 'reaches the network'],
  ['dlv', 'starts an interactive debugger'],
  ['docker', 'needs a container engine'],
]);

/** `go` subcommands that only build, test or describe the module. */
const GO_SUBCOMMANDS = new Set(['test', 'build', 'vet', 'list', 'version', 'env', 'tool', 'mod']);
/** `go tool` programs that only read what a test run wrote. */
const GO_TOOLS = new Set(['cover']);
/** go flags that run another program, or write outside the module. */
const GO_FLAGS_REFUSED = ['-exec', '-toolexec', '-o', '-w', '-modfile', '-overlay', '-pkgdir'];

/** Make targets of the driver that need hardware, a container engine or downloads of tools. */
const HARDWARE_MAKE_TARGETS = new Map<string, string>([
  ['test-sanity-real', 'runs the CSI sanity suite against a real RDS'],
  ['test-sanity', 'may run the CSI sanity suite against a real RDS'],
  ['test-docker', 'needs a container engine'],
  ['docker', 'needs a container engine'],
  ['docker-push', 'pushes an image to a registry'],
  ['docker-multiarch', 'pushes an image to a registry'],
  ['install-tools', 'installs tools from the network'],
  ['install-coverage-tool', 'installs tools from the network'],
  ['test-coverage-check', 'installs tools from the network'],
]);

export const ALLOWED_PROGRAMS_TEXT = [...OFFLINE_PROGRAMS].map((p) => `\`${p}\``).join(', ');

/** Why a call cannot run offline, or undefined when it can. */
export function refusal(call: ShellCall): string | undefined {
  const [program = '', ...args] = call.words;
  if (call.via) return `\`${program}\` runs on \`${call.via}\` through ssh`;
  const hardware = NEEDS_HARDWARE.get(program);
  if (hardware) return `\`${program}\` ${hardware}`;
  if (!OFFLINE_PROGRAMS.has(program)) return `\`${program}\` is not among the commands a runnable block may use`;
  const outside = [...args, ...(call.stdoutTo ? [call.stdoutTo] : [])].find(leavesTheCopy);
  if (outside !== undefined) return `\`${program}\` names \`${outside}\`, a path outside the copy of the driver source`;
  if (program === 'go') {
    const sub = args.find((a) => !a.startsWith('-'));
    if (sub !== undefined && !GO_SUBCOMMANDS.has(sub)) return `\`go ${sub}\` is not among the go commands a runnable block may use`;
    const flag = args.find((a) => GO_FLAGS_REFUSED.includes(a.replace(/^--?/, '-').split('=')[0]));
    if (flag !== undefined) return `\`go\` with \`${flag}\` runs another program or writes outside the module`;
    const tool = sub === 'tool' ? args[args.indexOf(sub) + 1] : undefined;
    if (sub === 'tool' && !GO_TOOLS.has(tool ?? '')) return `\`go tool ${tool ?? ''}\` is not among the go tools a runnable block may use`;
  }
  if (program === 'make') {
    for (const target of args.filter((a) => !a.startsWith('-') && !a.includes('='))) {
      const reason = HARDWARE_MAKE_TARGETS.get(target);
      if (reason) return `\`make ${target}\` ${reason}`;
    }
  }
  return undefined;
}

/** An absolute path, a home path or a `..` step: the block would reach beyond its copy. */
function leavesTheCopy(word: string): boolean {
  const value = word.includes('=') && word.startsWith('-') ? word.slice(word.indexOf('=') + 1) : word;
  return value.startsWith('/') || value.startsWith('~') || value.startsWith('$HOME') || value.split('/').includes('..');
}

/** Declared variables that name credentials: a block must never print one into a log or a report. */
export const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|KEY/i;

/** Variables every shell provides, which need no declaration. */
export const SHELL_VARIABLES = new Set(['HOME', 'PWD', 'OLDPWD', 'PATH', 'USER', 'TMPDIR', 'SHELL']);
