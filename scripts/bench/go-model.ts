// Builds the Go model of a driver checkout the way a check does (every file
// parsed once, log formats, flags, tests of every package) and prints what it
// found and how long the model took inside the process.
import { GoSource } from '../../plugins/doc-checks/source/go-source';

const root = process.argv[2];
const start = performance.now();
const source = new GoSource(root);
const files = await source.goFiles();
const formats = await source.logFormats();
const flags = await source.flags();
let tests = 0;
let specs = 0;
let declarations = 0;
for (const dir of await source.packages()) {
  const found = await source.tests(dir);
  tests += found.tests.length;
  specs += found.specs.length;
  for (const model of await source.package(dir, { tests: true })) declarations += model.declarations.length;
}
const problems = await source.problems();
const ms = Math.round(performance.now() - start);
process.stdout.write(
  `${files.length} files, ${declarations} declarations, ${formats.length} log formats, ${flags.length} flags, ` +
    `${tests} tests, ${specs} Ginkgo specs, ${problems.length} unreadable; ${ms} ms in process\n`,
);
