import type { Manifest } from '../model/manifest.js';
import { addWorkingDays, addYears, earliestWorkingDay, fromDay, latestWorkingDayOrdinal, leastWorkingDayOrdinal, toDay, workingDayOrdinal, yearOf, type WorkCalendar } from '../util/dates.js';
import type { Taxonomy } from './taxonomy.js';

export interface PersonTotals { individuals: number; sensitiveIndividuals: number }

/** Parameters the fact derivation needs; they come from the national pack in force (src/evaluate/select.ts). */
export interface DerivationParams {
  assessmentValidityYears: number;
  /** A certificate's term; undefined where the pack has none (the 2022 rules had no certificate term). */
  certificationValidityYears: number | undefined;
  contractFilingWorkingDays: number;
  calendar: WorkCalendar;
}

/** Grouped facts, one engine fact per group; rules address `group.field` through our own path resolver. */
export interface Facts {
  transfer: { date: number; year: number };
  exporter: { ciio: boolean; zone: string; sector: string; region: string; city: string };
  recipient: { country: string; kind: string };
  purpose: { basis: string; scenario: string; activity: string };
  data: {
    categories: string[];
    /** Every category as the items write it, without broader ids: `shanghai` alone is not an entry's expansion. */
    writtenCategories: string[];
    unknownCategories: string[];
    unknownCategoryCount: number;
    hasPersonalInfo: boolean;
    hasSensitivePersonalInfo: boolean;
    /** The sensitive categories as written: a message names them (automotive.exterior-video is sensitive too). */
    sensitiveCategories: string[];
    hasImportant: boolean;
    hasCore: boolean;
    hasDomesticPersonalInfo: boolean;
    hasForeignPersonalInfo: boolean;
    personsAtMost: number;
  };
  counts: PersonTotals;
  prior: PersonTotals;
  totals: PersonTotals;
  consistency: {
    sensitiveCategoryWithoutCount: boolean;
    personalCategoryWithoutCount: boolean;
    countsWithoutPersonalCategory: boolean;
    sensitiveCountWithoutCategory: boolean;
  };
  /** piaCompletedOn: the day (0 = none), so a pack can tell an assessment dated before the PIPL that requires it. */
  safeguards: { separateConsent: boolean; piaCompleted: boolean; piaCompletedOn: number; authorityApproval: boolean };
  mechanisms: {
    securityAssessment: string;
    certification: string;
    standardContract: string;
    filingDeadline: string;
    /**
     * Which working day after the contract took effect it was filed on, when it is filed or its filing is pending on
     * the transfer date (a filedOn after that date is the filing to come: late then, the contract was not filed in
     * time); 0 otherwise.
     */
    contractFilingWorkingDay: number;
    /** The latest working day the filing (while pending: the transfer date) can be on, where the pack lacks a year's holiday schedule (调休). */
    contractFilingWorkingDayLatest: number;
    assessmentExpiry: string;
    gbaContract: string;
    gbaFilingWorkingDay: number;
    gbaFilingWorkingDayLatest: number;
    /** Which working day after the GBA contract took effect the manifest's filedOn is, before or after the transfer date; 0 without one. */
    gbaFiledOnWorkingDay: number;
    /**
     * Which working day after the GBA contract took effect today is, when it is in effect on the transfer date and
     * no filing is recorded (no filedOn): past the period, the filing was missed. 0 otherwise, and 0 without a clock.
     */
    gbaUnfiledWorkingDayToday: number;
    gbaOnwardOutsideGba: OnwardTransfer;
    /** Days the instruments are dated (0 = none): a pack can tell one dated before its instrument existed. */
    assessmentIssuedOn: number;
    /**
     * Which year of its term, counted from issue, the transfer date falls in (1 up to the first anniversary, inclusive;
     * 0 = none or not yet issued): a pack can hold a result issued under earlier rules to their shorter term.
     */
    assessmentTermYear: number;
    /** Days from the transfer date to the certificate's validUntil (0 = none): more than its term means issued later. */
    certificationDaysLeft: number;
    certificationBeyondTerm: boolean;
    contractSignedOn: number;
    gbaContractSignedOn: number;
  };
}

