/**
 * What one Go file holds that the guides can cite, read from its syntax tree
 * in one walk: declarations with their lines (struct fields as
 * `Type.Field`), the constant expressions each declaration carries, the
 * defaults assigned to fields, the format strings of log and error calls,
 * `flag` definitions, tests with their literal subtests, and Ginkgo specs.
 * The result holds no syntax nodes, so the tree is freed right after.
 */
import type { Node } from 'web-tree-sitter';
import type { GoDeclaration } from '../types';
import { field, fields, GO_LIMITS, lineOf, named, parseGo, type GoLimits } from './go-parser';
import { toExpr, type GoExpr } from './go-values';

/** A constant-looking expression at a line, with its source text for messages. */
export interface ExprAt {
  expr: GoExpr;
  text: string;
  line: number;
  /** For const specs in a group: the spec's index, Go's `iota`. */
  iota?: number;
  /** Set when this is the whole value of a const or var (what its name stands for). */
  whole?: true;
}

/** `Field: expr` in a composite literal (`type` when the literal names it) or `x.Field = expr`. */
export interface FieldAssignment extends ExprAt {
  field: string;
  type?: string;
}

export interface LogCall {
  /** The callee as written, normalised: `klog.V(4).Infof`, `fmt.Errorf`. */
  callee: string;
  /** A printf format: the literal format of `...f` calls; print-style arguments become `%v`. */
  format: string;
  /** Keys of a structured call (`InfoS`, `ErrorS`), when literal. */
  keys?: string[];
  line: number;
}

export interface FlagDefinition {
  name: string;
  /** `String`, `Int`, `Duration`, ... (the `Var` suffix removed). */
  type: string;
  /** The default as written. */
  defaultText: string;
  default?: ExprAt;
  usage: string;
  line: number;
}

export interface GoTest {
  /** `TestX`, `TestX/sub case` for a literal `t.Run` name. */
  name: string;
  line: number;
  /** Set when it also runs subtests whose names are computed (`t.Run(tc.name, ...)`). */
  dynamicSubtests?: true;
}

export interface GinkgoSpec {
  /** `Describe`, `It`, ... */
  kind: string;
  text: string;
  /** The texts of the containers around it, outermost first. */
  path: string[];
  line: number;
}

export interface GoFileModel {
  path: string;
  packageName?: string;
  declarations: GoDeclaration[];
  /** Constant expressions by declaration qualified name (const/var value, func/method body). */
  expressions: Map<string, ExprAt[]>;
  fieldAssignments: FieldAssignment[];
  logCalls: LogCall[];
  flags: FlagDefinition[];
  tests: GoTest[];
  ginkgo: GinkgoSpec[];
  /** The file's `//go:build` expression, when it has one. */
  buildConstraint?: string;
  /** Set when a file under `cmd/` calls `klog.InitFlags`, which registers klog's flags. */
  registersKlogFlags?: true;
  /** Set when the file could not be read within the limits; the rest is then empty. */
  problem?: string;
}

const PRINTF = /^(Infof|Warningf|Errorf|Fatalf|Exitf|Printf|Panicf|Fatalf|Sprintf)$/;
const PRINT = /^(Info|Warning|Error|Fatal|Exit|Print|Println|Panic|Infoln|Warningln|Errorln)$/;
const STRUCTURED = /^(InfoS|ErrorS|InfoSDepth|ErrorSDepth)$/;
const LOGGERS = new Set(['klog', 'log', 'fmt', 'errors', 'status']);
const GINKGO = new Set([
  'Describe', 'Context', 'When', 'It', 'Specify', 'DescribeTable', 'Entry',
  'FDescribe', 'FContext', 'FWhen', 'FIt', 'PDescribe', 'PContext', 'PIt', 'XDescribe', 'XContext', 'XIt',
]);
const FLAG_PACKAGES = new Set(['flag', 'pflag']);

