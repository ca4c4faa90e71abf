// npm run bench: builds (package.json), generates bench/corpus/ (gitignored, deterministic), measures, prints
// a table. Every figure is the median of RUNS runs (BENCH_RUNS, default 3; cold start: 10). Wall times on a
// shared or loaded machine vary; the load average is printed with the results, and the CLI rows also give
// manifests per CPU-second (user+sys of the whole process tree), which load does not inflate as much.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { existsSync, mkdtempSync, readFileSync, rmSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = join(root, 'bench', 'corpus');
const bin = join(root, 'bin', 'xborder.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
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

function cliRow(label, dir, jobs, n) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(timed('node', [bin, 'check', '--quiet', '--format', 'ndjson', '--jobs', String(jobs), dir]));
  const ms = median(runs.map((r) => r.ms));
  const cpu = hasTime ? median(runs.map((r) => r.cpu)) : undefined;
  log(`  ${label}: ${(n / (ms / 1000)).toFixed(0)}/s`);
  return { label, rate: n / (ms / 1000), perCpu: cpu ? n / cpu : undefined };
}

function inProcRow(label, mode, dir) {
  const rates = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync('node', [join(root, 'bench', 'measure.js'), mode, dir], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`measure ${mode}: ${r.stderr}`);
    const { n, ms } = JSON.parse(r.stdout.trim().split('\n').pop());
    rates.push(n / (ms / 1000));
  }
  const rate = median(rates);
  log(`  ${label}: ${rate.toFixed(0)}/s`);
  return { label, rate };
}

log(`xborder bench: ${CORES} cores, node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
log('corpus: generating (cached after the first run)...');
const c10 = ensureCorpus(corpusDir, 10_000, { files: true });
const c100 = ensureCorpus(corpusDir, 100_000, { files: false });
const N = 10_000;

// Warm the compiled-pack cache so every CLI run below measures the steady state a CI runner sees after one run.
timed('node', [bin, 'check', '--quiet', join(root, 'tests', 'fixtures', 'batch', 'b-pass-trade.json')]);

log('CLI end to end (10,000 files, --format ndjson):');
const cli = {
  json1: cliRow('CLI JSON --jobs 1', c10.jsonDir, 1, N),
  jsonN: cliRow(`CLI JSON --jobs ${CORES}`, c10.jsonDir, CORES, N),
  yaml1: cliRow('CLI YAML --jobs 1', c10.yamlDir, 1, N),
  yamlN: cliRow(`CLI YAML --jobs ${CORES}`, c10.yamlDir, CORES, N),
};

log('in-process, one core (texts in memory):');
const lib = { json: inProcRow('library check() JSON', 'library', c10.jsonDir), yaml: inProcRow('library check() YAML', 'library', c10.yamlDir) };
const floor = { json: inProcRow('floor JSON (parse+validate)', 'floor', c10.jsonDir), yaml: inProcRow('floor YAML (parse+validate)', 'floor', c10.yamlDir) };
const naive = inProcRow('naive baseline JSON', 'naive', c10.jsonDir);

log('cold start (10 runs each):');
const one = join(root, 'tests', 'fixtures', 'batch', 'b-pass-trade.json');
const coldRuns = [];
const nodeRuns = [];
for (let i = 0; i < 10; i++) { nodeRuns.push(timed('node', ['-e', '0']).ms); coldRuns.push(timed('node', [bin, 'check', '--quiet', one]).ms); }
const cold = median(coldRuns);
const node0 = median(nodeRuns);

log('memory, NDJSON on stdin (one run each):');
const mem10 = timed('node', [bin, 'check', '--quiet', '--format', 'ndjson', '-'], { stdinFile: c10.ndjson });
const mem100 = timed('node', [bin, 'check', '--quiet', '--format', 'ndjson', '-'], { stdinFile: c100.ndjson });
rmSync(tmp, { recursive: true, force: true });

const f0 = (x) => Math.round(x).toLocaleString('en-US');
const rows = [
  ['CLI end to end, JSON, --jobs 1', `${f0(cli.json1.rate)} /s`, cli.json1.perCpu ? `${f0(cli.json1.perCpu)} per CPU-s` : ''],
  [`CLI end to end, JSON, --jobs ${CORES}`, `${f0(cli.jsonN.rate)} /s`, `${cli.jsonN.perCpu ? `${f0(cli.jsonN.perCpu)} per CPU-s; ` : ''}target >= 5,000 /s: ${cli.jsonN.rate >= 5000 ? 'met' : 'MISSED'}`],
  ['CLI end to end, YAML, --jobs 1', `${f0(cli.yaml1.rate)} /s`, cli.yaml1.perCpu ? `${f0(cli.yaml1.perCpu)} per CPU-s` : ''],
  [`CLI end to end, YAML, --jobs ${CORES}`, `${f0(cli.yamlN.rate)} /s`, cli.yamlN.perCpu ? `${f0(cli.yamlN.perCpu)} per CPU-s` : ''],
  ['library check(), JSON, 1 core', `${f0(lib.json.rate)} /s`, `floor is ${(floor.json.rate / lib.json.rate).toFixed(1)}x faster (ours/floor ${(lib.json.rate / floor.json.rate).toFixed(3)})`],
  ['library check(), YAML, 1 core', `${f0(lib.yaml.rate)} /s`, `floor is ${(floor.yaml.rate / lib.yaml.rate).toFixed(1)}x faster (ours/floor ${(lib.yaml.rate / floor.yaml.rate).toFixed(3)})`],
  ['floor: parse+schema-validate, JSON', `${f0(floor.json.rate)} /s`, 'no evaluation (texts read before timing)'],
  ['floor: parse+schema-validate, YAML', `${f0(floor.yaml.rate)} /s`, 'no evaluation (texts read before timing)'],
  ['naive baseline (15 rules, JSONPath), JSON', `${f0(naive.rate)} /s`, `ours per core: ${(lib.json.rate / naive.rate).toFixed(2)}x (target >= 3x: ${lib.json.rate / naive.rate >= 3 ? 'met' : 'MISSED'})`],
  ['cold start, check 1 JSON manifest', `${f0(cold)} ms`, `node -e 0: ${f0(node0)} ms; ratio ${(cold / node0).toFixed(2)}x (target <= 2.5x: ${cold / node0 <= 2.5 ? 'met' : 'MISSED'})`],
  [`peak RSS, 10,000 via stdin, --jobs ${CORES}`, mem10.rssKB ? `${(mem10.rssKB / 1024).toFixed(0)} MB` : 'n/a', `${f0(10_000 / (mem10.ms / 1000))} /s`],
  [`peak RSS, 100,000 via stdin, --jobs ${CORES}`, mem100.rssKB ? `${(mem100.rssKB / 1024).toFixed(0)} MB` : 'n/a', `${f0(100_000 / (mem100.ms / 1000))} /s; 100k/10k RSS ratio ${mem10.rssKB ? (mem100.rssKB / mem10.rssKB).toFixed(2) : 'n/a'}`],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
const out = [
  `xborder bench — ${CORES} cores (os.availableParallelism), ${process.version}, median of ${RUNS} runs (cold start: 10)`,
  `load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}; total ${((Date.now() - started) / 1000).toFixed(0)} s`,
  '',
  `${'measure'.padEnd(w0)}  ${'value'.padStart(w1)}  notes`,
  `${'-'.repeat(w0)}  ${'-'.repeat(w1)}  -----`,
  ...rows.map((r) => `${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2]}`),
];
process.stdout.write(`${out.join('\n')}\n`);
writeFileSync(join(corpusDir, 'last-results.txt'), `${out.join('\n')}\n`);
