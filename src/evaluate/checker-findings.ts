/**
 * The checker's own findings (pack `xborder`, rules in BUILTIN_RULES) and its zone warning: what it says when it
 * cannot decide alone (no pack in force, an unreadable ledger, an evaluation error), and what it adds beside the
 * rules' findings (an unknown scenario, a zone of another region, an unstated sector or prior, a run that
 * contradicts a prior). Every finding here is review, never pass.
 */
import type { CompiledPack } from '../compile/compile-pack.js';
import type { Manifest } from '../model/manifest.js';
import { FAIL_CLOSED_CITATION, OUTCOME_RANK, type Bilingual, type Finding, type Verdict } from '../model/verdict.js';
import { ZONE_TITLES } from '../model/sectors.js';
import { ZONE_REGION } from '../model/zones.js';
import { knownListBinds, listLoaded } from './unloaded-rules.js';
import type { PersonTotals } from './derive-facts.js';
import type { CountingWindow } from './select.js';
import { groupDigits } from '../util/numbers.js';

/** Rule ids of the checker's own fail-closed findings (always review). */
export const BUILTIN_RULES = ['xborder.no-pack-in-force', 'xborder.no-decision', 'xborder.evaluation-error', 'xborder.ledger-unavailable', 'xborder.ledger-identity-conflict', 'xborder.unknown-scenario', 'xborder.zone-region-mismatch', 'xborder.sector-unstated', 'xborder.prior-unstated', 'xborder.exemptions-uncounted', 'xborder.run-undercount', 'xborder.zone-list-not-loaded', 'xborder.sector-rules-not-loaded'] as const;

/** The xborder-level finding used when the checker itself cannot decide: always review, never pass. */
function selfFinding(rule: string, message: Bilingual, path = ''): Finding {
  return { rule, pack: 'xborder', outcome: 'review', message, citation: FAIL_CLOSED_CITATION.en, citationZh: FAIL_CLOSED_CITATION.zh, path };
}

export function noPackInForce(asOf: string): Finding {
  return selfFinding('xborder.no-pack-in-force', {
    en: `No loaded national rule pack is in force on ${asOf}; a person must decide under the law of that date.`,
    zh: `${asOf}当日没有已加载的有效国家规则包，须人工依当时法律判断。`,
  }, '/date');
}

/** An error that also says itself in Chinese (the app translates the ledger's English errors; the core cannot). */
export type BilingualError = Error & { zh?: string };

export function ledgerUnavailable(err: BilingualError): Finding {
  return selfFinding('xborder.ledger-unavailable', {
    en: `The ledger could not be read (${err.message}); year-to-date totals are unknown, so a person must review this transfer.`,
    zh: `无法读取台账（${err.zh ?? err.message}），当年累计人数未知，须人工审查该数据出境。`,
  }, '/personalInformation');
}

export function evaluationError(err: Error): Finding {
  return selfFinding('xborder.evaluation-error', {
    en: `The rules could not be evaluated (${err.message}); a person must review this transfer.`,
    zh: `规则无法评估（${err.message}），须人工审查该数据出境。`,
  });
}

/** The checker's own findings about this manifest, after the rules' ones: always review, never pass. */
export function addCheckerFindings(findings: Finding[], m: Manifest, zones: readonly CompiledPack[], asOf: string, identityConflict: string | undefined, unstatedSector: Bilingual | undefined): void {
  const scenario = m.purpose.scenario;
  if (scenario !== undefined && !zones.some((z) => z.list?.scenarios.some((s) => s.id === scenario))) {
    findings.push(unknownScenario(scenario, zones, asOf));
    findings.sort((a, b) => OUTCOME_RANK[b.outcome] - OUTCOME_RANK[a.outcome]);
  }
  if (findings.length === 0) {
    findings.push(selfFinding('xborder.no-decision', {
      en: 'No rule decided this transfer; the applied packs do not cover it, so a person must review it.',
      zh: '没有规则对该数据出境作出判断，所适用的规则包未覆盖此情形，须人工审查。',
    }));
  }
  if (unstatedSector) {
    findings.push(selfFinding('xborder.sector-unstated', unstatedSector, '/exporter/sector'));
    findings.sort((a, b) => OUTCOME_RANK[b.outcome] - OUTCOME_RANK[a.outcome]);
  }
  if (identityConflict) findings.push(identityFinding(identityConflict));
  const zoneRegion = m.exporter.zone === undefined ? undefined : ZONE_REGION[m.exporter.zone];
  if (zoneRegion && zoneRegion !== m.exporter.region) findings.push(zoneRegionFinding(m.exporter.zone!, zoneRegion, m.exporter.region));
}