/** Whether the GBA contract's recipient will send the data outside the GBA; unstated is never read as no. */
export type OnwardTransfer = 'yes' | 'no' | 'unstated';

export interface Derived {
  facts: Facts;
  countsSource: 'none' | 'manifest' | 'ledger';
}

/**
 * Everything the rules test, computed once per manifest in plain code: category flags from the taxonomy,
 * year-to-date totals, dates as day numbers, and the state of each mechanism on the transfer date.
 */
export function deriveFacts(m: Manifest, asOf: string, taxonomy: Taxonomy, params: DerivationParams, ledgerPrior?: PersonTotals, today?: string): Derived {
  const day = toDay(asOf);
  // --as-of picks the rules (and the counting window) only: whether a safeguard is in place, valid or filed is judged
  // on the transfer date, manifest.date (shared/spec/verdict.md), so an --as-of never revives an expired assessment
  // nor lets one issued after the transfer count.
  const on = toDay(m.date);
  // Safeguards are what is already in place (shared/spec/manifest.md): a signing, filing, issue or assessment dated
  // after the day of the check has not happened, so it counts as not made (never a pass that assumes it will be).
  const s = happenedBy(m.safeguards ?? {}, today);
  // The last day a filing can have been made on and count: the transfer date, or today if that is earlier (a filedOn
  // after it is the filing to come: pending, or overdue, as an unfiled contract's; its date still says if it is late).
  const filedBy = today === undefined ? on : Math.min(on, toDay(today));
  const scan = scanData(m, taxonomy);
  const counts = transferCounts(m);
  const { prior, totals, countsSource } = totalsOf(m, yearOf(asOf), counts, ledgerPrior);
  const sa = assessmentFacts(s.securityAssessment, on, params);
  const sc = standardContractFacts(s.standardContract, on, filedBy, today, params);
  const facts: Facts = {
    transfer: { date: day, year: yearOf(asOf) },
    exporter: {
      ciio: m.exporter.ciio, zone: m.exporter.zone ?? 'none', sector: m.exporter.sector ?? 'none', region: m.exporter.region, city: m.exporter.city ?? 'none',
    },
    recipient: { country: m.recipient.country, kind: m.recipient.kind },
    purpose: { basis: m.purpose.basis, scenario: m.purpose.scenario ?? 'none', activity: m.purpose.activity ?? 'none' },
    data: dataFacts(m, scan, totals),
    counts,
    prior,
    totals,
    consistency: consistencyFacts(scan, counts),
    safeguards: {
      separateConsent: s.separateConsent === true,
      piaCompleted: s.pia !== undefined && toDay(s.pia.completedOn) <= on,
      piaCompletedOn: s.pia ? toDay(s.pia.completedOn) : 0,
      authorityApproval: s.authorityApproval !== undefined,
    },
    mechanisms: {
      securityAssessment: sa.securityAssessment,
      certification: certificationState(s.certification, on),
      standardContract: sc.standardContract,
      filingDeadline: sc.filingDeadline,
      contractFilingWorkingDay: sc.contractFilingWorkingDay,
      contractFilingWorkingDayLatest: sc.contractFilingWorkingDayLatest,
      assessmentExpiry: sa.assessmentExpiry,
      ...gbaContractFacts(s.gbaContract, on, filedBy, m.date, today, params),
      assessmentIssuedOn: s.securityAssessment ? toDay(s.securityAssessment.issuedOn) : 0,
      assessmentTermYear: s.securityAssessment ? termYear(s.securityAssessment.issuedOn, on) : 0,
      certificationDaysLeft: s.certification ? toDay(s.certification.validUntil) - on : 0,
      // Years, not days: a 3-year term is 1,095 or 1,096 days, and the longer one let a certificate issued the day
      // after the transfer pass in a window without 29 February. Without a known term nothing shows the certificate
      // was in force on the date: fail closed (pack validate keeps a national pack that tests this fact from lacking it).
      certificationBeyondTerm: s.certification !== undefined && (params.certificationValidityYears === undefined
        || s.certification.validUntil > addYears(m.date, params.certificationValidityYears)),
      contractSignedOn: s.standardContract ? toDay(s.standardContract.signedOn) : 0,
      gbaContractSignedOn: s.gbaContract ? toDay(s.gbaContract.signedOn) : 0,
    },
  };
  return { facts, countsSource };
}

