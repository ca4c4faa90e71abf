// build:schemas — ajv standalone validators generated at build time into dist/schemas/, so a cold start
// does not compile JSON Schemas (ajv.compile of the manifest schema alone was ~40 ms per process and per
// worker). src/validate/schemas.ts loads these and falls back to compiling at run time if one is missing.
// The options MUST match src/validate/schemas.ts (AJV_OPTIONS, formats), or errors would differ.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const standaloneCode = require('ajv/dist/standalone').default;

const NAMES = ['manifest', 'rule-pack', 'pack-tests', 'verdict', 'config', 'waivers'];
const out = new URL('../dist/schemas/', import.meta.url);
mkdirSync(out, { recursive: true });
let built = 0;
for (const name of NAMES) {
  const file = new URL(`../schemas/${name}.schema.json`, import.meta.url);
  if (!existsSync(file)) continue; // a schema another branch adds later
  const ajv = addFormats(new Ajv2020({
    allErrors: true, strict: true, strictRequired: false, verbose: true, allowUnionTypes: true,
    code: { source: true },
  }), ['date', 'uri']);
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  const fn = ajv.compile(schema);
  // One file each: the few ajv runtime helpers and formats the code requires are inlined, so loading a validator
  // is one read instead of a module resolution through node_modules per helper (cold start).
  const code = buildSync({
    stdin: { contents: standaloneCode(ajv, fn), resolveDir: fileURLToPath(new URL('../', import.meta.url)), loader: 'js' },
    bundle: true, format: 'cjs', platform: 'node', target: 'node20', write: false, logLevel: 'warning',
  }).outputFiles[0].text;
  writeFileSync(new URL(`${name}.validate.cjs`, out), code);
  built++;
}
// A fresh id per build: the compiled-pack cache key includes it, so a rebuilt compiler never reuses old entries.
writeFileSync(new URL('../build-id', out), `${Date.now()}-${Math.random().toString(36).slice(2)}\n`);
console.log(`build:schemas: ${built} standalone validators in dist/schemas/`);
