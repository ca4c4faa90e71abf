/**
 * Fail-closed zone lists (issue 10): for random manifests in every zone, marking a scenario partial, or deleting a
 * list entry while marking its scenario partial, never turns a verdict into pass. The baseline marks complete every
 * scenario that has entries, so that exemption paths exist to be taken away.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { bundledRules, findPackFiles } from '../../dist/src/load/load-packs.js';
import { compilePacks } from '../../dist/src/compile/build-pack-set.js';
import { createPackSet } from '../../dist/src/evaluate/pack-set.js';
import { parseSource } from '../../dist/src/source/document.js';
import { check } from '../../dist/src/index.js';
import type { PackSet } from '../../dist/src/evaluate/pack-set.js';
import type { SourceDoc } from '../../dist/src/source/document.js';
import type { RulePack, ZoneList } from '../../dist/src/model/pack.js';
import type { Manifest } from '../../dist/src/model/manifest.js';
import { isError, type Verdict } from '../../dist/src/model/verdict.js';
import { CATEGORIES, FC_PARAMS, isoDate, manifest } from './arbitraries.js';

let docs: SourceDoc[];
const sets = new Map<string, PackSet>();

type Edit = (pack: RulePack & { list: ZoneList }) => void;
const clone = <T>(v: T): T => structuredClone(v);

/** The bundled packs with every scenario that has entries (all confirmed) marked complete, then `edit` applied to one pack's list. */
function packSet(key: string, packId?: string, edit?: Edit): PackSet {
  const hit = sets.get(key);
  if (hit) return hit;
  const changed = docs.map((d) => {
    const pack = clone(d.data) as RulePack;
    const list = pack.list;
    if (list && list.kind !== 'general-data') {
      // A scenario holding an unconfirmed entry cannot be complete (pack validate refuses it).
      for (const s of list.scenarios) {
        const own = list.entries.filter((e) => e.scenario === s.id);
        if (own.length && !own.some((e) => e.unconfirmed)) s.coverage = 'complete';
      }
      if (pack.metadata.id === packId) edit?.(pack as RulePack & { list: ZoneList });
    }
    return { ...d, data: pack };
  });
  const { packs, diagnostics } = compilePacks(changed);
  if (!packs) throw new Error(`variant ${key} does not load: ${diagnostics.map((x) => x.message).join('; ')}`);
  const set = createPackSet(packs);
  sets.set(key, set);
  return set;
}

interface Zone { pack: string; zone: string; region: string; from: string; to: string; scenarios: string[]; ids: string[] }
let zones: Zone[];

const REGION: Record<string, string> = { beijing: 'CN-BJ', tianjin: 'CN-TJ', shanghai: 'CN-SH', 'shanghai-lingang': 'CN-SH', hainan: 'CN-HI', zhejiang: 'CN-ZJ', chongqing: 'CN-CQ', guangxi: 'CN-GX', jiangsu: 'CN-JS' };

beforeAll(async () => {
  docs = (await findPackFiles(bundledRules())).paths.map((f) => parseSource(readFileSync(f, 'utf8'), f, { allowAliases: true }));
  zones = docs.map((d) => d.data as RulePack).filter((p) => p.list && p.list.kind !== 'general-data' && p.metadata.scope.kind === 'zone').map((p) => {
    const scope = p.metadata.scope as { zone: string };
    const merged = packSet('baseline').packs.find((x) => x.meta.id === p.metadata.id)!;
    return {
      pack: p.metadata.id, zone: scope.zone, region: REGION[scope.zone] ?? 'CN-SH',
      from: p.metadata.effective.from, to: p.metadata.effective.to ?? '2027-12-31',
      scenarios: merged.list!.scenarios.map((s) => s.id),
      ids: merged.list!.entries.map((e) => e.id),
    };
  });
});