/**
 * The facts that depend on the earlier totals (the ledger's or the manifest's priorThisYear), as `group.field`:
 * deriving the same manifest with another ledger prior changes these and nothing else (withLedgerPrior).
 */
export const PRIOR_DEPENDENT = ['prior.individuals', 'prior.sensitiveIndividuals', 'totals.individuals', 'totals.sensitiveIndividuals', 'data.personsAtMost'] as const;

/**
 * What deriveFacts(m, …, ledgerPrior) returns, given what it returned for `m` with another ledger prior (or none):
 * only the PRIOR_DEPENDENT facts are worked out again; the other groups are shared with `derived`, not copied.
 */
export function withLedgerPrior(derived: Derived, m: Manifest, ledgerPrior: PersonTotals): Derived {
  const { facts } = derived;
  const { prior, totals, countsSource } = totalsOf(m, facts.transfer.year, facts.counts, ledgerPrior);
  return { facts: { ...facts, data: { ...facts.data, personsAtMost: personsAtMost(totals) }, prior, totals }, countsSource };
}

/**
 * The totals without deriving the facts (this transfer plus the larger of its priorThisYear for asOf's year and the
 * ledger's prior, if one was read): what a fail-closed verdict reports when the checker decided nothing (no pack in
 * force, no ledger, an internal error).
 */
export function statedTotals(m: Manifest, asOfYear: number, ledgerPrior?: PersonTotals): { totals: PersonTotals; countsSource: Derived['countsSource'] } {
  const { totals, countsSource } = totalsOf(m, asOfYear, transferCounts(m), ledgerPrior);
  return { totals, countsSource };
}

function totalsOf(m: Manifest, asOfYear: number, counts: PersonTotals, ledgerPrior: PersonTotals | undefined): { prior: PersonTotals; totals: PersonTotals; countsSource: Derived['countsSource'] } {
  const { prior, countsSource } = priorTotals(m, asOfYear, ledgerPrior);
  const totals = { individuals: counts.individuals + prior.individuals, sensitiveIndividuals: counts.sensitiveIndividuals + prior.sensitiveIndividuals };
  return { prior, totals, countsSource };
}

// The counts are per kind of PI; one person may be in both, so their sum is only an upper bound.
const personsAtMost = (totals: PersonTotals): number => totals.individuals + totals.sensitiveIndividuals;

type Safeguards = NonNullable<Manifest['safeguards']>;

/**
 * The safeguards as they stand on `today` (the caller's clock; without one every date is taken as written): an
 * assessment issued, a contract signed or an impact assessment completed after today is not in place, so it is left
 * out (absent). A filing after today is handled where the filing clock is (`filedBy`).
 */
export function happenedBy(s: Safeguards, today: string | undefined): Safeguards {
  if (today === undefined) return s;
  const later = (d: string | undefined): boolean => d !== undefined && d > today;
  if (!later(s.securityAssessment?.issuedOn) && !later(s.pia?.completedOn) && !later(s.standardContract?.signedOn) && !later(s.gbaContract?.signedOn)) return s;
  const out: Safeguards = { ...s };
  if (later(s.securityAssessment?.issuedOn)) delete out.securityAssessment;
  if (later(s.pia?.completedOn)) delete out.pia;
  if (later(s.standardContract?.signedOn)) delete out.standardContract;
  if (later(s.gbaContract?.signedOn)) delete out.gbaContract;
  return out;
}

