/**
 * DOCS_CHECK_TIMING: where a run's time goes, as ESLint's TIMING prints it.
 * When set, the command line times markdownlint's work, the building of
 * each page's and plan's model, and each rule, and writes a table of the
 * slowest to standard error after the report (so a JSON or SARIF report on
 * standard output stays whole).
 *
 * Each row is time spent in that rule or phase itself: a page model built
 * while a rule asked for the page (a plan's rules read the pages it links
 * to) counts as the page model's, not the rule's. A rule's time does
 * include the other things it is the first to load: the driver's Go model,
 * a page's YAML, the Kubernetes schemas. The command line times one thing
 * at a time (files and rules are checked in turn), which is what makes a
 * nested phase's time its own.
 *
 * Off (the site build, the editor bridge, the engine called directly),
 * `timed` only calls its function.
 */

export const TIMING_ENV = 'DOCS_CHECK_TIMING';
/** Rows shown for `1` (and any number up to it), as ESLint's TIMING does. */
const DEFAULT_ROWS = 10;
/** What the table calls the time no row accounts for. */
export const REST = 'the rest: Node start, loading docs-check, reading files, the report';

/** The phases the table names beside the rules (a rule's row is its id). */
export const PHASE = {
  lint: 'markdownlint: parse and style rules',
  handOver: "page trees from markdownlint's tokens",
  pageModel: 'model of each page (its shell blocks parsed)',
  planModel: 'model of each plan',
} as const;

/** How many rows DOCS_CHECK_TIMING asks for: 0 when off, Infinity for `all`; or why the value is not one. */
export function timingRows(env: Record<string, string | undefined>): number | { problem: string } {
  const value = env[TIMING_ENV]?.trim();
  if (value === undefined || value === '' || value === '0') return 0;
  if (value.toLowerCase() === 'all') return Infinity;
  if (!/^\d+$/.test(value)) {
    return { problem: `${TIMING_ENV}: \`${value}\` is not a number of rows; expected 1 (the ten slowest), a larger number, or all` };
  }
  return Math.max(Number(value), DEFAULT_ROWS);
}

let enabled = false;
const totals = new Map<string, number>();
/** The timed calls under way, outermost first, each with the time of the calls nested in it. */
const open: { nested: number }[] = [];

/** Starts recording, for this process. */
export function enableTiming(): void {
  enabled = true;
}

/**
 * Runs `work`, adding the time until it settles, less that of the timed
 * calls nested in it, to `label`'s total when timing is on.
 */
export function timed<T>(label: string, work: () => T): T {
  if (!enabled) return work();
  const start = performance.now();
  const frame = { nested: 0 };
  open.push(frame);
  const add = () => {
    const elapsed = performance.now() - start;
    open.splice(open.lastIndexOf(frame), 1);
    totals.set(label, (totals.get(label) ?? 0) + elapsed - frame.nested);
    const outer = open.at(-1);
    if (outer) outer.nested += elapsed;
  };
  let result: T;
  try {
    result = work();
  } catch (error) {
    add();
    throw error;
  }
  if (result instanceof Promise) return result.finally(add) as T;
  add();
  return result;
}

/** What was recorded, label to milliseconds. */
export function recordedTimings(): ReadonlyMap<string, number> {
  return totals;
}

/**
 * The table: the `rows` slowest labels, the others summed in one row, and
 * the rest of `totalMs` (the whole run, from the start of the process),
 * each with its share of it; the shares add up to the whole.
 */
export function timingTable(timings: ReadonlyMap<string, number>, totalMs: number, rows: number): string {
  const sorted = [...timings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const accounted = sorted.reduce((sum, [, ms]) => sum + ms, 0);
  const hidden = sorted.slice(Math.min(rows, sorted.length));
  const shown: [string, number][] = [
    ...sorted.slice(0, rows),
    ...(hidden.length > 0 ? [[`${hidden.length} more (${TIMING_ENV}=all lists each)`, hidden.reduce((sum, [, ms]) => sum + ms, 0)] as [string, number]] : []),
    [REST, Math.max(0, totalMs - accounted)],
  ];
  const header = ['Rule or phase', 'Time (ms)', 'Relative'];
  const cells = shown.map(([label, ms]) => [label, ms.toFixed(1), `${totalMs > 0 ? ((100 * ms) / totalMs).toFixed(1) : '0.0'}%`]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `${c[0].padEnd(widths[0])} | ${c[1].padStart(widths[1])} | ${c[2].padStart(widths[2])}`;
  const rule = `:${'-'.repeat(widths[0] - 1)} | ${'-'.repeat(widths[1] - 1)}: | ${'-'.repeat(widths[2] - 1)}:`;
  return `docs-check timing: ${Math.round(totalMs)} ms in all\n${[line(header), rule, ...cells.map(line)].join('\n')}\n`;
}
