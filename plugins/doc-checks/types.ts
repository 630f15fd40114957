/**
 * The shared contract of the doc-checks engine: diagnostics, rules and the
 * parsed model of a page. Every adapter (remark plugin, CLI, site plugin,
 * markdownlint bridge) speaks in these types.
 */
import type {
  Code,
  Heading,
  Html,
  List,
  ListItem,
  Nodes,
  Root,
  Table,
  TableRow,
} from 'mdast';

export type Severity = 'error' | 'warning';

/** 1-based line and column, as editors and SARIF count them. */
export interface Point {
  line: number;
  column: number;
}

export interface Span {
  start: Point;
  end: Point;
}

export interface Diagnostic {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: Severity;
  message: string;
  /** The test case the finding belongs to, e.g. `TC-09`. */
  testCase?: string;
  /** Where the rule is documented. */
  url?: string;
}

export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
}

export interface CheckResults {
  files: FileResult[];
  errorCount: number;
  warningCount: number;
  /** Rules that ran, so formatters (SARIF) can list each once. */
  rules: RuleMeta[];
}

// ---------------------------------------------------------------------------
// The model of a markdown page

/** The canonical sections of a test case, in their required order. */
export const SECTION_ORDER = [
  'Objective',
  'Estimated Time',
  'Prerequisites',
  'Steps',
  'Cleanup',
  'Success Criteria',
  'Troubleshooting',
] as const;
export type SectionName = (typeof SECTION_ORDER)[number];

export type BoxKind =
  | 'caution'
  | 'danger'
  | 'warning'
  | 'note'
  | 'tip'
  | 'info'
  | 'important';

export interface Box {
  kind: BoxKind;
  /** How it was written: `:::caution`, `> [!CAUTION]`, or `> **CAUTION:**`. */
  syntax: 'directive' | 'gfm-alert' | 'label-blockquote';
  node: Nodes;
}

export interface HeadingInfo {
  depth: number;
  text: string;
  /** The anchor id Docusaurus (and GitHub) generate for it. */
  anchor: string;
  node: Heading;
}

export type LinkKind = 'page' | 'anchor' | 'code' | 'external' | 'other';

export interface LinkInfo {
  url: string;
  kind: LinkKind;
  /**
   * For `page` and `code` links: the target resolved against the page,
   * relative to the repository root (for `code`: relative to the driver
   * source root). Undefined when the path leaves its root.
   */
  target?: string;
  /** The fragment without `#`, if any. */
  fragment?: string;
  /** Set when the link's path could not be resolved safely. */
  problem?: string;
  node: Nodes;
}

export interface Section {
  name: SectionName;
  /** Bold label paragraph (`**Objective:** ...`) or a sub-heading. */
  style: 'label' | 'heading';
  /** The label paragraph or heading node. */
  node: Nodes;
  /** Nodes that belong to the section, after the label. */
  content: Nodes[];
  /** True when neither trailing label text nor content carries words. */
  empty: boolean;
}

export interface ShellCall {
  /** Literal words of one simple command (variables kept as written). */
  words: string[];
  /** 1-based line inside the code block where the call starts. */
  line: number;
  /** Set when the call runs on another host through ssh. */
  via?: string;
  /** 1-based line and column of each word inside the block (absent for calls run through ssh). */
  at?: { line: number; column: number }[];
  /** The here-document the call reads, with the block line its body starts on. */
  heredoc?: { text: string; line: number };
  /** Where the call's standard output goes (`> FILE`), as written. */
  stdoutTo?: string;
  /** The call reads the output of the previous command of a pipe. */
  piped?: boolean;
  /**
   * For `ssh [options] host command...` run locally: the host as written and
   * the command line ssh sends, in parts the local shell leaves literal and
   * variables it expands (`"slot=\"$VOL\""` is `slot="`, `VOL`, `"`).
   */
  remote?: {
    host: string;
    parts: ({ text: string } | { variable: string } | { unexpanded: string })[];
  };
}

/** `NAME=value` on its own (or after `export`/`declare`), in block order. */
export interface ShellAssignment {
  name: string;
  /** The value as written, quotes removed; `$(...)` and `$VAR` kept. */
  value: string;
  line: number;
}

export interface Command {
  node: Code;
  lang: string;
  text: string;
  calls: ShellCall[];
  /** Plain variable assignments of the block, in order. */
  assignments?: ShellAssignment[];
  /** Variables the block reads (`$NAME`, `${NAME}`), with 1-based line/column in the block. */
  expansions?: { name: string; line: number; column: number }[];
  /** `<placeholder>` text that parses as redirections (1-based line/column in the block). */
  placeholders?: { text: string; line: number; column: number }[];
  /** Where the shell parser stopped; `tooDeep` when the block nests deeper than it can go. */
  syntaxError?: { message: string; line: number; column: number; tooDeep?: boolean };
}

export interface Step {
  /** The number written in the source (`3.` -> 3). */
  number: number;
  node: ListItem;
  title: string;
  commands: Command[];
  expectedOutputs: Code[];
}

export interface TestCase {
  /** `TC-09` */
  id: string;
  /** 9 */
  number: number;
  title: string;
  heading: HeadingInfo;
  /** Whether the heading reads exactly `TC-NN: Title`. */
  wellFormedHeading: boolean;
  sections: Section[];
  stepsList?: List;
  steps: Step[];
  /** Every shell command block in the test case, in order. */
  commands: Command[];
  expectedOutputs: Code[];
  boxes: Box[];
  /** Boxes that appear before the Steps section. */
  boxesBeforeSteps: Box[];
  links: LinkInfo[];
  /** All nodes between this heading and the next heading of same or higher rank. */
  nodes: Nodes[];
}