/** What the data items carry, by the taxonomy of the applied packs. */
interface DataScan {
  categories: Set<string>;
  written: Set<string>;
  unknown: Set<string>;
  hasPI: boolean;
  hasSPI: boolean;
  sensitive: Set<string>;
  /** Some item carries non-sensitive PI (a `pi` kind), which needs a count of individuals. */
  hasPlainPI: boolean;
  domesticPI: boolean;
  foreignPI: boolean;
}

function scanData(m: Manifest, taxonomy: Taxonomy): DataScan {
  const scan: DataScan = { categories: new Set(), written: new Set(), unknown: new Set(), hasPI: false, hasSPI: false, sensitive: new Set(), hasPlainPI: false, domesticPI: false, foreignPI: false };
  for (const item of m.data) {
    let itemPI = false;
    for (const c of item.categories) {
      if (!taxonomy.has(c)) scan.unknown.add(c);
      scan.written.add(c);
      for (const x of taxonomy.expand(c)) scan.categories.add(x);
      const kind = taxonomy.personal(c);
      if (kind !== 'none') itemPI = true;
      if (kind === 'spi') { scan.hasSPI = true; scan.sensitive.add(c); }
      if (kind === 'pi') scan.hasPlainPI = true;
    }
    if (itemPI) {
      scan.hasPI = true;
      if ((item.origin ?? 'domestic') === 'domestic') scan.domesticPI = true;
      else scan.foreignPI = true;
    }
  }
  return scan;
}

function dataFacts(m: Manifest, scan: DataScan, totals: PersonTotals): Facts['data'] {
  return {
    categories: [...scan.categories],
    writtenCategories: [...scan.written],
    unknownCategories: [...scan.unknown],
    unknownCategoryCount: scan.unknown.size,
    hasPersonalInfo: scan.hasPI,
    hasSensitivePersonalInfo: scan.hasSPI,
    sensitiveCategories: [...scan.sensitive],
    hasImportant: m.data.some((d) => d.classification === 'important'),
    hasCore: m.data.some((d) => d.classification === 'core'),
    hasDomesticPersonalInfo: scan.domesticPI,
    hasForeignPersonalInfo: scan.foreignPI,
    personsAtMost: personsAtMost(totals),
  };
}

function transferCounts(m: Manifest): PersonTotals {
  const pi = m.personalInformation;
  return { individuals: pi?.individuals ?? 0, sensitiveIndividuals: pi?.sensitiveIndividuals ?? 0 };
}

/**
 * Earlier transfers in the counting window: the larger of what the manifest declares and what the ledger holds.
 * priorThisYear is of manifest.date's year: evaluated as of another year (--as-of), it says nothing of that year.
 */
function priorTotals(m: Manifest, asOfYear: number, ledgerPrior: PersonTotals | undefined): { prior: PersonTotals; countsSource: Derived['countsSource'] } {
  const declared = yearOf(m.date) === asOfYear ? m.personalInformation?.priorThisYear : undefined;
  const prior = {
    individuals: Math.max(declared?.individuals ?? 0, ledgerPrior?.individuals ?? 0),
    sensitiveIndividuals: Math.max(declared?.sensitiveIndividuals ?? 0, ledgerPrior?.sensitiveIndividuals ?? 0),
  };
  const fromLedger = ledgerPrior !== undefined
    && (ledgerPrior.individuals > (declared?.individuals ?? 0) || ledgerPrior.sensitiveIndividuals > (declared?.sensitiveIndividuals ?? 0));
  const countsSource = fromLedger ? 'ledger' : declared ? 'manifest' : ledgerPrior ? 'ledger' : 'none';
  return { prior, countsSource };
}

/** Categories and counts that contradict each other (each gives review in the national pack). */
function consistencyFacts(scan: DataScan, counts: PersonTotals): Facts['consistency'] {
  return {
    sensitiveCategoryWithoutCount: scan.hasSPI && counts.sensitiveIndividuals === 0,
    personalCategoryWithoutCount: scan.hasPlainPI && counts.individuals === 0,
    countsWithoutPersonalCategory: !scan.hasPI && (counts.individuals > 0 || counts.sensitiveIndividuals > 0),
    sensitiveCountWithoutCategory: !scan.hasSPI && counts.sensitiveIndividuals > 0,
  };
}

