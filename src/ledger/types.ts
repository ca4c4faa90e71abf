/** Where `check --ledger` and `ledger record` look when no ledger is named (relative to the working directory). */
export const DEFAULT_LEDGER = '.xborder/ledger.db';

/** The year-to-date ledger: counts of individuals per exporter and calendar year. No personal data. */

export interface PersonTotals {
  individuals: number;
  sensitiveIndividuals: number;
}

/** One transfer that actually happened. `exporter` is the USCC when given, else the exporter's name. */
export interface LedgerEntry {
  exporter: string;
  manifestId: string;
  /** ISO date of the transfer; its calendar year is the counting year. */
  date: string;
  individuals: number;
  sensitiveIndividuals: number;
  /** False for transfers under exemptions that the pack says do not count toward thresholds. */
  counted: boolean;
}

export interface RecordResult {
  /** False when exporter + manifestId was already recorded (idempotent). */
  recorded: boolean;
  /** Counted totals for the entry's exporter and year after this call. */
  totals: PersonTotals;
}

export interface TotalsRow extends PersonTotals {
  exporter: string;
  year: number;
  transfers: number;
  /** Recorded but not counted (exempt) individuals, for the record. */
  uncountedIndividuals: number;
  uncountedSensitiveIndividuals: number;
}

export interface LedgerStore {
  /**
   * Counted totals for the exporter over the calendar years fromYear..toYear inclusive.
   * `excludeManifestId` leaves out that manifest, so checking an already recorded transfer never counts it twice.
   */
  totals(exporter: string, fromYear: number, toYear: number, opts?: { excludeManifestId?: string }): Promise<PersonTotals>;
  /** Records atomically; concurrent records for the same exporter and year are serialised. */
  record(entry: LedgerEntry): Promise<RecordResult>;
  list(filter?: { exporter?: string; year?: number }): Promise<TotalsRow[]>;
  close(): Promise<void>;
}
