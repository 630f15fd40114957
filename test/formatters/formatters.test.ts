/**
 * Every `--format` over the same fixed results: the exact text each one
 * prints, including escaping and the clean (empty) run.
 */
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH } from '../../plugins/doc-checks/brief';
import { FORMATTERS, FORMAT_NAMES, isFormatName, type FormatName } from '../../plugins/doc-checks/formatters/index';
import type { CheckResults } from '../../plugins/doc-checks/types';

const GUIDE = 'docs/HARDWARE_VALIDATION.md';
// A file name with the characters the GitHub and SARIF formats must escape.
const ODD = 'docs/odd, name:1 %.md';

const RESULTS: CheckResults = {
  files: [
    {
      file: GUIDE,
      errorCount: 1,
      warningCount: 1,
      diagnostics: [
        {
          file: GUIDE,
          line: 12,
          column: 1,
          endLine: 12,
          endColumn: 20,
          ruleId: 'tc-required-section',
          severity: 'error',
          message: 'Missing `Cleanup` in TC-11, expected it after `Steps`',
          testCase: 'TC-11',
          url: 'https://example.test/rules/tc-required-section',
        },
        {
          file: GUIDE,
          line: 140,
          column: 3,
          endLine: 142,
          endColumn: 9,
          ruleId: 'last-updated',
          severity: 'warning',
          message: 'Found 100% of it:\r\nsecond line, with a comma',
          url: 'https://example.test/rules/last-updated',
        },
      ],
    },
    { file: 'docs/TESTING.md', errorCount: 0, warningCount: 0, diagnostics: [] },
    {
      file: ODD,
      errorCount: 1,
      warningCount: 0,
      diagnostics: [
        {
          file: ODD,
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 7,
          ruleId: 'MD022',
          severity: 'error',
          message: 'Headings should be surrounded by blank lines [Expected: 1; Actual: 0; Below]',
          url: 'https://example.test/md022.md',
        },
      ],
    },
  ],
  errorCount: 2,
  warningCount: 1,
  rules: [
    {
      id: 'tc-required-section',
      description: 'Test cases have every required section in order',
      url: 'https://example.test/rules/tc-required-section',
      severity: 'error',
      scope: 'page',
    },
    {
      id: 'last-updated',
      description: 'Pages end with a recent Last Updated date',
      url: 'https://example.test/rules/last-updated',
      severity: 'warning',
      scope: 'page',
    },
  ],
};

const CLEAN: CheckResults = {
  files: [{ file: 'docs/TESTING.md', errorCount: 0, warningCount: 0, diagnostics: [] }],
  errorCount: 0,
  warningCount: 0,
  rules: RESULTS.rules,
};

const EMPTY: CheckResults = { files: [], errorCount: 0, warningCount: 0, rules: [] };

const STYLISH = `docs/HARDWARE_VALIDATION.md
  12:1   error    Missing \`Cleanup\` in TC-11, expected it after \`Steps\`  tc-required-section
  140:3  warning  Found 100% of it: second line, with a comma  last-updated

docs/odd, name:1 %.md
  3:1  error    Headings should be surrounded by blank lines [Expected: 1; Actual: 0; Below]  MD022

Rule pages:
  tc-required-section  https://example.test/rules/tc-required-section
  last-updated         https://example.test/rules/last-updated
  MD022                https://example.test/md022.md

✖ 3 problems (2 errors, 1 warning)
`;

const fileEntry = (filePath: string, messages: object[], errorCount: number, warningCount: number) => ({
  filePath,
  messages,
  errorCount,
  warningCount,
  fatalErrorCount: 0,
  fixableErrorCount: 0,
  fixableWarningCount: 0,
});

