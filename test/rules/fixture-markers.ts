/**
 * Expected diagnostics are written inside fixtures, on the line that must be
 * reported: `<!-- expect: RULE-ID -->`, optionally with `@COLUMN` and an exact
 * `"message"`. Markers are stripped before checking, so they never shift the
 * positions of what precedes them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkProject } from '../../plugins/doc-checks/engine';
import { findFiles, isMarkdown } from '../../plugins/doc-checks/files';
import type { AnyRule, Diagnostic } from '../../plugins/doc-checks/types';

const FIXTURES = path.resolve(__dirname, '../fixtures/rules');
const DRIVER_SOURCE = path.resolve(__dirname, '../fixtures/driver-src');

const MARKER = /[ \t]*<!--\s*expect:\s*([a-z0-9-]+)(?:\s+@(\d+))?(?:\s+"((?:[^"\\]|\\.)*)")?\s*-->/g;

export interface Expectation {
  line: number;
  ruleId: string;
  column?: number;
  message?: string;
}

export function readMarkers(text: string): { clean: string; expectations: Expectation[] } {
  const expectations: Expectation[] = [];
  const lines = text.split('\n').map((line, i) =>
    line.replace(MARKER, (_all, ruleId: string, column?: string, message?: string) => {
      expectations.push({
        line: i + 1,
        ruleId,
        ...(column ? { column: Number(column) } : {}),
        ...(message !== undefined ? { message: message.replace(/\\(.)/g, '$1') } : {}),
      });
      return '';
    }),
  );
  return { clean: lines.join('\n'), expectations };
}

/**
 * A fixture root's `fixture.json` may say `{"driverSource": false}`: its pages
 * are checked as a run without a driver checkout would check them.
 */
function fixtureSettings(root: string): { driverSource?: boolean } {
  const file = path.join(root, 'fixture.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { driverSource?: boolean }) : {};
}

/**
 * Checks every markdown file of a rule's fixture root with only that rule
 * (markers stripped first) and returns what was expected and what was found.
 */
export async function runRuleFixtures(
  rule: AnyRule,
  extra: { requireApprovals?: boolean } = {},
): Promise<{ files: string[]; expected: (Expectation & { file: string })[]; diagnostics: Diagnostic[] }> {
  const root = path.join(FIXTURES, rule.id);
  const files = await findFiles(root, [''], isMarkdown);
  const contents = new Map<string, string>();
  const expected: (Expectation & { file: string })[] = [];
  for (const file of files) {
    const { clean, expectations } = readMarkers(readFileSync(path.join(root, file), 'utf8'));
    contents.set(file, clean);
    for (const e of expectations) expected.push({ file, ...e });
  }
  const results = await checkProject({
    root,
    files,
    contents,
    rules: [rule],
    sourceRoot: fixtureSettings(root).driverSource === false ? undefined : DRIVER_SOURCE,
    today: '2026-11-26',
    ...extra,
  });
  return { files, expected, diagnostics: results.files.flatMap((f) => f.diagnostics) };
}
