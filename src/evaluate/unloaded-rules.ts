/**
 * Rules known to bind an exporter on a date that no loaded pack encodes: the zone lists (KNOWN_LISTS, by
 * `exporter.zone` and the zones it lies within) and the sector rules (KNOWN_SECTOR_RULES, by `exporter.sector`).
 * With `--pack` naming the national rules only, a list or sector rule that may name the data important was left out,
 * and the verdict passed as if it were not there. Review (`xborder.zone-list-not-loaded`,
 * `xborder.sector-rules-not-loaded`), as the bundled pack of a list with no scenario gives (`<zone>.list.unencoded`),
 * and not with a valid security assessment (the strongest mechanism such data can need).
 */
import type { CompiledPack } from '../compile/compile-pack.js';
import type { Manifest } from '../model/manifest.js';
import { KNOWN_SECTOR_RULES, SECTOR_TITLES, ZONE_TITLES } from '../model/sectors.js';
import { FAIL_CLOSED_CITATION, type Bilingual, type Finding } from '../model/verdict.js';
import { KNOWN_LISTS, zoneChain } from '../model/zones.js';

const NONE: readonly Finding[] = Object.freeze([]);

/** A known entry in force on the date (`to` exclusive, as a pack's). */
const inForceOn = (k: { from: string; to?: string }, asOf: string): boolean => k.from <= asOf && (k.to === undefined || asOf < k.to);

const unloaded = (rule: string, path: string, message: Bilingual): Finding =>
  ({ rule, pack: 'xborder', outcome: 'review', citation: FAIL_CLOSED_CITATION.en, citationZh: FAIL_CLOSED_CITATION.zh, path, message });

/** A list of this zone itself (not of one it lies within) is known to bind exporters on the date. */
export const knownListBinds = (zone: string, asOf: string): boolean => KNOWN_LISTS.some((l) => l.zone === zone && inForceOn(l, asOf));

/** A loaded zone pack (in force on the date: `zones` is the selection) encodes a list of this zone. */
export const listLoaded = (zone: string, zones: readonly CompiledPack[]): boolean =>
  zones.some((p) => p.meta.scope.kind === 'zone' && p.meta.scope.zone === zone);

/**
 * A list of this zone binds on the date and no loaded pack of its lineage encodes it: by list, not by zone, so one
 * of a zone's lists loaded (Pingtan's) does not stand for another (the Fujian FTZ's).
 */
const listUnloaded = (zone: string, asOf: string, zones: readonly CompiledPack[]): boolean =>
  KNOWN_LISTS.some((l) => l.zone === zone && inForceOn(l, asOf) && !zones.some((p) => p.meta.lineage === l.lineage));

/**
 * The zone lists binding the exporter's zone (by the zone the manifest names only: a city-wide list binding by
 * region alone, Shanghai or Beijing 2026, would make every check of those regions with a partial pack set review, a
 * national pack's own tests included) that no loaded zone pack encodes.
 */
export function unloadedListFindings(m: Manifest, zones: readonly CompiledPack[], asOf: string, securityAssessment: string): readonly Finding[] {
  if (securityAssessment === 'valid' || m.exporter.zone === undefined) return NONE;
  const missing = zoneChain(m.exporter.zone).filter((z) => listUnloaded(z, asOf, zones));
  if (missing.length === 0) return NONE; // the common case: no array per manifest
  return missing.map((zone) => {
    const title = ZONE_TITLES[zone] ?? { en: zone, zh: zone };
    return unloaded('xborder.zone-list-not-loaded', '/exporter/zone', {
      en: `A list of the ${title.en} binds this exporter on ${asOf}, but no loaded rule pack encodes it: it may name an item of this transfer important data, or ask what the national rules alone do not, so a person must check the items against it (or check again with its pack loaded; the bundled rules/ hold it).`,
      zh: `${asOf}适用于该出境方的${title.zh}清单未被任何已加载的规则包收录：清单可能将本次出境的数据列为重要数据，或提出仅依国家规定所没有的要求，须人工对照清单逐项核对（或加载其规则包后重新检查；内置规则包已收录）。`,
    });
  });
}

/** The sector rules binding the exporter's stated sector that no selected sector pack (`targeted`, in force) encodes. */
export function unloadedSectorFindings(m: Manifest, targeted: readonly CompiledPack[], asOf: string, securityAssessment: string): readonly Finding[] {
  const sector = m.exporter.sector;
  if (securityAssessment === 'valid' || sector === undefined) return NONE;
  if (!KNOWN_SECTOR_RULES.some((k) => k.sectors.includes(sector) && inForceOn(k, asOf))) return NONE;
  if (targeted.some((p) => p.meta.scope.kind === 'sector' && p.meta.scope.sectors.includes(sector))) return NONE;
  const title = SECTOR_TITLES[sector] ?? { en: sector, zh: sector };
  return [unloaded('xborder.sector-rules-not-loaded', '/exporter/sector', {
    en: `Sector rules for ${title.en} bind this exporter on ${asOf}, but no loaded rule pack encodes them: they may name an item of this transfer important data, or ask what the national rules alone do not, so a person must check the items against them (or check again with their pack loaded; the bundled rules/ hold it).`,
    zh: `${asOf}适用于该出境方的${title.zh}行业数据规定未被任何已加载的规则包收录：相关规定可能将本次出境的数据列为重要数据，或提出仅依国家规定所没有的要求，须人工对照逐项核对（或加载其规则包后重新检查；内置规则包已收录）。`,
  })];
}