export async function readGoFile(path: string, text: string, limits: GoLimits = GO_LIMITS): Promise<GoFileModel> {
  const model: GoFileModel = {
    path,
    declarations: [],
    expressions: new Map(),
    fieldAssignments: [],
    logCalls: [],
    flags: [],
    tests: [],
    ginkgo: [],
  };
  const parsed = await parseGo(text, limits);
  if ('problem' in parsed) return { ...model, problem: parsed.problem };
  try {
    new FileReader(model, limits, path.startsWith('cmd/'), path.endsWith('_test.go')).read(parsed.root);
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    return { ...emptied(model), problem: `the file nests deeper than ${limits.maxDepth} levels; expected Go source a person wrote` };
  } finally {
    parsed.tree.delete();
  }
  return model;
}

function emptied(model: GoFileModel): GoFileModel {
  return { path: model.path, declarations: [], expressions: new Map(), fieldAssignments: [], logCalls: [], flags: [], tests: [], ginkgo: [] };
}

class TooDeep extends Error {}

interface Scope {
  /** The declaration whose body we are in: its expressions are collected under this name. */
  owner?: string;
  /** The test function or subtest name we are in. */
  test?: string;
  /** Ginkgo container texts around us. */
  specPath: string[];
}

class FileReader {
  constructor(
    private readonly model: GoFileModel,
    private readonly limits: GoLimits,
    private readonly inCmd: boolean,
    private readonly isTest: boolean,
  ) {}

  read(root: Node): void {
    for (const child of named(root)) {
      switch (child.type) {
        case 'package_clause':
          this.model.packageName = named(child)[0]?.text;
          break;
        case 'comment':
          // Only a `//go:build` line before the package clause constrains the file.
          if (this.model.packageName === undefined && /^\/\/go:build\s/.test(child.text)) {
            this.model.buildConstraint = child.text.slice('//go:build'.length).trim();
          }
          break;
        case 'function_declaration':
          this.func(child);
          break;
        case 'method_declaration':
          this.method(child);
          break;
        case 'type_declaration':
          for (const spec of named(child)) this.typeSpec(spec);
          break;
        case 'const_declaration':
          this.constDeclaration(child);
          break;
        case 'var_declaration':
          this.varDeclaration(child, 1);
          break;
      }
    }
  }

  /** `whole` is the node the declaration spans: a review pins its text. */
  private declare(name: string, qualifiedName: string, kind: GoDeclaration['kind'], line: number, whole: Node): void {
    if (name === '_' || name === '') return;
    this.model.declarations.push({ name, qualifiedName, kind, line, endLine: whole.endPosition.row + 1 });
  }

  private func(node: Node): void {
    const name = field(node, 'name');
    if (!name) return;
    this.declare(name.text, name.text, 'func', lineOf(name), node);
    const isTestFunc = this.isTest && /^(Test|Benchmark|Fuzz|Example)/.test(name.text) && this.takesTestingArg(node);
    if (isTestFunc) this.model.tests.push({ name: name.text, line: lineOf(name) });
    const body = field(node, 'body');
    if (body) this.walk(body, { owner: name.text, test: isTestFunc ? name.text : undefined, specPath: [] }, 1);
  }

  /** `TestX(t *testing.T)`, `BenchmarkX(b *testing.B)`, `FuzzX(f *testing.F)`; examples take nothing. */
  private takesTestingArg(node: Node): boolean {
    const params = field(node, 'parameters')?.text ?? '';
    return /^\(\s*\w+\s+\*testing\.[TBF]\s*\)$/.test(params) || (params === '()' && /^Example/.test(field(node, 'name')?.text ?? ''));
  }

  private method(node: Node): void {
    const name = field(node, 'name');
    const receiver = field(node, 'receiver');
    const type = receiver && receiverType(receiver);
    if (!name || !type) return;
    const qualified = `${type}.${name.text}`;
    this.declare(name.text, qualified, 'method', lineOf(name), node);
    const body = field(node, 'body');
    if (body) this.walk(body, { owner: qualified, specPath: [] }, 1);
  }

