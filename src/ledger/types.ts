/** The year-to-date ledger: counts of individuals per exporter and calendar year. No personal data. */
import type { ExporterIdentity, IdentityConflict } from './key.js';

/** Where `check --ledger` and `ledger record` look when no ledger is named (relative to the working directory). */
export const DEFAULT_LEDGER = '.xborder/ledger.db';

export interface PersonTotals {
  individuals: number;
  sensitiveIndividuals: number;
}

/** Totals over every key linked to an exporter, and whether those links disagree (then a person must review). */
export interface PriorTotals extends PersonTotals {
  conflict?: IdentityConflict;
  /** Exempt transfers recorded but not counted (the national pack's exemptionsNotCounted), when there are any. */
  uncounted?: PersonTotals;
  /**
   * True when the transfer left out (`exclude`) is itself among the counted records, read in the same query as the
   * totals: every check of the exporter under the keys the ledger links counts it already (a batch's own tally
   * need not add it again, unless `conflict` says the ledger links the exporter otherwise than the manifest).
   */
  alreadyCounted?: true;
}

/** One transfer that actually happened. `exporter` is the normalised USCC when given, else the normalised name. */
export interface LedgerEntry {
  exporter: string;
  /** Normalised name and USCC: when both are given, recording links the name to the USCC. */
  name?: string;
  uscc?: string;
  manifestId: string;
  /** ISO date of the transfer; its calendar year is the counting year. */
  date: string;
  individuals: number;
  sensitiveIndividuals: number;
  /** False for transfers under exemptions that the pack says do not count toward thresholds. */
  counted: boolean;
  /** What the transfer is (transferDigest, src/ledger/entry.ts): part of "the same transfer" (sameTransfer). */
  digest?: string;
}

export interface RecordResult {
  /** False when the manifest id was already recorded for this exporter with the same content (idempotent). */
  recorded: boolean;
  /** Counted totals for the entry's exporter (every linked key) and year after this call. */
  totals: PersonTotals;
  conflict?: IdentityConflict;
}

/** A manifest id recorded again for the same exporter with another date, count or counting: never silently kept. */
export class ManifestIdReusedError extends Error {
  readonly code = 'MANIFEST_ID_REUSED';
  constructor(manifestId: string, fields: readonly string[]) {
    // The field names only (never their values); "a different individuals" read as a typo.
    const differ = fields.length === 1 ? `a different value for ${fields.join('')}` : `different values for ${fields.join(', ')}`;
    super(`manifest id ${JSON.stringify(manifestId)} is already recorded for this exporter with ${differ}; a different transfer needs a new manifest id`);
  }
}

export interface TotalsRow extends PersonTotals {
  exporter: string;
  year: number;
  transfers: number;
  /** Recorded but not counted (exempt) individuals, for the record. */
  uncountedIndividuals: number;
  uncountedSensitiveIndividuals: number;
}

/**
 * The transfer a check is about, left out of its own prior totals so that re-checking a recorded transfer never
 * counts it twice. Only a record with the same manifest id *and* the same date, counts and digest is that transfer:
 * another transfer recorded under the id (ids are reused by mistake) still counts, so a reused id can only raise the
 * totals. Recording uses the same test (sameTransfer, src/ledger/queries.ts) to tell "already recorded" from a reused id.
 */
export interface ExcludedTransfer {
  manifestId: string;
  date: string;
  individuals: number;
  sensitiveIndividuals: number;
  /** transferDigest; without it (or on a record made before digests were kept), id, date and counts decide alone. */
  digest?: string;
}

export interface LedgerStore {
  /** Counted totals for the exporter over the calendar years fromYear..toYear inclusive, without `exclude`. */
  totals(exporter: string, fromYear: number, toYear: number, opts?: { exclude?: ExcludedTransfer }): Promise<PersonTotals>;
  /** Like totals, over the exporter's USCC, its name and every key linked to them, with any identity conflict. */
  prior(exporter: ExporterIdentity, fromYear: number, toYear: number, opts?: { exclude?: ExcludedTransfer }): Promise<PriorTotals>;
  /**
   * Records atomically; concurrent records for the same exporter and year are serialised. Throws
   * ManifestIdReusedError when the id is already recorded under a linked key with different content.
   */
  record(entry: LedgerEntry): Promise<RecordResult>;
  list(filter?: { exporter?: string; year?: number }): Promise<TotalsRow[]>;
  close(): Promise<void>;
}