/** The assessment's state on the day, and its last valid day: its own validUntil, capped by the pack's term. */
function assessmentFacts(sa: Safeguards['securityAssessment'], day: number, params: DerivationParams): Pick<Facts['mechanisms'], 'securityAssessment' | 'assessmentExpiry'> {
  if (!sa) return { securityAssessment: 'absent', assessmentExpiry: '' };
  const termEnd = addYears(sa.issuedOn, params.assessmentValidityYears);
  const securityAssessment = day < toDay(sa.issuedOn) ? 'not-yet-issued'
    : day > toDay(sa.validUntil) ? 'expired'
      : day > toDay(termEnd) ? 'extension-unverified' : 'valid';
  return { securityAssessment, assessmentExpiry: sa.validUntil < termEnd ? sa.validUntil : termEnd };
}

/** The year of a term from `issuedOn` that `day` falls in, as assessmentFacts counts a term (its anniversary is in it). */
function termYear(issuedOn: string, day: number): number {
  if (day < toDay(issuedOn)) return 0;
  let year = 1;
  while (day > toDay(addYears(issuedOn, year))) year += 1;
  return year;
}

function certificationState(cert: Safeguards['certification'], day: number): string {
  return !cert ? 'absent' : day > toDay(cert.validUntil) ? 'expired' : 'valid';
}

function standardContractFacts(sc: Safeguards['standardContract'], day: number, filedBy: number, today: string | undefined, params: DerivationParams): Pick<Facts['mechanisms'], 'standardContract' | 'filingDeadline' | 'contractFilingWorkingDay' | 'contractFilingWorkingDayLatest'> {
  if (!sc) return { standardContract: 'absent', filingDeadline: '', contractFilingWorkingDay: 0, contractFilingWorkingDayLatest: 0 };
  // The filing clock runs from the day the contract takes effect (Order 13 Art 7), which defaults to signing.
  const effectiveOn = sc.effectiveOn ?? sc.signedOn;
  const deadline = addWorkingDays(effectiveOn, params.contractFilingWorkingDays, params.calendar);
  // Unfiled with no filing recorded and the period over before today (the caller's clock), the filing duty was
  // missed even though the transfer fell within the period: overdue, as an unfiled contract past the period on the
  // transfer date (a filedOn after the period stays a late filing, cn.contract.filed-late). Without a clock (a
  // library call) nothing tells that the period is over, so the filing stays pending, with its duty to file.
  // In a year without a holiday schedule, only once the period has surely run out (leastWorkingDayOrdinal); before
  // that a day past the Monday-to-Friday deadline is the calendar-unknown review.
  const missed = sc.filedOn === undefined && today !== undefined && leastWorkingDayOrdinal(effectiveOn, today, params.calendar) > params.contractFilingWorkingDays;
  const standardContract = day < toDay(sc.signedOn) ? 'not-yet-signed'
    : day < toDay(effectiveOn) ? 'not-yet-effective'
      : sc.filedOn && toDay(sc.filedOn) <= filedBy ? 'filed'
        : day <= toDay(deadline) && !missed ? 'filing-pending' : 'filing-overdue';
  const filedOrPending = standardContract === 'filed' || standardContract === 'filing-pending';
  // The deadline shown is the earliest it can be, so that following it is never late; the state above uses the
  // Monday-to-Friday one, and a day between the two is review (contractFilingWorkingDayLatest past the period).
  const filingDeadline = params.calendar.years.has(yearOf(deadline)) && params.calendar.years.has(yearOf(effectiveOn))
    ? deadline : earliestWorkingDay(effectiveOn, params.contractFilingWorkingDays, params.calendar);
  // Latest: of the day the manifest says it was (or will be) filed, or while pending without one, of the transfer
  // date (the deadline was counted Monday to Friday in a year without a schedule, so the day may be past it).
  // Pending with a filedOn before the transfer date (a filing after today, not yet made), the transfer date.
  // Pending without one, today if later: a day of an unscheduled year may already be past the period (review).
  const until = standardContract === 'filed' ? sc.filedOn
    : standardContract === 'filing-pending' ? laterOf(sc.filedOn ?? today, fromDay(day)) : undefined;
  return {
    standardContract, filingDeadline,
    // Filed, or pending with a filedOn after the transfer date: either way the manifest says when it was filed.
    contractFilingWorkingDay: filedOrPending && sc.filedOn ? workingDayOrdinal(effectiveOn, sc.filedOn, params.calendar) : 0,
    contractFilingWorkingDayLatest: until === undefined ? 0 : latestWorkingDayOrdinal(effectiveOn, until, params.calendar),
  };
}

