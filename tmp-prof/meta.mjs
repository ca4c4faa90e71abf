import { build } from 'esbuild';
const r = await build({
  entryPoints: { xborder: 'tmp-prof/entry.js' }, write: false,
  bundle: true, platform: 'node', format: 'esm', target: 'node20', outdir: 'x', metafile: true, logLevel: 'warning',
  external: ['better-sqlite3', 'pg', 'pino', 'fastify', '@fastify/*', 'prom-client', 'playwright-core'],
});
const o = Object.values(r.metafile.outputs)[0];
const by = new Map();
for (const [f, i] of Object.entries(o.inputs)) { const m = f.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/); const k = m ? m[1] : f.replace(/\/[^/]*$/, ''); by.set(k, (by.get(k)||0) + i.bytesInOutput); }
for (const [k,v] of [...by].sort((a,b)=>b[1]-a[1]).slice(0,25)) console.log(String(v).padStart(8), k);
