/**
 * The project's own guides: they pass every check, and they carry the
 * user's plan (32-02) in full — every command of Task 1 stands in the
 * matching test case, every box is where the plan wants it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InlineCode, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkProject } from '../../plugins/doc-checks/engine';
import { buildPage } from '../../plugins/doc-checks/model/guide';
import { parseCommand } from '../../plugins/doc-checks/model/shell';
import { parseMarkdown } from '../../plugins/doc-checks/parse';
import { readPlan } from '../../plugins/doc-checks/plan/reader';
import { goSourceFor } from '../../plugins/doc-checks/source/go-source';
import type { Page, ShellCall, TestCase } from '../../plugins/doc-checks/types';
import { guideDriverSource } from '../setup/driver-source';

const ROOT = path.resolve(__dirname, '../..');
const DRIVER_SOURCE = guideDriverSource();
const PLAN_PATH = '.planning/phases/32-resilience-regression-tests/32-02-PLAN.md';

const load = (rel: string): Page => buildPage(rel, readFileSync(path.join(ROOT, rel), 'utf8'));

describe('the guides pass every check', () => {
  test('no errors; the only warning is the review that has not happened yet', async () => {
    const results = await checkProject({ root: ROOT, sourceRoot: DRIVER_SOURCE, today: '2026-11-26' });
    const found = results.files.flatMap((f) => f.diagnostics).map((d) => `${d.file} ${d.severity} ${d.ruleId}`);
    expect(found).toEqual([`${PLAN_PATH} warning checkpoint-approval`]);
    expect(results.files.map((f) => f.file)).toEqual(
      expect.arrayContaining(['docs/HARDWARE_VALIDATION.md', 'docs/TESTING.md', PLAN_PATH]),
    );
  });

  test('without the driver source, one warning per page says what went unchecked', async () => {
    const results = await checkProject({ root: ROOT, today: '2026-11-26', files: ['docs/HARDWARE_VALIDATION.md', 'docs/TESTING.md'] });
    const found = results.files.flatMap((f) => f.diagnostics).map((d) => `${d.file} ${d.severity} ${d.ruleId}`);
    expect(found).toEqual([
      'docs/HARDWARE_VALIDATION.md warning driver-source',
      'docs/TESTING.md warning driver-source',
    ]);
  });
});

describe('Hardware Validation guide', () => {
  let guide: Page;
  const tc = (id: string): TestCase => guide.testCases.find((t) => t.id === id)!;
  beforeAll(() => {
    guide = load('docs/HARDWARE_VALIDATION.md');
  });

  test('has TC-01 to TC-11 in order, each with every section', () => {
    expect(guide.testCases.map((t) => t.id)).toEqual(
      Array.from({ length: 11 }, (_, i) => `TC-${String(i + 1).padStart(2, '0')}`),
    );
    for (const t of guide.testCases) {
      expect(t.sections.map((s) => s.name), t.id).toEqual([
        'Objective', 'Estimated Time', 'Prerequisites', 'Steps', 'Cleanup', 'Success Criteria', 'Troubleshooting',
      ]);
    }
  });

  test('the resilience cases have the plan titles and step counts', () => {
    expect([tc('TC-09').title, tc('TC-10').title, tc('TC-11').title]).toEqual([
      'NVMe Reconnect After Network Interruption',
      'RDS Restart Volume Preservation',
      'Node Failure Stale VolumeAttachment Cleanup',
    ]);
    expect([tc('TC-09').steps.length, tc('TC-10').steps.length, tc('TC-11').steps.length]).toEqual([10, 11, 10]);
  });

  test('boxes: CAUTION before the steps of TC-09 and TC-11, DANGER for TC-10', () => {
    expect(tc('TC-09').boxesBeforeSteps.map((b) => b.kind)).toEqual(['caution']);
    expect(tc('TC-10').boxesBeforeSteps.map((b) => b.kind)).toEqual(['danger']);
    expect(tc('TC-11').boxesBeforeSteps.map((b) => b.kind)).toEqual(['caution']);
  });

  test('the Results Template lists the eleven test cases with their titles', () => {
    expect(guide.resultsTemplate?.rows.map((r) => `${r.id} ${r.title}`)).toEqual(
      guide.testCases.map((t) => `${t.id} ${t.title}`),
    );
    expect(guide.lastUpdated?.text).toBe('2026-02-18');
  });

  test('links each procedure to the driver code it exercises', () => {
    const codeTargets = (id: string) => new Set(tc(id).links.filter((l) => l.kind === 'code').map((l) => l.target));
    const expected: Record<string, string[]> = {
      'TC-02': ['pkg/nvme/config.go'],
      'TC-06': ['pkg/rds/connection_manager.go'],
      'TC-09': ['pkg/nvme/config.go'],
      'TC-10': ['pkg/rds/connection_manager.go', 'pkg/nvme/config.go'],
      'TC-11': ['pkg/attachment/reconciler.go'],
    };
    for (const [id, files] of Object.entries(expected)) {
      for (const file of files) expect(codeTargets(id).has(file), `${id} -> ${file}`).toBe(true);
    }
  });

  test('every command the plan gives for TC-09, TC-10 and TC-11 stands in that test case', () => {
    const plan = readPlan(PLAN_PATH, readFileSync(path.join(ROOT, PLAN_PATH), 'utf8'));
    const action = plan.tasks[0].action ?? '';
    const blocks = action.split(/\*\*(?=TC-\d\d:)/).slice(1);
    expect(blocks.map((b) => b.slice(0, 5))).toEqual(['TC-09', 'TC-10', 'TC-11']);
    for (const block of blocks) {
      const id = block.slice(0, 5);
      // Commands in the steps' code blocks, and those quoted inline (troubleshooting).
      const guideCalls = [
        ...tc(id).commands.flatMap((c) => c.calls),
        ...tc(id).nodes.flatMap((n) => inlineCommands(n)),
      ];
      const planCalls = inlineCommands(block);
      expect(planCalls.length, id).toBeGreaterThan(3);
      for (const call of planCalls) {
        expect(guideCalls.some((g) => sameCall(call, g)), `${id} lacks \`${call.words.join(' ')}\``).toBe(true);
      }
    }
  });
});

describe('Testing guide', () => {
  let testing: Page;
  let calls: string[][];
  beforeAll(() => {
    testing = load('docs/TESTING.md');
    calls = testing.commands.flatMap((c) => c.calls.map((k) => k.words));
  });

  test('has the resilience section right after Hardware Integration Tests, linking TC-09 to TC-11', () => {
    const texts = testing.headings.map((h) => h.text);
    const hardware = texts.indexOf('Hardware Integration Tests');
    expect(hardware).toBeGreaterThan(-1);
    expect(texts[hardware + 1]).toBe('Resilience Regression Tests');
    const targets = testing.links.filter((l) => l.target === 'docs/HARDWARE_VALIDATION.md').map((l) => l.fragment);
    expect(targets).toEqual(
      expect.arrayContaining([
        'tc-09-nvme-reconnect-after-network-interruption',
        'tc-10-rds-restart-volume-preservation',
        'tc-11-node-failure-stale-volumeattachment-cleanup',
      ]),
    );
    const code = new Set(testing.links.filter((l) => l.kind === 'code').map((l) => l.target));
    expect([...code]).toEqual(expect.arrayContaining(['pkg/rds/connection_manager.go', 'pkg/attachment/reconciler.go']));
    expect(calls.map((w) => w.join(' '))).toContain('go test -v ./test/e2e/... -ginkgo.v -ginkgo.focus=Resilience');
  });

  test('runs only make targets the driver\'s Makefile declares, the E2E one among them', () => {
    const targets = makefileTargets(readFileSync(path.join(DRIVER_SOURCE, 'Makefile'), 'utf8'));
    const used = calls.filter((w) => w[0] === 'make').map((w) => w.slice(1).find((a) => !a.startsWith('-') && !a.includes('='))!);
    expect(used).toEqual(expect.arrayContaining(['test', 'test-integration', 'test-sanity-mock', 'e2e-test', 'verify']));
    for (const target of used) expect(targets, `make ${target}`).toContain(target);
    expect(used).not.toContain('test-e2e');
  });

  test('gives `go test -run` patterns that match test functions of the package they run', async () => {
    const runs = calls.filter((w) => w[0] === 'go' && w[1] === 'test' && w.includes('-run'));
    expect(runs.length).toBeGreaterThan(4);
    for (const words of runs) {
      const pattern = words[words.indexOf('-run') + 1];
      const packageDir = words.find((w) => w.startsWith('./'))!.replace(/^\.\//, '').replace(/\/(\.\.\.)?$/, '');
      const names = await testFunctions(packageDir);
      // go test splits the pattern at unbracketed slashes: the first part selects the test functions.
      const top = new RegExp(pattern.split('/')[0]);
      expect(names.filter((n) => top.test(n)), `${words.join(' ')}`).not.toEqual([]);
    }
  });

  test('says what RESIL-01 to RESIL-03 really are and where they run', () => {
    const resilience = testing.links.filter((l) => l.kind === 'code').map((l) => `${l.target}#${l.fragment ?? ''}`);
    expect(resilience).toContain('pkg/attachment/reconciler_test.go#TestReconciler_RESIL03_StaleCleanupAndReattachment');
    expect(resilience).toContain('test/e2e/resilience_test.go#');
    const text = readFileSync(path.join(ROOT, 'docs/TESTING.md'), 'utf8');
    expect(text).toContain('The reconciler never deletes or changes a VolumeAttachment object.');
  });
});

/** Names of the rules a Makefile declares: `name:` at the start of a line (not `name :=`). */
function makefileTargets(makefile: string): string[] {
  return makefile
    .split('\n')
    .map((line) => /^([A-Za-z0-9_.-]+)\s*:(?!=)/.exec(line)?.[1])
    .filter((name): name is string => !!name && !name.startsWith('.'));
}

