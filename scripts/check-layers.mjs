#!/usr/bin/env node
/**
 * Fails when a module in src/ imports against the layer direction (docs/architecture.md) or when any
 * import cycle appears. Run by `npm test` (tests/architecture/layers.test.ts) and on its own:
 *   node scripts/check-layers.mjs
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Lower ranks are lower layers; a module may import only its own folder or folders of a lower rank. */
export const LAYERS = {
  model: 0, util: 0,
  source: 1,
  validate: 2, io: 2, ledger: 2,
  compile: 3, signing: 3,
  evaluate: 4,
  report: 5, packtest: 5, packdiff: 5,
  batch: 6,
  load: 5,
  app: 7,
  cli: 8, service: 8, console: 8, 'index.ts': 8,
};

const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?:[^'"]*?\sfrom\s)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);

/** `src/a/b.ts` → its layer key: the top folder, or the file name for files directly in src/. */
const layerOf = (src, file) => relative(src, file).split('/')[0];

export function checkLayers(src) {
  const files = walk(src);
  const graph = new Map();
  const problems = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const deps = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
      deps.push(target);
      const from = layerOf(src, file);
      const to = layerOf(src, target);
      if (from === to) continue;
      const [rf, rt] = [LAYERS[from], LAYERS[to]];
      if (rf === undefined) problems.push(`${relative(src, file)}: folder "${from}" has no layer in scripts/check-layers.mjs`);
      else if (rt === undefined) problems.push(`${relative(src, file)} imports ${spec}: "${to}" has no layer`);
      else if (rt >= rf) problems.push(`${relative(src, file)} imports ${spec}: ${from} (layer ${rf}) may not depend on ${to} (layer ${rt})`);
    }
    graph.set(file, deps);
  }
  // Cycles between modules (also inside one folder): depth-first search with colours.
  const state = new Map();
  const stack = [];
  const visit = (f) => {
    state.set(f, 1);
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (!graph.has(d)) continue;
      if (state.get(d) === 1) problems.push(`import cycle: ${[...stack.slice(stack.indexOf(d)), d].map((x) => relative(src, x)).join(' → ')}`);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 2);
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkLayers(resolve(dirname(fileURLToPath(import.meta.url)), '../src'));
  for (const p of problems) console.error(p);
  process.exitCode = problems.length ? 1 : 0;
}