/** A schema-valid manifest of an exporter bound by `z`, in force, naming one of its scenarios (or none), with list ids among its categories. */
const zoneManifest = (z: Zone, ids: readonly string[] = z.ids): fc.Arbitrary<Manifest> => fc.tuple(
  manifest,
  isoDate(Date.parse(z.from), Date.parse(z.to) - 86_400_000),
  z.scenarios.length ? fc.option(fc.constantFrom(...z.scenarios), { nil: undefined }) : fc.constant(undefined), // a list known only by name has none
  fc.array(fc.uniqueArray(fc.constantFrom(...CATEGORIES, ...ids), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  fc.boolean(),
).map(([m, date, scenario, cats, sa]) => {
  const data = cats.map((categories, i) => ({ id: `item-${i}`, categories, classification: 'general' as const }));
  const base: Manifest = {
    ...m, date, data,
    exporter: { ...m.exporter, zone: z.zone, region: z.region, ciio: false },
    purpose: { ...m.purpose, ...(scenario ? { scenario } : {}) },
    personalInformation: m.personalInformation ?? { individuals: 150_000, sensitiveIndividuals: 5_000 },
    ...(sa ? { safeguards: { securityAssessment: { ref: 'CAC-1', issuedOn: date, validUntil: '2029-12-31' } } } : {}),
  };
  if (!scenario) delete (base.purpose as { scenario?: string }).scenario;
  return base;
});

const baselinePack = (z: Zone) => packSet('baseline').packs.find((p) => p.meta.id === z.pack)!;
const inherited = (z: Zone, id: string) => baselinePack(z).list!.scenarios.find((s) => s.id === id)!;
/** The entry as the baseline compiled it for this pack (for a new edition: possibly inherited). */
const baselineEntry = (z: Zone, id: string) => baselinePack(z).list!.entries.find((e) => e.id === id)!;

async function full(m: Manifest, set: PackSet): Promise<Verdict> {
  const r = await check(m, set);
  if (isError(r)) throw new Error(`generated manifest is invalid: ${r.error.message}`);
  return r;
}
const verdict = async (m: Manifest, set: PackSet): Promise<string> => (await full(m, set)).verdict;

const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length]!;

describe('zone lists never turn silence into pass', () => {
  it('marking any scenario partial never turns a verdict into pass', async () => {
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), fc.nat(), async (zi, si, seed) => {
      const z = pick(zones.filter((x) => x.scenarios.length), zi);
      const scenario = pick(z.scenarios, si);
      const [m] = fc.sample(zoneManifest(z), { seed, numRuns: 1 });
      const before = await verdict(m!, packSet('baseline'));
      const after = await verdict(m!, packSet(`partial:${z.pack}:${scenario}`, z.pack, ({ list }) => {
        const own = list.scenarios.find((s) => s.id === scenario);
        if (own) own.coverage = 'partial';
        else list.scenarios.push({ ...inherited(z, scenario), coverage: 'partial' }); // a new edition overrides by id
      }));
      if (before !== 'pass') expect(after, `${z.pack} ${scenario}`).not.toBe('pass');
    }), FC_PARAMS);
  }, 300_000);

  it('deleting any list entry while marking its scenario partial never turns a verdict into pass', async () => {
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), fc.nat(), async (zi, ei, seed) => {
      const z = pick(zones.filter((x) => x.ids.length), zi);
      const entry = pick(z.ids, ei);
      const [m] = fc.sample(zoneManifest(z), { seed, numRuns: 1 });
      const before = await verdict(m!, packSet('baseline'));
      // Deleting the table row also deletes its taxonomy id: data still labelled with it is unknown (review); data
      // under the entry's base ids is what the deletion can set free.
      const after = await verdict(m!, packSet(`delete:${z.pack}:${entry}`, z.pack, (pack) => {
        const e = baselineEntry(z, entry);
        pack.list.entries = pack.list.entries.filter((x) => x.id !== entry);
        pack.list.remove = [...(pack.list.remove ?? []), entry]; // an entry inherited from the parent edition
        const s = pack.list.scenarios.find((x) => x.id === e.scenario);
        if (s) s.coverage = 'partial';
        else if (e.scenario) pack.list.scenarios.push({ ...inherited(z, e.scenario), coverage: 'partial' });
      }));
      if (before !== 'pass') expect(after, `${z.pack} without ${entry}`).not.toBe('pass');
    }), FC_PARAMS);
  }, 300_000);

  it('a zone whose scenarios are all partial (the bundled packs) never passes what the national rules alone do not pass', async () => {
    const bundled = createPackSet(compilePacks(docs).packs!);
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), async (zi, seed) => {
      const z = pick(zones, zi);
      // Base ids only: the national rules alone do not know a zone's own ids (that alone is review there).
      const [m] = fc.sample(zoneManifest(z, []), { seed, numRuns: 1 });
      const inZone = await full(m!, bundled);
      const { zone: _zone, ...exporter } = m!.exporter;
      const { scenario: _scenario, ...purpose } = m!.purpose;
      const national = await full({ ...m!, exporter: { ...exporter, region: 'CN-GD' }, purpose }, bundled);
      if (inZone.verdict === 'pass') expect(national.verdict, `${z.pack} passed what national rules do not`).toBe('pass');
      // Chinese text never shows machine values: scenario, sector or zone ids.
      const ids = [...z.scenarios, m!.exporter.sector, z.zone].filter((x): x is string => x !== undefined && x !== 'other');
      for (const f of [...inZone.findings, ...inZone.obligations]) for (const id of ids) expect(f.message.zh.replace(/https?:\/\/[\x21-\x7e]+/g, ""), f.rule).not.toContain(id);
    }), FC_PARAMS);
  }, 300_000);
});

// A catalogue's classes are kinds of data, not lines of business, so they name no sector. The may-be-important
// review of an entry in such a class fired only when the exporter named that class or stated neither a sector nor a
// class: a Tianjin manufacturer stating its sector, with the catalogue otherwise complete, passed chip parameters.
describe('a catalogue\'s important data binds every exporter of the zone', () => {
  const onlyIndustrial: Edit = ({ list }) => { list.scenarios = list.scenarios.filter((s) => s.id === 'tianjin.industrial'); };
  const chips = (exporter: Partial<Manifest['exporter']>, scenario?: string): Manifest => ({
    apiVersion: 'xborder/v1', kind: 'TransferManifest', id: 'tm-chips', date: '2025-06-02',
    exporter: { name: 'Example', region: 'CN-TJ', zone: 'tianjin', ciio: false, ...exporter },
    recipient: { name: 'R', country: 'SG', kind: 'company' },
    purpose: { basis: 'none', description: 'design review', ...(scenario ? { scenario } : {}) },
    data: [{ id: 'specs', categories: ['biz.technical'], classification: 'general' }],
  }) as Manifest;
  it('a stated sector, no class or another class named: review with tianjin.entry.may-be-important', async () => {
    const set = packSet('tianjin:industrial-only', 'zone-tianjin-2024', onlyIndustrial);
    for (const m of [chips({ sector: 'manufacturing' }), chips({ sector: 'retail' }, 'tianjin.industrial'), chips({})]) {
      const v = await full(m, set);
      expect(v.verdict, JSON.stringify(m.exporter)).toBe('review');
      expect(v.findings.map((f) => f.rule)).toContain('tianjin.entry.may-be-important');
    }
  });
});
