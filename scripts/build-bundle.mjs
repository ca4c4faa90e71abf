#!/usr/bin/env node
/**
 * build:bundle — runs after tsc: bundles what bin/xborder.js runs (the CLI with the service's and the console's
 * commands) and the batch worker's entry from dist/src/ into dist/bundle/cli/, with esbuild. Loading ~100 ES
 * modules one by one (resolve, read, link) was most of a cold start; a bundle is a handful of files.
 *
 * - Code splitting keeps every `await import()` of the sources lazy: `check` loads no ledger, service or PDF code.
 * - Native and heavy optional packages stay external and load, as before, only when their command runs.
 * - Paths the code finds relative to its own module (`../../build-id`, `../../schemas/`, `./worker.js`,
 *   `./report.css`) resolve from dist/bundle/cli/ as from dist/src/<folder>/: same depth under dist/, and the
 *   worker entry and the stylesheet sit beside the chunks.
 * The library entry (dist/src/index.js) is not bundled: it is what `import 'xborder'` gets, module by module.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/bundle/cli');

/** What bin/xborder.js imports: the program and the commands of the other front ends it adds to it. */
const CLI_ENTRY = `
export { runCli } from './cli/main.js';
export { processIO } from './cli/process-io.js';
export { addConsoleCommands } from './console/commands.js';
export { addApiKeyCommands, addEvidenceCommands, addServiceCommands } from './service/commands.js';
`;

/** Loaded at run time from node_modules: native addons, and servers, drivers and loggers only some commands use. */
const EXTERNAL = ['better-sqlite3', 'pg', 'pg-*', 'pino', 'pino-*', 'fastify', '@fastify/*', 'prom-client', 'playwright-core'];

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { xborder: 'xborder-cli-entry', worker: join(root, 'dist/src/batch/worker.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // CommonJS packages in the bundle (commander, json-rules-engine, …) call require() for Node's own modules.
  banner: { js: "import { createRequire as __xborderRequire } from 'node:module'; const require = __xborderRequire(import.meta.url);" },
  // ASCII only: V8 parses a one-byte source faster than a two-byte one, and a single non-ASCII character (a Chinese
  // message, a '→' in a comment) makes a whole file two-byte. esbuild escapes strings; comments are escaped below.
  charset: 'ascii',
  write: false,
  metafile: true,
  logLevel: 'warning',
  plugins: [{
    name: 'xborder-cli-entry',
    setup(b) {
      b.onResolve({ filter: /^xborder-cli-entry$/ }, () => ({ path: 'xborder-cli-entry', namespace: 'xborder' }));
      b.onLoad({ filter: /.*/, namespace: 'xborder' }, () => ({ contents: CLI_ENTRY, resolveDir: join(root, 'dist/src'), loader: 'js' }));
    },
  }],
});
mkdirSync(outdir, { recursive: true });
for (const f of result.outputFiles) writeFileSync(f.path, f.text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
copyFileSync(join(root, 'src/console/report.css'), join(outdir, 'report.css'));
// Which source module went into which file (not packed): tests/cli/cold-start-imports.test.ts reads it to know what `check` loads.
writeFileSync(join(root, 'dist/bundle/meta.json'), `${JSON.stringify(result.metafile)}\n`);
const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
console.log(`build:bundle: ${files.length} files in dist/bundle/cli/`);
