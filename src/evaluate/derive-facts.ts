import type { Manifest } from '../model/manifest.js';
import { addWorkingDays, addYears, toDay, workingDayOrdinal, yearOf, type WorkCalendar } from '../util/dates.js';
import type { Taxonomy } from './taxonomy.js';

export interface PersonTotals { individuals: number; sensitiveIndividuals: number }

/** Parameters the fact derivation needs; they come from the national pack in force (src/evaluate/select.ts). */
export interface DerivationParams {
  assessmentValidityYears: number;
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
    unknownCategories: string[];
    unknownCategoryCount: number;
    hasPersonalInfo: boolean;
    hasSensitivePersonalInfo: boolean;
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
  safeguards: { separateConsent: boolean; piaCompleted: boolean; authorityApproval: boolean };
  mechanisms: {
    securityAssessment: string;
    certification: string;
    standardContract: string;
    filingDeadline: string;
    assessmentExpiry: string;
    gbaContract: string;
    gbaFilingWorkingDay: number;
    gbaOnwardOutsideGba: boolean;
  };
}

export interface Derived {
  facts: Facts;
  countsSource: 'none' | 'manifest' | 'ledger';
}

/**
 * Everything the rules test, computed once per manifest in plain code: category flags from the taxonomy,
 * year-to-date totals, dates as day numbers, and the state of each mechanism on the transfer date.
 */