/** A scenario no applied list defines: the exporter believes a list applies that does not (wrong zone, date or typo). */
function unknownScenario(scenario: string, zones: readonly CompiledPack[], asOf: string): Finding {
  return selfFinding('xborder.unknown-scenario', {
    en: `Scenario ${scenario} is not a scenario of a zone list that binds this exporter on ${asOf} (${zones.map((z) => z.meta.id).join(', ') || 'no zone list applies'}); check the zone, the date and the scenario id (xborder zones lists them). The verdict follows the rules that do apply.`,
    zh: `所载业务场景不属于${asOf}对该出境方适用的任何试验区清单；请核对所在试验区、日期及场景标识（可用 xborder zones 命令查看）。结论按实际适用的规则作出。`,
  }, '/purpose/scenario');
}

/** The ledger links this exporter's name or USCC to another identity: its totals may be split, so a person decides. */
function identityFinding(conflict: string): Finding {
  const [en, zh] = conflict === 'name-with-several-usccs'
    ? ['The exporter name was recorded in the ledger with more than one USCC', '出境方名称在台账中对应多个统一社会信用代码']
    : ['The exporter USCC was recorded in the ledger with more than one name', '出境方统一社会信用代码在台账中对应多个名称'];
  return selfFinding('xborder.ledger-identity-conflict', {
    en: `${en}; the year-to-date totals of one company may be split, so a person must confirm who the exporter is (all linked transfers were counted).`,
    zh: `${zh}；同一公司的当年累计人数可能被拆分，须人工确认出境方身份（已合计所有关联记录）。`,
  }, '/exporter');
}

/** Registered in a zone of one region and in another region: which list binds the exporter is for a person to settle. */
function zoneRegionFinding(zone: string, zoneRegion: string, region: string): Finding {
  return selfFinding('xborder.zone-region-mismatch', {
    en: `The exporter is registered in the ${ZONE_TITLES[zone]?.en ?? zone} (${zoneRegion}) but its region is ${region}; a person must confirm where it is registered before the zone's list is relied on.`,
    zh: `出境方登记的试验区为${ZONE_TITLES[zone]?.zh ?? zone}（${zoneRegion}），但所在地区为${region}；须人工确认其登记地后方可适用该试验区清单。`,
  }, '/exporter/region');
}

/**
 * The exporter names a zone, but no loaded list of that zone binds it on the date: say so (it exempts nothing). Where
 * a list of the zone is known to bind then (KNOWN_LISTS), the words are those of xborder.zone-list-not-loaded, which
 * reviews it unless a valid security assessment is in place: the warning never says there is no list when there is.
 */
export function zoneWarnings(m: Manifest, zones: readonly CompiledPack[], asOf: string): { code: string; message: Bilingual }[] {
  const zone = m.exporter.zone;
  if (zone === undefined || listLoaded(zone, zones)) return [];
  const title = ZONE_TITLES[zone] ?? { en: zone, zh: zone };
  const message = knownListBinds(zone, asOf)
    ? {
      en: `A list of the ${title.en} binds this exporter on ${asOf}, but no loaded rule pack encodes it (the bundled rules/ hold it), so it exempts nothing here: a person checks the items against it (xborder.zone-list-not-loaded) unless a valid security assessment covers the transfer.`,
      zh: `${asOf}适用于该出境方的${title.zh}清单未被任何已加载的规则包收录（内置规则包已收录），不据此豁免；除已有有效的安全评估外，须人工对照清单核对（xborder.zone-list-not-loaded）。`,
    }
    : {
      en: `No list of the ${title.en} is encoded for ${asOf} (not published, not in force, or not yet in xborder's packs), so it exempts nothing here: the national rules, and any other list shown, decided.`,
      zh: `${asOf}没有已收录的${title.zh}清单（未发布、不在有效期内或尚未收录），不据此豁免；结论依国家规定及所列其他清单作出。`,
    };
  return [{ code: 'zone-list-not-encoded', message }];
}