  private typeSpec(spec: Node): void {
    if (spec.type !== 'type_spec' && spec.type !== 'type_alias') return;
    const name = field(spec, 'name');
    if (!name) return;
    this.declare(name.text, name.text, 'type', lineOf(name), spec);
    const type = field(spec, 'type');
    if (type?.type !== 'struct_type') return;
    const list = named(type).find((n) => n.type === 'field_declaration_list');
    for (const decl of list ? named(list) : []) {
      if (decl.type !== 'field_declaration') continue;
      for (const f of fields(decl, 'name')) this.declare(f.text, `${name.text}.${f.text}`, 'field', lineOf(f), decl);
    }
  }

  private constDeclaration(node: Node): void {
    // A spec without values repeats the previous spec's expressions with its own iota.
    let previous: Node[] = [];
    let iota = 0;
    for (const spec of named(node)) {
      if (spec.type !== 'const_spec') continue;
      const valueList = field(spec, 'value');
      const values = valueList ? named(valueList) : previous;
      if (valueList) previous = values;
      fields(spec, 'name').forEach((name, i) => {
        this.declare(name.text, name.text, 'const', lineOf(name), spec);
        const value = values[i];
        const expr = value && toExpr(value);
        if (expr) this.addExpr(name.text, { expr, text: value.text, line: lineOf(name), iota, whole: true });
      });
      iota++;
    }
  }

  /** `var x = 1` at top level (depth 1) or `var x = 1` inside a body (collected for its owner). */
  private varDeclaration(node: Node, depth: number, scope?: Scope): void {
    const specs = named(node).flatMap((n) => (n.type === 'var_spec_list' ? named(n) : [n]));
    for (const spec of specs) {
      if (spec.type !== 'var_spec') continue;
      const valueList = field(spec, 'value');
      const values = valueList ? named(valueList) : [];
      fields(spec, 'name').forEach((name, i) => {
        if (!scope) this.declare(name.text, name.text, 'var', lineOf(name), spec);
        const value = values[i];
        if (!value) return;
        const expr = toExpr(value);
        if (expr && !scope) this.addExpr(name.text, { expr, text: value.text, line: lineOf(value), whole: true });
        else this.walk(value, scope ?? { owner: name.text, specPath: [] }, depth + 1);
      });
    }
  }

  private addExpr(owner: string, at: ExprAt): void {
    const list = this.model.expressions.get(owner);
    if (list) list.push(at);
    else this.model.expressions.set(owner, [at]);
  }

  /**
   * Visits a body: records constant expressions for the owner (the largest
   * constant expression, not its parts), field defaults, log calls, flags,
   * subtests and Ginkgo specs.
   */
  private walk(node: Node, scope: Scope, depth: number): void {
    if (depth > this.limits.maxDepth) throw new TooDeep();
    // Each `type` read is a call into the WebAssembly parser: read it once.
    const type = node.type;
    if (type === 'comment') return;
    if (type !== 'identifier') {
      const expr = toExpr(node, 0, type);
      if (expr) {
        if (scope.owner) this.addExpr(scope.owner, { expr, text: node.text, line: lineOf(node) });
        return;
      }
    } else {
      // A bare name counts when it names a package constant; the package decides later.
      if (scope.owner) this.addExpr(scope.owner, { expr: { k: 'ref', name: node.text }, text: node.text, line: lineOf(node) });
      return;
    }
    let inner = scope;
    switch (type) {
      case 'var_declaration':
        this.varDeclaration(node, depth, scope);
        return;
      case 'keyed_element':
        this.keyedElement(node);
        break;
      case 'assignment_statement':
        this.assignment(node);
        break;
      case 'call_expression':
        inner = this.call(node, scope);
        break;
    }
    for (const child of named(node)) {
      // Selector fields are names, not values.
      if (type === 'selector_expression' && child.type === 'field_identifier') continue;
      this.walk(child, inner, depth + 1);
    }
  }

  private keyedElement(node: Node): void {
    const [keyNode, valueNode] = named(node).map(unwrapLiteralElement);
    if (keyNode?.type !== 'identifier' && keyNode?.type !== 'field_identifier') return;
    const expr = valueNode && toExpr(valueNode);
    if (!expr) return;
    const literal = node.parent?.parent;
    const type = literal?.type === 'composite_literal' ? typeName(field(literal, 'type')) : undefined;
    this.model.fieldAssignments.push({ field: keyNode.text, type, expr, text: valueNode.text, line: lineOf(valueNode) });
  }