// ESLint prints its JSON on one line; the literal is spelled out as objects for reading.
const JSON_OUTPUT = `${JSON.stringify([
  fileEntry(
    GUIDE,
    [
      {
        ruleId: 'tc-required-section',
        severity: 2,
        message: 'Missing `Cleanup` in TC-11, expected it after `Steps`',
        line: 12,
        column: 1,
        endLine: 12,
        endColumn: 20,
      },
      {
        ruleId: 'last-updated',
        severity: 1,
        message: 'Found 100% of it:\r\nsecond line, with a comma',
        line: 140,
        column: 3,
        endLine: 142,
        endColumn: 9,
      },
    ],
    1,
    1,
  ),
  fileEntry('docs/TESTING.md', [], 0, 0),
  fileEntry(
    ODD,
    [
      {
        ruleId: 'MD022',
        severity: 2,
        message: 'Headings should be surrounded by blank lines [Expected: 1; Actual: 0; Below]',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 7,
      },
    ],
    1,
    0,
  ),
])}\n`;

const sarifLog = (rules: object[], results: object[]) =>
  `${JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'docs-check',
              informationUri: 'https://3whiskeywhiskey.github.io/rds-csi-docs/rules/',
              rules,
            },
          },
          results,
        },
      ],
    },
    null,
    2,
  )}\n`;

const sarifResult = (
  ruleId: string,
  ruleIndex: number,
  level: string,
  text: string,
  uri: string,
  region: [number, number, number, number],
) => ({
  ruleId,
  ruleIndex,
  level,
  message: { text },
  locations: [
    {
      physicalLocation: {
        artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
        region: { startLine: region[0], startColumn: region[1], endLine: region[2], endColumn: region[3] },
      },
    },
  ],
});

const SARIF_RULES = [
  {
    id: 'tc-required-section',
    shortDescription: { text: 'Test cases have every required section in order' },
    helpUri: 'https://example.test/rules/tc-required-section',
    defaultConfiguration: { level: 'error' },
  },
  {
    id: 'last-updated',
    shortDescription: { text: 'Pages end with a recent Last Updated date' },
    helpUri: 'https://example.test/rules/last-updated',
    defaultConfiguration: { level: 'warning' },
  },
];

const SARIF = sarifLog(
  [
    ...SARIF_RULES,
    // Only seen in a result: described from the diagnostic itself.
    {
      id: 'MD022',
      shortDescription: { text: 'MD022' },
      helpUri: 'https://example.test/md022.md',
      defaultConfiguration: { level: 'error' },
    },
  ],
  [
    sarifResult('tc-required-section', 0, 'error', 'Missing `Cleanup` in TC-11, expected it after `Steps`', GUIDE, [12, 1, 12, 20]),
    sarifResult('last-updated', 1, 'warning', 'Found 100% of it:\r\nsecond line, with a comma', GUIDE, [140, 3, 142, 9]),
    sarifResult(
      'MD022',
      2,
      'error',
      'Headings should be surrounded by blank lines [Expected: 1; Actual: 0; Below]',
      'docs/odd%2C%20name%3A1%20%25.md',
      [3, 1, 3, 7],
    ),
  ],
);

const GITHUB = [
  '::error file=docs/HARDWARE_VALIDATION.md,line=12,col=1,endLine=12,endColumn=20,title=tc-required-section::Missing `Cleanup` in TC-11, expected it after `Steps`%0Ahttps://example.test/rules/tc-required-section',
  // Spans three lines: no columns; `%`, CR and LF escaped in the message, `,` and `:` kept there.
  '::warning file=docs/HARDWARE_VALIDATION.md,line=140,endLine=142,title=last-updated::Found 100%25 of it:%0D%0Asecond line, with a comma%0Ahttps://example.test/rules/last-updated',
  // `,` `:` and `%` escaped inside a property value.
  '::error file=docs/odd%2C name%3A1 %25.md,line=3,col=1,endLine=3,endColumn=7,title=MD022::Headings should be surrounded by blank lines [Expected: 1; Actual: 0; Below]%0Ahttps://example.test/md022.md',
  '',
].join('\n');

