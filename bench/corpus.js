// Corpus generator for `npm run bench`: varied, valid manifests from a seeded PRNG (same corpus every run).
// Counts sit around every threshold (99,999/100,000, 999,999/1,000,000, 9,999/10,000 sensitive), and
// categories, bases, activities, CIIO, classifications, dates and safeguards vary.
import { mkdirSync, writeFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const PI = ['pi.basic', 'pi.contact', 'pi.employment', 'pi.education', 'pi.online', 'pi.order'];
const SPI = ['spi.biometric', 'spi.health', 'spi.financial', 'spi.location', 'spi.identity', 'spi.minor'];
const BIZ = ['biz.trade', 'biz.logistics', 'biz.technical', 'biz.operations', 'biz.research'];
const BASES = ['consent', 'contract', 'hr', 'emergency', 'legal-duty'];
const ACTIVITIES = ['international-trade', 'cross-border-transport', 'academic-cooperation', 'manufacturing', 'marketing', 'other'];
const COUNTRIES = ['SG', 'US', 'DE', 'JP', 'HK', 'GB', 'FR', 'AU'];
const SECTORS = ['retail', 'ecommerce', 'banking', 'healthcare', 'manufacturing', 'logistics', 'software', 'automotive', 'icv', 'pharmaceutical', 'reinsurance', 'shipping', 'civil-aviation', 'tourism', 'trade'];
const REGIONS = ['CN-SH', 'CN-BJ', 'CN-GD', 'CN-ZJ', 'CN-JS'];
const NEAR = [0, 1, 500, 9_999, 10_000, 50_000, 99_999, 100_000, 150_000, 999_999, 1_000_000, 2_000_000];
const NEAR_S = [0, 0, 0, 1, 500, 9_999, 10_000, 20_000];
const REGION_OF = { tianjin: 'CN-TJ', beijing: 'CN-BJ', shanghai: 'CN-SH', 'shanghai-lingang': 'CN-SH', hainan: 'CN-HI', zhejiang: 'CN-ZJ', chongqing: 'CN-CQ', jiangsu: 'CN-JS', guangxi: 'CN-GX', fujian: 'CN-FJ' };

/**
 * The zone lists' shapes, read from the bundled packs so the corpus follows them: per zone, its scenario ids and
 * the base categories its entries match (zone exporters then hit list entries, scenarios and their guards).
 */
export function zoneShapes(rulesDir = fileURLToPath(new URL('../rules', import.meta.url))) {
  const shapes = {};
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/(^|\.)pack\.yaml$/.test(e.name)) {
        const pack = parse(readFileSync(p, 'utf8'));
        const scope = pack?.metadata?.scope;
        if (scope?.kind !== 'zone' || !pack.list) continue;
        const z = (shapes[scope.zone] ??= { scenarios: new Set(), categories: new Set() });
        for (const s of pack.list.scenarios ?? []) z.scenarios.add(s.id);
        for (const x of pack.list.entries ?? []) for (const c of x.matches ?? []) z.categories.add(c);
      }
    }
  };
  walk(rulesDir);
  return Object.fromEntries(Object.entries(shapes).sort().map(([k, v]) => [k, { scenarios: [...v.scenarios].sort(), categories: [...v.categories].sort() }]));
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const pad = (n) => String(n).padStart(2, '0');
const date = (r, y0 = 2024, span = 3) => `${y0 + Math.floor(r() * span)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
/** 1-50 data items, most manifests small: 60% 1-3, 30% 4-10, 10% 11-50. */
const itemCount = (r) => { const x = r(); return x < 0.6 ? 1 + Math.floor(r() * 3) : x < 0.9 ? 4 + Math.floor(r() * 7) : 11 + Math.floor(r() * 40); };

/** One valid manifest (plain object). */
export function manifest(r, i, { zones, items } = {}) {
  const year = 2025 + Math.floor(r() * 2);
  const d = `${year}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
  const kind = r() < 0.02 ? 'foreign-authority' : 'company';
  const withPI = r() < 0.85;
  const data = [];
  const nItems = items ?? (zones ? itemCount(r) : 1 + Math.floor(r() * 3));
  // With zone shapes, 45% of exporters are registered in a pilot zone, most of them naming one of its scenarios.
  const zoneIds = zones ? Object.keys(zones) : [];
  const zone = zoneIds.length && r() < 0.45 ? pick(r, zoneIds) : undefined;
  const shape = zone ? zones[zone] : undefined;
  let hasPI = false, hasSPI = false;
  for (let k = 0; k < nItems; k++) {
    const cats = [];
    if (withPI) { cats.push(pick(r, PI)); hasPI = true; if (r() < 0.3) { cats.push(pick(r, SPI)); hasSPI = true; } }
    if (!withPI || r() < 0.3) cats.push(pick(r, BIZ));
    if (shape?.categories.length && r() < 0.25) {
      const c = pick(r, shape.categories);
      // A listed category that is personal information needs the counts a PI manifest carries.
      if (/^s?pi(\.|$)/.test(c) && withPI) { cats.push(c); hasPI = true; if (c.startsWith('spi')) hasSPI = true; } else if (!/^s?pi(\.|$)/.test(c)) cats.push(c);
    }
    const cls = r() < 0.03 ? 'important' : r() < 0.005 ? 'core' : 'general';
    const item = { id: `item-${k}`, categories: [...new Set(cats)], classification: cls };
    if (r() < 0.05 && withPI) item.origin = 'abroad';
    if (r() < 0.5) item.records = Math.floor(r() * 5_000_000);
    data.push(item);
  }
  const m = {
    apiVersion: 'xborder/v1', kind: 'TransferManifest', id: `tm-bench-${i}`, date: d,
    exporter: {
      name: `Exporter ${i % 997} Co., Ltd.`, region: zone ? REGION_OF[zone] : pick(r, REGIONS), ...(zone ? { zone } : {}),
      ciio: r() < 0.08, ...(r() < 0.7 ? { sector: pick(r, SECTORS) } : {}),
    },
    recipient: { name: `Recipient ${i % 331} Ltd`, country: pick(r, COUNTRIES), kind },
    purpose: {
      basis: hasPI ? pick(r, BASES) : 'none', ...(r() < 0.8 ? { activity: pick(r, ACTIVITIES) } : {}),
      ...(shape?.scenarios.length && r() < 0.7 ? { scenario: pick(r, shape.scenarios) } : {}),
    },
    data,
  };
  if (hasPI) {
    const individuals = Math.max(pick(r, NEAR), 1);
    const pit = { individuals, sensitiveIndividuals: hasSPI ? Math.max(pick(r, NEAR_S), 1) : 0 };
    if (r() < 0.3) pit.priorThisYear = { individuals: Math.floor(r() * 200_000), sensitiveIndividuals: hasSPI ? Math.floor(r() * 3_000) : 0 };
    m.personalInformation = pit;
  }
  const sg = {};
  if (r() < 0.6) sg.separateConsent = r() < 0.8;
  if (r() < 0.7) sg.pia = { completedOn: `${year}-01-0${1 + Math.floor(r() * 9)}` };
  if (r() < 0.3) sg.standardContract = { signedOn: `${year}-01-15`, ...(r() < 0.8 ? { filedOn: `${year}-01-20` } : {}), ref: `SC-${i}` };
  if (r() < 0.1) sg.certification = { ref: `CERT-${i}`, validUntil: date(r, year, 3) };
  if (r() < 0.15) { const y = year - Math.floor(r() * 4); sg.securityAssessment = { ref: `CAC-${i}`, issuedOn: `${y}-03-01`, validUntil: `${y + 3}-02-28` }; }
  if (kind === 'foreign-authority' && r() < 0.5) sg.authorityApproval = { ref: `APP-${i}` };
  if (Object.keys(sg).length) m.safeguards = sg;
  return m;
}

