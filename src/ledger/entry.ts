import { isIsoDate, yearOf } from '../util/dates.js';
import { exporterIdentity } from './key.js';
import { ManifestIdReusedError, type ExcludedTransfer, type LedgerEntry, type PriorTotals } from './types.js';

/** Options shared by both backends. */
export interface StoreOptions {
  /** Open for reading only: no migration, no write access needed (check --ledger). */
  readOnly?: boolean;
  /** PostgreSQL timeouts in milliseconds (see ledgerTimeouts). */
  timeouts?: LedgerTimeouts;
  /**
   * Fault injection for tests only: called inside the record transaction after the insert and before commit.
   * A throw (or a killed process) here must leave the ledger unchanged.
   */
  beforeCommit?: (entry: LedgerEntry) => void;
}

export interface LedgerTimeouts { connectMs: number; statementMs: number; lockMs: number }

/** What the ledger reads of a manifest. */
export interface RecordedManifest {
  id: string;
  date: string;
  exporter: { name: string; uscc?: string };
  personalInformation?: { individuals: number; sensitiveIndividuals: number };
}

/**
 * A manifest as the ledger records it: one shape for `ledger record`, the service's check-and-reserve and what a
 * check leaves out of its own totals (src/app/check-one.ts thisTransfer), so the three cannot drift apart.
 */
export function ledgerEntryOf(m: RecordedManifest, counted: boolean): LedgerEntry {
  const { key, name, uscc } = exporterIdentity(m.exporter);
  return {
    exporter: key, ...(name ? { name } : {}), ...(uscc ? { uscc } : {}), manifestId: m.id, date: m.date, counted,
    individuals: m.personalInformation?.individuals ?? 0, sensitiveIndividuals: m.personalInformation?.sensitiveIndividuals ?? 0,
  };
}

/** The counting year of an entry: the calendar year of its transfer date (the window resets on 1 January). */
export function entryYear(entry: LedgerEntry): number {
  // A real calendar date only: 2026-02-30 is rejected here, as PostgreSQL's DATE column would reject it.
  if (typeof entry.date !== 'string' || !isIsoDate(entry.date)) {
    throw new Error(`manifest ${entry.manifestId}: date must be a valid YYYY-MM-DD, got ${JSON.stringify(entry.date)}`);
  }
  return yearOf(entry.date);
}

/** Rejects entries that would corrupt totals; the schema has CHECKs too, but a clear message is kinder. */
export function validateEntry(entry: LedgerEntry): number {
  if (!entry.exporter) throw new Error('ledger entry has an empty exporter key');
  if (!entry.manifestId) throw new Error('ledger entry has an empty manifest id');
  for (const [field, v] of [['individuals', entry.individuals], ['sensitiveIndividuals', entry.sensitiveIndividuals]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new Error(`manifest ${entry.manifestId}: ${field} must be a non-negative integer, got ${String(v)}`);
    }
  }
  return entryYear(entry);
}

/** Years are plain integers in the schema; guard the range so a typo cannot scan nonsense. */
export function checkYearRange(fromYear: number, toYear: number): void {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new Error(`invalid year range ${fromYear}..${toYear}`);
  }
}

/** What a backend stored for a manifest id: re-recording it must bring the same content. */
export interface StoredTransfer { date: string; individuals: number; sensitive: number; counted: boolean }

/** Throws when the manifest id is re-used for a different transfer; the message names fields, never values. */
export function checkSameTransfer(entry: LedgerEntry, stored: StoredTransfer): void {
  const differ = [
    stored.date !== entry.date && 'date',
    stored.individuals !== entry.individuals && 'individuals',
    stored.sensitive !== entry.sensitiveIndividuals && 'sensitiveIndividuals',
    stored.counted !== entry.counted && 'counted (exemption)',
  ].filter((f): f is string => f !== false);
  if (differ.length) throw new ManifestIdReusedError(entry.manifestId, differ);
}

/**
 * The sums a prior-totals query selects: counted (individuals, sensitive) and not counted (u_individuals,
 * u_sensitive), so one read gives a check both the totals and what an unconfirmed setting leaves out of them.
 * `counted` is the dialect's test of the column (SQLite `counted = 1`, PostgreSQL `counted`).
 */
