// Run by report-memory.test.ts in a child process with --expose-gc: writes N results through the batch report
// writer of one format and prints the live heap (after a full GC) at each checkpoint, as JSON.
//   node --expose-gc tests/batch/report-memory.mjs <format> <one-source|many-sources> <checkpoints,...>
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { checkText } from '../../dist/src/evaluate/pipeline.js';
import { ruleInfo } from '../../dist/src/app/check.js';
import { createReportWriter } from '../../dist/src/batch/report-writer.js';
import { manifest, rng } from '../../bench/corpus.js';

const [format, sources, list] = process.argv.slice(2);
const checkpoints = list.split(',').map(Number);
const set = await loadPacks();
const r = rng(11);
const pool = [];
for (let i = 0; i < 200; i++) pool.push(await checkText(JSON.stringify(manifest(r, i)), `m${i}.json`, set));
pool.push(await checkText('{"apiVersion": "xborder/v1"', 'broken.json', set));
const ctx = { lang: 'en', color: false, rules: ruleInfo(set), failOn: 'fail', toolVersion: '0.1.0' };
let bytes = 0;
let tail = '';
const writer = createReportWriter(format, ctx, (s) => { bytes += s.length; tail = (tail + s).slice(-200_000); });
const live = () => { globalThis.gc(); globalThis.gc(); const m = process.memoryUsage(); return m.heapUsed + m.external; };
const heap = {};
const last = checkpoints[checkpoints.length - 1];
for (let i = 1; i <= last; i++) {
  const base = pool[i % pool.length];
  // Every result distinct (names, source), as in a real batch: nothing is shared that a report could hold cheaply.
  const source = sources === 'one-source' ? 'big.yaml' : `<stdin>:${i}`;
  writer.add(structuredClone({ ...base, source, ...(base.manifest ? { manifest: `${base.manifest}-${i}` } : {}) }));
  if (checkpoints.includes(i)) heap[i] = live();
}
const t = writer.end();
process.stdout.write(JSON.stringify({ heap, bytes, checked: t.checked, tail }));
