import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readPlan } from '../../plugins/doc-checks/plan/reader';
import { scanTags } from '../../plugins/doc-checks/plan/tasks';

const FIXTURES = path.resolve(__dirname, '../fixtures/plans');
const REPO = path.resolve(__dirname, '../..');
const REAL_PLAN = '.planning/phases/32-resilience-regression-tests/32-02-PLAN.md';

const fixture = (name: string) => {
  const rel = `.planning/${name}-PLAN.md`;
  return readPlan(rel, readFileSync(path.join(FIXTURES, rel), 'utf8'));
};

describe('the project plan', () => {
  const plan = readPlan(REAL_PLAN, readFileSync(path.join(REPO, REAL_PLAN), 'utf8'));

  test('frontmatter: must_haves and files_modified with positions', () => {
    expect(plan.problems).toEqual([]);
    expect(plan.phase).toBe('32-resilience-regression-tests');
    expect(plan.filesModified).toEqual(['docs/HARDWARE_VALIDATION.md', 'docs/TESTING.md']);
    expect(plan.truths.map((t) => t.at)).toEqual([
      { line: 14, column: 7 },
      { line: 15, column: 7 },
      { line: 16, column: 7 },
      { line: 17, column: 7 },
    ]);
    expect(plan.truths[3].value).toBe('The testing guide references the new resilience regression tests');
    expect(plan.artifacts).toEqual([
      {
        path: 'docs/HARDWARE_VALIDATION.md',
        provides: 'TC-09, TC-10, TC-11 resilience test cases',
        contains: 'TC-09',
        at: { line: 19, column: 7 },
      },
      {
        path: 'docs/TESTING.md',
        provides: 'Updated testing guide referencing resilience E2E tests',
        contains: 'resilience',
        at: { line: 22, column: 7 },
      },
    ]);
    expect(plan.keyLinks).toEqual([
      {
        from: 'docs/HARDWARE_VALIDATION.md',
        to: 'pkg/rds/connection_manager.go',
        via: 'documents connection manager behavior during RDS restart',
        pattern: 'connection.manager|exponential.backoff',
        at: { line: 26, column: 7 },
      },
      {
        from: 'docs/HARDWARE_VALIDATION.md',
        to: 'pkg/attachment/reconciler.go',
        via: 'documents stale attachment cleanup during node failure',
        pattern: 'stale.*attachment|VolumeAttachment',
        at: { line: 30, column: 7 },
      },
    ]);
  });

  test('tasks: placeholders such as <name> inside an action are prose, not tags', () => {
    expect(plan.tasks.map(({ index, type, gate, name, files, at }) => ({ index, type, gate, name, files, at }))).toEqual([
      {
        index: 1,
        type: 'auto',
        gate: undefined,
        name: 'Task 1: Add resilience test cases TC-09, TC-10, TC-11 to HARDWARE_VALIDATION.md',
        files: ['docs/HARDWARE_VALIDATION.md'],
        at: { line: 63, column: 1 },
      },
      {
        index: 2,
        type: 'auto',
        gate: undefined,
        name: 'Task 2: Update TESTING.md with resilience test references',
        files: ['docs/TESTING.md'],
        at: { line: 180, column: 1 },
      },
      {
        index: 3,
        type: 'checkpoint:human-verify',
        gate: 'blocking',
        name: 'Task 3: Review resilience test documentation',
        files: [],
        at: { line: 204, column: 1 },
      },
    ]);
    const action = plan.tasks[0].action ?? '';
    expect(action).toContain("`kubectl get pod <name> -o jsonpath='{.spec.nodeName}'`");
    expect(action).toContain("`ssh <node-ip> 'nvme list-subsys'`");
    expect(action.endsWith('Update the "Last Updated" date at the bottom of the file to 2026-02-18.')).toBe(true);
    expect(plan.tasks[0].verify).toMatch(/^Verify the file is well-formed markdown/);
    expect(plan.tasks[2].resumeSignal).toBe('Type "approved" or describe changes needed');
    expect(plan.tasks[2].howToVerify?.split('\n')).toHaveLength(5);
    expect(plan.tasks[2].howToVerify?.startsWith('1. Review TC-09')).toBe(true);
    expect(plan.tasks[2].whatBuilt).toMatch(/^Resilience regression test documentation/);
  });
});

