/** The scenarios a zone's lists define, for `xborder zones` and `xborder explain --scenarios` (pure, no I/O). */
import type { CompiledPack } from '../compile/compile-pack.js';
import type { ListEntry, Scenario } from '../model/pack.js';
import type { Bilingual, Lang } from '../model/verdict.js';
import { SECTOR_TITLES } from '../model/sectors.js';
import { zoneChain } from '../model/zones.js';
import { periodText, toDay } from '../util/dates.js';
import { own } from '../model/own.js';

export interface ZoneScenarios {
  pack: string;
  list: Bilingual;
  kind: string;
  effective: { from: string; to?: string };
  source: string;
  scenarios: Scenario[];
  /** The list's entries: the ids a data item is labelled with when it is that listed data. */
  entries: NonNullable<CompiledPack['list']>['entries'];
}

/** The lists binding an exporter of `zone` (with its enclosing zones), those in force on `asOf` when given. */
export function zoneScenarios(packs: readonly CompiledPack[], zone: string, asOf?: string): ZoneScenarios[] {
  const chain = zoneChain(zone);
  const day = asOf === undefined ? undefined : toDay(asOf);
  return packs
    .filter((p) => p.list && p.meta.scope.kind === 'zone' && chain.includes(p.meta.scope.zone) && (day === undefined || (p.from <= day && day < p.to)))
    .map((p) => ({ pack: p.meta.id, list: p.list!.name, kind: p.list!.kind, effective: p.meta.effective, source: p.list!.source, scenarios: p.list!.scenarios, entries: p.list!.entries }));
}

const DATA_KIND: Record<ListEntry['data'], Bilingual> = {
  important: { en: 'important data', zh: '重要数据' }, sensitive: { en: 'sensitive PI', zh: '敏感个人信息' },
  personal: { en: 'personal information', zh: '个人信息' }, general: { en: 'general data', zh: '一般数据' },
};

/**
 * One line per scenario: id, coverage, sector and title in the chosen language (Chinese shows no sector id); with
 * `entries`, each scenario's list entries under it (the ids an item is labelled with), then those of no scenario.
 */
export function describeScenarios(lists: readonly ZoneScenarios[], lang: Lang, opts: { entries?: boolean } = {}): string {
  const out: string[] = [];
  for (const l of lists) {
    const zh = lang === 'zh';
    const entryLines = (scenario: string | undefined, indent: string): void => {
      if (!opts.entries) return;
      for (const e of l.entries.filter((x) => (x.scenario || undefined) === scenario)) out.push(`${indent}${e.id}  ${own(DATA_KIND, e.data)?.[lang] ?? e.data}  ${e.title[lang]}${e.unconfirmed ? (zh ? '（未经资料证实，仅提示复核）' : '  (unconfirmed by the sources: review only)') : ''}`);
    };
    out.push(zh ? `${l.list.zh}（${l.pack}，${periodText(l.effective, '现行')}）` : `${l.list.en} (${l.pack}, ${periodText(l.effective, 'open')})`);
    for (const s of l.scenarios) {
      const sector = s.sector ? `${SECTOR_TITLES[s.sector]?.[lang] ?? s.sector} · ` : '';
      const coverage = zh ? (s.coverage === 'complete' ? '完整收录' : '部分收录') : s.coverage;
      out.push(zh ? `  ${s.id}  【${coverage}】  ${sector}${s.title.zh}（${s.wording}）` : `  ${s.id}  [${coverage}]  ${sector}${s.title.en}  (${s.wording})`);
      entryLines(s.id, '      ');
    }
    if (opts.entries && l.entries.some((e) => !e.scenario)) {
      out.push(zh ? '  不限业务场景的条目：' : '  entries of no scenario:');
      entryLines(undefined, '      ');
    }
    if (!l.scenarios.length) out.push(zh ? '  （未收录任何业务场景：除已通过安全评估外，该清单约束的数据出境一律需人工复核）' : '  (no scenario encoded: every transfer the list binds gets review, unless a valid security assessment is in place)');
    out.push(zh ? `  来源：${l.source}` : `  source: ${l.source}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
