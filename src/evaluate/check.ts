/**
 * The check of one valid manifest: select the packs in force, read the earlier totals, derive facts, run the rules,
 * word their findings, add the checker's own, test an unstated prior, and assemble the verdict.
 */
import type { CompiledPack } from '../compile/compile-pack.js';
import type { Manifest } from '../model/manifest.js';
import { MECHANISM_RANK, type Bilingual, type Finding, type Verdict } from '../model/verdict.js';
import { isCheckableDate, yearOf } from '../util/dates.js';
import { addCheckerFindings, evaluationError, exemptionsUncounted, ledgerUnavailable, noPackInForce, priorUnstated, zoneWarnings } from './checker-findings.js';
import type { Decision } from './decide.js';
import { deriveFacts, statedTotals, withLedgerPrior, type PersonTotals } from './derive-facts.js';
import { changedMask, evaluateAt, type Evaluation } from './fire.js';
import type { PackSet } from './pack-set.js';
import { countingWindow, derivationParams, selectPacks, uncountedExemptions, type CountingWindow } from './select.js';
import { headroom } from './headroom.js';
import { applyWaivers, type Waiver } from './waivers.js';
import { taxonomyFor } from './taxonomy.js';
import { decidedFinding, nationalText, obligationOf, renderer, type Wording } from './wording.js';
import { notYetWarnings } from './not-yet.js';
import { unloadedListFindings, unloadedSectorFindings } from './unloaded-rules.js';
import { unconfirmedWarnings } from './unconfirmed.js';

export interface CheckOptions {
  /** Accepted risks (src/evaluate/waivers.ts), applied as of `today`. */
  waivers?: readonly Waiver[];
  /**
   * Today's date (YYYY-MM-DD), the caller's clock, never read here: for waiver expiry, and safeguards dated after it
   * are not yet in place (derive-facts.ts happenedBy). Without it every safeguard date is taken as written.
   */
  today?: string;
  /** Overrides manifest.date for rule selection and the counting window; safeguards are judged on manifest.date. */
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
   * different identities in the ledger, so its totals may be split) adds a review finding. `alreadyCounted` (this
   * transfer itself is among the counted records, left out of the totals) is not the checker's: a batch's tally reads it.
   */
  priorFor?: (m: Manifest, window: CountingWindow) => Promise<PersonTotals & { conflict?: string; uncounted?: PersonTotals; alreadyCounted?: boolean }>;
}

/**
 * A fail-closed verdict: the checker could not decide, so a person must (never pass). Its counts are totals, as any
 * verdict's are: this transfer plus the larger of priorThisYear and the ledger's prior when one was read, with
 * countsSource.
 */
function reviewVerdict(m: Manifest, base: Pick<Verdict, 'manifest' | 'source' | 'asOf'>, packs: Verdict['packs'], finding: Finding, opts: CheckOptions, ledgerPrior?: PersonTotals): Verdict {
  const { totals, countsSource } = statedTotals(m, yearOf(base.asOf), ledgerPrior);
  return locateAll({ ...base, verdict: 'review', mechanism: 'none', counts: totals, countsSource, obligations: [], packs, findings: [finding] }, opts);
}

