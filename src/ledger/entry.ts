import { canonicalDigest } from '../util/canonical.js';
import { isIsoDate, yearOf } from '../util/dates.js';
import { exporterIdentity } from './key.js';
import type { LedgerEntry } from './types.js';

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
  recipient?: unknown;
  purpose?: unknown;
  data?: unknown;
}

/**
 * What a transfer is beyond its id, date and counts: to whom, why and what (the recipient, purpose and data sections,
 * canonical JSON, SHA-256). Two manifests under one id that differ there are two transfers (an id reused by mistake);
 * the exporter is the ledger's key already, and safeguards or earlier totals change as a transfer gets its contract
 * filed, which leaves it the same transfer. So does a corrected description or row count (FREE_TEXT): a typo fixed
 * after `ledger record` made the transfer count twice, a false fail.
 */
export const transferDigest = (m: RecordedManifest): string =>
  canonicalDigest({ recipient: m.recipient ?? null, purpose: withoutFreeText(m.purpose), data: Array.isArray(m.data) ? m.data.map(withoutFreeText) : m.data ?? null });

/** The fields of purpose and of a data item that describe it rather than say what it is. */
const FREE_TEXT: ReadonlySet<string> = new Set(['description', 'records']);

function withoutFreeText(section: unknown): unknown {
  if (section === null || typeof section !== 'object' || Array.isArray(section)) return section ?? null;
  return Object.fromEntries(Object.entries(section).filter(([k]) => !FREE_TEXT.has(k)));
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
    digest: transferDigest(m),
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
