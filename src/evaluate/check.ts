import type { CompiledPack } from '../compile/compile-pack.js';
import { render } from '../compile/templates.js';
import type { Manifest } from '../model/manifest.js';
import type { MessageKey } from '../model/pack.js';
import { FAIL_CLOSED_CITATION, MECHANISM_RANK, OUTCOME_RANK, type Bilingual, type Finding, type Obligation, type Verdict } from '../model/verdict.js';
import { SECTOR_TITLES, ZONE_TITLES } from '../model/sectors.js';
import { FACTS } from '../compile/facts.js';
import { fromDay, yearOf } from '../util/dates.js';
import type { Decision, Fired } from './decide.js';
import { deriveFacts, withLedgerPrior, type Facts, type PersonTotals } from './derive-facts.js';
import { changedMask, evaluateAt, type Evaluation } from './fire.js';
import { status } from './mechanisms.js';
import type { PackSet } from './pack-set.js';
import { pointerFor } from './reasons.js';
import { countingWindow, derivationParams, selectPacks, uncountedExemptions, type CountingWindow } from './select.js';
import { headroom, notCounted } from './headroom.js';
import { applyWaivers, type Waiver } from './waivers.js';
import { taxonomyFor, type Taxonomy } from './taxonomy.js';
import { closestFew } from '../validate/suggest.js';
import { ZONE_REGION } from '../model/zones.js';
import { broken } from '../util/broken.js';
import { notYetWarnings } from './not-yet.js';
import { unloadedListFindings } from './unloaded-lists.js';
import { groupDigits } from '../util/numbers.js';

export interface CheckOptions {
  /** Accepted risks (src/evaluate/waivers.ts), applied as of `today`. */
  waivers?: readonly Waiver[];
  /**
   * Today's date (YYYY-MM-DD), the caller's clock, never read here: for waiver expiry, and safeguards dated after it
   * are not yet in place (derive-facts.ts happenedBy). Without it every safeguard date is taken as written.
   */
  today?: string;
  /** Overrides manifest.date for rule selection and validity clocks. */
  asOf?: string;
  /** Prior totals from the ledger for the counting window (the larger of ledger and manifest counts). */
  ledgerPrior?: PersonTotals;
  /** Where the manifest came from, for the report. */
  source?: string;
  /** JSON pointer → 1-based position in the source text. */
  locate?: (pointer: string) => { line: number; column: number } | undefined;
  /** Include every evaluated condition in findings (explain mode). */
  explain?: boolean;
  /**
   * Reads prior totals for the exporter over the counting window (the ledger). Injected so the core does no I/O;
   * a failure makes the verdict review, never pass. A `conflict` (the exporter's name and USCC are linked to
   * different identities in the ledger, so its totals may be split) adds a review finding.
   */
  priorFor?: (m: Manifest, window: CountingWindow) => Promise<PersonTotals & { conflict?: string; uncounted?: PersonTotals }>;
}

/** Rule ids of the checker's own fail-closed findings (always review). */
export const BUILTIN_RULES = ['xborder.no-pack-in-force', 'xborder.no-decision', 'xborder.evaluation-error', 'xborder.ledger-unavailable', 'xborder.ledger-identity-conflict', 'xborder.unknown-scenario', 'xborder.zone-region-mismatch', 'xborder.sector-unstated', 'xborder.prior-unstated', 'xborder.run-undercount', 'xborder.zone-list-not-loaded'] as const;

const zeroCounts = (m: Manifest) => ({ individuals: m.personalInformation?.individuals ?? 0, sensitiveIndividuals: m.personalInformation?.sensitiveIndividuals ?? 0 });

/** The xborder-level finding used when the checker itself cannot decide: always review, never pass. */
function selfFinding(rule: string, message: Bilingual, path = ''): Finding {
  return { rule, pack: 'xborder', outcome: 'review', message, citation: FAIL_CLOSED_CITATION.en, citationZh: FAIL_CLOSED_CITATION.zh, path };
}

/** A fail-closed verdict: the checker could not decide, so a person must (never pass). */
function reviewVerdict(m: Manifest, base: Pick<Verdict, 'manifest' | 'source' | 'asOf'>, packs: Verdict['packs'], finding: Finding, opts: CheckOptions): Verdict {
  return locateAll({ ...base, verdict: 'review', mechanism: 'none', counts: zeroCounts(m), obligations: [], packs, findings: [finding] }, opts);
}

