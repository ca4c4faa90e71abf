import type { CompiledPack } from '../compile/compile-pack.js';
import type { Manifest } from '../model/manifest.js';
import { ZONE_TITLES } from '../model/sectors.js';
import { FAIL_CLOSED_CITATION, type Finding } from '../model/verdict.js';
import { KNOWN_LISTS, zoneChain, type KnownList } from '../model/zones.js';

const NONE: readonly Finding[] = Object.freeze([]);

export const UNLOADED_LIST_RULE = 'xborder.zone-list-not-loaded';

/**
 * The zone lists known to bind the exporter's zone (`exporter.zone`, and the zones it lies within) on the date (src/model/zones.ts) that no loaded pack encodes: with
 * `--pack` naming the national rules only, a list that may name the data important was left out, and the verdict
 * passed as if it were not there. Review, as the bundled pack of a list with no scenario gives (`<zone>.list.unencoded`),
 * and not with a valid security assessment (the strongest mechanism a listed item can need).
 */
export function unloadedListFindings(m: Manifest, zones: readonly CompiledPack[], asOf: string, securityAssessment: string): readonly Finding[] {
  if (securityAssessment === 'valid' || m.exporter.zone === undefined) return NONE;
  const chain = zoneChain(m.exporter.zone);
  // By the zone the manifest names only: a city-wide list binding by region alone (Shanghai, Beijing 2026) would make
  // every check of those regions with a partial pack set review, a national pack's own tests included.
  const binds = (l: KnownList): boolean => l.from <= asOf && (l.to === undefined || asOf < l.to) && chain.includes(l.zone);
  const loaded = (l: KnownList): boolean => zones.some((p) => p.meta.scope.kind === 'zone' && p.meta.scope.zone === l.zone);
  let missing: string[] | undefined;
  for (const l of KNOWN_LISTS) {
    if (binds(l) && !loaded(l) && !missing?.includes(l.zone)) (missing ??= []).push(l.zone);
  }
  if (!missing) return NONE;
  return missing.map((zone): Finding => {
    const title = ZONE_TITLES[zone] ?? { en: zone, zh: zone };
    return {
      rule: UNLOADED_LIST_RULE, pack: 'xborder', outcome: 'review', citation: FAIL_CLOSED_CITATION.en, citationZh: FAIL_CLOSED_CITATION.zh,
      path: '/exporter/zone',
      message: {
        en: `A list of the ${title.en} binds this exporter on ${asOf}, but no loaded rule pack encodes it: it may name an item of this transfer important data, or ask what the national rules alone do not, so a person must check the items against it (or check again with its pack loaded; the bundled rules/ hold it).`,
        zh: `${asOf}适用于该出境方的${title.zh}清单未被任何已加载的规则包收录：清单可能将本次出境的数据列为重要数据，或提出仅依国家规定所没有的要求，须人工对照清单逐项核对（或加载其规则包后重新检查；内置规则包已收录）。`,
      },
    };
  });
}
