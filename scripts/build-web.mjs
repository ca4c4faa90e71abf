#!/usr/bin/env node
/**
 * Builds the web console (web/ → web/dist/, served by `xborder serve` at /). Runs after tsc: the catalog the
 * builder offers (taxonomy, zones, sectors, zone-list scenarios, national thresholds, materials per route) is read from the bundled
 * packs here, so the page needs no network beyond its own service. Also copies the report stylesheet to dist/
 * for `xborder report`.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { thresholdsOf } = await import(join(root, 'dist/src/console/thresholds.js'));
// The pack files and the bilingual titles of sector and zone ids, from the compiled code (one definition each).
const { bundledRules, findPackFiles } = await import(join(root, 'dist/src/load/load-packs.js'));
const { SECTOR_TITLES: sectors, ZONE_TITLES: zones } = await import(join(root, 'dist/src/model/sectors.js'));

async function buildCatalog() {
  const packs = (await findPackFiles(bundledRules())).paths.map((f) => parse(readFileSync(f, 'utf8')));
  const schema = JSON.parse(readFileSync(join(root, 'schemas/manifest.schema.json'), 'utf8'));
  const taxonomy = new Map();
  const scenarios = [];
  const national = [];
  const packIndex = [];
  const period = (m) => ({ from: m.effective?.from, ...(m.effective?.to ? { to: m.effective.to } : {}) });
  // National packs first, so a base id keeps the national pack's title.
  packs.sort((a, b) => Number(b.metadata.scope.kind === 'national') - Number(a.metadata.scope.kind === 'national'));
  for (const p of packs) {
    const m = p.metadata;
    for (const [id, t] of Object.entries(p.taxonomy ?? {})) {
      if (!taxonomy.has(id)) taxonomy.set(id, { id, title: t.title, personal: t.personal, ...(m.scope.zone ? { zone: m.scope.zone } : {}) });
    }
    packIndex.push({ id: m.id, zone: m.scope.kind === 'zone', ...(p.materials ? { materials: p.materials } : {}) });
    if (m.scope.kind === 'national') national.push({ pack: m.id, version: m.version, ...period(m), thresholds: thresholdsOf(p.parameters) });
    for (const s of p.list?.scenarios ?? p.scenarios ?? []) {
      scenarios.push({ id: s.id, zone: m.scope.zone, pack: m.id, ...period(m), title: s.title, ...(s.sector ? { sector: s.sector } : {}), ...(s.coverage ? { coverage: s.coverage } : {}) });
    }
  }
  const titled = (list, t) => list.map((id) => ({ id, ...(t[id] ? { title: t[id] } : {}) }));
  return {
    taxonomy: [...taxonomy.values()],
    sectors: titled(schema.$defs.sector.enum, sectors),
    zones: titled(schema.properties.exporter.properties.zone.enum, zones),
    scenarios,
    national,
    packs: packIndex,
  };
}

const generated = join(root, 'web/src/generated');
mkdirSync(generated, { recursive: true });
writeFileSync(join(generated, 'catalog.json'), `${JSON.stringify(await buildCatalog(), null, 1)}\n`);
mkdirSync(join(root, 'dist/src/console'), { recursive: true });
copyFileSync(join(root, 'src/console/report.css'), join(root, 'dist/src/console/report.css'));

const { build } = await import('vite');
await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn' });
