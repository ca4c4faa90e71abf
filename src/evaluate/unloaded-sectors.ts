import type { CompiledPack } from '../compile/compile-pack.js';
import type { Manifest } from '../model/manifest.js';
import { KNOWN_SECTOR_RULES, SECTOR_TITLES } from '../model/sectors.js';
import { FAIL_CLOSED_CITATION, type Finding } from '../model/verdict.js';

const NONE: readonly Finding[] = Object.freeze([]);

export const UNLOADED_SECTOR_RULE = 'xborder.sector-rules-not-loaded';

/**
 * Sector rules known to bind the exporter's stated sector (`exporter.sector`) on the date (KNOWN_SECTOR_RULES) that no
 * selected pack encodes: with `--pack` naming the national rules only, an automotive exporter whose data the
 * automotive provisions may name important passed as if they were not there. Review, as the zone lists' twin
 * (unloaded-lists.ts), and not with a valid security assessment (the strongest mechanism such data can need).
 * `targeted` are the selected region and sector packs in force on the date.
 */
export function unloadedSectorFindings(m: Manifest, targeted: readonly CompiledPack[], asOf: string, securityAssessment: string): readonly Finding[] {
  const sector = m.exporter.sector;
  if (securityAssessment === 'valid' || sector === undefined) return NONE;
  const binds = KNOWN_SECTOR_RULES.some((k) => k.sectors.includes(sector) && k.from <= asOf && (k.to === undefined || asOf < k.to));
  if (!binds) return NONE;
  if (targeted.some((p) => p.meta.scope.kind === 'sector' && p.meta.scope.sectors.includes(sector))) return NONE;
  const title = SECTOR_TITLES[sector] ?? { en: sector, zh: sector };
  return [{
    rule: UNLOADED_SECTOR_RULE, pack: 'xborder', outcome: 'review', citation: FAIL_CLOSED_CITATION.en, citationZh: FAIL_CLOSED_CITATION.zh,
    path: '/exporter/sector',
    message: {
      en: `Sector rules for ${title.en} bind this exporter on ${asOf}, but no loaded rule pack encodes them: they may name an item of this transfer important data, or ask what the national rules alone do not, so a person must check the items against them (or check again with their pack loaded; the bundled rules/ hold it).`,
      zh: `${asOf}适用于该出境方的${title.zh}行业数据规定未被任何已加载的规则包收录：相关规定可能将本次出境的数据列为重要数据，或提出仅依国家规定所没有的要求，须人工对照逐项核对（或加载其规则包后重新检查；内置规则包已收录）。`,
    },
  }];
}
