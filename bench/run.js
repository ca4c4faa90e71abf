// npm run bench: builds (package.json), generates bench/corpus/ (gitignored, deterministic), measures, prints
// a table. Every figure is the median of RUNS runs (BENCH_RUNS, default 3; cold start: 10) and every throughput is
// paired with a floor measured in the same run (issue 17): absolute rates on a shared machine mean little, ratios do.
// The corpus is varied: national and zone exporters (every bundled zone, its scenarios and listed categories),
// 1-50 data items, counts around every threshold, safeguards present and absent.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { existsSync, mkdtempSync, readFileSync, rmSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus, zoneShapes } from './corpus.js';
import { reportMemoryRows } from './report-memory.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = join(root, 'bench', 'corpus');
const bin = join(root, 'bin', 'xborder.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// `--only library`: the in-process rows alone (library check() beside the naive baseline, data items, loaded packs),
// for before/after comparisons of the evaluator without the CLI runs, cold start and memory around them.
const onlyAt = process.argv.indexOf('--only');
const ONLY = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
if (ONLY !== undefined && ONLY !== 'library') throw new Error(`--only: unknown section ${ONLY} (library)`);
const all = ONLY === undefined;
const CORES = availableParallelism();
const started = Date.now();
const hasTime = existsSync('/usr/bin/time');
const tmp = mkdtempSync(join(tmpdir(), 'xborder-bench-'));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const log = (s) => process.stderr.write(`${s}\n`);

/** Runs a command; wall ms from here, CPU seconds and peak RSS (KB) from /usr/bin/time when present. */
function timed(cmd, args, { stdinFile } = {}) {
  const tf = join(tmp, 'time.txt');
  const full = hasTime ? ['/usr/bin/time', ['-f', '%U %S %M', '-o', tf, cmd, ...args]] : [cmd, args];
  const stdin = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
  const t0 = performance.now();
  const r = spawnSync(full[0], full[1], { stdio: [stdin, 'ignore', 'pipe'], cwd: root, env: { ...process.env, XBORDER_LOG_LEVEL: 'error' }, maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (typeof stdin === 'number') closeSync(stdin);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  let cpu, rssKB;
  if (hasTime) { const [u, s, m] = readFileSync(tf, 'utf8').trim().split(/\s+/).slice(-3).map(Number); cpu = u + s; rssKB = m; }
  return { ms, cpu, rssKB };
}

/** Median wall time (and CPU) of RUNS runs of one command. */
function medianRun(args, opts) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(timed('node', args, opts));
  return { ms: median(runs.map((r) => r.ms)), cpu: hasTime ? median(runs.map((r) => r.cpu)) : undefined, rssKB: hasTime ? Math.max(...runs.map((r) => r.rssKB)) : undefined };
}

const cli = (jobs, input) => [bin, 'check', '--quiet', '--format', 'ndjson', '--jobs', String(jobs), input];

function inProc(mode, dir) {
  const rates = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync('node', [join(root, 'bench', 'measure.js'), mode, dir], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`measure ${mode}: ${r.stderr}`);
    const { n, ms } = JSON.parse(r.stdout.trim().split('\n').pop());
    rates.push(n / (ms / 1000));
  }
  const rate = median(rates);
  log(`  ${mode} ${dir.slice(corpusDir.length + 1)}: ${rate.toFixed(0)}/s`);
  return rate;
}

log(`xborder bench: ${CORES} cores, node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
log('corpus: generating (cached after the first run)...');
const N = 10_000;
const zones = zoneShapes();
const varied = ensureCorpus(corpusDir, N, { files: true, zones });
const national = ensureCorpus(corpusDir, 2_000, { files: true });
const byItems = [1, 10, 50, 200].map((items) => ({ items, ...ensureCorpus(corpusDir, 1_000, { files: true, zones, items }) }));

let floorFiles, floorStdin, files1, filesN, stdin1, stdinN, yamlN;
if (all) {
  // Warm the compiled-pack cache so every CLI run below measures the steady state a CI runner sees after one run.
  timed('node', [bin, 'check', '--quiet', join(root, 'tests', 'fixtures', 'batch', 'b-pass-trade.json')]);

  log('end to end, 10,000 varied JSON files and the same as NDJSON on stdin, each beside its floor:');
  floorFiles = medianRun([join(root, 'bench', 'floor.js'), varied.jsonDir]);
  floorStdin = medianRun([join(root, 'bench', 'floor.js'), '-'], { stdinFile: varied.ndjson });
  files1 = medianRun(cli(1, varied.jsonDir));
  filesN = medianRun(cli(CORES, varied.jsonDir));
  stdin1 = medianRun(cli(1, '-'), { stdinFile: varied.ndjson });
  stdinN = medianRun(cli(CORES, '-'), { stdinFile: varied.ndjson });
  yamlN = medianRun(cli(CORES, varied.yamlDir));
}

log('in-process, one core (texts in memory):');
const lib = inProc('library', varied.jsonDir);
const naive = inProc('naive', varied.jsonDir);
const libNational = inProc('library', national.jsonDir);
const nationalOnly = inProc('library-national', national.jsonDir);
const items = byItems.map((c) => ({ items: c.items, rate: inProc('library', c.jsonDir) }));

let cold, node0, memory = [];
if (all) {
  log('cold start (10 runs each):');
  const one = join(root, 'tests', 'fixtures', 'batch', 'b-pass-trade.json');
  const coldRuns = [];
  const nodeRuns = [];
  for (let i = 0; i < 10; i++) { nodeRuns.push(timed('node', ['-e', '0']).ms); coldRuns.push(timed('node', [bin, 'check', '--quiet', one]).ms); }
  cold = median(coldRuns);
  node0 = median(nodeRuns);

  log('memory, every streamed format, 10,000 and 100,000 NDJSON lines on stdin (one run each):');
  memory = reportMemoryRows(corpusDir, log);
}
rmSync(tmp, { recursive: true, force: true });

const f0 = (x) => Math.round(x).toLocaleString('en-US');
const rate = (r, n = N) => `${f0(n / (r.ms / 1000))} /s`;
const x = (a, b) => `${(a / b).toFixed(2)}x`;
const target = (ok, what) => `target ${what}: ${ok ? 'met' : 'MISSED'}`;
const perCpu = (r, n = N) => (r.cpu ? `; ${f0(n / r.cpu)} per CPU-s` : '');
const usPer = (r) => 1e6 / r;
const cliRows = () => [
  ['floor, 10,000 JSON files (read, parse, 1 line)', rate(floorFiles), ''],
  ['floor, 10,000 NDJSON lines on stdin', rate(floorStdin), ''],
  ['CLI, 10,000 JSON files, --jobs 1', rate(files1), `${x(files1.ms, floorFiles.ms)} the floor${perCpu(files1)}`],
  [`CLI, 10,000 JSON files, --jobs ${CORES}`, rate(filesN), `${x(filesN.ms, floorFiles.ms)} the floor (${target(filesN.ms <= 5 * floorFiles.ms, '<= 5x')}); ${x(files1.ms, filesN.ms)} --jobs 1 (${target(files1.ms >= 1.5 * filesN.ms, '>= 1.5x')})${perCpu(filesN)}`],
  ['CLI, NDJSON on stdin, --jobs 1', rate(stdin1), `${x(stdin1.ms, floorStdin.ms)} the floor${perCpu(stdin1)}`],
  [`CLI, NDJSON on stdin, --jobs ${CORES}`, rate(stdinN), `${x(stdinN.ms, floorStdin.ms)} the floor (${target(stdinN.ms <= 5 * floorStdin.ms, '<= 5x')}); ${x(stdin1.ms, stdinN.ms)} --jobs 1${perCpu(stdinN)}`],
  [`CLI, 10,000 YAML files, --jobs ${CORES}`, rate(yamlN), `${x(yamlN.ms, floorFiles.ms)} the JSON floor${perCpu(yamlN)}`],
];
const rows = [
  ...(all ? cliRows() : []),
  ['library check(), varied JSON, 1 core', `${f0(lib)} /s`, `${x(lib, naive)} the naive json-rules-engine baseline (${target(lib >= 3 * naive, '>= 3x')})`],
  ['naive baseline (15 rules, JSONPath), same corpus', `${f0(naive)} /s`, 'one shared Engine, raw manifest as the fact (bench/naive.js)'],
  ...items.map((r) => [`library, ${r.items} data item${r.items > 1 ? 's' : ''} per manifest`, `${f0(usPer(r.rate))} µs`, `${x(usPer(r.rate), usPer(items[0].rate))} the 1-item cost (${r.items} items)`]),
  ['library, national manifests, all packs loaded', `${f0(usPer(libNational))} µs`, `${x(usPer(libNational), usPer(nationalOnly))} the cost with the national pack alone (${target(usPer(libNational) <= 1.25 * usPer(nationalOnly), 'unused packs <= 1.25x')})`],
  ...(all ? [['cold start, check 1 JSON manifest', `${f0(cold)} ms`, `node -e 0: ${f0(node0)} ms; ${x(cold, node0)} (${target(cold <= 2 * node0, '<= 2x')})`]] : []),
  ...memory,
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
const out = [
  `xborder bench${ONLY ? ` (--only ${ONLY})` : ''} — ${CORES} cores (os.availableParallelism), ${process.version}, median of ${RUNS} runs (cold start: 10)`,
  `load average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}; total ${((Date.now() - started) / 1000).toFixed(0)} s`,
  '',
  `${'measure'.padEnd(w0)}  ${'value'.padStart(w1)}  notes`,
  `${'-'.repeat(w0)}  ${'-'.repeat(w1)}  -----`,
  ...rows.map((r) => `${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2]}`),
];
process.stdout.write(`${out.join('\n')}\n`);
if (all) writeFileSync(join(corpusDir, 'last-results.txt'), `${out.join('\n')}\n`);
