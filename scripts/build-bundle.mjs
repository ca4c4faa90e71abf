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
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
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

const options = {
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
};
const entryPlugin = {
  name: 'xborder-cli-entry',
  setup(b) {
    b.onResolve({ filter: /^xborder-cli-entry$/ }, () => ({ path: 'xborder-cli-entry', namespace: 'xborder' }));
    b.onLoad({ filter: /.*/, namespace: 'xborder' }, () => ({ contents: CLI_ENTRY, resolveDir: join(root, 'dist/src'), loader: 'js' }));
  },
};

/**
 * Fewer files for `check` to load. esbuild puts two modules in one chunk when the same entry points reach them, and
 * every `await import()` target is an entry point: the ~110 modules a check loads were spread over ~20 chunks,
 * each one more file to resolve, read, compile and link (~0.5 ms each). So every lazily imported module of the
 * sources first imports, for its side effects only, every module the CLI imports anyway (the "core"): all core
 * modules are then reached by the same entry points and share one chunk (two: those the batch worker needs too, and
 * the rest). The worker's entry, and a lazy module a worker may import, get only the worker's part: a worker loads
 * what it loaded before, plus the few core modules its lazy imports need.
 * The CLI has evaluated the core before any lazy import runs, so those imports change nothing but the chunking.
 */
function corePlugin(graph) {
  const inputs = graph.inputs;
  const cliEntry = Object.keys(inputs).find((k) => k.endsWith('xborder-cli-entry'));
  const closure = (starts) => {
    const seen = new Set();
    const todo = [...starts];
    while (todo.length) {
      const k = todo.pop();
      if (seen.has(k) || !inputs[k]) continue;
      seen.add(k);
      for (const i of inputs[k].imports) if (i.kind !== 'dynamic-import' && !i.external) todo.push(i.path);
    }
    return seen;
  };
  const ours = (k) => k.startsWith('dist/src/');
  const lazyOf = (mods) => new Set([...mods].flatMap((k) => inputs[k].imports.filter((i) => i.kind === 'dynamic-import' && !i.external && ours(i.path)).map((i) => i.path)));
  const WORKER = 'dist/src/batch/worker.js';
  const cli = closure([cliEntry]);
  const lazy = [...lazyOf(Object.keys(inputs))].filter((k) => !cli.has(k));
  const lazyInWorker = lazyOf(closure([WORKER, ...lazyOf(closure([WORKER]))]));
  // What a worker may load: its own modules and those of the lazy modules it may import (the trust store's).
  const worker = closure([WORKER, ...lazyInWorker]);
  // Modules that only the CLI's entry reaches (its commander wiring) stay in the entry file.
  const shared = closure([WORKER, ...lazy]);
  const core = [...cli].filter((k) => ours(k) && shared.has(k));
  const barrel = (mods) => mods.map((k) => `import ${JSON.stringify(join(root, k))};`).join('\n');
  const barrels = { all: barrel(core), worker: barrel(core.filter((k) => worker.has(k))) };
  const inject = new Map([[WORKER, 'worker'], ...lazy.map((k) => [k, lazyInWorker.has(k) ? 'worker' : 'all'])].map(([k, v]) => [join(root, k), v]));
  return {
    name: 'xborder-core-chunk',
    setup(b) {
      b.onResolve({ filter: /^xborder-core:/ }, (a) => ({ path: a.path, namespace: 'xborder-core' }));
      b.onLoad({ filter: /.*/, namespace: 'xborder-core' }, (a) => ({ contents: barrels[a.path.slice('xborder-core:'.length)], resolveDir: root, loader: 'js' }));
      b.onLoad({ filter: /\.js$/ }, (a) => {
        const which = inject.get(a.path);
        return which ? { contents: `import "xborder-core:${which}";\n${readFileSync(a.path, 'utf8')}`, loader: 'js' } : undefined;
      });
    },
  };
}

/**
 * The two large CommonJS packages every check runs, commander and json-rules-engine, are bundled on their own, each
 * into one CommonJS file beside the chunks, unchanged, and loaded through src/load/code-cache.ts: V8 keeps their
 * compiled code in the cache directory (XBORDER_NO_CACHE=1: a plain require), which Node 20 can do for CommonJS
 * only. Our modules import a stand-in that re-exports what the package exports, so every import shares one copy.
 */
const VENDOR = ['commander', 'json-rules-engine'];
const requireHere = createRequire(import.meta.url);
const vendorPlugin = {
  name: 'xborder-vendor',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${VENDOR.join('|')})$`) }, (a) => (a.importer.startsWith(join(root, 'dist/src')) ? { path: a.path, namespace: 'xborder-vendor' } : undefined));
    b.onResolve({ filter: /^xborder-vendor-loader$/ }, () => ({ path: 'loader', namespace: 'xborder-vendor-loader' }));
    b.onLoad({ filter: /.*/, namespace: 'xborder-vendor-loader' }, () => ({
      resolveDir: root,
      loader: 'js',
      contents: `import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { requireWithCodeCache } from ${JSON.stringify(join(root, 'dist/src/load/code-cache.js'))};
import { cacheDir } from ${JSON.stringify(join(root, 'dist/src/load/pack-cache.js'))};
const dir = cacheDir();
export const loadVendor = (name) => {
  const path = fileURLToPath(new URL('./vendor-' + name + '.cjs', import.meta.url));
  return dir ? requireWithCodeCache(dir, path) : createRequire(import.meta.url)(path);
};`,
    }));
    b.onLoad({ filter: /.*/, namespace: 'xborder-vendor' }, (a) => {
      const names = Object.keys(requireHere(requireHere.resolve(a.path, { paths: [root] }))).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k));
      return {
        resolveDir: root,
        loader: 'js',
        contents: `import { loadVendor } from 'xborder-vendor-loader';\nconst m = loadVendor(${JSON.stringify(a.path)});\nexport const { ${names.join(', ')} } = m;\nexport default m;\n`,
      };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
const graph = (await build({ ...options, plugins: [entryPlugin, vendorPlugin] })).metafile;
const result = await build({ ...options, plugins: [entryPlugin, vendorPlugin, corePlugin(graph)] });
const vendor = await Promise.all(VENDOR.map((name) => build({
  stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root, loader: 'js' },
  outfile: join(outdir, `vendor-${name}.cjs`), bundle: true, format: 'cjs', platform: 'node', target: 'node20', charset: 'ascii', write: false, logLevel: 'warning',
})));
result.outputFiles.push(...vendor.flatMap((v) => v.outputFiles));
mkdirSync(outdir, { recursive: true });
for (const f of result.outputFiles) writeFileSync(f.path, f.text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
copyFileSync(join(root, 'src/console/report.css'), join(outdir, 'report.css'));
// Which source module went into which file (not packed): tests/cli/cold-start-imports.test.ts reads it to know what `check` loads.
writeFileSync(join(root, 'dist/bundle/meta.json'), `${JSON.stringify(result.metafile)}\n`);
const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
console.log(`build:bundle: ${files.length} files in dist/bundle/cli/`);