const laterOf = (a: string | undefined, b: string): string => (a !== undefined && a > b ? a : b);

/** GBA contract: its filing period is the GBA pack's parameter, so only the working day of filing is derived here. */
type GbaFacts = 'gbaContract' | 'gbaFilingWorkingDay' | 'gbaFilingWorkingDayLatest' | 'gbaFiledOnWorkingDay' | 'gbaUnfiledWorkingDayToday' | 'gbaOnwardOutsideGba';
function gbaContractFacts(gba: Safeguards['gbaContract'], day: number, filedBy: number, transferDate: string, today: string | undefined, params: DerivationParams): Pick<Facts['mechanisms'], GbaFacts> {
  // The GBA contract forbids onward transfer outside the GBA; a manifest that does not say so cannot confirm the route.
  const gbaOnwardOutsideGba: OnwardTransfer = gba?.onwardOutsideGba === true ? 'yes' : gba?.onwardOutsideGba === false ? 'no' : 'unstated';
  if (!gba) return { gbaContract: 'absent', gbaFilingWorkingDay: 0, gbaFilingWorkingDayLatest: 0, gbaFiledOnWorkingDay: 0, gbaUnfiledWorkingDayToday: 0, gbaOnwardOutsideGba };
  const effectiveOn = gba.effectiveOn ?? gba.signedOn;
  const filedOn = gba.filedOn !== undefined && toDay(gba.filedOn) <= filedBy ? gba.filedOn : undefined;
  const gbaContract = day < toDay(gba.signedOn) ? 'not-yet-signed'
    : day < toDay(effectiveOn) ? 'not-yet-effective'
      : filedOn ? 'filed' : 'unfiled';
  const running = gbaContract === 'filed' || gbaContract === 'unfiled';
  const gbaFilingWorkingDay = running ? workingDayOrdinal(effectiveOn, filedOn ?? transferDate, params.calendar) : 0;
  // The filing the manifest states, even after the transfer date: a late one there means the period was missed.
  const gbaFiledOnWorkingDay = running && gba.filedOn !== undefined ? workingDayOrdinal(effectiveOn, gba.filedOn, params.calendar) : 0;
  // The latest the stated filing (or, without one, the transfer date) can be, in a year without a holiday schedule.
  // Unfiled on the transfer date with a filedOn before it (after today: not yet made), the transfer date.
  // Unfiled without one, today if later: a day of a year without a schedule may already be past the period (review).
  const gbaFilingWorkingDayLatest = running ? latestWorkingDayOrdinal(effectiveOn, filedOn ?? laterOf(gba.filedOn ?? today, transferDate), params.calendar) : 0;
  // The period is the GBA pack's parameter, so the pack tells whether today is past it (gba.contract.filing-missed).
  // Without a clock (a library call) it stays 0: nothing says the period is over, the filing stays pending.
  // Surely past it only (leastWorkingDayOrdinal): in a year without a schedule, earlier days are the calendar-unknown review.
  const gbaUnfiledWorkingDayToday = running && gba.filedOn === undefined && today !== undefined ? leastWorkingDayOrdinal(effectiveOn, today, params.calendar) : 0;
  return { gbaContract, gbaFilingWorkingDay, gbaFilingWorkingDayLatest, gbaFiledOnWorkingDay, gbaUnfiledWorkingDayToday, gbaOnwardOutsideGba };
}
