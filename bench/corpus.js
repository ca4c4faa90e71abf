// Corpus generator for `npm run bench`: varied, valid manifests from a seeded PRNG (same corpus every run).
// Counts sit around every threshold (99,999/100,000, 999,999/1,000,000, 9,999/10,000 sensitive), and
// categories, bases, activities, CIIO, classifications, dates and safeguards vary.
import { mkdirSync, writeFileSync, existsSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

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
const SECTORS = ['retail', 'ecommerce', 'banking', 'healthcare', 'manufacturing', 'logistics', 'software'];
const REGIONS = ['CN-SH', 'CN-BJ', 'CN-GD', 'CN-ZJ', 'CN-JS'];
const NEAR = [0, 1, 500, 9_999, 10_000, 50_000, 99_999, 100_000, 150_000, 999_999, 1_000_000, 2_000_000];
const NEAR_S = [0, 0, 0, 1, 500, 9_999, 10_000, 20_000];

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const pad = (n) => String(n).padStart(2, '0');
const date = (r, y0 = 2024, span = 3) => `${y0 + Math.floor(r() * span)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;

/** One valid manifest (plain object). */
export function manifest(r, i) {
  const year = 2025 + Math.floor(r() * 2);
  const d = `${year}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
  const kind = r() < 0.02 ? 'foreign-authority' : 'company';
  const withPI = r() < 0.85;
  const data = [];
  const nItems = 1 + Math.floor(r() * 3);
  let hasPI = false, hasSPI = false;
  for (let k = 0; k < nItems; k++) {
    const cats = [];
    if (withPI) { cats.push(pick(r, PI)); hasPI = true; if (r() < 0.3) { cats.push(pick(r, SPI)); hasSPI = true; } }
    if (!withPI || r() < 0.3) cats.push(pick(r, BIZ));
    const cls = r() < 0.03 ? 'important' : r() < 0.005 ? 'core' : 'general';
    const item = { id: `item-${k}`, categories: [...new Set(cats)], classification: cls };
    if (r() < 0.05 && withPI) item.origin = 'abroad';
    if (r() < 0.5) item.records = Math.floor(r() * 5_000_000);
    data.push(item);
  }
  const m = {
    apiVersion: 'xborder/v1', kind: 'TransferManifest', id: `tm-bench-${i}`, date: d,
    exporter: { name: `Exporter ${i % 997} Co., Ltd.`, region: pick(r, REGIONS), ciio: r() < 0.08, ...(r() < 0.7 ? { sector: pick(r, SECTORS) } : {}) },
    recipient: { name: `Recipient ${i % 331} Ltd`, country: pick(r, COUNTRIES), kind },
    purpose: { basis: hasPI ? pick(r, BASES) : 'none', ...(r() < 0.8 ? { activity: pick(r, ACTIVITIES) } : {}) },
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
export function ensureCorpus(root, n, { files = true } = {}) {
  const r = rng(42 + n);
  const ndjson = join(root, `stream-${n}.ndjson`);
  const jsonDir = join(root, `json-${n}`);
  const yamlDir = join(root, `yaml-${n}`);
  const need = !existsSync(ndjson) || (files && (!existsSync(jsonDir) || !existsSync(yamlDir)));
  if (!need) return { ndjson, jsonDir, yamlDir };
  mkdirSync(root, { recursive: true });
  const lines = [];
  for (let i = 0; i < n; i++) {
    const m = manifest(r, i);
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
