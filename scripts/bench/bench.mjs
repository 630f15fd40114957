#!/usr/bin/env node
// `npm run bench`: how docs-check compares with markdownlint-cli2 on the same
// files, and how both grow with the size of a guide. Datasets: the project's
// docs and plans, and generated guides with 100 and 1,000 test cases in the
// guide's format. Each tool runs BENCH_RUNS times (default 5) per dataset;
// the median wall time and the median peak RSS are printed. The full check
// runs twice: without the driver source, and with it (RDS_CSI_SOURCE, or a
// checkout at ../shared/rds-csi), when there is one, so the cost of the Go
// model shows. It prints, per dataset, the ratios against markdownlint-cli2,
// the growth from 100 to 1,000 test cases, and one line per target saying
// whether this run met it; it asserts nothing. Then, for each dataset, the
// DOCS_CHECK_TIMING table of one more run of each full check: where its
// time went, rule by rule and phase by phase. Ratios are only comparable
// within one run: on a shared machine the absolute times move with the load.
//
// A full check parses each page once: markdownlint parses it for its style
// rules, and the engine rebuilds its mdast from markdownlint's tokens
// (plugins/doc-checks/tokens/) instead of parsing the page again. The
// `--no-markdownlint` row is the engine alone, on its own remark parse.
//
// Last, the peak memory of checking one page of the largest size read
// (2 MiB) in each shape of large-pages.mjs, summed over the whole process
// tree (the check runs in one process; a child it started would count).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_BYTES, SHAPES } from './large-pages.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 5);
const TIME = '/usr/bin/time';
const HAS_TIME = existsSync(TIME);
const DOCS_CHECK = path.join(REPO, 'bin/docs-check.mjs');
const MARKDOWNLINT = path.join(REPO, 'node_modules/.bin/markdownlint-cli2');
const GO_MODEL_SOURCE = path.join(REPO, 'scripts/bench/go-model.ts');
// The driver checkout: code links, code-number and driver-log are checked against it.
const DRIVER_SOURCE = path.resolve(REPO, process.env.RDS_CSI_SOURCE ?? '../shared/rds-csi');
const HAS_DRIVER = existsSync(path.join(DRIVER_SOURCE, 'go.mod'));

// Each tool is one command, or several run side by side (wall time until the last ends).
// `driver: true` runs it with the driver checkout (RDS_CSI_SOURCE), so the
// rules that read the Go source build its model; every other row runs
// without one. More rows (a warm `--cache` run) go in the same list.
const TOOLS = [
  { name: 'docs-check', command: (files) => [process.execPath, DOCS_CHECK, ...files] },
  ...(HAS_DRIVER
    ? [{ name: 'docs-check, driver source', driver: true, command: (files) => [process.execPath, DOCS_CHECK, ...files] }]
    : []),
  {
    name: 'docs-check --no-markdownlint',
    command: (files) => [process.execPath, DOCS_CHECK, '--no-markdownlint', ...files],
  },
  { name: 'markdownlint-cli2', command: (files) => [MARKDOWNLINT, ...files] },
  // The warm-up run of bench() fills the cache (in the dataset's directory); the measured runs find nothing changed.
  { name: 'docs-check --cache, warm', command: (files) => [process.execPath, DOCS_CHECK, '--cache', ...files] },
];
const byName = (name) => TOOLS.find((t) => t.name === name);
/** The full checks the targets hold to markdownlint-cli2: with and without the driver source. */
const FULL_CHECKS = TOOLS.filter((t) => t.name === 'docs-check' || t.name === 'docs-check, driver source').map((t) => t.name);
const STRUCTURE = 'docs-check --no-markdownlint';
const PEER = 'markdownlint-cli2';
/** The targets of the full check, against markdownlint-cli2 on the same files, from one run. */
const TARGETS = { time: 1.2, memory: 1.2, growth: 11 };
const WARM = 'docs-check --cache, warm';
/** A run where nothing changed reads the cache: its target against the peer's full run. */
const WARM_TARGET = 0.3;

// ---------------------------------------------------------------------------
// Datasets: each is a directory of its own (not a git repository, so it is
// docs-check's root) holding the files and the project's markdownlint config
// without the custom rule, so markdownlint-cli2 runs only its own rules.

