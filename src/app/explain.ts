import type { CompiledRule } from '../compile/compile-pack.js';
import type { PackSet } from '../evaluate/pack-set.js';
import type { Condition } from '../model/pack.js';
import { ruleKey, type Lang } from '../model/verdict.js';
import type { AppIO } from './io.js';
import { closest } from '../validate/suggest.js';
import { describeScenarios, zoneScenarios } from '../evaluate/scenarios.js';

const OPS: Record<string, [string, string]> = {
  equals: ['is', '等于'], notEquals: ['is not', '不等于'], atLeast: ['is at least', '不少于'], atMost: ['is at most', '不多于'],
  greaterThan: ['is more than', '多于'], lessThan: ['is fewer than', '少于'], in: ['is one of', '属于'], notIn: ['is none of', '不属于'],
  includes: ['includes', '包含'], excludes: ['does not include', '不包含'], includesAny: ['includes any of', '包含任一'], includesNone: ['includes none of', '不包含任何'],
};

/** The rule's `when` in plain words, one condition per line, parameters named with their values. */
function describe(c: Condition, params: Readonly<Record<string, unknown>>, lang: Lang, depth = 1): string[] {
  const pad = '  '.repeat(depth);
  const zh = lang === 'zh';
  if ('all' in c) return [`${pad}${zh ? '同时满足：' : 'all of:'}`, ...c.all.flatMap((x) => describe(x, params, lang, depth + 1))];
  if ('any' in c) return [`${pad}${zh ? '满足其一：' : 'any of:'}`, ...c.any.flatMap((x) => describe(x, params, lang, depth + 1))];
  if ('not' in c) return [`${pad}${zh ? '并非：' : 'not:'}`, ...describe(c.not, params, lang, depth + 1)];
  const leaf = c as Record<string, unknown> & { fact: string };
  const op = Object.keys(leaf).find((k) => k !== 'fact') ?? '';
  const raw = leaf[op];
  const value = raw && typeof raw === 'object' && !Array.isArray(raw) && 'param' in raw
    ? `${JSON.stringify(params[(raw as { param: string }).param])} (${(raw as { param: string }).param})`
    : JSON.stringify(raw);
  return [`${pad}${leaf.fact} ${OPS[op]?.[zh ? 1 : 0] ?? op} ${value}`];
}

/** `xborder explain <rule-id>`: the rule in both languages with citation, source, dates and pack version. */
export function explainRule(requested: string, set: PackSet, io: AppIO): number {
  // A retired id (CompiledPack.aliases) shows the rule that replaced it; `pack/id` names one rule; a bare id names
  // that rule in every pack that has it.
  const id = set.packs.map((p) => p.aliases[requested]).find((x) => x !== undefined) ?? requested;
  const matches: CompiledRule[] = [...set.rules.values()].filter((r) => r.id === id || ruleKey(r) === id);
  if (matches.length === 0) {
    const guess = closest(id, [...set.rules.values()].flatMap((r) => [r.id, ruleKey(r)]));
    io.stderr(`xborder: no rule "${id}"${guess ? `; did you mean "${guess}"?` : ''}\n`);
    return 2;
  }
  for (const r of matches) {
    const pack = set.packs.find((p) => p.meta.id === r.pack);
    if (!pack) continue;
    const when = r.when;
    const lines = [
      `${ruleKey(r)}  (${r.kind}${r.kind === 'requirement' ? `: ${r.mechanism}` : r.kind === 'check' || (r.kind === 'exemption' && r.outcome === 'review') ? `: ${r.outcome}` : ''})`,
      `  ${r.title.en}`,
      `  ${r.title.zh}`,
      ...(r.description ? [`  ${r.description.en}`, `  ${r.description.zh}`] : []),
      '',
      '  When / 适用条件:',
      ...(when ? describe(when, pack.params, 'en', 2) : []),
      ...(when ? ['', ...describe(when, pack.params, 'zh', 2)] : []),
      '',
      `  Message (en): ${r.message.en}`,
      `  Message (zh): ${r.message.zh}`,
      ...(r.action ? [`  Action  (en): ${r.action.en}`, `  Action  (zh): ${r.action.zh}`] : []),
      '',
      `  Citation:  ${r.citation}${r.citationZh ? ` · ${r.citationZh}` : ''}`,
      `  Exemptible by Arts 3-6: ${r.kind === 'requirement' ? (r.exemptible ? 'yes' : 'no') : '-'}`,
      `  Pack:      ${pack.meta.id} ${pack.meta.version} (${pack.digest.slice(0, 19)}…), ${pack.meta.instrument.number ?? pack.meta.instrument.title.en}`,
      `  In force:  ${pack.meta.effective.from} → ${pack.meta.effective.to ?? 'open'}${Number.isFinite(r.from) ? ` (rule: from ${new Date(r.from * 86400000).toISOString().slice(0, 10)})` : ''}`,
      `  Source:    ${pack.meta.source}`,
      '',
    ];
    io.stdout(lines.join('\n'));
  }
  return 0;
}

/** `xborder explain --scenarios <zone>`: the scenarios of the zone's lists, with coverage and source. */
export function explainScenarios(zone: string, set: PackSet, lang: Lang, io: AppIO): number {
  const text = describeScenarios(zoneScenarios(set.packs, zone), lang);
  if (!text) {
    io.stderr(`xborder: no loaded list for zone "${zone}"\n`);
    return 2;
  }
  io.stdout(text);
  return 0;
}
