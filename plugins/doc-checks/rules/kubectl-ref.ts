import type { Code } from 'mdast';
import { isScalar } from 'yaml';
import { kindOf, parseKubectl, type KubectlArgs, type Word } from '../deploy/kubectl';
import { INSTALL_PATHS, loadDeployModel, type HelmRelease, type InstallPath } from '../deploy/model';
import { nearest } from '../deploy/nearest';
import { CLUSTER_SCOPED, objectFrom, type DeployObject } from '../deploy/objects';
import { blockPoint, fencedManifest, heredocManifests, pageManifests, type ManifestBlock } from '../deploy/page-manifests';
import { parseSelector, selects, type Requirement } from '../deploy/selectors';
import { rangeAt, readYaml, type YamlDoc } from '../deploy/yaml-docs';
import { pointAt } from '../text';
import type { Command, Locatable, Page, PageContext, PageRule, Point, ShellCall } from '../types';
import { ruleUrl } from './url';

/** Namespaces every cluster has. */
const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
/**
 * Kinds whose objects the cluster or the driver makes at run time under
 * names no manifest states: their names and labels are not checked.
 */
const RUNTIME_KINDS = new Set(['Node', 'PersistentVolume', 'VolumeAttachment', 'CSINode', 'Event', 'Endpoints', 'Lease', 'ReplicaSet', 'VolumeSnapshotContent', 'CustomResourceDefinition', 'PriorityClass', 'Role', 'RoleBinding']);
/** Verbs whose first positional is a type and the rest names. */
const TYPE_THEN_NAMES = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'wait', 'top']);
/** Verbs that may look for, or remove, what a later test case creates. */
const LEFTOVER_VERBS = new Set(['get', 'delete']);
/** Verbs whose first positional is a pod or `TYPE/NAME`. */
const POD_FIRST = new Set(['logs', 'exec', 'attach', 'port-forward']);
/**
 * Fields of a manifest that name a class to take from: an unknown class
 * leaves the claim Pending (or the snapshot unready) with no error at apply.
 */
const CLASS_FIELDS = [
  { kind: 'PersistentVolumeClaim', path: ['spec', 'storageClassName'], classKind: 'StorageClass' },
  { kind: 'VolumeSnapshot', path: ['spec', 'volumeSnapshotClassName'], classKind: 'VolumeSnapshotClass' },
];

const rule: PageRule = {
  id: 'kubectl-ref',
  description: '`kubectl` commands, and the classes that claims and snapshots take, name namespaces, labels, containers and objects that the declared install path or the guide itself creates',
  url: ruleUrl('kubectl-ref'),
  severity: 'error',
  scope: 'page',
  check(ctx) {
    const { page } = ctx;
    if (page.testCases.length === 0 || !page.commands.some((c) => c.calls.some((call) => call.words[0] === 'kubectl'))) return;
    // Without a checkout, driver-source says once what went unchecked.
    if (!ctx.workspace.sourceRoot) return;
    const install = declaredInstall(ctx);
    if (!install) return;
    const model = loadDeployModel(ctx.workspace.sourceRoot, install, install === 'helm' ? helmRelease(page) : {});
    new Checker(ctx, install, model.objects).run();
  },
};

