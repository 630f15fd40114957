#!/usr/bin/env node
// `npm run bench`: how docs-check compares with markdownlint-cli2 on the same
// files, and how both grow with the size of a guide. Datasets: the project's
// docs and plans, and generated guides with 100 and 1,000 test cases in the
// guide's format. Each tool runs BENCH_RUNS times (default 5) per dataset;
// the median wall time and the median peak RSS are printed. It prints; it
// asserts nothing.
//
// Two more rows measure the floor of the design: a bare remark parse of the
// files (the least a remark-based check does), and that parse running beside
// markdownlint-cli2 at the same time, which is what a full check that parses
// once with remark and once inside markdownlint cannot beat on this machine.
//
// Last, the peak memory of checking one page of the largest size read
// (2 MiB) in each shape of large-pages.mjs, summed over the whole process
// tree: the launcher's watchdog, the check, and markdownlint's worker.
import { execFileSync, spawn } from 'node:child_process';
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
const PARSE_ONLY_SOURCE = path.join(REPO, 'scripts/bench/parse-only.ts');
const GO_MODEL_SOURCE = path.join(REPO, 'scripts/bench/go-model.ts');
// The driver checkout: code links, code-number and driver-log are checked against it.
const DRIVER_SOURCE = path.resolve(REPO, process.env.RDS_CSI_SOURCE ?? '../shared/rds-csi');
const HAS_DRIVER = existsSync(path.join(DRIVER_SOURCE, 'go.mod'));

// Each tool is one command, or several run side by side (wall time until the last ends).
const TOOLS = [
  { name: 'docs-check', command: (files) => [process.execPath, DOCS_CHECK, ...files] },
  {
    name: 'docs-check --no-markdownlint',
    command: (files) => [process.execPath, DOCS_CHECK, '--no-markdownlint', ...files],
  },
  { name: 'markdownlint-cli2', command: (files) => [MARKDOWNLINT, ...files] },
  { name: 'remark parse only', command: (files, parseOnly) => [process.execPath, parseOnly, ...files] },
  {
    name: 'markdownlint-cli2 + parse, together',
    commands: (files, parseOnly) => [
      [MARKDOWNLINT, ...files],
      [process.execPath, parseOnly, ...files],
    ],
  },
  // The warm-up run of bench() fills the cache (in the dataset's directory); the measured runs find nothing changed.
  { name: 'docs-check --cache, warm', command: (files) => [process.execPath, DOCS_CHECK, '--cache', ...files] },
];
const FULL = TOOLS[0].name;
const STRUCTURE = TOOLS[1].name;
const PEER = 'markdownlint-cli2';
const FLOOR = TOOLS[4].name;
const WARM = TOOLS[5].name;

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