/** The transfer already recorded under a manifest id for any of the exporter's linked keys, per backend. */
export const STORED_SQL = {
  sqlite: `SELECT date, individuals, sensitive_individuals AS sensitive, counted FROM xborder_transfers
  WHERE manifest_id = @id AND exporter IN (SELECT value FROM json_each(@keys)) LIMIT 1`,
  postgres: `SELECT to_char(date, 'YYYY-MM-DD') AS date, individuals, sensitive_individuals AS sensitive, counted FROM xborder_transfers
  WHERE manifest_id = $1 AND exporter = ANY($2::text[]) LIMIT 1`,
} as const;

/**
 * The advisory lock of an exporter's year: the first of its linked keys, so `ledger record` and the service's
 * check-and-reserve, whichever key a manifest names, wait for each other.
 */
export const lockKey = (keys: readonly string[]): string => [...keys].sort()[0]!;

export const PRIOR_SUMS = (counted: string): string => `
  COALESCE(SUM(CASE WHEN ${counted} THEN individuals ELSE 0 END), 0) AS individuals,
  COALESCE(SUM(CASE WHEN ${counted} THEN sensitive_individuals ELSE 0 END), 0) AS sensitive,
  COALESCE(SUM(CASE WHEN ${counted} THEN 0 ELSE individuals END), 0) AS u_individuals,
  COALESCE(SUM(CASE WHEN ${counted} THEN 0 ELSE sensitive_individuals END), 0) AS u_sensitive`;

/** Names of the parameters notExcluded reads; excludedValues gives their values. */
export type ExcludedParam = 'exId' | 'exDate' | 'exIndividuals' | 'exSensitive';

/**
 * The WHERE condition that leaves out the excluded transfer (ExcludedTransfer): the record with its manifest id,
 * date and counts. A record under the same id with other content is another transfer and stays counted. `p` writes
 * a parameter in the dialect; all NULL excludes nothing.
 */
export const notExcluded = (p: (name: ExcludedParam) => string): string =>
  `NOT (${p('exId')} IS NOT NULL AND manifest_id = ${p('exId')} AND date = ${p('exDate')}
    AND individuals = ${p('exIndividuals')} AND sensitive_individuals = ${p('exSensitive')})`;

export const excludedValues = (e: ExcludedTransfer | undefined): Record<ExcludedParam, string | number | null> => ({
  exId: e?.manifestId ?? null, exDate: e?.date ?? null, exIndividuals: e?.individuals ?? null, exSensitive: e?.sensitiveIndividuals ?? null,
});

/** PostgreSQL: the excluded transfer's parameters follow the three of every totals query (keys, fromYear, toYear). */
export const PG_EXCLUDED = (n: ExcludedParam): string => ({ exId: '$4::text', exDate: '$5::date', exIndividuals: '$6::bigint', exSensitive: '$7::bigint' })[n];
/** Their values in PG_EXCLUDED's order ($4..$7). */
export const excludedArgs = (e: ExcludedTransfer | undefined): (string | number | null)[] => {
  const v = excludedValues(e);
  return [v.exId, v.exDate, v.exIndividuals, v.exSensitive];
};

export interface PriorRow { individuals: number | string; sensitive: number | string; u_individuals: number | string; u_sensitive: number | string }

/** Adds rows of PRIOR_SUMS (one per linked key) into prior totals; `uncounted` only when there is any. */
export function priorOf(rows: readonly (PriorRow | undefined)[], conflict?: PriorTotals['conflict']): PriorTotals {
  const out: PriorTotals = { individuals: 0, sensitiveIndividuals: 0 };
  const u = { individuals: 0, sensitiveIndividuals: 0 };
  for (const r of rows) {
    out.individuals += Number(r?.individuals ?? 0);
    out.sensitiveIndividuals += Number(r?.sensitive ?? 0);
    u.individuals += Number(r?.u_individuals ?? 0);
    u.sensitiveIndividuals += Number(r?.u_sensitive ?? 0);
  }
  if (u.individuals || u.sensitiveIndividuals) out.uncounted = u;
  if (conflict) out.conflict = conflict;
  return out;
}