function workspace(name) {
  const dir = mkdtempSync(path.join(tmpdir(), `docs-check-bench-${name}-`));
  const config = readFileSync(path.join(REPO, '.markdownlint-cli2.jsonc'), 'utf8');
  const withoutBridge = config.replace(/^\s*"customRules":.*$/m, '');
  writeFileSync(path.join(dir, '.markdownlint-cli2.jsonc'), withoutBridge);
  return dir;
}

function projectDocs() {
  const dir = workspace('project');
  for (const sub of ['docs', '.planning']) {
    if (existsSync(path.join(REPO, sub))) cpSync(path.join(REPO, sub), path.join(dir, sub), { recursive: true });
  }
  const files = listMarkdown(dir, ['docs', '.planning']);
  return { name: 'project docs', dir, files, lines: countLines(dir, files) };
}

function generated(testCases) {
  const dir = workspace(`tc${testCases}`);
  mkdirSync(path.join(dir, 'docs'));
  writeFileSync(path.join(dir, 'docs/GUIDE.md'), generateGuide(testCases));
  const files = ['docs/GUIDE.md'];
  return { name: `${testCases} test cases`, dir, files, lines: countLines(dir, files) };
}

function listMarkdown(root, dirs) {
  const found = [];
  const walk = (relative) => {
    const absolute = path.join(root, relative);
    if (!existsSync(absolute)) return;
    const entries = readdirSync(absolute, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(child);
    }
  };
  for (const dir of dirs) walk(dir);
  return found;
}

function countLines(dir, files) {
  return files.reduce((n, f) => n + readFileSync(path.join(dir, f), 'utf8').split('\n').length, 0);
}

/** A guide with `count` test cases in the format of the hardware validation guide. */
function generateGuide(count) {
  const id = (n) => `TC-${String(n).padStart(2, '0')}`;
  const title = (n) => `Volume Scenario ${n}`;
  const anchor = (n) => `${id(n).toLowerCase()}-volume-scenario-${n}`;
  const parts = [
    '# Generated Validation Guide',
    '',
    `A generated guide with ${count} test cases, used to measure the checks.`,
    '',
    '## Test Cases',
    '',
  ];
  for (let n = 1; n <= count; n++) {
    const pvc = `test-hw-pvc-${n}`;
    const pod = `test-hw-pod-${n}`;
    const disruptive = n % 10 === 0;
    parts.push(
      `### ${id(n)}: ${title(n)}`,
      '',
      `**Objective:** Verify that scenario ${n} keeps the volume usable while the driver checks its RDS session [every 5 s](../pkg/rds/connection_manager.go#ConnectionManager.monitorLoop).`,
      '',
      '**Estimated Time:** 10 minutes',
      '',
      '**Prerequisites:**',
      '',
      n === 1 ? '- A cluster with the driver installed' : `- [${id(n - 1)}](#${anchor(n - 1)}) passed`,
      '',
    );
    if (disruptive) {
      parts.push('> [!CAUTION]', '> This test drains a worker node; run it on a test cluster only.', '');
    }
    parts.push(
      '**Steps:**',
      '',
      '1. **Create a PVC and a pod**',
      '',
      '   ```bash',
      "   kubectl apply -f - <<'EOF'",
      '   apiVersion: v1',
      '   kind: PersistentVolumeClaim',
      '   metadata:',
      `     name: ${pvc}`,
      '   spec:',
      '     accessModes: [ReadWriteOnce]',
      '     storageClassName: rds-nvme',
      '     resources:',
      '       requests:',
      '         storage: 1Gi',
      '   EOF',
      '   ```',
      '',
      '   Expected output:',
      '',
      '   ```text',
      `   persistentvolumeclaim/${pvc} created`,
      '   ```',
      '',
      '2. **Check the NVMe subsystem on the node**',
      '',
      '   ```bash',
      `   NODE=$(kubectl get pod ${pod} -o jsonpath='{.spec.nodeName}')`,
      `   ssh "$NODE" 'nvme list-subsys'`,
      ...(disruptive ? ['   kubectl drain "$NODE" --ignore-daemonsets --delete-emptydir-data'] : []),
      '   ```',
      '',
      '   Expected output:',
      '',
      '   ```text',
      '   nvme-subsys0 - NQN=nqn.2000-02.com.mikrotik:pvc',
      '   ```',
      '',
      '   ```text driver-log',
      '   ConnectionManager: RDS connection lost to 10.42.241.3, starting reconnection',
      '   ```',
      '',
      '**Cleanup:**',
      '',
      '```bash',
      `kubectl delete pod ${pod} --ignore-not-found`,
      `kubectl delete pvc ${pvc} --ignore-not-found`,
      ...(disruptive ? ['kubectl uncordon "$NODE"'] : []),
      '```',
      '',
      '**Success Criteria:**',
      '',
      `- [ ] The PVC \`${pvc}\` is bound and the pod is running`,
      '- [ ] The volume is gone after cleanup',
      '',
      '**Troubleshooting:**',
      '',
      '- **PVC stays Pending:** check the controller logs.',
      '',
    );
  }
  parts.push('## Results Template', '', '| Test | Title | Result | Notes |', '| --- | --- | --- | --- |');
  for (let n = 1; n <= count; n++) parts.push(`| ${id(n)} | ${title(n)} | ☐ Pass ☐ Fail | |`);
  parts.push('', '**Last Updated:** 2026-02-18', '');
  return parts.join('\n');
}