/**
 * Writes bench/corpus/{json,yaml}-<n>/ (one file per manifest, in 1,000-file subdirectories) and
 * bench/corpus/stream-<n>.ndjson. Skips what already exists (the corpus is deterministic).
 */
export function ensureCorpus(root, n, { files = true, zones, items } = {}) {
  const r = rng(42 + n);
  const tag = `${zones ? 'varied' : 'national'}${items ? `-items${items}` : ''}-${n}`;
  const ndjson = join(root, `stream-${tag}.ndjson`);
  const jsonDir = join(root, `json-${tag}`);
  const yamlDir = join(root, `yaml-${tag}`);
  const need = !existsSync(ndjson) || (files && (!existsSync(jsonDir) || !existsSync(yamlDir)));
  if (!need) return { ndjson, jsonDir, yamlDir };
  mkdirSync(root, { recursive: true });
  const lines = [];
  for (let i = 0; i < n; i++) {
    const m = manifest(r, i, { zones, items });
    lines.push(JSON.stringify(m));
    if (files) {
      const sub = String(Math.floor(i / 1000)).padStart(3, '0');
      if (i % 1000 === 0) { mkdirSync(join(jsonDir, sub), { recursive: true }); mkdirSync(join(yamlDir, sub), { recursive: true }); }
      writeFileSync(join(jsonDir, sub, `m${String(i).padStart(6, '0')}.json`), JSON.stringify(m, null, 2));
      writeFileSync(join(yamlDir, sub, `m${String(i).padStart(6, '0')}.yaml`), stringify(m));
    }
  }
  writeFileSync(ndjson, lines.join('\n') + '\n');
  return { ndjson, jsonDir, yamlDir };
}
