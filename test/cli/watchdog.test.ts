/**
 * The parse watchdog (plugins/doc-checks/watchdog/budget.ts): each parse
 * runs within a time budget, and one that runs over is stopped in the
 * check's own process, named, and reported, while the other files are
 * checked. The budget's arithmetic and the stopping are shown on the
 * module; what a user sees (the report, the notes, the exit status) through
 * the built launcher.
 */
import { describe, expect, it } from 'vitest';
import {
  enableParseBudget,
  parseBudget,
  ParseStalled,
  stalledFiles,
  stallFinding,
  timeoutOf,
  TooManyStalls,
  withinBudget,
} from '../../plugins/doc-checks/watchdog/budget';
import { launch, scratchRepository } from '../setup/launch';

const busy = () => {
  for (;;) {
    // A parse gone quadratic, as far as the watchdog can tell.
  }
};

describe('the parse budget', () => {
  it('gives a file its timeout plus as much again per MiB', () => {
    expect(parseBudget(20, 0)).toBe(20);
    expect(parseBudget(20, 1024 * 1024)).toBe(40);
    expect(parseBudget(20, 2 * 1024 * 1024)).toBe(60);
    expect(parseBudget(1, 120_000)).toBe(1.1);
  });

  it('takes DOCS_CHECK_PARSE_TIMEOUT in seconds, and refuses what cannot be a budget', () => {
    expect(timeoutOf({})).toBe(20);
    expect(timeoutOf({ DOCS_CHECK_PARSE_TIMEOUT: '2.5' })).toBe(2.5);
    expect(timeoutOf({ DOCS_CHECK_PARSE_TIMEOUT: 'soon' })).toEqual({
      problem: 'DOCS_CHECK_PARSE_TIMEOUT: `soon` is not a number of seconds; expected a positive number such as 20',
    });
    expect(timeoutOf({ DOCS_CHECK_PARSE_TIMEOUT: '0.001' })).toEqual({
      problem: 'DOCS_CHECK_PARSE_TIMEOUT: `0.001` seconds is too short to parse any file; expected at least 0.1, such as 20',
    });
  });

  // The tests below share the module's state, in this order: off, then on with 0.1 s.
  it('lets a parse run as it is while the watchdog is off', () => {
    expect(withinBudget('engine', 'docs/A.md', 'text', () => 'parsed')).toBe('parsed');
    expect([...stalledFiles()]).toEqual([]);
  });

  it('stops a parse that runs over, names the file, and runs the next parse', () => {
    enableParseBudget(0.1);
    const started = Date.now();
    expect(() => withinBudget('engine', 'docs/SLOW.md', 'x', busy)).toThrow(new ParseStalled('parsing `docs/SLOW.md` took more than 0.1 s'));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stallFinding('docs/SLOW.md')?.message).toBe(
      'Parsing this file took more than 0.1 s, so it was stopped and the file was not checked ' +
        '(expected markdown the parser reads in linear time: very large tables or paragraphs, or containers nested hundreds deep, are not)',
    );
    expect(stallFinding('docs/OTHER.md')).toBeUndefined();
    expect(withinBudget('engine', 'docs/OTHER.md', 'text', () => 'parsed')).toBe('parsed');
  });

  it('stops a regular expression that backtracks without end', () => {
    const backtracking = () => /^(a+)+$/.test(`${'a'.repeat(40)}b`);
    expect(() => withinBudget('markdownlint', 'docs/REGEX.md', 'x', backtracking)).toThrow(ParseStalled);
  });

  it('passes on errors of the parse itself', () => {
    expect(() =>
      withinBudget('engine', 'docs/BROKEN.md', 'x', () => {
        throw new RangeError('broken');
      }),
    ).toThrow(new RangeError('broken'));
    expect(stallFinding('docs/BROKEN.md')).toBeUndefined();
  });

  it('ends the run once more than 10 files have stalled', () => {
    // Two have stalled above.
    for (let i = 3; i <= 10; i++) expect(() => withinBudget('engine', `docs/F${i}.md`, 'x', busy)).toThrow(ParseStalled);
    expect(() => withinBudget('engine', 'docs/F11.md', 'x', busy)).toThrow(new TooManyStalls());
    expect(stalledFiles().size).toBe(11);
  });
});

/** A paragraph of 20,000 emphasis openers: seconds of parsing, and no shape the pre-scan refuses. */
const QUADRATIC = `# Emphasis\n\n${'a* '.repeat(20_000)}\n`;

const repository = (files: Record<string, string>) => scratchRepository('docs-check-watchdog-', files);

describe('the watchdog, through the launcher', () => {
  it('stops each stalled parse in the same process, and reports every other file', { timeout: 60_000 }, async () => {
    const root = repository({ 'docs/SLOW.md': QUADRATIC, 'docs/ALSO.md': QUADRATIC, 'docs/FINE.md': '# Fine\n\nText.\n' });
    const run = await launch(['--format', 'json'], root, { env: { DOCS_CHECK_PARSE_TIMEOUT: '0.2' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'docs-check: parsing `docs/ALSO.md` took more than 0.2 s; stopped it and checked the other files\n' +
        'docs-check: parsing `docs/SLOW.md` took more than 0.2 s; stopped it and checked the other files\n',
    );
    const report = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    expect(report.map((f) => [f.filePath, f.messages.map((m) => `${m.line} ${m.ruleId}`)])).toEqual([
      ['docs/ALSO.md', ['1 valid-input']],
      ['docs/FINE.md', []],
      ['docs/SLOW.md', ['1 valid-input']],
    ]);
    // One process, one watchdog, and one stopped parse per stalled file: markdownlint's.
    expect(run.trace.filter((line) => line.startsWith('watchdog:'))).toEqual([
      'watchdog: started',
      'watchdog: stopped the parse of docs/ALSO.md',
      'watchdog: stopped the parse of docs/SLOW.md',
    ]);
  });

  it('gives up with status 2 and no report when more than 10 files stall', { timeout: 60_000 }, async () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`docs/F${String(i).padStart(2, '0')}.md`, QUADRATIC]));
    const run = await launch([], repository(files), { env: { DOCS_CHECK_PARSE_TIMEOUT: '0.1' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe('docs-check: parsing `docs/F00.md` took more than 0.1 s; stopped it and checked the other files');
    expect(lines[11]).toBe('docs-check: more than 10 files stalled the markdown parser; stopped');
  });

  it('refuses a timeout too short to report truthfully, before parsing anything', async () => {
    const run = await launch([], repository({ 'docs/FINE.md': '# Fine\n' }), { env: { DOCS_CHECK_PARSE_TIMEOUT: '0.001' } });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'docs-check: DOCS_CHECK_PARSE_TIMEOUT: `0.001` seconds is too short to parse any file; expected at least 0.1, such as 20\n',
      // Loaded, and nothing parsed.
      trace: ['code cache: used'],
    });
  });
});
