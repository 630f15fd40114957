/**
 * SARIF 2.1.0 for code scanning: one run of the `docs-check` tool, each rule
 * described once, results pointing at repository-relative files below
 * `%SRCROOT%` (the checkout), so the upload works from any working directory.
 */
import { capText } from '../brief';
import { RULES_BASE_URL } from '../rules/url';
import type { CheckResults, Diagnostic, RuleMeta, Severity } from '../types';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: Severity };
}

export function sarif(results: CheckResults): string {
  const diagnostics = results.files.flatMap((f) => f.diagnostics);
  const rules = describeRules(results.rules, diagnostics);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'docs-check', informationUri: RULES_BASE_URL, rules } },
        results: diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ruleIndex: index.get(d.ruleId),
          level: d.severity,
          message: { text: capText(d.message) },
          // A path outside the checkout (named on the command line) has no place below
          // %SRCROOT%: the result says which path in its message and has no location.
          ...(insideCheckout(d.file)
            ? {
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: toUri(d.file), uriBaseId: '%SRCROOT%' },
                      region: {
                        startLine: d.line,
                        startColumn: d.column,
                        endLine: d.endLine,
                        endColumn: d.endColumn,
                      },
                    },
                  },
                ],
              }
            : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * Every rule that ran, then any rule id that only appears in a result (a
 * reading problem, or a markdownlint rule reported without metadata), so
 * each `ruleIndex` points at a descriptor.
 */
function describeRules(meta: readonly RuleMeta[], diagnostics: readonly Diagnostic[]): SarifRule[] {
  const rules = new Map<string, SarifRule>();
  for (const r of meta) {
    rules.set(r.id, {
      id: r.id,
      shortDescription: { text: r.description || r.id },
      ...(r.url ? { helpUri: r.url } : {}),
      defaultConfiguration: { level: r.severity },
    });
  }
  for (const d of diagnostics) {
    if (rules.has(d.ruleId)) continue;
    rules.set(d.ruleId, {
      id: d.ruleId,
      shortDescription: { text: d.ruleId },
      ...(d.url ? { helpUri: d.url } : {}),
      defaultConfiguration: { level: d.severity },
    });
  }
  return [...rules.values()];
}

/** Whether a repository-relative path stays below the repository root. */
function insideCheckout(file: string): boolean {
  const segments = file.split(/[\\/]/);
  return !file.startsWith('/') && !/^[a-zA-Z]:/.test(file) && !segments.includes('..');
}

/** A relative URI reference: each path segment percent-encoded, slashes kept. */
function toUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
