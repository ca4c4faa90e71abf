import type { CompiledPack, CompiledRule } from '../compile/compile-pack.js';
import type { PackSet } from '../evaluate/pack-set.js';
import type { Condition } from '../model/pack.js';
import { foldTree } from '../model/condition-tree.js';
import { ruleKey, type Bilingual, type Lang } from '../model/verdict.js';
import type { AppIO } from './io.js';
import { closest } from '../validate/suggest.js';
import { ZONES } from '../model/zones.js';
import { describeScenarios, zoneScenarios } from '../evaluate/scenarios.js';
import { conditionValue, mechanismCell, operatorText, OUTCOME_TEXT } from '../report/labels.js';
import { MESSAGES, say } from './messages.js';
import { fromDay, periodText } from '../util/dates.js';
import { render } from '../compile/templates.js';
import { checkerRules } from '../report/sarif.js';
import { INVALID_MANIFEST_REF } from '../report/common.js';
import type { RuleInfo } from '../report/types.js';

/** The rule's `when` in plain words, one condition per line, parameters named with their values. */
function describe(c: Condition, params: Readonly<Record<string, unknown>>, lang: Lang, depth = 1): string[] {
  const zh = lang === 'zh';
  const nested = (head: string, members: string[][]): string[] => [head, ...members.flat().map((line) => `  ${line}`)];
  const lines = foldTree<Condition, string[]>(c, {
    all: (members) => nested(zh ? '同时满足：' : 'all of:', members),
    any: (members) => nested(zh ? '满足其一：' : 'any of:', members),
    not: (member) => nested(zh ? '并非：' : 'not:', [member]),
    leaf: (node) => {
      const leaf = node as Record<string, unknown> & { fact: string };
      const op = Object.keys(leaf).find((k) => k !== 'fact') ?? '';
      const raw = leaf[op];
      const param = raw && typeof raw === 'object' && !Array.isArray(raw) && 'param' in raw ? (raw as { param: string }).param : undefined;
      const value = param !== undefined
        ? `${conditionValue(params[param], lang)}${zh ? `（参数 ${param}）` : ` (${param})`}`
        : conditionValue(raw, lang);
      return [`${leaf.fact} ${operatorText(op, leaf.fact, lang)} ${value}`];
    },
  });
  const pad = '  '.repeat(depth);
  return lines.map((line) => `${pad}${line}`);
}

/** A rule's text with its pack's parameters filled in; facts ({{totals.individuals}}) stay as placeholders. */
const withParams = (text: string, lang: Lang, pack: CompiledPack): string =>
  render(text, lang, (name) => (name.startsWith('param.') && Object.hasOwn(pack.params, name.slice(6)) ? pack.params[name.slice(6)] : undefined));

const KIND_ZH: Record<CompiledRule['kind'], string> = { requirement: '要求', exemption: '豁免', flag: '标记', obligation: '义务', alternative: '替代途径' };

/** The Chinese page of a rule (--lang zh): the same facts as the bilingual page, with no English sentence. */
function rulePageZh(r: CompiledRule, pack: CompiledPack): string[] {
  const kind = r.kind === 'requirement' || r.kind === 'alternative' ? `：${mechanismCell(r.mechanism ?? 'none', 'zh')}`
    : r.kind === 'flag' || (r.kind === 'exemption' && r.outcome === 'review') ? `：${OUTCOME_TEXT[r.outcome ?? 'review'].zh}` : '';
  return [
    `${ruleKey(r)}（${KIND_ZH[r.kind]}${kind}）`,
    `  ${r.title.zh}`,
    ...(r.description ? [`  ${r.description.zh}`] : []),
    '',
    '  适用条件：',
    ...(r.when ? describe(r.when, pack.params, 'zh', 2) : []),
    '',
    `  结论说明：${withParams(r.message.zh, 'zh', pack)}`,
    ...(r.action ? [`  下一步：${withParams(r.action.zh, 'zh', pack)}`] : []),
    '',
    `  依据：${r.citationZh ?? r.citation}`,
    `  可依第三条至第六条豁免：${r.kind === 'requirement' ? (r.exemptible ? '是' : '否') : '—'}`,
    `  规则包：${pack.meta.id} ${pack.meta.version}（${pack.digest.slice(0, 19)}…），《${pack.meta.instrument.title.zh}》`,
    `  施行期间：${periodText(pack.meta.effective, '现行')}${Number.isFinite(r.from) ? `（本规则自 ${fromDay(r.from)} 起）` : ''}`,
    `  来源：${pack.meta.source}`,
    '',
  ];
}

/**
 * A rule of the checker itself (xborder.prior-unstated, invalid-manifest…): no pack, no conditions; its title and
 * citation are the SARIF rule table's (src/report/sarif.ts checkerRules), in both languages or in Chinese only.
 */
