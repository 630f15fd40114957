/**
 * Every rule is proven by its own fixtures: `test/fixtures/rules/<id>/` is a
 * small repository; its `ok*.md` files must pass and its `not-ok*.md` files
 * must produce exactly the diagnostics their markers name.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { RULES } from '../../plugins/doc-checks/rules/index';
import { runRuleFixtures } from './fixture-markers';

const RULES_DIR = path.resolve(__dirname, '../../plugins/doc-checks/rules');

describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  test('is documented: one sentence, a page of its own, a URL', () => {
    expect(rule.description).toMatch(/^[A-Z`"].*[^.]$/);
    expect(existsSync(path.join(RULES_DIR, `${id}.ts`))).toBe(true);
    const page = readFileSync(path.join(RULES_DIR, `${id}.md`), 'utf8');
    expect(page).toContain(`# ${id}`);
    expect(page).toContain(rule.description);
    expect(rule.url.endsWith(`/rules/${id}`)).toBe(true);
  });

  test('has passing and failing fixtures that match their markers', async () => {
    const { files, expected, diagnostics: actual } = await runRuleFixtures(rule);
    const base = (f: string) => path.posix.basename(f);
    expect(files.filter((f) => base(f).startsWith('ok')).length).toBeGreaterThan(0);
    expect(files.filter((f) => base(f).startsWith('not-ok')).length).toBeGreaterThan(0);
    // Every failing fixture names what it expects, so it fails when the rule is gone.
    for (const file of files.filter((f) => base(f).startsWith('not-ok'))) {
      expect(expected.some((e) => e.file === file), `${file} carries no marker`).toBe(true);
    }
    const unmatched = [...actual];
    for (const want of expected) {
      const index = unmatched.findIndex(
        (d) =>
          d.file === want.file &&
          d.line === want.line &&
          d.ruleId === want.ruleId &&
          (want.column === undefined || d.column === want.column) &&
          (want.message === undefined || d.message === want.message),
      );
      expect(index, `expected ${want.ruleId} at ${want.file}:${want.line}${want.message ? ` "${want.message}"` : ''}\nactual:\n${actual.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`).join('\n')}`).not.toBe(-1);
      unmatched.splice(index, 1);
    }
    expect(unmatched.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([]);
    for (const file of files.filter((f) => base(f).startsWith('ok'))) {
      expect(expected.filter((e) => e.file === file), `${file} must not carry markers`).toEqual([]);
    }
  });
});