/** Checks one valid manifest against the packs in force on its date. Never throws for manifest content. */
export async function checkManifest(m: Manifest, set: PackSet, opts: CheckOptions = {}): Promise<Verdict> {
  const asOf = opts.asOf ?? m.date;
  const base = { manifest: m.id, source: opts.source ?? '', asOf };
  const { national, targeted, zones, sectorUnknown } = selectPacks(set.packs, asOf, m.exporter.zone, m.exporter.region, m.exporter.sector,
    { items: m.data, scenario: m.purpose.scenario });
  if (!national) return reviewVerdict(m, base, [], noPackInForce(asOf), opts);
  const applied: [CompiledPack, ...CompiledPack[]] = [national, ...targeted, ...zones];
  const packs = applied.map(packRef);
  const taxonomy = taxonomyFor(applied);
  try {
    const window = countingWindow(national, asOf);
    let ledgerPrior = opts.ledgerPrior;
    let identityConflict: string | undefined;
    let uncounted: PersonTotals | undefined;
    if (opts.priorFor) {
      try {
        const { conflict, uncounted: left, ...prior } = await opts.priorFor(m, window);
        [ledgerPrior, identityConflict, uncounted] = [prior, conflict, left];
      } catch (err) {
        return reviewVerdict(m, base, packs, ledgerUnavailable(err as Error), opts);
      }
    }
    const derived = deriveFacts(m, asOf, taxonomy, derivationParams(national), ledgerPrior, opts.today);
    const { facts, countsSource } = derived;
    // The sector packs an unstated sector leaves out run too, only for xborder.sector-unstated (sector-unstated.ts).
    const ran = sectorUnknown.length ? [...applied, ...sectorUnknown] : applied;
    const actual = await evaluateAt(set, ran, sectorUnknown, facts);
    const { decision, unstatedSector } = actual;
    const w: Wording = { m, facts, taxonomy, national, fillIn: renderer(facts, applied), explain: Boolean(opts.explain) };
    // Filled by push, not map: an array that starts empty from map() changes its elements kind on the first push
    // (a rare case in a corpus), and each such change deoptimised checkManifest and compiled it again.
    const findings: Finding[] = [];
    for (const d of decision.findings) findings.push(decidedFinding(w, d));
    addCheckerFindings(findings, m, zones, asOf, identityConflict, unstatedSector);
    for (const f of unloadedListFindings(m, zones, asOf, facts.mechanisms.securityAssessment)) findings.push(f);
    // Earlier transfers nobody stated (no ledger; the manifest's priorThisYear covers the year of manifest.date only,
    // so not a window reaching into another year, nor the year of an --as-of in another year): the verdict is tested
    // again with earlier totals above every threshold, and is review if that would be stricter.
    const priorKnown = ledgerPrior !== undefined
      || (countsSource === 'manifest' && window.fromYear === window.toYear && window.toYear === yearOf(m.date));
    if (!priorKnown && m.personalInformation && !settled(decision, opts)) {
      const far = withLedgerPrior(derived, m, ABOVE_EVERY_THRESHOLD).facts;
      const worst = await evaluateAt(set, ran, sectorUnknown, far, { actual, changed: changedMask(facts, far) });
      if (worst !== actual && stricter(worst, actual)) findings.push(priorUnstated(window, m));
    }
    const verdict: Verdict = {
      ...base,
      verdict: findings.some((f) => f.outcome === 'fail') ? 'fail' : findings.some((f) => f.outcome === 'review') ? 'review' : 'pass',
      mechanism: decision.mechanism,
      counts: { ...facts.totals },
      countsSource,
      findings,
      obligations: decision.obligations.map((f) => obligationOf(w, f)),
      // The sector packs that ran for xborder.sector-unstated decided that review: the evidence names them too.
      // (`ran`, not a spread of `packs`: map's result has another elements kind once optimised, a deopt when rare.)
      packs: unstatedSector ? ran.map(packRef) : packs,
    };
    if (decision.exempted.length) verdict.exempted = decision.exempted;
    const warnings = warningsOf(w, findings, zones, asOf, window, uncounted);
    for (const x of notYetWarnings(m, opts.today)) warnings.push(x);
    if (warnings.length) verdict.warnings = warnings;
    return locateAll(opts.waivers?.length ? applyWaivers(verdict, m, opts.waivers, opts.today ?? asOf) : verdict, opts);
  } catch (err) {
    // Fail closed: an evaluation error yields review with the cause, never pass.
    return reviewVerdict(m, base, packs, evaluationError(err as Error), opts);
  }
}