// ---------------------------------------------------------------------------
// Measuring

/** The environment of a run: the driver checkout only for rows that ask for it. */
function envFor(driver) {
  const env = { ...process.env };
  delete env.RDS_CSI_SOURCE;
  if (driver && HAS_DRIVER) env.RDS_CSI_SOURCE = DRIVER_SOURCE;
  return env;
}

function measure(argv, cwd, driver = false) {
  return new Promise((resolve, reject) => {
    const [file, args] = HAS_TIME ? [TIME, ['-v', ...argv]] : [argv[0], argv.slice(1)];
    const start = process.hrtime.bigint();
    const env = envFor(driver);
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ ms, rssKb: rss ? Number(rss[1]) : undefined, code, stderr });
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function bench(dataset, tool) {
  const run = () => measure(tool.command(dataset.files), dataset.dir, tool.driver);
  await run(); // warm the file cache; not counted
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run());
  const codes = [...new Set(runs.map((r) => r.code))];
  const rss = runs.map((r) => r.rssKb).filter((v) => v !== undefined);
  return {
    ms: median(runs.map((r) => r.ms)),
    rssMb: rss.length ? median(rss) / 1024 : undefined,
    codes,
    failure: codes.some((c) => c !== 0 && c !== 1) ? runs.find((r) => r.code !== 0 && r.code !== 1).stderr : undefined,
  };
}

// ---------------------------------------------------------------------------