/** Test functions declared in the `_test.go` files of one package directory of the driver. */
async function testFunctions(dir: string): Promise<string[]> {
  const { tests } = await goSourceFor(DRIVER_SOURCE).tests(dir);
  return tests.map((t) => t.name).filter((name) => !name.includes('/'));
}

const PLACEHOLDER = 'PLAN_PLACEHOLDER';
const PROGRAMS = new Set(['kubectl', 'ssh', 'iptables', 'dmesg', 'cat', 'nvme']);

/** Inline code spans of the plan's prose that are shell commands of the procedure. */
function inlineCommands(markdown: string | Nodes): ShellCall[] {
  const calls: ShellCall[] = [];
  visit(typeof markdown === 'string' ? parseMarkdown(markdown) : markdown, 'inlineCode', (node: InlineCode) => {
    // The plan writes `<node-ip>`-style placeholders, which a shell would read as redirections.
    const value = node.value.replace(/<[a-z-]+>/g, PLACEHOLDER);
    const parsed = parseCommand({ type: 'code', lang: 'bash', value });
    const first = parsed.calls[0];
    if (!parsed.syntaxError && first && PROGRAMS.has(first.words[0]) && first.words.length > 1) calls.push(...parsed.calls);
  });
  return calls;
}

/**
 * Where the plan names what the driver's install does not have, the guide
 * follows the driver: its namespace and selector variables, and the container
 * that all three install paths call `rds-csi-driver`.
 */
const CORRECTED_BY_CODE: Record<string, string> = {
  'kube-system': '$NS',
  'app=rds-csi-controller': '$CONTROLLER_SELECTOR',
  'rds-csi-plugin': 'rds-csi-driver',
};

/** Words must agree, except where the plan writes a `<placeholder>` or `...`, or the code corrects it. */
function sameCall(plan: ShellCall, guide: ShellCall): boolean {
  const wanted = plan.words
    .filter((w) => w !== '...' && !w.includes(PLACEHOLDER))
    .map((w) => (CORRECTED_BY_CODE[w] ?? w).replace(/\$[A-Za-z_]+/g, '*').replace(/nvmeX/g, '*'));
  // The guide names devices and pods by "$VARIABLES" where the plan writes nvmeX.
  const words = guide.words.map((w) => w.replace(/\$[A-Za-z_]+/g, '*'));
  let from = 0;
  for (const word of wanted) {
    const at = words.indexOf(word, from);
    if (at === -1) return false;
    from = at + 1;
  }
  return plan.words[0] === guide.words[0];
}
