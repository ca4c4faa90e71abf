// Peak RSS of `xborder check -` per report format, 10,000 vs 100,000 NDJSON manifests on stdin (issue 11, item 12:
// 100,000 within 1.2x of 10,000 in every format). Standalone: `node bench/report-memory.js` (after npm run build);
// bench/run.js can print the same rows from reportMemoryRows(). BENCH_MEMORY_FORMATS narrows the formats.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'xborder.js');
const FORMATS = (process.env.BENCH_MEMORY_FORMATS ?? 'ndjson,sarif,junit,markdown').split(',');

/** Peak RSS (KB) and wall ms of one run, report to /dev/null. */
function peak(format, ndjson, tmp) {
  const tf = join(tmp, 'time.txt');
  const stdin = openSync(ndjson, 'r');
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', tf, 'node', bin, 'check', '-', '--quiet', '--format', format], { stdio: [stdin, 'ignore', 'pipe'], cwd: root, env: { ...process.env, XBORDER_LOG_LEVEL: 'error' } });
  const ms = performance.now() - t0;
  closeSync(stdin);
  if (r.status !== 0 && r.status !== 1) throw new Error(`check --format ${format} exited ${r.status}: ${r.stderr}`);
  return { rssKB: Number(readFileSync(tf, 'utf8').trim().split(/\s+/).pop()), ms };
}

/** Table rows: [measure, value, notes], one per format. */
export function reportMemoryRows(corpusDir = join(root, 'bench', 'corpus'), log = (s) => process.stderr.write(`${s}\n`)) {
  if (!existsSync('/usr/bin/time')) return FORMATS.map((f) => [`peak RSS by format, ${f}`, 'n/a', 'needs /usr/bin/time']);
  const c10 = ensureCorpus(corpusDir, 10_000, { files: false });
  const c100 = ensureCorpus(corpusDir, 100_000, { files: false });
  const tmp = mkdtempSync(join(tmpdir(), 'xborder-bench-mem-'));
  try {
    return FORMATS.map((format) => {
      const a = peak(format, c10.ndjson, tmp);
      const b = peak(format, c100.ndjson, tmp);
      const ratio = b.rssKB / a.rssKB;
      log(`  ${format}: ${(a.rssKB / 1024).toFixed(0)} MB -> ${(b.rssKB / 1024).toFixed(0)} MB`);
      return [`peak RSS, --format ${format}, 10k -> 100k via stdin, --jobs ${availableParallelism()}`,
        `${(a.rssKB / 1024).toFixed(0)} -> ${(b.rssKB / 1024).toFixed(0)} MB`,
        `ratio ${ratio.toFixed(2)} (target <= 1.2: ${ratio <= 1.2 ? 'met' : 'MISSED'}); ${Math.round(100_000 / (b.ms / 1000)).toLocaleString('en-US')} /s at 100k`];
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = reportMemoryRows();
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  process.stdout.write(`${rows.map((r) => `${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2]}`).join('\n')}\n`);
}