function pad(text, width, right = false) {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

const fmtMs = (ms) => `${Math.round(ms)} ms`;
const fmtMb = (mb) => (mb === undefined ? 'n/a' : `${mb.toFixed(0)} MB`);
const ratio = (a, b) => (a === undefined || b === undefined ? 'n/a' : `${(a / b).toFixed(2)}x`);

/** A bench program, bundled like the CLI so both load the parsers the same way. */
async function buildProgram(dir, source, name) {
  const { build } = await import('esbuild');
  const outfile = path.join(dir, name);
  await build({
    entryPoints: [source],
    outfile,
    external: ['web-tree-sitter'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

/** Building the Go model of the whole driver source in a fresh process: every file parsed once. */
async function benchGoModel() {
  if (!HAS_DRIVER) {
    console.log(`Go source model: skipped (no driver checkout at ${DRIVER_SOURCE}; set RDS_CSI_SOURCE)\n`);
    return;
  }
  // Inside the repository, so the bundle finds web-tree-sitter and the grammar in node_modules.
  const scratch = mkdtempSync(path.join(REPO, 'dist', '.bench-go-model-'));
  try {
    const program = await buildProgram(scratch, GO_MODEL_SOURCE, 'go-model.mjs');
    const summary = execFileSync(process.execPath, [program, DRIVER_SOURCE], { encoding: 'utf8' }).trim();
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure([process.execPath, program, DRIVER_SOURCE], REPO));
    const rss = runs.map((r) => r.rssKb).filter((v) => v !== undefined);
    console.log(`Go source model of ${path.basename(DRIVER_SOURCE)}, cold (a fresh process each run): ${summary}`);
    console.log(`  median ${fmtMs(median(runs.map((r) => r.ms)))}, peak RSS ${fmtMb(rss.length ? median(rss) / 1024 : undefined)} (process start included)\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Peak memory of one 2 MiB page

/** RSS in KB of a process and all its descendants, from /proc (Linux); undefined elsewhere. */
function treeRssKb(pid) {
  let total = 0;
  const visit = (id) => {
    const status = readFileSync(`/proc/${id}/status`, 'utf8');
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const children = readFileSync(`/proc/${id}/task/${id}/children`, 'utf8').trim();
    for (const child of children ? children.split(/\s+/) : []) {
      try {
        visit(child);
      } catch {
        // The child ended between the two reads.
      }
    }
  };
  try {
    visit(pid);
  } catch {
    return undefined;
  }
  return total;
}

/** Runs once, sampling the summed RSS of the process tree every 20 ms: wall time and its peak. */
function measureTree(argv, cwd, driver = false) {
  return new Promise((resolve, reject) => {
    const env = envFor(driver);
    const start = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let peakKb;
    const timer = setInterval(() => {
      const kb = treeRssKb(child.pid);
      if (kb !== undefined) peakKb = Math.max(peakKb ?? 0, kb);
    }, 20);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, rssMb: peakKb === undefined ? undefined : peakKb / 1024, code, stderr });
    });
  });
}

/** One run per shape and tool (each takes tens of seconds): the peak memory of a 2 MiB page. */
async function benchLargePages() {
  const guide = readFileSync(path.join(REPO, 'docs/HARDWARE_VALIDATION.md'), 'utf8');
  console.log(
    `\nPeak memory of one ${PAGE_BYTES / (1024 * 1024)} MiB page, whole process tree ` +
      '(/proc sampled every 20 ms), one run each:\n',
  );
  console.log(`${pad('page shape', 18)}${pad('lines', 8, true)}  ${pad('tool', 36)}${pad('time', 10, true)}${pad('peak RSS', 10, true)}  exit`);
  for (const shape of SHAPES) {
    const dir = workspace(`large-${shape.name.replace(/\W+/g, '-')}`);
    try {
      mkdirSync(path.join(dir, 'docs'));
      writeFileSync(path.join(dir, 'docs/PAGE.md'), shape.generate({ guide }));
      const files = ['docs/PAGE.md'];
      const lines = countLines(dir, files);
      for (const tool of [byName('docs-check'), byName(STRUCTURE)]) {
        const r = await measureTree(tool.command(files), dir);
        console.log(
          `${pad(shape.name, 18)}${pad(lines, 8, true)}  ${pad(tool.name, 36)}` +
            `${pad(fmtMs(r.ms), 10, true)}${pad(fmtMb(r.rssMb), 10, true)}  ${r.code}`,
        );
        if (r.code !== 0 && r.code !== 1) console.log(`  ! ${tool.name} failed: ${r.stderr.trim().split('\n')[0]}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/**
 * Ratios against markdownlint-cli2 per dataset, growth from 100 to 1,000
 * test cases, and one line per target saying whether this run met it.
 */
function printSummary(datasets, get) {
  const ratioOf = (a, b, key) => (a?.[key] === undefined || b?.[key] === undefined ? undefined : a[key] / b[key]);
  const fmtRatio = (value) => (value === undefined ? 'n/a' : `${value.toFixed(2)}x`);
  const line = (label, a, b) =>
    console.log(`  ${pad(label, 64)} ${pad(fmtRatio(ratioOf(a, b, 'ms')), 8, true)} ${pad(fmtRatio(ratioOf(a, b, 'rssMb')), 8, true)}`);
  console.log(`\nRatios against ${PEER} (time, peak RSS):`);
  for (const dataset of datasets) {
    const peer = get(dataset.name, PEER);
    console.log(` ${dataset.name}`);
    for (const full of FULL_CHECKS) line(`${full} / ${PEER}`, get(dataset.name, full), peer);
    line(`${STRUCTURE} / ${PEER}`, get(dataset.name, STRUCTURE), peer);
    line(`${WARM} / ${PEER}`, get(dataset.name, WARM), peer);
  }
  console.log('\nGrowth from 100 to 1,000 test cases (time, peak RSS):');
  const growth = (tool, key) => ratioOf(get('1000 test cases', tool), get('100 test cases', tool), key);
  for (const tool of TOOLS) {
    console.log(`  ${pad(tool.name, 36)} ${pad(fmtRatio(growth(tool.name, 'ms')), 8, true)} ${pad(fmtRatio(growth(tool.name, 'rssMb')), 8, true)}`);
  }

  console.log('\nTargets (this run):');
  const verdict = (label, values, limit) => {
    const known = values.filter((v) => v.value !== undefined);
    const met = known.length === values.length && known.every((v) => v.value <= limit);
    const worst = known.length ? known.reduce((a, b) => (b.value > a.value ? b : a)) : undefined;
    const detail = worst ? `worst ${fmtRatio(worst.value)} (${worst.where})` : 'not measured';
    console.log(`  ${pad(label, 64)} ${met ? 'met' : 'NOT MET'}: ${detail}`);
  };
  for (const full of FULL_CHECKS) {
    const each = (key) => datasets.map((d) => ({ where: d.name, value: ratioOf(get(d.name, full), get(d.name, PEER), key) }));
    verdict(`${full}: time <= ${TARGETS.time}x ${PEER}, every dataset`, each('ms'), TARGETS.time);
    verdict(`${full}: peak memory <= ${TARGETS.memory}x ${PEER}, every dataset`, each('rssMb'), TARGETS.memory);
    verdict(`${full}: growth 100 -> 1,000 test cases <= ${TARGETS.growth}x`, [{ where: 'time', value: growth(full, 'ms') }], TARGETS.growth);
  }
  const warm = datasets.map((d) => ({ where: d.name, value: ratioOf(get(d.name, WARM), get(d.name, PEER), 'ms') }));
  verdict(`${WARM}: time <= ${WARM_TARGET}x ${PEER}, every dataset`, warm, WARM_TARGET);
}

/** One more run of a full check with DOCS_CHECK_TIMING=1: its table of the slowest rules and phases. */
function timingTableOf(dataset, tool) {
  const [program, ...args] = tool.command(dataset.files);
  const env = { ...envFor(tool.driver), DOCS_CHECK_TIMING: '1' };
  const run = spawnSync(program, args, { cwd: dataset.dir, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const at = run.stderr.indexOf('docs-check timing:');
  return at === -1 ? `(no timing table: exit status ${run.status})` : run.stderr.slice(at).trimEnd();
}

async function mainBench() {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO, stdio: 'inherit' });
  await benchGoModel();
  const datasets = [projectDocs(), generated(100), generated(1000)];
  console.log(
    `docs-check vs markdownlint-cli2: ${RUNS} runs each (after one warm-up), median wall time, ` +
      `median peak RSS${HAS_TIME ? ` (${TIME} -v)` : ' (unavailable: no /usr/bin/time)'}; ` +
      `Node ${process.version}, ${availableParallelism()} CPUs\n`,
  );
  console.log(`${pad('dataset', 18)}${pad('lines', 8, true)}  ${pad('tool', 36)}${pad('time', 10, true)}${pad('peak RSS', 10, true)}  exit`);
  const results = new Map();
  const timings = [];
  try {
    for (const dataset of datasets) {
      for (const tool of TOOLS) {
        const r = await bench(dataset, tool);
        results.set(`${dataset.name}|${tool.name}`, r);
        console.log(
          `${pad(dataset.name, 18)}${pad(dataset.lines, 8, true)}  ${pad(tool.name, 36)}` +
            `${pad(fmtMs(r.ms), 10, true)}${pad(fmtMb(r.rssMb), 10, true)}  ${r.codes.join(',')}`,
        );
        if (r.failure) console.log(`  ! ${tool.name} failed: ${r.failure.trim().split('\n')[0]}`);
      }
      for (const name of FULL_CHECKS) timings.push(`${dataset.name}, ${name}:\n${timingTableOf(dataset, byName(name))}`);
    }
  } finally {
    for (const dataset of datasets) rmSync(dataset.dir, { recursive: true, force: true });
  }

  printSummary(datasets, (dataset, tool) => results.get(`${dataset}|${tool}`));
  console.log(`Where the time of a full check goes (DOCS_CHECK_TIMING=1, one more run each, not in the medians above):\n`);
  console.log(`${timings.join('\n\n')}\n`);
  await benchLargePages();
}

// `npm run bench -- --large-pages` measures only the 2 MiB pages.
if (process.argv.includes('--large-pages')) {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO, stdio: 'inherit' });
  await benchLargePages();
} else {
  await mainBench();
}