/**
 * Nothing earlier transfers could add to: a fail at the strictest mechanism with no waiver that could set it aside
 * (a waived finding leaves the others to decide, so with waivers the test runs).
 */
const settled = (d: Decision, opts: CheckOptions): boolean =>
  !opts.waivers?.length && MECHANISM_RANK[d.mechanism] >= MECHANISM_RANK['security-assessment'] && d.findings.some((f) => f.outcome === 'fail');

/** Earlier totals larger than any threshold a pack may set, still exact as integers once this transfer is added. */
const ABOVE_EVERY_THRESHOLD: PersonTotals = { individuals: 1e12, sensitiveIndividuals: 1e12 };

/**
 * Whether `worst` asks more than `actual`: a finding that does not pass which `actual` does not have, the sector
 * question, or a stricter mechanism not already in place. (More people abroad never relaxes a rule, so an answer the same at the far
 * end is the same at every total in between.)
 */
function stricter(worst: Evaluation, actual: Evaluation): boolean {
  if (worst.unstatedSector && !actual.unstatedSector) return true;
  const open = new Set(actual.decision.findings.filter((f) => f.outcome !== 'pass').map((f) => f.fired.rule.id));
  if (worst.decision.findings.some((f) => f.outcome !== 'pass' && !open.has(f.fired.rule.id))) return true;
  if (MECHANISM_RANK[worst.decision.mechanism] <= MECHANISM_RANK[actual.decision.mechanism]) return false;
  // A stricter mechanism that is already in place (a valid security assessment) asks nothing more, unless it brings
  // duties the verdict does not list (filing a contract, re-declaring an assessment).
  const duties = new Set(actual.decision.obligations.map((o) => o.rule.id));
  return worst.decision.obligations.some((o) => !duties.has(o.rule.id));
}

function priorUnstated(window: CountingWindow, m: Manifest): Finding {
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

/** A manifest of the same run, as a run-undercount finding names it. */
export interface RunRef { id: string; source: string }

/**
 * What one run holds against a manifest's earlier totals (src/batch/tally.ts): `earlier`, transfers of the same
 * exporter and year before it in the input and dated on or before it, more than its prior says; `later`, passes
 * before it in the input, dated on or after it, whose prior this transfer contradicts; `untracked`, a run too large
 * to compare.
 */
export interface RunUndercount {
  earlier?: { count: number; named: readonly RunRef[]; totals: PersonTotals; ledger?: PersonTotals; prior: PersonTotals; would?: { verdict: Verdict['verdict']; mechanism: Verdict['mechanism'] } };
  later?: readonly RunRef[];
  untracked?: true;
}

const n = groupDigits;
// The report's labels (src/report/labels.ts) are a layer above; these few words are the finding's own.
const VERDICT_ZH: Record<Verdict['verdict'], string> = { pass: '通过', review: '须人工审查', fail: '不通过' };
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
    const would = e.would ? { en: ` Counted with them, this transfer's verdict would be ${e.would.verdict} (mechanism: ${e.would.mechanism}).`, zh: `计入后，本次出境的结论将为${VERDICT_ZH[e.would.verdict]}（机制：${MECHANISM_ZH[e.would.mechanism]}）。` } : { en: '', zh: '' };
    en.push(`This run holds ${e.count === 1 ? 'another transfer' : `${n(e.count)} other transfers`} of the same exporter in the same year dated on or before this one (${refs(e.named)}${more}): ${n(e.totals.individuals)} individuals, ${n(e.totals.sensitiveIndividuals)} with sensitive PI${ledger.en}, more than the ${n(e.prior.individuals)} (${n(e.prior.sensitiveIndividuals)} sensitive) this verdict counts as earlier this year.${would.en}`);
    zh.push(`本批检查中另有同一出境方同年、日期不晚于本次的${n(e.count)}次出境（${refs(e.named)}${e.count > e.named.length ? '等' : ''}），共${n(e.totals.individuals)}人、敏感个人信息${n(e.totals.sensitiveIndividuals)}人${ledger.zh}，多于本结论按当年此前出境计算的${n(e.prior.individuals)}人（敏感${n(e.prior.sensitiveIndividuals)}人）。${would.zh}`);
  }
  if (u.later?.length) {
    en.push(`Earlier in this run, ${refs(u.later)}, of the same exporter and year and dated on or after this transfer, passed on earlier totals that do not include it and the other transfers of this run before its date: that pass rests on a figure this run contradicts.`);
    zh.push(`本批检查中较早检查的${refs(u.later)}（同一出境方、同年、日期不早于本次）所依据的此前累计人数未包括本次及本批中其日期之前的其他出境，其"通过"结论与本批内容相互矛盾。`);
  }
  if (u.untracked) {
    en.push('This run holds too many transfers to compare each with the others of its exporter and year.');
    zh.push('本批检查的出境记录过多，无法逐一与同一出境方同年的其他出境核对。');
  }
  return selfFinding('xborder.run-undercount', {
    en: `${en.join(' ')} A person must confirm the year's totals: correct priorThisYear, or record the transfers in a ledger and check with --ledger.`,
    zh: `${zh.join('')}须人工核实当年累计人数：请更正 priorThisYear，或将各次出境记入台账后使用 --ledger 检查。`,
  }, '/personalInformation/priorThisYear');
}