describe('YAML escapes are undone as YAML defines them', () => {
  const plan = fixture('escapes');

  test('double-quoted, single-quoted and plain scalars', () => {
    expect(plan.problems).toEqual([]);
    expect(plan.keyLinks.map((k) => k.pattern)).toEqual([
      'foo\\.bar',
      'fooX\\.?bar',
      'exponential\\sbackoff',
      'Tabs:\t',
      'func \\(m \\*ConnectionManager\\) IsConnected\\(\\) bool',
    ]);
    expect(plan.keyLinks[0].via).toBe('double-quoted: YAML turns a doubled backslash into one');
    expect(plan.artifacts[0].exports).toEqual(['exponential backoff', 'connection manager']);
  });
});

describe('task blocks', () => {
  test('a plan with no checkpoint', () => {
    const plan = fixture('no-checkpoint');
    expect(plan.problems).toEqual([]);
    expect(plan.tasks.map((t) => [t.type, t.gate, t.name, t.files])).toEqual([
      ['auto', undefined, 'Task 1: Only automatic work', ['docs/guide.md']],
    ]);
  });

  test('every checkpoint type and gate, and a checkpoint without a gate', () => {
    const plan = fixture('gates');
    expect(plan.problems).toEqual([]);
    expect(plan.filesModified).toEqual(['docs/guide.md']);
    expect(plan.tasks.map((t) => [t.index, t.type, t.gate])).toEqual([
      [1, 'auto', undefined],
      [2, 'checkpoint:decision', 'blocking'],
      [3, 'checkpoint:human-verify', 'blocking'],
      [4, 'checkpoint:human-action', 'blocking-human'],
      [5, 'checkpoint:human-verify', 'advisory'],
      [6, 'checkpoint:human-verify', undefined],
    ]);
  });

  test('an unclosed task is reported and the next task is still read; `</task>` inside a field is prose', () => {
    const plan = fixture('unclosed-task');
    expect(plan.problems).toEqual([
      { message: 'Task 1 is not closed; expected `</task>` before the `<task>` on line 11', at: { line: 5, column: 1 } },
    ]);
    expect(plan.tasks.map((t) => t.name)).toEqual(['Task 1: Review', 'Task 2: Closed']);
    expect(plan.tasks[0].howToVerify).toBe('Run `kubectl get pod <name>` and look for the `</task>` literal in prose? No.');
  });

  test('files are split on commas and new lines', () => {
    const plan = readPlan('p-PLAN.md', '---\na: 1\n---\n<task type="auto"><name>T</name><files>a.md, b.md\n  c.md,\n</files></task>');
    expect(plan.tasks[0].files).toEqual(['a.md', 'b.md', 'c.md']);
  });

  test('attributes in single quotes, unquoted, and across lines', () => {
    const plan = readPlan(
      'p-PLAN.md',
      "---\na: 1\n---\n<task\n  type='checkpoint:decision'\n  gate=blocking tdd>\n<name>Pick</name></task>",
    );
    expect(plan.problems).toEqual([]);
    expect(plan.tasks[0]).toMatchObject({ type: 'checkpoint:decision', gate: 'blocking', name: 'Pick', at: { line: 4, column: 1 } });
  });

  test('scanner: what is not a well-formed tag is text', () => {
    expect(scanTags('a < b, <1>, <-x>, <a b="c>, <p q=r s>, </x y>, <br/>').map((t) => [t.kind, t.name, t.attributes])).toEqual([
      ['open', 'p', { q: 'r', s: '' }],
      ['self', 'br', {}],
    ]);
  });
});

