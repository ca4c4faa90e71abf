/**
 * What the run's tally (tally.ts) needs of one checked manifest, made where it was checked (a worker thread or the
 * main thread) and sent with its result: a few numbers and strings, never the manifest.
 */
import type { PersonTotals } from '../evaluate/derive-facts.js';
import { LINK_POINTER, PRIOR_POINTER } from '../evaluate/checker-findings.js';
import { exporterIdentity, foldCase } from '../ledger/key.js';
import type { Locatable } from '../model/diagnostic.js';
import type { Manifest } from '../model/manifest.js';
import type { Verdict } from '../model/verdict.js';
import type { CountingWindow } from '../evaluate/select.js';
import { shortDigest } from '../util/canonical.js';
import { toDay, yearOf } from '../util/dates.js';

export interface TallyRecord {
  /** The exporter's USCC and name as the ledger keys them (normalised, a-z folded): src/ledger/key.ts. */
  uscc?: string;
  name?: string;
  /**
   * The manifest text's digest (128 bits of SHA-256): the same file met twice is one transfer, but two manifests
   * reusing one id (another recipient, the same counts) are two, as they are to the ledger since its transfer
   * digests (migration 6).
   */
  digest?: string;
  /** The calendar year of the transfer date (the ledger's `year`: where the run counts it) and its day number. */
  year: number;
  /**
   * The counting window the verdict was judged on (calendar years from..to, select.ts countingWindow): the years
   * of the run's transfers it counts (tally.ts). Absent when no national rules were in force (a review already).
   */
  window?: { from: number; to: number };
  day: number;
  date: string;
  id: string;
  source: string;
  individuals: number;
  sensitiveIndividuals: number;
  /** What the manifest declares as earlier this year (priorThisYear), to tell a file changed between two reads. */
  declared?: PersonTotals;
  /** The earlier totals the verdict was judged on: the larger of the declared and the ledger's (its counts less this transfer's). */
  prior: PersonTotals;
  /** With a ledger: the totals it gave, and whether this same transfer is recorded there (so counted by every other check). */
  ledger?: PersonTotals;
  recorded: boolean;
  /** The verdict, before waivers (a pass is what a later contradiction cannot change any more). */
  verdict: Verdict['verdict'];
  mechanism: Verdict['mechanism'];
  /** The duties the verdict lists (obligation rule ids): a stricter route already in place asks more only through these. */
  duties: string[];
  /** Where the finding would point (/personalInformation/priorThisYear), so the main thread need not parse the text again. */
  at?: { line: number; column: number };
  /**
   * A manifest without personal information: nothing of it is counted or judged, but its name and USCC link the
   * exporter's transfers for the rest of the run (tallies), as any manifest giving both does.
   */
  linkOnly?: true;
}

/**
 * Whether the run's tally needs this manifest: one with personal information is counted and judged; one without still
 * links its exporter's name and USCC when it gives both (the name is required, so one with a USCC gives both).
 */
export const tallies = (m: Manifest): boolean => Boolean(m.personalInformation) || m.exporter.uscc !== undefined;

/** The ledger's totals as a check read them (CheckOptions.priorFor), with whether this same transfer is among them. */
export type LedgerRead = PersonTotals & { alreadyCounted?: boolean; conflict?: unknown };

/**
 * The tally record of one checked manifest: `text` is its text (for the digest), `ledger` the totals the check read
 * from the ledger if it read any, `doc` where the manifest's fields are, `window` the counting window judged on.
 */
export function recordOf(m: Manifest, source: string, r: Verdict, text: string, ledger: LedgerRead | undefined, doc: Pick<Locatable, 'locate'>, window?: CountingWindow): TallyRecord {
  // An exporter whose name and USCC are both empty once normalised has no ledger key: the tally cannot place it.
  let id: { uscc?: string; name?: string } = {};
  try { id = exporterIdentity(m.exporter); } catch { /* no key: compared with nothing, so review (tally.ts) */ }
  const { uscc, name } = id;
  // Counted by every other check of the exporter. Not when the ledger links the exporter's names and USCCs otherwise
  // than the manifest (a conflict): a manifest of the run under a name the ledger does not link would then not count
  // the stored transfer (review7 #2), so the run counts it too, at worst twice (fail closed).
  const recorded = ledger !== undefined && ledger.alreadyCounted === true && ledger.conflict === undefined;
  const pi = m.personalInformation;
  // Where a run-undercount finding points (runUndercount): a manifest without personal information is only ever linked.
  const at = doc.locate(pi ? PRIOR_POINTER : LINK_POINTER);
  const individuals = pi?.individuals ?? 0;
  const sensitiveIndividuals = pi?.sensitiveIndividuals ?? 0;
  const verdict = r.verdict;
  // The earlier totals the verdict was judged with (a fail-closed verdict: the manifest's stated priorThisYear, reviewVerdict in check.ts).
  const prior = { individuals: Math.max(0, r.counts.individuals - individuals), sensitiveIndividuals: Math.max(0, r.counts.sensitiveIndividuals - sensitiveIndividuals) };
  return {
    ...(uscc ? { uscc: foldCase(uscc) } : {}), ...(name ? { name: foldCase(name) } : {}), digest: shortDigest(text),
    year: yearOf(m.date), day: toDay(m.date), ...(window ? { window: { from: window.fromYear, to: window.toYear } } : {}), date: m.date, id: m.id, source, individuals, sensitiveIndividuals,
    ...(pi?.priorThisYear ? { declared: { individuals: pi.priorThisYear.individuals, sensitiveIndividuals: pi.priorThisYear.sensitiveIndividuals } } : {}),
    prior, ...(ledger ? { ledger: { individuals: ledger.individuals, sensitiveIndividuals: ledger.sensitiveIndividuals } } : {}), recorded, verdict, mechanism: r.mechanism, duties: r.obligations.map((o) => o.rule), ...(at ? { at: { line: at.line, column: at.column } } : {}),
    ...(pi ? {} : { linkOnly: true as const }),
  };
}

/** The same manifest content (a file read twice, once by a worker and once to re-check it): what the tally compared. */
export const sameRecord = (a: TallyRecord, b: TallyRecord): boolean =>
  a.digest === b.digest && a.uscc === b.uscc && a.name === b.name && a.date === b.date && a.id === b.id && a.individuals === b.individuals
  && a.sensitiveIndividuals === b.sensitiveIndividuals && a.linkOnly === b.linkOnly && a.declared?.individuals === b.declared?.individuals
  && a.declared?.sensitiveIndividuals === b.declared?.sensitiveIndividuals;