const packRef = (p: CompiledPack): Verdict['packs'][number] => ({ id: p.meta.id, version: p.meta.version, digest: p.digest });

type Fill = (text: Bilingual, packId: string) => Bilingual;

/** What wording a finding needs: one per manifest, so the steps below share it instead of closures. */
interface Wording {
  m: Manifest;
  facts: Facts;
  taxonomy: Taxonomy;
  national: CompiledPack;
  fillIn: Fill;
  explain: boolean;
}

/** The national pack's sentences for these message keys, joined (undefined for none). */
function nationalText(w: Wording, keys: readonly MessageKey[]): Bilingual | undefined {
  if (keys.length === 0) return undefined;
  const { national } = w;
  // Joined in a loop: chained map/join saw arrays of two elements kinds (map's result differs once optimised) and
  // deoptimised this function and the ones it is inlined in.
  let en = '';
  let zh = '';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const t = w.fillIn(national.messages[k] ?? broken(`pack ${national.meta.id} lacks message "${k}"`), national.meta.id);
    en += i ? ` ${t.en}` : t.en;
    zh += t.zh;
  }
  return { en, zh };
}

/** A decided rule as a finding; a requirement's message also says the state of its mechanism, or what met it. */
function decidedFinding(w: Wording, { fired: f, outcome, metBy, reviewBy }: Decision['findings'][number]): Finding {
  if (f.rule.kind !== 'requirement') return toFinding(w, f, outcome);
  // Met by another route (the GBA contract): its own finding words it; the national state would not apply.
  if (metBy) return toFinding(w, f, outcome, { en: `Met by: ${metBy.rule.title.en} (${metBy.rule.id}).`, zh: `已通过以下途径满足：${metBy.rule.title.zh}。` });
  const state = nationalText(w, status(f.rule.mechanism, w.facts.mechanisms, outcome === 'pass'));
  // Review because of that route (filed late, onward transfer unstated): say so, not that a zone list may exempt it.
  if (reviewBy) {
    return toFinding(w, f, outcome, {
      en: `${state?.en ?? ''} Not met until a person confirms the other route: ${reviewBy.rule.title.en} (${reviewBy.rule.id}).`.trim(),
      zh: `${state?.zh ?? ''}另一途径须经人工确认：${reviewBy.rule.title.zh}。`,
    });
  }
  // Downgraded by a zone scenario encoded in part (decide.ts): say why this is review, not fail.
  const mayBeExempt = outcome === 'review' && f.rule.outcome === 'fail';
  return toFinding(w, f, outcome, mayBeExempt ? {
    en: `${state?.en ?? ''} The zone list may exempt this (see the scenario finding); until that is confirmed, this mechanism is the safe route.`.trim(),
    zh: `${state?.zh ?? ''}试验区清单可能豁免此项（见业务场景相关结论）；确认之前，按此机制办理最为稳妥。`,
  } : state);
}

