import { build } from 'esbuild';
const splitting = process.argv[2] === 'split';
const r = await build({
  entryPoints: { xborder: 'tmp-prof/entry.js', worker: 'dist/src/batch/worker.js' },
  bundle: true, platform: 'node', format: 'esm', target: 'node20', splitting,
  outdir: 'dist/bundle/cli', metafile: true, logLevel: 'warning',
  external: ['better-sqlite3', 'pg', 'pino', 'fastify', '@fastify/*', 'prom-client', 'playwright-core'],
  banner: { js: "import { createRequire as __xbCreateRequire } from 'node:module'; const require = __xbCreateRequire(import.meta.url);" },
});
for (const [f, o] of Object.entries(r.metafile.outputs)) console.log(f, o.bytes);