export function priorUnstated(window: CountingWindow, m: Manifest): Finding {
  // `year`: the one priorThisYear speaks of (manifest.date's), which an --as-of in another year does not change.
  const [from, year] = [window.fromYear, m.date.slice(0, 4)];
  const unstated = window.fromYear === window.toYear && m.personalInformation?.priorThisYear === undefined
    ? { en: `Earlier transfers since 1 January ${from} are not stated (personalInformation.priorThisYear) and no ledger was read`, zh: `未申报自${from}年1月1日起此前的出境数量（personalInformation.priorThisYear），也未读取台账` }
    : { en: `The rules in force count transfers since 1 January ${from}, and no ledger was read (the manifest's priorThisYear covers ${year} only)`, zh: `当时有效的规则自${from}年1月1日起累计计算，而未读取台账（出境说明的 priorThisYear 只涵盖${year}年）` };
  return selfFinding('xborder.prior-unstated', {
    en: `${unstated.en}: they are counted as none, yet enough of them would make this transfer need more than this verdict says. State the earlier totals (0 when there were none), or check with --ledger.`,
    zh: `${unstated.zh}：此处按零计算，但此前出境较多时，本次出境的要求将高于本结论。请填写此前的累计人数（没有则填 0），或使用 --ledger 检查。`,
  }, '/personalInformation');
}

/**
 * The ledger's exempt transfers of the counting window that it does not count (the national pack's
 * exemptionsNotCounted, an unconfirmed reading: zone-lists.md §5 item 11) would, counted, make this transfer need more
 * than the verdict says: it rests on an unsourced reading, so a person decides (a one-run batch counts them too).
 */
export function exemptionsUncounted(uncounted: PersonTotals, counted: PersonTotals, window: CountingWindow): Finding {
  const fmt = groupDigits;
  const [all, sensitive] = [counted.individuals + uncounted.individuals, counted.sensitiveIndividuals + uncounted.sensitiveIndividuals];
  // The 2022 measures count over the previous and the current year, and so does the ledger's sum.
  const when = window.fromYear === window.toYear
    ? { en: `in ${window.toYear}`, zh: `${window.toYear}年` }
    : { en: `in ${window.fromYear}-${window.toYear}`, zh: `${window.fromYear}年至${window.toYear}年` };
  return selfFinding('xborder.exemptions-uncounted', {
    en: `The ledger holds ${fmt(uncounted.individuals)} individuals (${fmt(uncounted.sensitiveIndividuals)} with sensitive PI) sent abroad ${when.en} under Art 5(1)-(3) exemptions, which it does not count (the unconfirmed exemptionsNotCounted setting). Counted, the totals would be ${fmt(all)} (${fmt(sensitive)} sensitive) and this transfer would need more than this verdict says; no source settles which reading is right, so a person must decide.`,
    zh: `台账中${when.zh}另有${fmt(uncounted.individuals)}人（其中敏感个人信息${fmt(uncounted.sensitiveIndividuals)}人）依第五条第一至三项豁免情形出境，未计入累计人数（依尚未确认的参数设置）。如计入，累计为${fmt(all)}人（敏感${fmt(sensitive)}人），本次出境的要求将高于本结论；尚无来源明确应采哪一种理解，须人工判断。`,
  }, '/personalInformation');
}

/** A manifest of the same run, as a run-undercount finding names it. */
export interface RunRef { id: string; source: string }

/** Where a run-undercount finding points: the earlier totals it contradicts, or (a link-only manifest) the USCC that linked. */
export const PRIOR_POINTER = '/personalInformation/priorThisYear';
export const LINK_POINTER = '/exporter/uscc';

/**
 * What one run holds against a manifest's earlier totals (src/batch/tally.ts): `earlier`, transfers of the same
 * exporter and year before it in the input and dated on or before it, more than its prior says; `later`, passes
 * before it in the input, dated on or after it, whose prior this transfer contradicts; `untracked`, a run too large
 * to compare.
 */
export interface RunUndercount {
  earlier?: { count: number; named: readonly RunRef[]; totals: PersonTotals; ledger?: PersonTotals; prior: PersonTotals; would?: { verdict: Verdict['verdict']; mechanism: Verdict['mechanism'] } };
  later?: readonly RunRef[];
  /** Passes written earlier that this manifest (one without personal information) showed to be of its exporter. */
  linked?: readonly RunRef[];
  untracked?: true;
}

const n = groupDigits;
// The report's labels (src/report/labels.ts) are a layer above; these few words are the finding's own.
const VERDICT_ZH: Record<Verdict['verdict'], string> = { pass: '通过', review: '需人工审查', fail: '不通过' };
const MECHANISM_ZH: Record<Verdict['mechanism'], string> = { none: '无需机制', 'contract-or-certification': '标准合同或认证', 'security-assessment': '安全评估', prohibited: '不得出境' };
const refs = (xs: readonly RunRef[]): string => xs.map((x) => `${x.id} (${x.source})`).join(', ');