function checkerRulePage(r: RuleInfo, lang: Lang): string[] {
  const invalid = r.id === INVALID_MANIFEST_REF.id;
  const what: Bilingual = invalid
    ? { en: 'The checker\'s own result for a manifest it could not read or validate: no verdict, and the run exits 2.', zh: '本工具对无法读取或校验未通过的出境说明给出的结果：不作结论，运行以退出码 2 结束。' }
    : { en: 'The checker\'s own finding, not a rule pack\'s: when it cannot decide alone, the verdict is review (never pass).', zh: '本工具自身的判断，不属于任何规则包：无法自行判断时，结论为需人工审查（绝不为通过）。' };
  const cited = r.citationZh ?? r.citation;
  if (lang === 'zh') {
    return [
      `${ruleKey(r)}（本工具规则${invalid ? '' : `：${OUTCOME_TEXT.review.zh}`}）`,
      `  ${r.title.zh}`,
      ...(r.description ? [`  ${r.description.zh}`] : []),
      '',
      `  ${what.zh}`,
      ...(cited ? ['', `  依据：${cited}`] : []),
      '',
    ];
  }
  return [
    `${ruleKey(r)}  (checker rule${invalid ? '' : ': review'})`,
    `  ${r.title.en}`,
    `  ${r.title.zh}`,
    ...(r.description ? [`  ${r.description.en}`, `  ${r.description.zh}`] : []),
    '',
    `  ${what.en}`,
    `  ${what.zh}`,
    ...(r.citation ? ['', `  Citation:  ${r.citation}${r.citationZh ? ` · ${r.citationZh}` : ''}`] : []),
    '',
  ];
}

/**
 * `xborder explain <rule-id>`: the rule in both languages with citation, source, dates and pack version;
 * in Chinese only with --lang zh.
 */
export function explainRule(requested: string, set: PackSet, io: AppIO, lang: Lang = 'en'): number {
  // A retired id (CompiledPack.aliases) shows the rule that replaced it; `pack/id` names one rule; a bare id names
  // that rule in every pack that has it.
  const id = set.packs.map((p) => p.aliases[requested]).find((x) => x !== undefined) ?? requested;
  const matches: CompiledRule[] = [...set.rules.values()].filter((r) => r.id === id || ruleKey(r) === id);
  if (matches.length === 0) {
    const checker = checkerRules().find((r) => r.id === id || ruleKey(r) === id);
    if (checker) {
      io.stdout(checkerRulePage(checker, lang).join('\n'));
      return 0;
    }
    const guess = closest(id, [...set.rules.values(), ...checkerRules()].flatMap((r) => [r.id, ruleKey(r)]));
    say(io.stderr, lang, MESSAGES.noRule(id, guess));
    return 2;
  }
  for (const r of matches) {
    const pack = set.packs.find((p) => p.meta.id === r.pack);
    if (!pack) continue;
    if (lang === 'zh') {
      io.stdout(rulePageZh(r, pack).join('\n'));
      continue;
    }
    const when = r.when;
    const lines = [
      `${ruleKey(r)}  (${r.kind}${r.kind === 'requirement' || r.kind === 'alternative' ? `: ${r.mechanism}` : r.kind === 'flag' || (r.kind === 'exemption' && r.outcome === 'review') ? `: ${r.outcome}` : ''})`,
      `  ${r.title.en}`,
      `  ${r.title.zh}`,
      ...(r.description ? [`  ${r.description.en}`, `  ${r.description.zh}`] : []),
      '',
      '  When / 适用条件:',
      ...(when ? describe(when, pack.params, 'en', 2) : []),
      ...(when ? ['', ...describe(when, pack.params, 'zh', 2)] : []),
      '',
      `  Message (en): ${withParams(r.message.en, 'en', pack)}`,
      `  Message (zh): ${withParams(r.message.zh, 'zh', pack)}`,
      ...(r.action ? [`  Action  (en): ${withParams(r.action.en, 'en', pack)}`, `  Action  (zh): ${withParams(r.action.zh, 'zh', pack)}`] : []),
      '',
      `  Citation:  ${r.citation}${r.citationZh ? ` · ${r.citationZh}` : ''}`,
      `  Exemptible by Arts 3-6: ${r.kind === 'requirement' ? (r.exemptible ? 'yes' : 'no') : '-'}`,
      `  Pack:      ${pack.meta.id} ${pack.meta.version} (${pack.digest.slice(0, 19)}…), ${pack.meta.instrument.number ?? pack.meta.instrument.title.en}`,
      `  In force:  ${periodText(pack.meta.effective, 'open')}${Number.isFinite(r.from) ? ` (rule: from ${fromDay(r.from)})` : ''}`,
      `  Source:    ${r.source ?? pack.meta.source}`,
      '',
    ];
    io.stdout(lines.join('\n'));
  }
  return 0;
}

/** `xborder explain --scenarios <zone>`: the scenarios of the zone's lists, with coverage and source. */
export function explainScenarios(zone: string, set: PackSet, lang: Lang, io: AppIO): number {
  const text = describeScenarios(zoneScenarios(set.packs, zone), lang, { entries: true });
  if (!text) {
    // As a manifest's zone id gets: the nearest zone that has a loaded list.
    const listed = ZONES.filter((z) => zoneScenarios(set.packs, z).length > 0);
    say(io.stderr, lang, MESSAGES.noZoneList(zone, closest(zone, listed), listed));
    return 2;
  }
  io.stdout(text);
  return 0;
}