/** A fired rule as a finding: its message (with `extra` after it), citation, the manifest field behind it. */
function toFinding(w: Wording, f: Fired, outcome: Finding['outcome'], extra?: Bilingual): Finding {
  const { m, taxonomy } = w;
  const reasons = f.reasons();
  const subject = f.rule.subject
    ? reasons.find((r) => r.fact === f.rule.subject) ?? { fact: f.rule.subject, expected: undefined }
    : reasons.findLast((r) => r.held === true) ?? reasons[0];
  const path = subject ? pointerFor(subject.fact, subject.expected, m, taxonomy) : '';
  const msg = w.fillIn(f.rule.message, f.rule.pack);
  if (f.rule.subject === 'data.unknownCategories') extra = joined(extra, didYouMean(w.facts.data.unknownCategories, w.taxonomy));
  const finding: Finding = {
    rule: f.rule.id, pack: f.rule.pack, outcome, message: extra ? { en: `${msg.en} ${extra.en}`, zh: `${msg.zh}${extra.zh}` } : msg,
    citation: f.rule.citation, path,
  };
  if (f.rule.citationZh) finding.citationZh = f.rule.citationZh;
  if (f.rule.kind === 'requirement' || f.rule.kind === 'exemption' || f.rule.kind === 'alternative') finding.mechanism = f.rule.mechanism;
  if (f.rule.action && outcome !== 'pass') finding.action = w.fillIn(f.rule.action, f.rule.pack);
  if (w.explain) finding.reasons = reasons.map((r) => ({ ...r, path: pointerFor(r.fact, r.expected, m, taxonomy) }));
  return finding;
}

const joined = (a: Bilingual | undefined, b: Bilingual | undefined): Bilingual | undefined =>
  (a && b ? { en: `${a.en} ${b.en}`, zh: `${a.zh}${b.zh}` } : a ?? b);

/** Most unknown ids a suggestion looks at: each costs an edit distance to every taxonomy id. */
const MAX_SUGGESTED = 10;

/**
 * The closest defined ids (at most 3 each) for the unknown categories, most likely typos: not legal wording, so
 * made here rather than in the pack's message. The finding stays review whatever is suggested.
 */
function didYouMean(unknown: readonly string[], taxonomy: Taxonomy): Bilingual | undefined {
  const parts: { id: string; near: string[] }[] = [];
  for (const id of unknown.slice(0, MAX_SUGGESTED)) {
    const near = closestFew(id, taxonomy.ids(), 3);
    if (near.length) parts.push({ id, near });
  }
  if (!parts.length) return undefined;
  return {
    en: `Did you mean ${parts.map((p) => `${p.near.join(' or ')} (for ${p.id})`).join('; ')}?`,
    zh: `是否应为 ${parts.map((p) => `${p.near.join(' 或 ')}（对应 ${p.id}）`).join('；')}？`,
  };
}

function obligationOf(w: Wording, f: Fired): Obligation {
  return { rule: f.rule.id, message: w.fillIn(f.rule.message, f.rule.pack), citation: f.rule.citation, ...(f.rule.citationZh ? { citationZh: f.rule.citationZh } : {}) };
}