/** The run contradicts the earlier totals a verdict rests on: review (the checker never passes what it cannot decide). */
export function runUndercount(u: RunUndercount): Finding {
  const en: string[] = [];
  const zh: string[] = [];
  const e = u.earlier;
  if (e) {
    const more = e.count > e.named.length ? `, and ${n(e.count - e.named.length)} more` : '';
    const ledger = e.ledger ? { en: ` on top of the ledger's ${n(e.ledger.individuals)} (${n(e.ledger.sensitiveIndividuals)})`, zh: `（另加台账记录的${n(e.ledger.individuals)}人、敏感${n(e.ledger.sensitiveIndividuals)}人）` } : { en: '', zh: '' };
    const would = !e.would ? { en: '', zh: '' }
      : e.would.verdict === 'pass'
        ? { en: ` Counted with them, this transfer falls under ${e.would.mechanism}, in place here, with duties this verdict does not list.`, zh: `计入后，本次出境适用${MECHANISM_ZH[e.would.mechanism]}（已具备），但另有本结论未列出的义务。` }
        : { en: ` Counted with them, this transfer's verdict would be ${e.would.verdict} (mechanism: ${e.would.mechanism}).`, zh: `计入后，本次出境的结论将为${VERDICT_ZH[e.would.verdict]}（机制：${MECHANISM_ZH[e.would.mechanism]}）。` };
    en.push(`This run holds ${e.count === 1 ? 'another transfer' : `${n(e.count)} other transfers`} of the same exporter in its counting period dated on or before this one (${refs(e.named)}${more}): ${n(e.totals.individuals)} individuals, ${n(e.totals.sensitiveIndividuals)} with sensitive PI${ledger.en}, more than the ${n(e.prior.individuals)} (${n(e.prior.sensitiveIndividuals)} sensitive) this verdict counts as earlier in the period.${would.en}`);
    zh.push(`本批检查中另有同一出境方在累计期间内、日期不晚于本次的${n(e.count)}次出境（${refs(e.named)}${e.count > e.named.length ? '等' : ''}），共${n(e.totals.individuals)}人、敏感个人信息${n(e.totals.sensitiveIndividuals)}人${ledger.zh}，多于本结论按累计期间内此前出境计算的${n(e.prior.individuals)}人（敏感${n(e.prior.sensitiveIndividuals)}人）。${would.zh}`);
  }
  if (u.later?.length) {
    en.push(`Earlier in this run, ${refs(u.later)}, of the same exporter, counting this transfer's period and dated on or after it, was judged on earlier totals that do not include it and the other transfers of this run before its date: that verdict rests on a figure this run contradicts.`);
    zh.push(`本批检查中较早检查的${refs(u.later)}（同一出境方、累计期间包括本次、日期不早于本次）所依据的此前累计人数未包括本次及本批中其日期之前的其他出境，其结论与本批内容相互矛盾。`);
  }
  if (u.linked?.length) {
    en.push(`This manifest gives the exporter's name and USCC together, which shows that ${refs(u.linked)}, checked earlier in this run, is of the same exporter as transfers of this run it did not count: that verdict rests on a figure this run contradicts.`);
    zh.push(`本出境说明同时载明出境方名称和统一社会信用代码，据此可知本批检查中较早检查的${refs(u.linked)}与本批其他出境属同一出境方，但其结论未计入这些出境，与本批内容相互矛盾。`);
  }
  if (u.untracked) {
    en.push('This run holds too many transfers to compare each with the others of its exporter and counting period.');
    zh.push('本批检查的出境记录过多，无法逐一与同一出境方累计期间内的其他出境核对。');
  }
  // A manifest without personal information (only `linked`) has no totals of its own to correct: it points at the USCC
  // that linked the exporter, and the totals to confirm are the named manifests'.
  if (u.linked?.length) {
    return selfFinding('xborder.run-undercount', {
      en: `${en.join(' ')} A person must confirm the totals of the named manifests: correct their priorThisYear, or record the transfers in a ledger and check with --ledger.`,
      zh: `${zh.join('')}须人工核实上述出境说明的累计人数：请更正其 priorThisYear，或将各次出境记入台账后使用 --ledger 检查。`,
    }, LINK_POINTER);
  }
  return selfFinding('xborder.run-undercount', {
    en: `${en.join(' ')} A person must confirm the totals of the counting period: correct priorThisYear, or record the transfers in a ledger and check with --ledger.`,
    zh: `${zh.join('')}须人工核实累计期间内的人数：请更正 priorThisYear，或将各次出境记入台账后使用 --ledger 检查。`,
  }, PRIOR_POINTER);
}
