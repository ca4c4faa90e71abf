// Run by pack-diff-memory.test.ts with --expose-gc: `pack diff` over N generated manifest files, in process,
// sampling the live heap (after a full GC) every 100 ms. Prints { n, manifests, peak } as JSON.
//   node --expose-gc tests/lifecycle/pack-diff-memory.mjs <n>
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packDiff } from '../../dist/src/app/pack-diff.js';
import { manifest, rng } from '../../bench/corpus.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const n = Number(process.argv[2]);
const dir = mkdtempSync(join(tmpdir(), 'xborder-diff-mem-'));
try {
  cpSync(join(ROOT, 'rules'), join(dir, 'base'), { recursive: true });
  for (const f of readdirSync(join(dir, 'base', 'zone-beijing'))) if (f.startsWith('two-zones-2026.')) rmSync(join(dir, 'base', 'zone-beijing', f));
  const r = rng(5);
  for (let i = 0; i < n; i++) {
    const sub = join(dir, 'corpus', String(Math.floor(i / 1000)));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    const m = manifest(r, i);
    if (i % 5 === 0) Object.assign(m.exporter, { zone: 'beijing', region: 'CN-BJ' });
    writeFileSync(join(sub, `m${i}.json`), JSON.stringify(m));
  }
  const live = () => { globalThis.gc(); const m = process.memoryUsage(); return m.heapUsed + m.external; };
  let peak = 0;
  const timer = setInterval(() => { peak = Math.max(peak, live()); }, 100);
  let out = '';
  const io = { stdout: (s) => { out += s; }, stderr: (s) => process.stderr.write(s), readStdin: async () => '', isTTY: false, stderrIsTTY: false, cwd: ROOT, env: {} };
  const code = await packDiff({ base: join(dir, 'base'), head: join(ROOT, 'rules'), corpus: [join(dir, 'corpus')], format: 'json', asOf: '2026-06-01', jobs: 1 }, io);
  clearInterval(timer);
  peak = Math.max(peak, live());
  const report = JSON.parse(out);
  process.stdout.write(JSON.stringify({ n, code, manifests: report.impact.manifests, changed: report.impact.manifests - report.impact.unchanged, peak }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
