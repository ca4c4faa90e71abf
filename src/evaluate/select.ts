import type { CompiledPack } from '../compile/compile-pack.js';
import { zoneChain } from '../model/zones.js';
import { toDay } from '../util/dates.js';
import type { DerivationParams } from './derive-facts.js';
import { objectArray } from '../util/arrays.js';

export interface Selection {
  national?: CompiledPack;
  /** National rules for the exporter's region or sector (the GBA contracts, the automotive rules). */
  targeted: CompiledPack[];
  zones: CompiledPack[];
  /**
   * No `exporter.sector` and nothing else that names one: the sector packs in force that might bind the exporter.
   * They are run beside the others only to say, as a review, that the sector decides (src/evaluate/check.ts).
   */
  sectorUnknown: CompiledPack[];
}

/** What else in a manifest says which sector the exporter is in, when exporter.sector does not. */
export interface SectorHints {
  /** Its data items: a category id only a sector pack defines is data of that sector. */
  items?: readonly { categories: readonly string[] }[];
  /** purpose.scenario: a zone-list scenario belongs to a sector. */
  scenario?: string;
}

const inForce = (p: CompiledPack, day: number): boolean => p.from <= day && day < p.to;

/**
 * The national pack in force on the date, plus the zone packs in force then that bind the exporter (CAC 2024 Art 6):
 * those of its zone (a nested zone also gets its enclosing zone's packs: Lingang is inside the Shanghai FTZ,
 * src/model/zones.ts), and city- or province-wide lists of its region (scope.region, e.g. Beijing 2026). Beside
 * them, the packs scoped to the exporter's region or sector.
 *
 * Whatever exporter.sector says, a sector pack also binds an exporter whose data carries a category only that pack
 * defines (automotive.exterior-video is automotive data; its processor is an automotive data processor, Automotive
 * Provisions 2021 Art 3, whatever it calls itself), or whose zone-list scenario belongs to one of its sectors.
 * Without exporter.sector, another sector pack is returned in `sectorUnknown`: the sector is unstated, and the
 * verdict must not pass where that pack would not.
 */
export function selectPacks(packs: readonly CompiledPack[], asOf: string, zone: string | undefined, region?: string, sector?: string, hints: SectorHints = {}): Selection {
  const day = toDay(asOf);
  const national = packs.find((p) => p.meta.scope.kind === 'national' && inForce(p, day));
  const chain = zone === undefined ? [] : zoneChain(zone);
  const binds = (p: CompiledPack): boolean => p.meta.scope.kind === 'zone'
    && (chain.includes(p.meta.scope.zone) || (p.meta.scope.region !== undefined && p.meta.scope.region === region));
  const zones = packs.filter((p) => binds(p) && inForce(p, day));
  const sectorPacks = packs.filter((p) => p.meta.scope.kind === 'sector' && inForce(p, day));
  // A stated sector once shut the others out: a retailer's automotive.exterior-video was an unknown category (review)
  // where the automotive rules ask for a security assessment (fail).
  const implied = sectorPacks.length ? impliedSectorPacks(sectorPacks, national, zones, hints) : undefined;
  const targets = (p: CompiledPack): boolean => (p.meta.scope.kind === 'region' && p.meta.scope.region === region)
    || (p.meta.scope.kind === 'sector' && ((sector !== undefined && p.meta.scope.sectors.includes(sector)) || implied?.has(p) === true));
  const targeted = packs.filter((p) => targets(p) && inForce(p, day));
  // Object-kind even when empty, like the filter's result (util/arrays.ts): checkManifest reads both.
  const sectorUnknown = sector === undefined && implied ? sectorPacks.filter((p) => !implied.has(p)) : objectArray<CompiledPack>();
  return { national, targeted, zones, sectorUnknown };
}

/** The sector packs a manifest names by its categories or its zone-list scenario, whatever its exporter.sector. */
function impliedSectorPacks(sectorPacks: readonly CompiledPack[], national: CompiledPack | undefined, zones: readonly CompiledPack[], hints: SectorHints): Set<CompiledPack> {
  const out = new Set<CompiledPack>();
  // The national taxonomy first: a manifest of national categories only (most) never reads, so never decodes from
  // the compiled-pack cache, a sector pack's taxonomy.
  const namesOwnCategory = (p: CompiledPack): boolean =>
    hints.items?.some((d) => d.categories.some((c) => !national?.taxonomy.has(c) && p.taxonomy.has(c))) === true;
  const scenarioSector = hints.scenario === undefined ? undefined
    : zones.flatMap((z) => z.list?.scenarios ?? []).find((s) => s.id === hints.scenario)?.sector;
  for (const p of sectorPacks) {
    const sectors = p.meta.scope.kind === 'sector' ? p.meta.scope.sectors : [];
    if (namesOwnCategory(p) || (scenarioSector !== undefined && sectors.includes(scenarioSector))) out.add(p);
  }
  return out;
}

const derived = new WeakMap<CompiledPack, DerivationParams>();

/**
 * Parameters fact derivation needs, read from the national pack once (compiled packs never change);
 * missing ones are a pack error, not a default. certificationValidityYears alone may be missing (the 2022 rules
 * had no certificate term): a national pack testing the fact it derives must define it (pack validate), and
 * without it the fact takes its fail-closed reading (src/evaluate/derive-facts.ts).
 */
export function derivationParams(national: CompiledPack): DerivationParams {
  const cached = derived.get(national);
  if (cached) return cached;
  const p = national.params;
  const num = (k: string): number => {
    const v = p[k];
    if (typeof v !== 'number') throw new Error(`pack ${national.meta.id} lacks numeric parameter "${k}"`);
    return v;
  };
  const listed = (k: string): Set<string> => new Set(Array.isArray(p[k]) ? (p[k] as string[]) : []);
  const params: DerivationParams = {
    assessmentValidityYears: num('assessmentValidityYears'),
    certificationValidityYears: typeof p.certificationValidityYears === 'number' ? p.certificationValidityYears : undefined,
    contractFilingWorkingDays: num('contractFilingWorkingDays'),
    // No calendarYears: no year is known, so every weekend day may be a working day (the fail-closed reading).
    calendar: { holidays: listed('publicHolidays'), workdays: listed('adjustedWorkdays'), years: new Set([...listed('calendarYears')].map(Number)) },
  };
  derived.set(national, params);
  return params;
}

export interface CountingWindow { fromYear: number; toYear: number }

/** Calendar years the thresholds count over: the transfer's year (2024 rules) or also the previous one (2022/2023). */
export function countingWindow(national: CompiledPack, asOf: string): CountingWindow {
  const year = Number(asOf.slice(0, 4));
  return national.params.countingWindow === 'previous-and-current-year' ? { fromYear: year - 1, toYear: year } : { fromYear: year, toYear: year };
}

const uncounted = new WeakMap<CompiledPack, ReadonlySet<string>>();

/** Exemption rules whose transfers are recorded in the ledger but not counted (pack parameter); built once per pack. */
export function uncountedExemptions(national: CompiledPack): ReadonlySet<string> {
  let ids = uncounted.get(national);
  if (!ids) {
    ids = new Set(Array.isArray(national.params.exemptionsNotCounted) ? (national.params.exemptionsNotCounted as string[]) : []);
    uncounted.set(national, ids);
  }
  return ids;
}