function declaredInstall(ctx: PageContext): InstallPath | undefined {
  const { page } = ctx;
  const data = page.frontmatter?.data as Record<string, unknown> | undefined;
  const value = data && typeof data === 'object' ? data.driver_install : undefined;
  const allowed = INSTALL_PATHS.map((p) => `\`${p}\``).join(', ');
  if (value === undefined) {
    ctx.report(page.frontmatter?.node ?? page.testCases[0].heading.node, `The guide does not declare its install path; expected \`driver_install:\` in the frontmatter, one of ${allowed}`);
    return undefined;
  }
  if (typeof value !== 'string' || !(INSTALL_PATHS as readonly string[]).includes(value)) {
    const close = nearest(String(value), INSTALL_PATHS);
    ctx.report(frontmatterKey(page, 'driver_install'), `\`driver_install: ${String(value)}\` is not an install path; expected one of ${allowed}${close ? `; did you mean \`${close}\`?` : ''}`);
    return undefined;
  }
  return value as InstallPath;
}

/** Where a top-level key of the frontmatter is written, or the frontmatter itself. */
function frontmatterKey(page: Page, key: string): Locatable | undefined {
  const node = page.frontmatter?.node;
  if (!node || node.type !== 'yaml' || !node.position) return node;
  const { docs } = readYaml(node.value, 'frontmatter');
  if (!docs[0]) return node;
  const point = pointAt(node.value, rangeAt(docs[0].doc, [key])[0]);
  // The YAML starts on the line after the opening `---`.
  const at = { line: node.position.start.line + point.line, column: point.column };
  return { start: at, end: at };
}

/** `helm install|upgrade [--install] RELEASE CHART -n NS` in the guide names the release and its namespace. */
function helmRelease(page: Page): HelmRelease {
  for (const command of page.commands) {
    for (const { words } of command.calls) {
      if (words[0] !== 'helm' || (words[1] !== 'install' && words[1] !== 'upgrade')) continue;
      const positionals: string[] = [];
      let namespace: string | undefined;
      for (let i = 2; i < words.length; i++) {
        if (words[i] === '-n' || words[i] === '--namespace') namespace = words[++i];
        else if (words[i].startsWith('--namespace=')) namespace = words[i].slice(12);
        else if (/^--(set|values|version|set-string|timeout)$/.test(words[i]) || words[i] === '-f') i++;
        else if (!words[i].startsWith('-')) positionals.push(words[i]);
      }
      const release = positionals[0] && !positionals[0].includes('$') ? positionals[0] : undefined;
      return { release, namespace: namespace && !namespace.includes('$') ? namespace : undefined };
    }
  }
  return {};
}

type Vars = Map<string, string | undefined>;

class Checker {
  private readonly objects: DeployObject[];
  private readonly conventions: Vars;
  private readonly what: string;
  private pageObjects: DeployObject[] = [];

  constructor(
    private readonly ctx: PageContext,
    install: InstallPath,
    model: DeployObject[],
  ) {
    this.objects = [...model];
    this.conventions = conventionVariables(ctx.page);
    this.what = `the ${install} install`;
  }

  run(): void {
    const { page } = this.ctx;
    const commands = new Map(page.commands.map((c) => [c.node, c]));
    this.pageObjects = this.everythingTheGuideCreates();
    let testCase: string | undefined;
    let vars: Vars = new Map(this.conventions);
    for (const node of page.codeBlocks) {
      const current = testCaseOf(page, node);
      if (current !== testCase) {
        testCase = current;
        vars = new Map(this.conventions);
      }
      const fenced = fencedManifest(node);
      if (fenced) this.apply(fenced);
      const command = commands.get(node);
      if (command) this.block(command, vars);
    }
  }

  /** Adds the objects of a manifest's documents to `into`; returns the documents. */
  private learn(text: string, line: number, into: DeployObject[]): YamlDoc[] {
    const { docs } = readYaml(text);
    for (const { value } of docs) {
      const object = objectFrom(value, `${this.ctx.page.path}:${line}`);
      if (object) into.push(object);
    }
    return docs;
  }

  /** A manifest creates its objects, and the classes its claims and snapshots name must exist by then. */
  private apply(manifest: ManifestBlock): void {
    for (const { value, doc } of this.learn(manifest.text, manifest.at(0).line, this.objects)) {
      const field = CLASS_FIELDS.find((f) => (value as { kind?: unknown } | null)?.kind === f.kind);
      const node = field ? doc.getIn(field.path, true) : undefined;
      // An empty class asks for none (a static PV); a shell variable is known only when the command runs.
      if (!field || !isScalar(node) || typeof node.value !== 'string' || node.value === '' || node.value.includes('$')) continue;
      if (this.find(field.classKind, node.value, undefined).length > 0) continue;
      const at = manifest.at(node.range?.[0] ?? rangeAt(doc, field.path)[0]);
      this.ctx.report({ start: at, end: at }, this.missing(field.classKind, node.value, undefined));
    }
  }

  /**
   * Every object the guide's manifests create, wherever on the page: a
   * pre-flight `get` or `delete` by label looks for leftovers of objects
   * that the test cases create later.
   */
  private everythingTheGuideCreates(): DeployObject[] {
    const created: DeployObject[] = [];
    for (const manifest of pageManifests(this.ctx.page)) this.learn(manifest.text, manifest.at(0).line, created);
    return created;
  }

  private block(command: Command, vars: Vars): void {
    const heredocs = new Map(heredocManifests(command).map((m) => [m.call, m]));
    const events: ({ line: number } & ({ call: ShellCall } | { assign: { name: string; value: string } }))[] = [
      ...command.calls.map((call) => ({ line: call.line, call })),
      ...(command.assignments ?? []).map((a) => ({ line: a.line, assign: a })),
    ].sort((a, b) => a.line - b.line);
    for (const event of events) {
      if ('assign' in event) {
        vars.set(event.assign.name, resolve(event.assign.value, vars));
        continue;
      }
      const manifest = heredocs.get(event.call);
      if (manifest) this.apply(manifest);
      if (event.call.via) continue;
      const args = parseKubectl(event.call.words);
      if (args) this.kubectl(args, event.call, command.node, vars);
    }
  }

  private kubectl(args: KubectlArgs, call: ShellCall, node: Code, vars: Vars): void {
    const at = (word: Word | undefined): Point => {
      const position = word ? call.at?.[word.index] : undefined;
      return position ? blockPoint(node, position.line, position.column) : blockPoint(node, call.line, 1);
    };
    const report = (word: Word | undefined, message: string) => this.ctx.report({ start: at(word), end: at(word) }, message);
    const value = (name: string) => {
      const flag = args.flags.get(name);
      return flag ? { word: flag, text: resolve(flag.text, vars) } : undefined;
    };

    if (args.verb === 'create' && /^(namespace|ns)$/.test(args.positionals[0]?.text ?? '')) {
      const name = resolve(args.positionals[1]?.text ?? '', vars);
      if (name) this.objects.push({ apiVersion: 'v1', kind: 'Namespace', name, labels: {}, origin: this.ctx.page.path });
      return;
    }
    if (args.verb === 'run') {
      const name = resolve(args.positionals[0]?.text ?? '', vars);
      if (name) this.objects.push({ apiVersion: 'v1', kind: 'Pod', name, namespace: value('namespace')?.text, labels: { run: name }, pod: { labels: { run: name }, containers: [{ name, args: [], ports: [], probes: [] }] }, origin: this.ctx.page.path });
      return;
    }

    // Namespace
    const ns = value('namespace');
    let namespace: string | undefined | null = null; // null: the current namespace
    if (args.allNamespaces) namespace = undefined;
    else if (ns) {
      namespace = ns.text;
      if (ns.text !== undefined && !this.namespaces().has(ns.text)) {
        const known = [...this.namespaces()].filter((n) => n !== '*').sort();
        const close = nearest(ns.text, known);
        report(ns.word, `Namespace \`${ns.text}\` is not created by ${this.what} or earlier in the guide, nor built in; expected one of ${list(known)}${close ? `; did you mean \`${close}\`?` : ''}`);
        return;
      }
    }

    // Objects named
    const refs = this.references(args, vars);
    const selected: DeployObject[] = [];
    for (const ref of refs) {
      if (!ref.kind || !ref.name || RUNTIME_KINDS.has(ref.kind)) continue;
      const found = this.find(ref.kind, ref.name, namespace);
      if (found.length > 0) {
        selected.push(...found);
        continue;
      }
      if (ref.kind === 'Pod' && this.ownedPod(ref.name, namespace)) continue;
      report(ref.word, this.missing(ref.kind, ref.name, namespace));
    }

    // Label selector
    const selector = value('selector');
    const kinds = this.selectedKinds(args, refs);
    if (selector?.text !== undefined && kinds.length > 0 && !kinds.some((k) => RUNTIME_KINDS.has(k))) {
      const parsed = parseSelector(selector.text);
      if ('error' in parsed) {
        report(selector.word, `\`${selector.text}\` is not a label selector: ${parsed.error}`);
        return;
      }
      const candidates = this.candidates(kinds, namespace);
      const matched = candidates.filter((o) => selects(parsed, labelsFor(o, kinds), o.anyValue));
      const leftoversOfLater = LEFTOVER_VERBS.has(args.verb) && this.pageObjects.some((o) => (kinds.includes(o.kind) || (kinds.includes('Pod') && o.pod !== undefined)) && selects(parsed, labelsFor(o, kinds), o.anyValue));
      if (matched.length === 0 && !leftoversOfLater) {
        report(selector.word, this.noMatch(selector.text, kinds, namespace, candidates, parsed));
        return;
      }
      selected.push(...matched);
    }

    // Container
    const container = value('container');
    if (container?.text !== undefined) {
      const pods = (selected.length > 0 ? selected : this.candidates(['Pod'], namespace)).filter((o) => o.pod);
      const names = [...new Set(pods.flatMap((o) => o.pod!.containers.map((c) => c.name)))];
      // Helm's containers are not modelled: nothing to compare with.
      if (names.length > 0 && !names.includes(container.text)) {
        const close = nearest(container.text, names);
        const owners = [...new Set(pods.map(describe))].join(', ');
        report(container.word, `Container \`${container.text}\` is not in ${owners}; containers there: ${list(names)}${close ? `; did you mean \`${close}\`?` : ''}`);
      }
    }
  }

  /** `TYPE/NAME` words anywhere, and `get TYPE NAME...` forms. */
  private references(args: KubectlArgs, vars: Vars): { kind?: string; name?: string; word: Word }[] {
    const refs: { kind?: string; name?: string; word: Word }[] = [];
    const positionals = args.verb === 'rollout' ? args.positionals.slice(1) : args.positionals;
    const slash = (word: Word) => {
      const text = resolve(word.text, vars);
      const index = text?.indexOf('/') ?? -1;
      if (!text || index <= 0) return false;
      refs.push({ kind: kindOf(text.slice(0, index)), name: text.slice(index + 1) || undefined, word });
      return true;
    };
    if (POD_FIRST.has(args.verb)) {
      const first = positionals[0];
      if (first && !slash(first)) refs.push({ kind: 'Pod', name: resolve(first.text, vars), word: first });
      return refs;
    }
    if (!TYPE_THEN_NAMES.has(args.verb) && args.verb !== 'rollout') return refs;
    const [type, ...names] = positionals;
    if (!type) return refs;
    if (type.text.includes('/')) {
      for (const word of positionals) slash(word);
      return refs;
    }
    const kind = kindOf(type.text);
    if (!type.text.includes(',')) {
      refs.push({ kind, word: type });
      for (const word of names) refs.push({ kind, name: resolve(word.text, vars), word });
    } else {
      for (const part of type.text.split(',')) refs.push({ kind: kindOf(part), word: type });
    }
    return refs;
  }

  private selectedKinds(args: KubectlArgs, refs: { kind?: string }[]): string[] {
    if (POD_FIRST.has(args.verb)) return ['Pod'];
    return [...new Set(refs.map((r) => r.kind).filter((k): k is string => !!k))];
  }

  private namespaces(): Set<string> {
    const names = new Set(BUILTIN_NAMESPACES);
    for (const o of this.objects) {
      if (o.kind === 'Namespace') names.add(o.name);
      if (o.namespace) names.add(o.namespace);
    }
    return names;
  }

  private candidates(kinds: string[], namespace: string | undefined | null): DeployObject[] {
    return this.objects.filter((o) => {
      const kindMatches = kinds.includes(o.kind) || (kinds.includes('Pod') && o.pod !== undefined);
      return kindMatches && inNamespace(o, namespace);
    });
  }

  private find(kind: string, name: string, namespace: string | undefined | null): DeployObject[] {
    return this.objects.filter((o) => o.kind === kind && nameMatches(o, name) && inNamespace(o, namespace));
  }

  /** A pod a workload made: its name is the workload's plus generated suffixes. */
  private ownedPod(name: string, namespace: string | undefined | null): boolean {
    return this.objects.some((o) => o.pod && o.kind !== 'Pod' && inNamespace(o, namespace) && (o.name ? name.startsWith(`${o.name}-`) : !!o.nameSuffix && name.includes(`${o.nameSuffix}-`)));
  }

  private missing(kind: string, name: string, namespace: string | undefined | null): string {
    const where = CLUSTER_SCOPED.has(kind) ? '' : ` in namespace \`${namespace ?? 'default'}\``;
    const head = `${kind} \`${name}\`${where} is not created by ${this.what} or earlier in the guide`;
    const elsewhere = this.objects.filter((o) => o.kind === kind && nameMatches(o, name));
    if (elsewhere.length > 0) return `${head}; it exists in namespace ${list(elsewhere.map((o) => o.namespace ?? 'default'))}`;
    const same = [...new Set(this.objects.filter((o) => o.kind === kind && inNamespace(o, namespace)).map(displayName))];
    if (same.length === 0) return `${head}; expected a ${kind} that exists, and there is none${where}`;
    const close = nearest(name, same);
    return `${head}; expected one of ${list(same)}${close ? `; did you mean \`${close}\`?` : ''}`;
  }

  private noMatch(text: string, kinds: string[], namespace: string | undefined | null, candidates: DeployObject[], parsed: Requirement[]): string {
    const what = kinds.join('/');
    const where = namespace ? ` in namespace \`${namespace}\`` : namespace === null ? ' in the current namespace' : '';
    const head = `\`-l ${text}\` selects no ${what}${where} of ${this.what} or the guide`;
    // The usual cause is the namespace of another install path: say where the selector does match.
    const elsewhere = this.candidates(kinds, undefined).filter((o) => selects(parsed, labelsFor(o, kinds), o.anyValue));
    const there = elsewhere.length > 0 ? `; it selects ${elsewhere.map((o) => `${describe(o)} in namespace \`${o.namespace ?? 'default'}\``).join(', ')}` : '';
    if (candidates.length === 0) return `${head}; there are none${where}${there}`;
    const keys = new Set(parsed.map((r) => r.key));
    const labels = candidates.map((o) => {
      const shown = Object.entries(labelsFor(o, kinds)).filter(([k]) => keys.has(k));
      return `${describe(o)} (${shown.length ? shown.map(([k, v]) => `${k}=${v}`).join(',') : 'no such label'})`;
    });
    return `${head}; labels there: ${labels.join('; ')}${there}`;
  }
}

function labelsFor(object: DeployObject, kinds: string[]): Record<string, string> {
  // Pods carry the template's labels, not the workload's own.
  return kinds.includes('Pod') && object.pod ? object.pod.labels : object.labels;
}

function nameMatches(object: DeployObject, name: string): boolean {
  if (object.name === name) return true;
  if (object.nameSuffix && name.endsWith(object.nameSuffix)) return true;
  return !!object.hashSuffix && name.startsWith(`${object.name}-`);
}

/** `null`: the current namespace (the guide's own objects without one live there, as does `default`). */
function inNamespace(object: DeployObject, namespace: string | undefined | null): boolean {
  if (namespace === undefined || CLUSTER_SCOPED.has(object.kind) || object.namespace === '*') return true;
  const own = object.namespace;
  if (namespace === null) return own === undefined || own === 'default';
  return own === namespace || (own === undefined && namespace === 'default');
}

function displayName(object: DeployObject): string {
  return object.name || `<release>${object.nameSuffix ?? ''}`;
}

function describe(object: DeployObject): string {
  return `${object.kind.toLowerCase()}/${displayName(object)}`;
}

function list(items: readonly string[]): string {
  return items.map((i) => `\`${i}\``).join(', ');
}