  private assignment(node: Node): void {
    if (field(node, 'operator')?.text !== '=') return;
    const left = named(field(node, 'left') ?? node);
    const right = named(field(node, 'right') ?? node);
    left.forEach((target, i) => {
      const value = right[i];
      if (target.type !== 'selector_expression' || !value) return;
      const name = field(target, 'field')?.text;
      const expr = toExpr(value);
      if (name && expr) this.model.fieldAssignments.push({ field: name, expr, text: value.text, line: lineOf(value) });
    });
  }

  /** Records what a call means to the guides; returns the scope for its arguments. */
  private call(node: Node, scope: Scope): Scope {
    const fn = field(node, 'function');
    const argList = field(node, 'arguments');
    if (!fn || !argList) return scope;
    const args = named(argList).filter((n) => n.type !== 'comment');
    const callee = calleeName(fn);
    if (callee) {
      const [receiver, method] = [callee.slice(0, callee.lastIndexOf('.')), callee.slice(callee.lastIndexOf('.') + 1)];
      const root = receiver.split('.')[0].replace(/\(.*$/, '');
      if (LOGGERS.has(root)) this.logCall(node, callee, root, method, args);
      if (this.inCmd && FLAG_PACKAGES.has(receiver)) this.flag(node, method, args);
      if (this.inCmd && callee === 'klog.InitFlags') this.model.registersKlogFlags = true;
      if (scope.test && method === 'Run' && /^\w+$/.test(receiver)) {
        const name = stringValue(args[0]);
        if (name !== undefined) {
          const full = `${scope.test}/${name}`;
          this.model.tests.push({ name: full, line: lineOf(node) });
          return { ...scope, test: full };
        }
        // A computed name: the subtests below it cannot be named either.
        const parent = this.model.tests.find((t) => t.name === scope.test);
        if (parent) parent.dynamicSubtests = true;
        return { ...scope, test: undefined };
      }
    }
    const spec = ginkgoName(fn);
    if (spec) {
      const text = stringValue(args[0]);
      if (text !== undefined) {
        this.model.ginkgo.push({ kind: spec, text, path: scope.specPath, line: lineOf(node) });
        return { ...scope, specPath: [...scope.specPath, text] };
      }
    }
    return scope;
  }

  private logCall(node: Node, callee: string, root: string, method: string, args: Node[]): void {
    const line = lineOf(node);
    if (root === 'errors' && method === 'New') {
      const format = stringValue(args[0]);
      if (format !== undefined) this.model.logCalls.push({ callee, format: escapePercent(format), line });
      return;
    }
    if (root === 'fmt' && method !== 'Errorf') return;
    // gRPC's status.Errorf(code, format, ...) and klog's ErrorS(err, msg, ...) put the message second.
    const first = (root === 'status' || method.startsWith('ErrorS')) ? 1 : 0;
    if (root === 'status' && method !== 'Errorf' && method !== 'Error') return;
    if (PRINTF.test(method) || (root === 'status' && method === 'Errorf')) {
      const format = stringValue(args[first]);
      if (format !== undefined) this.model.logCalls.push({ callee, format, line });
    } else if (STRUCTURED.test(method)) {
      const message = stringValue(args[first]);
      if (message === undefined) return;
      const keys = args.slice(first + 1).filter((_, i) => i % 2 === 0).map(stringValue);
      this.model.logCalls.push({ callee, format: escapePercent(message), keys: keys.filter((k): k is string => k !== undefined), line });
    } else if (PRINT.test(method) || (root === 'status' && method === 'Error')) {
      const parts = args.slice(first).map((a) => {
        const literal = stringValue(a);
        return literal === undefined ? '%v' : escapePercent(literal);
      });
      if (parts.some((p) => p !== '%v')) this.model.logCalls.push({ callee, format: parts.join(method.endsWith('ln') ? ' ' : ''), line });
    }
  }

  private flag(node: Node, method: string, args: Node[]): void {
    const type = method.replace(/Var(P)?$/, '').replace(/P$/, '');
    if (!/^(String|Int|Int64|Uint|Uint64|Bool|Duration|Float64|StringSlice|IntSlice)$/.test(type)) return;
    const rest = method.endsWith('Var') || method.endsWith('VarP') ? args.slice(1) : args;
    const name = stringValue(rest[0]);
    const shorthand = method.endsWith('P') ? 1 : 0;
    const defaultNode = rest[1 + shorthand];
    if (name === undefined || !defaultNode) return;
    const expr = toExpr(defaultNode);
    this.model.flags.push({
      name,
      type,
      defaultText: defaultNode.text,
      ...(expr ? { default: { expr, text: defaultNode.text, line: lineOf(defaultNode) } } : {}),
      usage: stringValue(rest[2 + shorthand]) ?? '',
      line: lineOf(node),
    });
  }
}

function unwrapLiteralElement(node: Node): Node {
  return node.type === 'literal_element' ? (named(node)[0] ?? node) : node;
}

/** The receiver's type name: `(r *T)`, `(T)`, `(r *T[K])`. */
function receiverType(receiver: Node): string | undefined {
  const param = named(receiver).find((n) => n.type === 'parameter_declaration');
  return param ? typeName(field(param, 'type')) : undefined;
}

/** The name of a type expression: `T`, `*T`, `T[K]`, `pkg.T`. */
function typeName(node: Node | undefined): string | undefined {
  let current = node;
  for (let i = 0; current && i < 8; i++) {
    if (current.type === 'type_identifier') return current.text;
    if (current.type === 'qualified_type') return field(current, 'name')?.text;
    if (current.type === 'pointer_type' || current.type === 'parenthesized_type') current = named(current)[0];
    else if (current.type === 'generic_type') current = field(current, 'type');
    else return undefined;
  }
  return undefined;
}

/** `klog.Infof`, `klog.V(4).Infof` (any level kept as written), `fmt.Errorf`; else undefined. */
function calleeName(fn: Node): string | undefined {
  if (fn.type !== 'selector_expression') return undefined;
  const method = field(fn, 'field')?.text;
  const operand = field(fn, 'operand');
  if (!method || !operand) return undefined;
  if (operand.type === 'identifier') return `${operand.text}.${method}`;
  // klog.V(n).Infof
  if (operand.type === 'call_expression') {
    const inner = field(operand, 'function');
    const level = field(operand, 'arguments');
    if (inner?.type === 'selector_expression' && field(inner, 'operand')?.type === 'identifier' && level) {
      return `${inner.text}${level.text}.${method}`;
    }
  }
  return undefined;
}

function ginkgoName(fn: Node): string | undefined {
  if (fn.type === 'identifier' && GINKGO.has(fn.text)) return fn.text;
  if (fn.type === 'selector_expression' && field(fn, 'operand')?.text === 'ginkgo') {
    const name = field(fn, 'field')?.text;
    return name && GINKGO.has(name) ? name : undefined;
  }
  return undefined;
}

/** The value of a string literal, or of literals joined with `+`; else undefined. */
export function stringValue(node: Node | undefined, depth = 0): string | undefined {
  if (!node || depth > 32) return undefined;
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1);
  if (node.type === 'interpreted_string_literal') return unquote(node.text);
  if (node.type === 'parenthesized_expression') return stringValue(named(node)[0], depth + 1);
  if (node.type === 'binary_expression' && field(node, 'operator')?.text === '+') {
    const left = stringValue(field(node, 'left'), depth + 1);
    const right = left === undefined ? undefined : stringValue(field(node, 'right'), depth + 1);
    return left !== undefined && right !== undefined ? left + right : undefined;
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };

function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{3}|.)/g, (_all, esc: string) => {
    if (esc in ESCAPES) return ESCAPES[esc];
    if (/^[uUx]/.test(esc)) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (/^[0-7]{3}$/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return esc;
  });
}

function escapePercent(text: string): string {
  return text.replace(/%/g, '%%');
}