/** The checker's own findings about this manifest, after the rules' ones: always review, never pass. */
function addCheckerFindings(findings: Finding[], m: Manifest, zones: readonly CompiledPack[], asOf: string, identityConflict: string | undefined, unstatedSector: Bilingual | undefined): void {
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

/** Headroom below thresholds, zones without a list, and the ledger's not-counted exemptions. */
function warningsOf(w: Wording, findings: readonly Finding[], zones: readonly CompiledPack[], asOf: string, window: CountingWindow, priorUncounted?: PersonTotals): NonNullable<Verdict['warnings']> {
  const warnings: NonNullable<Verdict['warnings']> = [];
  // Also when exempt transfers the ledger does not count would bring this verdict's totals to a threshold.
  warnings.push(...headroom(w.facts, w.national), ...zoneWarnings(w.m, zones, asOf), ...(priorUncounted ? notCounted(w.facts, w.national, priorUncounted, window) : []));
  // Say so whenever the unconfirmed exemptionsNotCounted reading decides what the ledger will count.
  const uncounted = uncountedExemptions(w.national);
  if (findings.some((f) => f.outcome === 'pass' && uncounted.has(f.rule))) {
    warnings.push({ code: 'ledger.not-counted', message: nationalText(w, ['ledger.not-counted']) as Bilingual });
  }
  return warnings;
}

function noPackInForce(asOf: string): Finding {
  return selfFinding('xborder.no-pack-in-force', {
    en: `No loaded national rule pack is in force on ${asOf}; a person must decide under the law of that date.`,
    zh: `${asOf}当日没有已加载的有效国家规则包，须人工依当时法律判断。`,
  }, '/date');
}

function ledgerUnavailable(err: Error): Finding {
  return selfFinding('xborder.ledger-unavailable', {
    en: `The ledger could not be read (${err.message}); year-to-date totals are unknown, so a person must review this transfer.`,
    zh: `无法读取台账（${err.message}），当年累计人数未知，须人工审查该数据出境。`,
  }, '/personalInformation');
}

function evaluationError(err: Error): Finding {
  return selfFinding('xborder.evaluation-error', {
    en: `The rules could not be evaluated (${err.message}); a person must review this transfer.`,
    zh: `规则无法评估（${err.message}），须人工审查该数据出境。`,
  });
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

/** The exporter names a zone, but no list of that zone binds it on the date: say so (national rules decided). */
function zoneWarnings(m: Manifest, zones: readonly CompiledPack[], asOf: string): { code: string; message: Bilingual }[] {
  const zone = m.exporter.zone;
  if (zone === undefined || zones.some((p) => p.meta.scope.kind === 'zone' && p.meta.scope.zone === zone)) return [];
  const title = ZONE_TITLES[zone] ?? { en: zone, zh: zone };
  return [{
    code: 'zone-list-not-encoded',
    message: {
      en: `No list of the ${title.en} is encoded for ${asOf} (not published, not in force, or not yet in xborder's packs), so it exempts nothing here: the national rules, and any other list shown, decided.`,
      zh: `${asOf}没有已收录的${title.zh}清单（未发布、不在有效期内或尚未收录），不据此豁免；结论依国家规定及所列其他清单作出。`,
    },
  }];
}

/** Registered in a zone of one region and in another region: which list binds the exporter is for a person to settle. */
function zoneRegionFinding(zone: string, zoneRegion: string, region: string): Finding {
  return selfFinding('xborder.zone-region-mismatch', {
    en: `The exporter is registered in the ${ZONE_TITLES[zone]?.en ?? zone} (${zoneRegion}) but its region is ${region}; a person must confirm where it is registered before the zone's list is relied on.`,
    zh: `出境方登记的试验区为${ZONE_TITLES[zone]?.zh ?? zone}（${zoneRegion}），但所在地区为${region}；须人工确认其登记地后方可适用该试验区清单。`,
  }, '/exporter/region');
}


/**
 * Fills `{{fact}}` and `{{param.x}}` placeholders with the values this manifest produced. Chinese text gets the
 * titles of machine values (sector, zone, scenario ids), never the ids. Built per manifest, so it does no work
 * until a template has a placeholder (most have none).
 */
function renderer(facts: Facts, packs: readonly CompiledPack[]): Fill {
  const groups = facts as unknown as Record<string, Record<string, unknown>>;
  let params: Readonly<Record<string, unknown>> | undefined;
  const value = (name: string, lang: 'en' | 'zh'): unknown => {
    if (name.startsWith('param.')) return params?.[name.slice(6)];
    const fact = FACTS[name];
    if (!fact) return undefined;
    const dot = name.indexOf('.');
    const v = groups[name.slice(0, dot)]?.[name.slice(dot + 1)];
    if (lang === 'zh' && typeof v === 'string') {
      const title = name === 'purpose.scenario' ? scenarioTitle(packs, v) : TITLES[name]?.[v];
      if (title) return title.zh;
    }
    return fact.type === 'date' && typeof v === 'number' ? fromDay(v) : v;
  };
  const en = (name: string): unknown => value(name, 'en');
  const zh = (name: string): unknown => value(name, 'zh');
  return (text, packId) => {
    params = packs.find((p) => p.meta.id === packId)?.params;
    return { en: render(text.en, 'en', en), zh: render(text.zh, 'zh', zh) };
  };
}

const TITLES: Readonly<Record<string, Readonly<Record<string, Bilingual>>>> = { 'exporter.sector': SECTOR_TITLES, 'exporter.zone': ZONE_TITLES };

function scenarioTitle(packs: readonly CompiledPack[], id: string): Bilingual | undefined {
  for (const p of packs) {
    const s = p.list?.scenarios.find((x) => x.id === id);
    if (s) return s.title;
  }
  return undefined;
}

function locateAll(v: Verdict, opts: CheckOptions): Verdict {
  if (!opts.locate) return v;
  for (const f of v.findings) {
    const pos = opts.locate(f.path);
    if (pos) [f.line, f.column] = [pos.line, pos.column];
  }
  return v;
}

export type { Taxonomy };