/** A word with `$VAR` replaced by known values; undefined when anything stays unknown. */
function resolve(text: string, vars: Vars): string | undefined {
  let unknown = false;
  const out = text.replace(/\$(\(\.\.\.\)|[A-Za-z_][A-Za-z0-9_]*)/g, (_all, name: string) => {
    const value = vars.get(name);
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown || out.includes('$') ? undefined : out;
}

/** Assignments in the bash blocks of the `## Conventions` section hold for the whole page. */
function conventionVariables(page: Page): Vars {
  const vars: Vars = new Map();
  const heading = page.headings.find((h) => h.depth === 2 && /^conventions$/i.test(h.text));
  if (!heading) return vars;
  const start = heading.node.position?.end.offset ?? 0;
  const next = page.headings.find((h) => h.depth <= 2 && (h.node.position?.start.offset ?? 0) > start);
  const end = next?.node.position?.start.offset ?? Number.POSITIVE_INFINITY;
  for (const command of page.commands) {
    const offset = command.node.position?.start.offset ?? 0;
    if (offset < start || offset > end) continue;
    for (const a of command.assignments ?? []) vars.set(a.name, resolve(a.value, vars));
  }
  return vars;
}

function testCaseOf(page: Page, node: Code): string | undefined {
  const offset = node.position?.start.offset ?? 0;
  let found: string | undefined;
  for (const tc of page.testCases) {
    const start = tc.heading.node.position?.start.offset ?? 0;
    const last = tc.nodes.at(-1) ?? tc.heading.node;
    if (offset >= start && offset <= (last.position?.end.offset ?? start)) found = tc.id;
  }
  return found;
}

export default rule;