export interface ResultsRow {
  id: string;
  title: string;
  node: TableRow;
}

export interface ResultsTemplate {
  heading: HeadingInfo;
  table?: Table;
  rows: ResultsRow[];
}

export interface LastUpdated {
  text: string;
  node: Nodes;
}

export interface Page {
  /** Repository-relative path with forward slashes. */
  path: string;
  text: string;
  tree: Root;
  /**
   * The page's YAML frontmatter. `error` is the parser's reason, at `errorAt`
   * in the file; `refused` means the YAML was too deeply nested to parse.
   */
  frontmatter?: { data: unknown; node: Nodes; error?: string; errorAt?: Point; refused?: boolean };
  headings: HeadingInfo[];
  anchors: Set<string>;
  links: LinkInfo[];
  boxes: Box[];
  html: Html[];
  /** Every code block of the page (fenced or indented, at any depth), in document order. */
  codeBlocks: Code[];
  /** Every shell code block of the page, parsed once. */
  commands: Command[];
  testCases: TestCase[];
  resultsTemplate?: ResultsTemplate;
  lastUpdated?: LastUpdated;
  /** Problems found while reading the file (encoding, size). */
  readProblems: { message: string; point: Point }[];
}

// ---------------------------------------------------------------------------
// Rules

export type RuleScope = 'page' | 'plan';

export interface RuleMeta {
  id: string;
  /** One sentence, no final period. */
  description: string;
  url: string;
  severity: Severity;
  scope: RuleScope;
}

/** Something a rule can point at: an mdast node, or an explicit span. */
export type Locatable = { position?: { start: Point; end: Point } } | Span;

export interface ReportExtra {
  testCase?: string;
  severity?: Severity;
}

export interface PageContext {
  page: Page;
  workspace: Workspace;
  options: CheckOptions;
  report(at: Locatable | undefined, message: string, extra?: ReportExtra): void;
}

/** A disruptive command the tc-caution rule looks for. */
export interface DisruptiveCommand {
  /** Human name used in messages, e.g. `kubectl drain`. */
  name: string;
  /** The program (first word), e.g. `kubectl`, `iptables`, `/system/reboot`. */
  program: string;
  /** Words that must all appear among the arguments (any order). */
  args?: string[];
  /** The box the command needs at least: `danger` is stronger than `caution`. */
  requires: 'caution' | 'danger';
}

export interface CheckOptions {
  /** Repository root: every path is resolved inside it. */
  root: string;
  /** Driver source checkout; undefined means code links are not verified. */
  sourceRoot?: string;
  /** Disruptive commands that need a CAUTION/DANGER box. */
  disruptiveCommands: DisruptiveCommand[];
  /** Treat a pending/stale blocking checkpoint as an error instead of a warning. */
  requireApprovals: boolean;
  /** Today's date (YYYY-MM-DD) for last-updated; injectable for tests. */
  today: string;
  /** Rule ids to turn off. */
  disabledRules: string[];
}

/**
 * Everything rules may look up beyond the current page, loaded lazily and
 * parsed once.
 */
export interface Workspace {
  root: string;
  sourceRoot?: string;
  /** A page of the repository by repository-relative path, parsed once. */
  page(path: string): Promise<Page | undefined>;
  /** Plans under `.planning/`, parsed once. */
  plans(): Promise<import('./plan/model').Plan[]>;
  /**
   * Why a repository-relative path does not name a file inside the
   * repository (`\`x\` does not exist`, `\`x\` is a symbolic link that
   * leaves the root`), or undefined when it does.
   */
  fileProblem(path: string): string | undefined;
  /** The driver source file, or a reason it cannot be read. */
  sourceFile(path: string): Promise<SourceFile | { problem: string }>;
  /** The model of the driver's Go source; undefined without a source root. */
  goSource(): import('./source/go-source').GoSource | undefined;
  /** A markdown file of the driver source (its README), parsed as a page for its anchors. */
  sourcePage(path: string): Promise<Page | { problem: string }>;
}

export interface GoDeclaration {
  name: string;
  /** `Type.Method` for methods, `Type.Field` for struct fields. */
  qualifiedName: string;
  kind: 'func' | 'method' | 'type' | 'var' | 'const' | 'field';
  line: number;
  /** Last line of the declaration's source (its body, its spec), when the parser knows it. */
  endLine?: number;
}

export interface SourceFile {
  path: string;
  text: string;
  declarations: GoDeclaration[];
  /** Why a `.go` file has no declarations: the Go model could not read it within its limits. */
  goProblem?: string;
}

export interface PlanContext {
  plan: import('./plan/model').Plan;
  workspace: Workspace;
  options: CheckOptions;
  report(at: Locatable | undefined, message: string, extra?: ReportExtra): void;
}

/** A rule over planning files instead of pages. */
export interface PlanRule extends RuleMeta {
  scope: 'plan';
  check(ctx: PlanContext): void | Promise<void>;
}

export interface PageRule extends RuleMeta {
  scope: 'page';
  check(ctx: PageContext): void | Promise<void>;
}

export type AnyRule = PageRule | PlanRule;
