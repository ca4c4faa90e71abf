import { catalogue } from '../model/own.js';

/**
 * The fact catalogue: every name a rule may test, its type, and the manifest field it comes from.
 * Facts are derived in TypeScript before a run (src/evaluate/derive-facts.ts), so rules never see raw,
 * possibly-missing manifest fields: a rule naming a fact outside this list is refused when the pack loads.
 */
export type FactType = 'boolean' | 'number' | 'string' | 'string[]' | 'date';

export interface FactSpec {
  type: FactType;
  /** JSON pointer of the manifest field that decides this fact ('*' = the data item that matched). */
  pointer: string;
  description: string;
  /** Closed set of values for string facts, checked against rule operands at load time. */
  values?: readonly string[];
  /**
   * The national-pack parameter the fact is derived with, where a national pack may lack it (the 2022 rules have
   * no certificate term): a national pack whose rules test the fact must define it (src/compile/pack-problems.ts).
   */
  param?: string;
}

const MECH_STATE = {
  securityAssessment: ['valid', 'extension-unverified', 'expired', 'not-yet-issued', 'absent'],
  certification: ['valid', 'expired', 'absent'],
  standardContract: ['filed', 'filing-pending', 'filing-overdue', 'not-yet-effective', 'not-yet-signed', 'absent'],
  gbaContract: ['filed', 'unfiled', 'not-yet-effective', 'not-yet-signed', 'absent'],
} as const;

