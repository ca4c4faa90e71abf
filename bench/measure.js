// One in-process measurement, run in its own child process by bench/run.js so that modes never share JIT
// state, caches or json-rules-engine patches. Prints one JSON line: { n, ms, cpuMs } (cpuMs: this
// process's user+system time while timing, steadier than wall time on a shared machine).
//   node bench/measure.js <library|library-national|floor|naive> <dir-of-files> [limit]
// library-national loads only the national pack (the cost of loaded packs a manifest does not use).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [mode, dir, limitArg] = process.argv.slice(2);
const files = [];
const walk = (d) => { for (const e of readdirSync(d).sort()) { const p = join(d, e); if (statSync(p).isDirectory()) walk(p); else files.push(p); } };
walk(dir);
const limit = Number(limitArg ?? files.length);
// Texts are read before timing: these modes measure checking, not the disk (the CLI figures include it).
const texts = files.slice(0, limit).map((f) => ({ uri: f, text: readFileSync(f, 'utf8') }));

let run;
if (mode === 'naive') {
  const { naiveEngine, naiveCheck } = await import('./naive.js');
  const engine = naiveEngine();
  run = async (t) => naiveCheck(engine, t.text);
} else {
  const lib = await import('../dist/src/index.js');
  if (mode === 'library' || mode === 'library-national') {
    const packs = await lib.loadPacks(mode === 'library' ? undefined : [join(lib.BUNDLED_RULES, 'cn-national')]);
    run = (t) => lib.check(t.text, packs, { source: t.uri });
  } else if (mode === 'floor') {
    // The cost floor: parse + schema-validate (with positions ready for errors), no evaluation.
    run = async (t) => lib.prepareManifest(t.text, t.uri);
  } else throw new Error(`unknown mode ${mode}`);
}
// Warm-up on a slice, so one-time compilation is not counted against throughput.
for (const t of texts.slice(0, 300)) await run(t);
const c0 = process.cpuUsage();
const t0 = performance.now();
for (const t of texts) await run(t);
const ms = performance.now() - t0;
const { user, system } = process.cpuUsage(c0);
process.stdout.write(`${JSON.stringify({ n: texts.length, ms, cpuMs: (user + system) / 1000 })}\n`);