const CASES: { format: FormatName; input: string; results: CheckResults; expected: string }[] = [
  { format: 'stylish', input: 'findings', results: RESULTS, expected: STYLISH },
  { format: 'stylish', input: 'clean', results: CLEAN, expected: '' },
  { format: 'stylish', input: 'empty', results: EMPTY, expected: '' },
  { format: 'json', input: 'findings', results: RESULTS, expected: JSON_OUTPUT },
  { format: 'json', input: 'clean', results: CLEAN, expected: '[{"filePath":"docs/TESTING.md","messages":[],"errorCount":0,"warningCount":0,"fatalErrorCount":0,"fixableErrorCount":0,"fixableWarningCount":0}]\n' },
  { format: 'json', input: 'empty', results: EMPTY, expected: '[]\n' },
  { format: 'sarif', input: 'findings', results: RESULTS, expected: SARIF },
  { format: 'sarif', input: 'clean', results: CLEAN, expected: sarifLog(SARIF_RULES, []) },
  { format: 'sarif', input: 'empty', results: EMPTY, expected: sarifLog([], []) },
  { format: 'github', input: 'findings', results: RESULTS, expected: GITHUB },
  { format: 'github', input: 'clean', results: CLEAN, expected: '' },
  { format: 'github', input: 'empty', results: EMPTY, expected: '' },
];

describe('formatters', () => {
  it.each(CASES)('$format prints the $input results exactly', ({ format, results, expected }) => {
    expect(FORMATTERS[format](results)).toBe(expected);
  });

  it('covers every registered format with findings, clean and empty input', () => {
    expect(FORMAT_NAMES).toEqual(['stylish', 'json', 'sarif', 'github']);
    for (const name of FORMAT_NAMES) {
      expect(CASES.filter((c) => c.format === name).map((c) => c.input)).toEqual(['findings', 'clean', 'empty']);
    }
  });

  it('knows its names and nothing inherited', () => {
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('checkstyle')).toBe(false);
    expect(isFormatName('toString')).toBe(false);
  });

  it('prints the singular forms in the stylish summary', () => {
    const one: CheckResults = {
      files: [{ ...RESULTS.files[0], diagnostics: [RESULTS.files[0].diagnostics[0]], warningCount: 0 }],
      errorCount: 1,
      warningCount: 0,
      rules: [],
    };
    expect(FORMATTERS.stylish(one).split('\n').at(-2)).toBe('✖ 1 problem (1 error, 0 warnings)');
  });

  it('keeps every format linear in the findings when a message quotes megabytes', () => {
    // 2,000 findings quoting a 100 KB link, as a page of broken anchors and one huge URL gives.
    const long = `Link \`${'x'.repeat(100_000)}\` does not exist`;
    const base = RESULTS.files[0].diagnostics[0];
    const diagnostics = Array.from({ length: 2000 }, (_, i) => ({ ...base, line: i + 1, message: i === 0 ? long : 'Anchor `#a` does not exist on this page' }));
    const many: CheckResults = { ...RESULTS, files: [{ file: GUIDE, errorCount: 2000, warningCount: 0, diagnostics }], errorCount: 2000, warningCount: 0 };
    const cut = `Link \`${'x'.repeat(MAX_MESSAGE_LENGTH - 6)}… [99,022 more characters cut]`;
    const lines = FORMATTERS.stylish(many).split('\n');
    expect(lines[1]).toBe(`  1:1     error    ${cut}  tc-required-section`);
    // Short messages are not padded to the long one.
    expect(lines[2]).toBe('  2:1     error    Anchor `#a` does not exist on this page  tc-required-section');
    for (const name of FORMAT_NAMES) {
      const size = FORMATTERS[name](many).length;
      expect(size, name).toBeLessThan(2000 * 1000 + 20_000);
    }
    expect(JSON.parse(FORMATTERS.json(many))[0].messages[0].message).toBe(cut);
  });

  it('gives a SARIF result about a path outside the checkout no location below %SRCROOT%', () => {
    const outside = { ...RESULTS.files[0].diagnostics[0], file: '../secret.md', ruleId: 'valid-input', message: '`../secret.md` is outside the repository; expected a path inside it' };
    const results: CheckResults = { files: [{ file: '../secret.md', errorCount: 1, warningCount: 0, diagnostics: [outside] }], errorCount: 1, warningCount: 0, rules: [] };
    const [result] = JSON.parse(FORMATTERS.sarif(results)).runs[0].results;
    expect(result).toEqual({ ruleId: 'valid-input', ruleIndex: 0, level: 'error', message: { text: outside.message } });
  });
});