function measure(argv, cwd) {
  return new Promise((resolve, reject) => {
    const [file, args] = HAS_TIME ? [TIME, ['-v', ...argv]] : [argv[0], argv.slice(1)];
    const start = process.hrtime.bigint();
    const env = HAS_DRIVER ? { ...process.env, RDS_CSI_SOURCE: DRIVER_SOURCE } : process.env;
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

/** Runs the commands at the same time: wall time until the last ends, the largest peak RSS. */
async function measureTogether(argvs, cwd) {
  const start = process.hrtime.bigint();
  const results = await Promise.all(argvs.map((argv) => measure(argv, cwd)));
  const rss = results.map((r) => r.rssKb).filter((v) => v !== undefined);
  const failed = results.find((r) => r.code !== 0 && r.code !== 1);
  return {
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    rssKb: rss.length ? Math.max(...rss) : undefined,
    code: failed ? failed.code : Math.max(...results.map((r) => r.code)),
    stderr: failed ? failed.stderr : '',
  };
}

async function bench(dataset, tool, parseOnly) {
  const run = tool.commands
    ? () => measureTogether(tool.commands(dataset.files, parseOnly), dataset.dir)
    : () => measure(tool.command(dataset.files, parseOnly), dataset.dir);
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
function measureTree(argv, cwd) {
  return new Promise((resolve, reject) => {
    const env = HAS_DRIVER ? { ...process.env, RDS_CSI_SOURCE: DRIVER_SOURCE } : process.env;
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
      '(watchdog, check, markdownlint worker; /proc sampled every 20 ms), one run each:\n',
  );
  console.log(`${pad('page shape', 18)}${pad('lines', 8, true)}  ${pad('tool', 36)}${pad('time', 10, true)}${pad('peak RSS', 10, true)}  exit`);
  for (const shape of SHAPES) {
    const dir = workspace(`large-${shape.name.replace(/\W+/g, '-')}`);
    try {
      mkdirSync(path.join(dir, 'docs'));
      writeFileSync(path.join(dir, 'docs/PAGE.md'), shape.generate({ guide }));
      const files = ['docs/PAGE.md'];
      const lines = countLines(dir, files);
      for (const tool of TOOLS.slice(0, 2)) {
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

async function mainBench() {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO, stdio: 'inherit' });
  const scratch = mkdtempSync(path.join(tmpdir(), 'docs-check-bench-'));
  const parseOnly = await buildProgram(scratch, PARSE_ONLY_SOURCE, 'parse-only.mjs');
  await benchGoModel();
  const datasets = [projectDocs(), generated(100), generated(1000)];
  console.log(
    `docs-check vs markdownlint-cli2: ${RUNS} runs each (after one warm-up), median wall time, ` +
      `median peak RSS${HAS_TIME ? ` (${TIME} -v)` : ' (unavailable: no /usr/bin/time)'}; ` +
      `Node ${process.version}, ${availableParallelism()} CPUs\n`,
  );
  console.log(`${pad('dataset', 18)}${pad('lines', 8, true)}  ${pad('tool', 36)}${pad('time', 10, true)}${pad('peak RSS', 10, true)}  exit`);
  const results = new Map();
  try {
    for (const dataset of datasets) {
      for (const tool of TOOLS) {
        const r = await bench(dataset, tool, parseOnly);
        results.set(`${dataset.name}|${tool.name}`, r);
        console.log(
          `${pad(dataset.name, 18)}${pad(dataset.lines, 8, true)}  ${pad(tool.name, 36)}` +
            `${pad(fmtMs(r.ms), 10, true)}${pad(fmtMb(r.rssMb), 10, true)}  ${r.codes.join(',')}`,
        );
        if (r.failure) console.log(`  ! ${tool.name} failed: ${r.failure.trim().split('\n')[0]}`);
      }
    }
  } finally {
    for (const dataset of datasets) rmSync(dataset.dir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }

  const get = (dataset, tool) => results.get(`${dataset}|${tool}`);
  const line = (label, a, b) => console.log(`  ${pad(label, 64)} ${pad(ratio(a.ms, b.ms), 8, true)} ${pad(ratio(a.rssMb, b.rssMb), 8, true)}`);
  console.log('\nRatios (time, peak RSS):');
  for (const dataset of datasets) {
    const peer = get(dataset.name, PEER);
    const floor = get(dataset.name, FLOOR);
    console.log(` ${dataset.name}`);
    line(`${FULL} / ${PEER}`, get(dataset.name, FULL), peer);
    line(`${STRUCTURE} / ${PEER}`, get(dataset.name, STRUCTURE), peer);
    line(`floor (${FLOOR}) / ${PEER}`, floor, peer);
    line(`${FULL} / floor`, get(dataset.name, FULL), floor);
    line(`${WARM} / ${PEER} (target: 0.30x)`, get(dataset.name, WARM), peer);
  }
  console.log('\nGrowth from 100 to 1,000 test cases (time, peak RSS):');
  for (const tool of TOOLS) {
    const small = get('100 test cases', tool.name);
    const large = get('1000 test cases', tool.name);
    console.log(`  ${pad(tool.name, 36)} ${pad(ratio(large.ms, small.ms), 8, true)} ${pad(ratio(large.rssMb, small.rssMb), 8, true)}`);
  }
  await benchLargePages();
}

// `npm run bench -- --large-pages` measures only the 2 MiB pages.
if (process.argv.includes('--large-pages')) {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO, stdio: 'inherit' });
  await benchLargePages();
} else {
  await mainBench();
}