export const FACTS: Readonly<Record<string, FactSpec>> = catalogue({
  'transfer.date': { type: 'date', pointer: '/date', description: 'date the rules are evaluated at (manifest date, or --as-of)' },
  'transfer.year': { type: 'number', pointer: '/date', description: 'calendar year of the transfer' },
  'exporter.ciio': { type: 'boolean', pointer: '/exporter/ciio', description: 'the exporter is a critical information infrastructure operator' },
  'exporter.zone': { type: 'string', pointer: '/exporter/zone', description: 'pilot zone the exporter is registered in, or "none"' },
  'exporter.sector': { type: 'string', pointer: '/exporter/sector', description: 'sector id, or "none"' },
  'exporter.region': { type: 'string', pointer: '/exporter/region', description: 'ISO 3166-2:CN region of registration' },
  'exporter.city': { type: 'string', pointer: '/exporter/city', description: 'city of registration (lower-case pinyin), or "none"' },
  'recipient.country': { type: 'string', pointer: '/recipient/country', description: 'ISO 3166-1 alpha-2 country of the recipient' },
  'recipient.kind': { type: 'string', pointer: '/recipient/kind', description: 'company, individual or foreign-authority', values: ['company', 'individual', 'foreign-authority'] },
  'purpose.basis': { type: 'string', pointer: '/purpose/basis', description: 'legal ground of the transfer', values: ['consent', 'contract', 'hr', 'emergency', 'legal-duty', 'none'] },
  'purpose.scenario': { type: 'string', pointer: '/purpose/scenario', description: 'business scenario of a zone list the transfer falls in, or "none"' },
  'purpose.activity': { type: 'string', pointer: '/purpose/activity', description: 'activity the transfer serves, or "none"', values: ['international-trade', 'cross-border-transport', 'academic-cooperation', 'manufacturing', 'marketing', 'reexport-of-foreign-data', 'other', 'none'] },
  'data.categories': { type: 'string[]', pointer: '*', description: 'every category of every item, with its broader ids (spi.health also counts as spi)' },
  'data.writtenCategories': { type: 'string[]', pointer: '*', description: 'every category of every item as written, without broader ids' },
  'data.unknownCategories': { type: 'string[]', pointer: '*', description: 'categories no applied pack defines' },
  'data.unknownCategoryCount': { type: 'number', pointer: '/data', description: 'number of categories no applied pack defines' },
  'data.hasPersonalInfo': { type: 'boolean', pointer: '/data', description: 'some item carries personal information (pi or spi)' },
  'data.hasSensitivePersonalInfo': { type: 'boolean', pointer: '/data', description: 'some item carries sensitive personal information' },
  'data.sensitiveCategories': { type: 'string[]', pointer: '/data', description: 'the categories as written that are sensitive personal information (spi.*, or a pack category marked sensitive)' },
  'data.hasImportant': { type: 'boolean', pointer: '/data', description: 'some item is classified important (notified or published)' },
  'data.hasCore': { type: 'boolean', pointer: '/data', description: 'some item is classified national core data' },
  'data.hasDomesticPersonalInfo': { type: 'boolean', pointer: '/data', description: 'some personal-information item was collected in China' },
  'data.hasForeignPersonalInfo': { type: 'boolean', pointer: '/data', description: 'some personal-information item was collected abroad (Art 4)' },
  'data.personsAtMost': { type: 'number', pointer: '/personalInformation', description: 'the most distinct persons the personal information since 1 January can concern: totals.individuals + totals.sensitiveIndividuals' },
  'counts.individuals': { type: 'number', pointer: '/personalInformation/individuals', description: 'non-sensitive individuals in this transfer' },
  'counts.sensitiveIndividuals': { type: 'number', pointer: '/personalInformation/sensitiveIndividuals', description: 'sensitive individuals in this transfer' },
  'prior.individuals': { type: 'number', pointer: '/personalInformation/priorThisYear/individuals', description: 'non-sensitive individuals sent earlier in the counting window' },
  'prior.sensitiveIndividuals': { type: 'number', pointer: '/personalInformation/priorThisYear/sensitiveIndividuals', description: 'sensitive individuals sent earlier in the counting window' },
  'totals.individuals': { type: 'number', pointer: '/personalInformation/individuals', description: 'non-sensitive individuals: this transfer plus the counting window' },
  'totals.sensitiveIndividuals': { type: 'number', pointer: '/personalInformation/sensitiveIndividuals', description: 'sensitive individuals: this transfer plus the counting window' },
  'consistency.sensitiveCategoryWithoutCount': { type: 'boolean', pointer: '/personalInformation/sensitiveIndividuals', description: 'a sensitive category is present but sensitiveIndividuals is 0' },
  'consistency.personalCategoryWithoutCount': { type: 'boolean', pointer: '/personalInformation/individuals', description: 'a non-sensitive PI category is present but individuals is 0' },
  'consistency.countsWithoutPersonalCategory': { type: 'boolean', pointer: '/personalInformation', description: 'individuals are counted but no item carries a PI category' },
  'consistency.sensitiveCountWithoutCategory': { type: 'boolean', pointer: '/personalInformation/sensitiveIndividuals', description: 'sensitiveIndividuals > 0 but no item carries a sensitive category' },
  'safeguards.separateConsent': { type: 'boolean', pointer: '/safeguards/separateConsent', description: 'PIPL Art 39 separate consent obtained' },
  'safeguards.piaCompleted': { type: 'boolean', pointer: '/safeguards/pia', description: 'PIPL Art 55 impact assessment completed on or before the transfer date' },
  'safeguards.piaCompletedOn': { type: 'date', pointer: '/safeguards/pia/completedOn', description: 'day the impact assessment was completed, or 0 (1970-01-01) when there is none' },
  'safeguards.authorityApproval': { type: 'boolean', pointer: '/safeguards/authorityApproval', description: 'PRC approval for a foreign-authority recipient' },
  'mechanisms.securityAssessment': { type: 'string', pointer: '/safeguards/securityAssessment', description: 'state of the security assessment on the transfer date', values: MECH_STATE.securityAssessment },
  'mechanisms.certification': { type: 'string', pointer: '/safeguards/certification', description: 'state of the certification on the transfer date', values: MECH_STATE.certification },
  'mechanisms.standardContract': { type: 'string', pointer: '/safeguards/standardContract', description: 'state of the standard contract on the transfer date (filing-overdue also when no filing is recorded and the filing period ended before today, the caller\'s clock)', values: MECH_STATE.standardContract },
  'mechanisms.filingDeadline': { type: 'string', pointer: '/safeguards/standardContract/signedOn', description: 'last day to file the standard contract: the filing period counted from effectiveOn (default signedOn), ISO date, or ""; where the period runs into a year outside the national pack\'s calendarYears, the earliest it can be' },
  'mechanisms.contractFilingWorkingDay': { type: 'number', pointer: '/safeguards/standardContract/filedOn', description: 'which working day after the standard contract took effect it was filed on (a weekend day counts as the next working day), when it is filed or its filing is pending on the transfer date (a filedOn after the transfer date counts: the filing to come); 0 otherwise' },
  'mechanisms.contractFilingWorkingDayLatest': { type: 'number', pointer: '/safeguards/standardContract/filedOn', description: 'the latest working day the filing (while the filing is pending: the transfer date) can be on after the contract took effect: as contractFilingWorkingDay, but counting every day of a year whose holiday schedule the national pack does not hold (calendarYears), since a weekend day there may have been a working day; 0 unless filed or pending' },
  'mechanisms.gbaContract': { type: 'string', pointer: '/safeguards/gbaContract', description: 'state of the GBA standard contract on the transfer date: filed (on or before it), unfiled, not-yet-effective, not-yet-signed, absent', values: MECH_STATE.gbaContract },
  'mechanisms.gbaFilingWorkingDay': { type: 'number', pointer: '/safeguards/gbaContract/filedOn', description: 'which working day after the GBA contract took effect it was filed on (unfiled: the transfer date is), or 0' },
  'mechanisms.gbaFilingWorkingDayLatest': { type: 'number', pointer: '/safeguards/gbaContract/filedOn', description: 'the latest working day, counting every day of a year whose holiday schedule the national pack does not hold (calendarYears), of the filing the manifest states (before or after the transfer date), or without one of the transfer date; while the contract is filed or unfiled, else 0' },
  'mechanisms.gbaFiledOnWorkingDay': { type: 'number', pointer: '/safeguards/gbaContract/filedOn', description: 'which working day after the GBA contract took effect its filedOn is, whether before or after the transfer date (in effect on the date only), or 0' },
  'mechanisms.gbaUnfiledWorkingDayToday': { type: 'number', pointer: '/safeguards/gbaContract/filedOn', description: 'which working day after the GBA contract took effect today (the caller\'s clock) is, when it is in effect on the transfer date and no filing is recorded (no filedOn); 0 otherwise, and 0 without a clock' },
  // Tri-state since 2026-12 (was a boolean that read an unstated field as "no"): packs must test yes, no or unstated.
  'mechanisms.gbaOnwardOutsideGba': { type: 'string', pointer: '/safeguards/gbaContract/onwardOutsideGba', description: 'whether the recipient will provide the data to anyone outside the Greater Bay Area: yes, no, or unstated (the field, or the GBA contract, is absent)', values: ['yes', 'no', 'unstated'] },
  'mechanisms.assessmentIssuedOn': { type: 'date', pointer: '/safeguards/securityAssessment/issuedOn', description: 'day the security assessment was issued, or 0 (1970-01-01) when there is none' },
  'mechanisms.assessmentTermYear': { type: 'number', pointer: '/safeguards/securityAssessment/issuedOn', description: 'which year of its term, counted from the day the security assessment was issued, the transfer date falls in (1 up to the first anniversary, inclusive), or 0 when there is none or it is issued later' },
  'mechanisms.certificationDaysLeft': { type: 'number', pointer: '/safeguards/certification/validUntil', description: 'days from the transfer date to the certification\'s validUntil (negative once expired), or 0 when there is none' },
  'mechanisms.certificationBeyondTerm': { type: 'boolean', pointer: '/safeguards/certification/validUntil', description: 'the certification\'s validUntil lies after the same day certificationValidityYears after the transfer date: a certificate valid that long was issued after the transfer; true for any certification when the national pack in force has no such term (it cannot show the certificate was in force)', param: 'certificationValidityYears' },
  'mechanisms.contractSignedOn': { type: 'date', pointer: '/safeguards/standardContract/signedOn', description: 'day the standard contract was signed, or 0 (1970-01-01) when there is none' },
  'mechanisms.gbaContractSignedOn': { type: 'date', pointer: '/safeguards/gbaContract/signedOn', description: 'day the GBA standard contract was signed, or 0 (1970-01-01) when there is none' },
  'mechanisms.assessmentExpiry': { type: 'string', pointer: '/safeguards/securityAssessment/validUntil', description: 'last valid day of the assessment (ISO date), or ""' },
});

/** Splits `group.field` into the engine fact id and our own path (never JSONPath). */
export function splitFact(name: string): { fact: string; path: string } {
  const dot = name.indexOf('.');
  return { fact: name.slice(0, dot), path: name.slice(dot + 1) };
}