/** Checks one valid manifest against the packs in force on its date. Never throws for manifest content. */
export async function checkManifest(m: Manifest, set: PackSet, opts: CheckOptions = {}): Promise<Verdict> {
  const asOf = opts.asOf ?? m.date;
  const base = { manifest: m.id, source: opts.source ?? '', asOf };
  // An asOf that is no real date, or later than any transfer date may be (a library caller's 9999-12-31), names no
  // rules anyone knows: an open-ended pack would take it for today's. The CLI and the service refuse it before this.
  if (opts.asOf !== undefined && !isCheckableDate(opts.asOf)) return reviewVerdict(m, base, [], noPackInForce(asOf), opts);
  const { national, targeted, zones, sectorUnknown } = selectPacks(set.packs, asOf, m.exporter.zone, m.exporter.region, m.exporter.sector,
    { items: m.data, scenario: m.purpose.scenario });
  if (!national) return reviewVerdict(m, base, [], noPackInForce(asOf), opts);
  const applied: [CompiledPack, ...CompiledPack[]] = [national, ...targeted, ...zones];
  const packs = applied.map(packRef);
  const taxonomy = taxonomyFor(applied);
  // Outside the try: an evaluation error after the ledger was read reports the totals it read.
  let ledgerPrior = opts.ledgerPrior;
  try {
    const window = countingWindow(national, asOf);
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
    for (const f of unloadedSectorFindings(m, targeted, asOf, facts.mechanisms.securityAssessment)) findings.push(f);
    /** Whether earlier totals of `prior` would make the rules ask more of this transfer than they do now. */
    const asksMore = async (prior: PersonTotals): Promise<boolean> => {
      const other = withLedgerPrior(derived, m, prior).facts;
      const then = await evaluateAt(set, ran, sectorUnknown, other, { actual, changed: changedMask(facts, other) });
      return then !== actual && stricter(then, actual);
    };
    // Earlier transfers nobody stated (no ledger; the manifest's priorThisYear covers the year of manifest.date only,
    // so not a window reaching into another year, nor the year of an --as-of in another year): the verdict is tested
    // again with earlier totals above every threshold, and is review if that would be stricter.
    const priorKnown = ledgerPrior !== undefined
      || (countsSource === 'manifest' && window.fromYear === window.toYear && window.toYear === yearOf(m.date));
    if (!priorKnown && m.personalInformation && !settled(decision, opts) && await asksMore(ABOVE_EVERY_THRESHOLD)) {
      findings.push(priorUnstated(window, m));
    }
    // Exempt transfers the ledger holds and does not count (the unconfirmed exemptionsNotCounted reading): if counting
    // them would ask more of this transfer, the verdict rests on that reading, so review, as a one-run batch gives.
    if (ledgerPrior && uncounted && (uncounted.individuals > 0 || uncounted.sensitiveIndividuals > 0) && m.personalInformation && !settled(decision, opts)
      && await asksMore({ individuals: ledgerPrior.individuals + uncounted.individuals, sensitiveIndividuals: ledgerPrior.sensitiveIndividuals + uncounted.sensitiveIndividuals })) {
      findings.push(exemptionsUncounted(uncounted, facts.totals, window));
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
    const warnings = warningsOf(w, findings, zones, asOf);
    for (const x of notYetWarnings(m, opts.today)) warnings.push(x);
    for (const x of unconfirmedWarnings(findings, applied)) warnings.push(x);
    if (warnings.length) verdict.warnings = warnings;
    return locateAll(opts.waivers?.length ? applyWaivers(verdict, m, opts.waivers, opts.today ?? asOf) : verdict, opts);
  } catch (err) {
    // Fail closed: an evaluation error yields review with the cause, never pass.
    return reviewVerdict(m, base, packs, evaluationError(err as Error), opts, ledgerPrior);
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

/** Headroom below thresholds, zones without a list, and an exempt transfer the ledger will not count. */
function warningsOf(w: Wording, findings: readonly Finding[], zones: readonly CompiledPack[], asOf: string): NonNullable<Verdict['warnings']> {
  const warnings: NonNullable<Verdict['warnings']> = [];
  warnings.push(...headroom(w.facts, w.national), ...zoneWarnings(w.m, zones, asOf));
  // Say so whenever the unconfirmed exemptionsNotCounted reading decides what the ledger will count.
  const uncounted = uncountedExemptions(w.national);
  if (findings.some((f) => f.outcome === 'pass' && uncounted.has(f.rule))) {
    warnings.push({ code: 'ledger.not-counted', message: nationalText(w, ['ledger.not-counted']) as Bilingual });
  }
  return warnings;
}

const packRef = (p: CompiledPack): Verdict['packs'][number] => ({ id: p.meta.id, version: p.meta.version, digest: p.digest });

function locateAll(v: Verdict, opts: CheckOptions): Verdict {
  if (!opts.locate) return v;
  for (const f of v.findings) {
    const pos = opts.locate(f.path);
    if (pos) [f.line, f.column] = [pos.line, pos.column];
  }
  return v;
}
