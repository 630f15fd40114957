import path from 'node:path';
import { parseGoTest } from '../model/go-test-command';
import { callSpan, invocations, testCaseOf, type Invocation } from '../model/invocations';
import { didYouMean } from '../nearest';
import { goModulePath } from '../source/driver-files';
import type { GoFileModel, GoSource } from '../source/go-source';
import { buildConstraintHolds, matchPackagePattern } from '../source/go-packages';
import { selectSpecs, selectTests, specFullText, type Selection } from '../source/go-test-match';
import type { PageContext, PageRule } from '../types';
import { ruleUrl } from './url';

const quote = (names: readonly string[], most: number) =>
  names.slice(0, most).map((n) => `\`${n}\``).join(', ') + (names.length > most ? ', ...' : '');

interface TestFiles {
  /** Test files the command builds. */
  built: GoFileModel[];
  /** Test files left out by their `//go:build` line for this command's tags. */
  excluded: GoFileModel[];
}

async function testFiles(source: GoSource, dirs: string[], tags: ReadonlySet<string>): Promise<TestFiles> {
  const files: TestFiles = { built: [], excluded: [] };
  for (const dir of dirs) {
    for (const model of await source.package(dir, { tests: true })) {
      if (!model.path.endsWith('_test.go')) continue;
      const holds = model.buildConstraint === undefined || buildConstraintHolds(model.buildConstraint, tags);
      (holds ? files.built : files.excluded).push(model);
    }
  }
  return files;
}

/** What the selection needs from the excluded files: "; ... behind `//go:build x`: expected `-tags ...`". */
function tagHint(excluded: GoFileModel[], select: (files: GoFileModel[]) => Selection): string {
  const needed = excluded.filter((m) => select([m]).status === 'selected');
  if (needed.length === 0) return '';
  const constraint = needed[0].buildConstraint!;
  const tags = /^[\w.]+$/.test(constraint) ? `\`-tags ${constraint}\`` : '`-tags` that satisfy it';
  return `; it would select tests in \`${needed[0].path}\`, which is built only with \`//go:build ${constraint}\`: expected ${tags}`;
}

async function checkCall(call: Invocation, ctx: PageContext, source: GoSource, packages: string[], modulePath: string | undefined): Promise<void> {
  const { page, report } = ctx;
  const command = parseGoTest(call.args.slice(1));
  const at = callSpan(call.command.node, call.call);
  const extra = testCaseOf(page, call.command);
  const dirs: string[] = [];
  for (const pattern of command.packages) {
    if (pattern.includes('$')) return; // a variable: the packages are not known
    const match = matchPackagePattern(pattern, packages, modulePath);
    if (match.kind === 'external') continue;
    if (match.dirs.length === 0) {
      const local = packages.map((p) => (p === '' ? '.' : `./${p}`));
      const hint = didYouMean(pattern, local) || `, such as ${quote(local, 6)}`;
      report(at, `\`go test ${pattern}\` matches no Go package in the driver source; expected a directory with Go files${hint}`, extra);
      continue;
    }
    dirs.push(...match.dirs);
  }
  if (dirs.length === 0) return;
  const named = command.packages.map((p) => `\`${p}\``).join(' ');
  const files = await testFiles(source, [...new Set(dirs)], new Set(command.tags));
  const tests = (list: GoFileModel[]) => list.flatMap((m) => m.tests);
  const specs = (list: GoFileModel[]) => list.flatMap((m) => m.ginkgo);
  for (const run of command.benchmarks ? [] : command.run) {
    if (run.includes('$')) continue;
    const selection = selectTests(run, tests(files.built));
    if (selection.status === 'selected') continue;
    if (selection.status === 'invalid') {
      report(at, `\`-run ${run}\` is not a valid Go regular expression (${selection.reason}); expected a pattern the go command accepts`, extra);
      continue;
    }
    const hint = tagHint(files.excluded, (m) => selectTests(run, tests(m)));
    const nearest = selection.nearest ? `; did you mean \`${selection.nearest}\`?` : '';
    if (selection.names.length === 0) {
      report(at, `\`-run ${run}\` matches no test: ${named} has no test functions${hint}`, extra);
    } else if (selection.level === 0) {
      report(at, `\`-run ${run}\` matches no test in ${named}; its tests are ${quote(selection.names, 6)}${hint || nearest}`, extra);
    } else {
      report(at, `\`-run ${run}\` selects no subtest: \`${selection.element}\` matches none of ${quote(selection.names, 6)}${hint || nearest}`, extra);
    }
  }
  for (const focus of command.focus) {
    if (focus.includes('$')) continue;
    const selection = selectSpecs(focus, specs(files.built));
    if (selection.status === 'selected') continue;
    if (selection.status === 'invalid') {
      report(at, `\`-ginkgo.focus=${focus}\` is not a valid Go regular expression (${selection.reason}); expected a pattern Ginkgo accepts`, extra);
      continue;
    }
    const hint = tagHint(files.excluded, (m) => selectSpecs(focus, specs(m)));
    const nearest = selection.nearest ? `; did you mean \`${selection.nearest}\`?` : '';
    if (selection.names.length === 0) {
      report(at, `\`-ginkgo.focus=${focus}\` matches no spec: ${named} has no Ginkgo specs${hint}`, extra);
    } else {
      const some = [...new Set(specs(files.built).filter((s) => s.path.length === 0).map(specFullText))];
      report(at, `\`-ginkgo.focus=${focus}\` matches no Ginkgo spec in ${named}; its top-level containers are ${quote(some, 6)}${hint || nearest}`, extra);
    }
  }
}

/** A guide's test command that selects nothing passes with `ok` and tests nothing. */
const rule: PageRule = {
  id: 'go-test-run',
  description: 'Every `go test` command in a shell block names packages, `-run` tests and Ginkgo focus texts that exist in the driver source',
  url: ruleUrl('go-test-run'),
  severity: 'error',
  scope: 'page',
  async check(ctx) {
    const source = ctx.workspace.goSource();
    const calls = invocations(ctx.page.commands, (program) => path.posix.basename(program) === 'go').filter(
      (c) => c.args[0] === 'test' && !c.call.via,
    );
    if (!source || calls.length === 0) return;
    const packages = await source.packages();
    const modulePath = await goModulePath(ctx.workspace);
    for (const call of calls) await checkCall(call, ctx, source, packages, modulePath);
  },
};

export default rule;