export function deriveFacts(m: Manifest, asOf: string, taxonomy: Taxonomy, params: DerivationParams, ledgerPrior?: PersonTotals): Derived {
  const day = toDay(asOf);
  const categories = new Set<string>();
  const unknown = new Set<string>();
  let hasPI = false, hasSPI = false, hasPlainPI = false, domesticPI = false, foreignPI = false;
  for (const item of m.data) {
    let itemPI = false;
    for (const c of item.categories) {
      if (!taxonomy.has(c)) unknown.add(c);
      for (const x of taxonomy.expand(c)) categories.add(x);
      const kind = taxonomy.personal(c);
      if (kind !== 'none') itemPI = true;
      if (kind === 'spi') hasSPI = true;
      if (kind === 'pi') hasPlainPI = true;
    }
    if (itemPI) {
      hasPI = true;
      if ((item.origin ?? 'domestic') === 'domestic') domesticPI = true;
      else foreignPI = true;
    }
  }

  const pi = m.personalInformation;
  const counts = { individuals: pi?.individuals ?? 0, sensitiveIndividuals: pi?.sensitiveIndividuals ?? 0 };
  const declared = pi?.priorThisYear;
  const prior = {
    individuals: Math.max(declared?.individuals ?? 0, ledgerPrior?.individuals ?? 0),
    sensitiveIndividuals: Math.max(declared?.sensitiveIndividuals ?? 0, ledgerPrior?.sensitiveIndividuals ?? 0),
  };
  const fromLedger = ledgerPrior !== undefined
    && (ledgerPrior.individuals > (declared?.individuals ?? 0) || ledgerPrior.sensitiveIndividuals > (declared?.sensitiveIndividuals ?? 0));
  const countsSource = fromLedger ? 'ledger' : declared ? 'manifest' : ledgerPrior ? 'ledger' : 'none';

  const s = m.safeguards ?? {};
  const sa = s.securityAssessment;
  const termEnd = sa ? addYears(sa.issuedOn, params.assessmentValidityYears) : '';
  const securityAssessment = !sa ? 'absent'
    : day < toDay(sa.issuedOn) ? 'not-yet-issued'
      : day > toDay(sa.validUntil) ? 'expired'
        : day > toDay(termEnd) ? 'extension-unverified' : 'valid';
  const cert = s.certification;
  const certification = !cert ? 'absent' : day > toDay(cert.validUntil) ? 'expired' : 'valid';
  const sc = s.standardContract;
  // The filing clock runs from the day the contract takes effect (Order 13 Art 7), which defaults to signing.
  const effectiveOn = sc ? sc.effectiveOn ?? sc.signedOn : '';
  const deadline = sc ? addWorkingDays(effectiveOn, params.contractFilingWorkingDays, params.calendar) : '';
  const standardContract = !sc ? 'absent'
    : day < toDay(sc.signedOn) ? 'not-yet-signed'
      : day < toDay(effectiveOn) ? 'not-yet-effective'
        : sc.filedOn && toDay(sc.filedOn) <= day ? 'filed'
          : day <= toDay(deadline) ? 'filing-pending' : 'filing-overdue';

  // GBA contract: its filing period is the GBA pack's parameter, so only the working day of filing is derived here.
  const gba = s.gbaContract;
  const gbaEffective = gba ? gba.effectiveOn ?? gba.signedOn : '';
  const gbaFiledOn = gba?.filedOn !== undefined && toDay(gba.filedOn) <= day ? gba.filedOn : undefined;
  const gbaContract = !gba ? 'absent'
    : day < toDay(gba.signedOn) ? 'not-yet-signed'
      : day < toDay(gbaEffective) ? 'not-yet-effective'
        : gbaFiledOn ? 'filed' : 'unfiled';
  const gbaFilingWorkingDay = gbaContract === 'filed' || gbaContract === 'unfiled'
    ? workingDayOrdinal(gbaEffective, gbaFiledOn ?? asOf, params.calendar) : 0;

  const totals = { individuals: counts.individuals + prior.individuals, sensitiveIndividuals: counts.sensitiveIndividuals + prior.sensitiveIndividuals };
  const facts: Facts = {
    transfer: { date: day, year: yearOf(asOf) },
    exporter: {
      ciio: m.exporter.ciio, zone: m.exporter.zone ?? 'none', sector: m.exporter.sector ?? 'none', region: m.exporter.region, city: m.exporter.city ?? 'none',
    },
    recipient: { country: m.recipient.country, kind: m.recipient.kind },
    purpose: { basis: m.purpose.basis, scenario: m.purpose.scenario ?? 'none', activity: m.purpose.activity ?? 'none' },
    data: {
      categories: [...categories],
      unknownCategories: [...unknown],
      unknownCategoryCount: unknown.size,
      hasPersonalInfo: hasPI,
      hasSensitivePersonalInfo: hasSPI,
      hasImportant: m.data.some((d) => d.classification === 'important'),
      hasCore: m.data.some((d) => d.classification === 'core'),
      hasDomesticPersonalInfo: domesticPI,
      hasForeignPersonalInfo: foreignPI,
      // The counts are per kind of PI; one person may be in both, so their sum is only an upper bound.
      personsAtMost: totals.individuals + totals.sensitiveIndividuals,
    },
    counts,
    prior,
    totals,
    consistency: {
      sensitiveCategoryWithoutCount: hasSPI && counts.sensitiveIndividuals === 0,
      personalCategoryWithoutCount: hasPlainPI && counts.individuals === 0,
      countsWithoutPersonalCategory: !hasPI && (counts.individuals > 0 || counts.sensitiveIndividuals > 0),
      sensitiveCountWithoutCategory: !hasSPI && counts.sensitiveIndividuals > 0,
    },
    safeguards: {
      separateConsent: s.separateConsent === true,
      piaCompleted: s.pia !== undefined && toDay(s.pia.completedOn) <= day,
      authorityApproval: s.authorityApproval !== undefined,
    },
    mechanisms: {
      securityAssessment,
      certification,
      standardContract,
      filingDeadline: deadline,
      assessmentExpiry: sa ? (sa.validUntil < termEnd ? sa.validUntil : termEnd) : '',
      gbaContract,
      gbaFilingWorkingDay,
      gbaOnwardOutsideGba: gba?.onwardOutsideGba === true,
    },
  };
  return { facts, countsSource };
}