describe('malformed input gives problems with positions, never an exception', () => {
  test('misindented YAML', () => {
    const plan = fixture('malformed-yaml');
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0].message).toMatch(/^Frontmatter is not valid YAML: /);
    expect(plan.problems[0].at.line).toBe(6);
    expect(plan.tasks.map((t) => t.name)).toEqual(['Task 1: Still read']);
  });

  test('frontmatter that is missing, unclosed, or not a mapping', () => {
    expect(readPlan('p', 'no frontmatter').problems.map((p) => [p.at, p.message])).toEqual([
      [{ line: 1, column: 1 }, 'Plan has no YAML frontmatter; expected `---` on line 1, then `must_haves` and `files_modified`, then `---`'],
    ]);
    expect(readPlan('p', '---\na: 1\n<task type="auto"><name>x</name></task>\n').problems.map((p) => p.message)).toEqual([
      'Frontmatter is not closed; expected a `---` line after the YAML',
    ]);
    expect(readPlan('p', '---\n- a\n- b\n---\n').problems).toEqual([
      { message: 'Frontmatter is a list; expected a mapping of `key: value` lines', at: { line: 2, column: 1 } },
    ]);
  });

  test('wrong types are named with what was expected', () => {
    const plan = readPlan(
      'p',
      [
        '---',
        'files_modified: {a: 1}',
        'must_haves:',
        '  truths: [1.50, {x: y}]',
        '  artifacts:',
        '    - path: "docs/a.md"',
        '      exports: [[nested]]',
        '      contains: 2026',
        '  key_links: "nope"',
        '---',
      ].join('\n'),
    );
    expect(plan.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`)).toEqual([
      '2:17 `files_modified` is a mapping; expected a list (`- item` lines)',
      '4:18 Item 2 of `must_haves.truths` is a mapping; expected a string',
      '7:17 Item 1 of `exports` of artifact 1 is a list; expected a string',
      '9:14 `must_haves.key_links` is a string; expected a list of mappings',
    ]);
    // Numbers are text as written, as the planning workflow compares them as text.
    expect(plan.truths.map((t) => t.value)).toEqual(['1.50']);
    expect(plan.artifacts[0].contains).toBe('2026');
  });

  test('duplicate keys and aliases do not confuse the reader', () => {
    const plan = readPlan('p', '---\nmust_haves: &m\n  truths: *m\nmust_haves: {}\n---\n');
    expect(plan.problems.map((p) => p.message)).toEqual(['Frontmatter is not valid YAML: Map keys must be unique']);
  });

  test('frontmatter nested too deep for the YAML parser is refused, not parsed', () => {
    // 50,000 nested `[` exhaust the stack inside the YAML parser badly enough to abort the process.
    const deep = readPlan('p', `---\nmust_haves: ${'['.repeat(50_000)}\n---\n`);
    expect(deep.problems).toEqual([
      {
        message: 'Frontmatter was not parsed: YAML `[` collections nested more than 64 deep; expected frontmatter nested a few levels deep',
        at: { line: 2, column: 77 },
      },
    ]);
    const indented = readPlan('p', `---\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')}\n---\n`);
    expect(indented.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`)).toEqual([
      '259:257 Frontmatter was not parsed: YAML indented more than 256 columns; expected frontmatter nested a few levels deep',
    ]);
    // Brackets inside quotes and apostrophes in plain text do not add up.
    const sane = readPlan('p', `---\nfiles_modified: ["docs/[draft].md", 'it''s']\nnote: don't [stop]\nx: [[[[1]]]]\n---\n`);
    expect(sane.problems).toEqual([]);
    expect(sane.filesModified).toEqual(['docs/[draft].md', "it's"]);
    // Many quoted patterns with an unbalanced `[` each, as key links write them.
    const links = Array.from({ length: 100 }, (_, i) => `    - from: a.md\n      to: b.go\n      pattern: "\\\\[step ${i}"`).join('\n');
    const patterns = readPlan('p', `---\nmust_haves:\n  key_links:\n${links}\n---\n`);
    expect(patterns.problems).toEqual([]);
    expect(patterns.keyLinks.map((k) => k.pattern)).toContain('\\[step 99');
    // Still bounded: thousands of `[` behind an apostrophe are refused.
    const hidden = readPlan('p', `---\nx: [a'${'['.repeat(5_000)}\n---\n`);
    expect(hidden.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`)).toEqual([
      '2:518 Frontmatter was not parsed: YAML holds more than 512 `[` or `{` inside quotes; expected frontmatter of a reasonable size',
    ]);
  });

  test('hostile bodies are read in bounded time', () => {
    const opens = '<task type="auto">'.repeat(20_000);
    const manyOpen = readPlan('p', `---\na: 1\n---\n${opens}`);
    expect(manyOpen.tasks).toHaveLength(20_000);
    expect(manyOpen.problems).toHaveLength(20_000 * 2);

    const unterminated = readPlan('p', `---\na: 1\n---\n${'<a b="'.repeat(50_000)}`);
    expect(unterminated.tasks).toEqual([]);

    const fields = readPlan('p', `---\na: 1\n---\n<task type="auto"><name>x</name>${'<action>'.repeat(20_000)}</task>`);
    expect(fields.tasks).toHaveLength(1);
    expect(fields.problems.every((p) => p.message.includes('<action>'))).toBe(true);
  });
});
