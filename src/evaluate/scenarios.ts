/** The scenarios a zone's lists define, for `xborder zones` and `xborder explain --scenarios` (pure, no I/O). */
import type { CompiledPack } from '../compile/compile-pack.js';
import type { Scenario } from '../model/pack.js';
import type { Bilingual, Lang } from '../model/verdict.js';
import { SECTOR_TITLES } from '../model/sectors.js';
import { zoneChain } from '../model/zones.js';
import { toDay } from '../util/dates.js';

export interface ZoneScenarios {
  pack: string;
  list: Bilingual;
  kind: string;
  effective: { from: string; to?: string };
  source: string;
  scenarios: Scenario[];
}

/** The lists binding an exporter of `zone` (with its enclosing zones), those in force on `asOf` when given. */
export function zoneScenarios(packs: readonly CompiledPack[], zone: string, asOf?: string): ZoneScenarios[] {
  const chain = zoneChain(zone);
  const day = asOf === undefined ? undefined : toDay(asOf);
  return packs
    .filter((p) => p.list && p.meta.scope.kind === 'zone' && chain.includes(p.meta.scope.zone) && (day === undefined || (p.from <= day && day < p.to)))
    .map((p) => ({ pack: p.meta.id, list: p.list!.name, kind: p.list!.kind, effective: p.meta.effective, source: p.list!.source, scenarios: p.list!.scenarios }));
}

/** One line per scenario: id, coverage, sector and title in the chosen language (Chinese shows no sector id). */
export function describeScenarios(lists: readonly ZoneScenarios[], lang: Lang): string {
  const out: string[] = [];
  for (const l of lists) {
    out.push(`${l.list[lang]} (${l.pack}, ${l.effective.from} → ${l.effective.to ?? (lang === 'zh' ? '现行' : 'open')})`);
    for (const s of l.scenarios) {
      const sector = s.sector ? `${SECTOR_TITLES[s.sector]?.[lang] ?? s.sector} · ` : '';
      const coverage = lang === 'zh' ? (s.coverage === 'complete' ? '完整收录' : '部分收录') : s.coverage;
      out.push(`  ${s.id}  [${coverage}]  ${sector}${s.title[lang]}  (${s.wording})`);
    }
    if (!l.scenarios.length) out.push(lang === 'zh' ? '  （未收录任何业务场景：除已通过安全评估外，该清单约束的数据出境一律需人工复核）' : '  (no scenario encoded: every transfer the list binds gets review, unless a valid security assessment is in place)');
    out.push(`  ${lang === 'zh' ? '来源' : 'source'}: ${l.source}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
