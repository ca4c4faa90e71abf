/** SQLite ledger: the zero-set-up default, one file per project or host. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { checkYearRange, validateEntry, type StoreOptions } from './entry.js';
import { migrateSqlite } from './migrations.js';
import { DEFAULT_LEDGER, type LedgerEntry, type LedgerStore, type PersonTotals, type RecordResult, type TotalsRow } from './types.js';

/** How long a writer waits for another process's transaction before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;

interface SumRow { individuals: number; sensitive: number }

const TOTALS_SQL = `
  SELECT COALESCE(SUM(individuals), 0) AS individuals, COALESCE(SUM(sensitive_individuals), 0) AS sensitive
  FROM xborder_transfers
  WHERE exporter = @exporter AND year BETWEEN @fromYear AND @toYear AND counted = 1
    AND (@exclude IS NULL OR manifest_id <> @exclude)`;

const LIST_SQL = `
  SELECT exporter, year, COUNT(*) AS transfers,
    COALESCE(SUM(CASE WHEN counted = 1 THEN individuals ELSE 0 END), 0) AS individuals,
    COALESCE(SUM(CASE WHEN counted = 1 THEN sensitive_individuals ELSE 0 END), 0) AS sensitiveIndividuals,
    COALESCE(SUM(CASE WHEN counted = 0 THEN individuals ELSE 0 END), 0) AS uncountedIndividuals,
    COALESCE(SUM(CASE WHEN counted = 0 THEN sensitive_individuals ELSE 0 END), 0) AS uncountedSensitiveIndividuals
  FROM xborder_transfers
  WHERE (@exporter IS NULL OR exporter = @exporter) AND (@year IS NULL OR year = @year)
  GROUP BY exporter, year
  ORDER BY exporter, year`;

export class SqliteLedger implements LedgerStore {
  private readonly totalsStmt;
  private readonly insertStmt;
  private readonly listStmt;
  private readonly recordTx;

  constructor(private readonly db: Database.Database, private readonly opts: StoreOptions = {}) {
    this.totalsStmt = db.prepare<{ exporter: string; fromYear: number; toYear: number; exclude: string | null }, SumRow>(TOTALS_SQL);
    this.insertStmt = db.prepare(`
      INSERT INTO xborder_transfers (exporter, manifest_id, year, date, individuals, sensitive_individuals, counted)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (exporter, manifest_id) DO NOTHING`);
    this.listStmt = db.prepare<{ exporter: string | null; year: number | null }, TotalsRow>(LIST_SQL);
    this.recordTx = db.transaction((entry: LedgerEntry, year: number): RecordResult => {
      const info = this.insertStmt.run(entry.exporter, entry.manifestId, year, entry.date,
        entry.individuals, entry.sensitiveIndividuals, entry.counted ? 1 : 0);
      const totals = this.sum(entry.exporter, year, year, undefined);
      this.opts.beforeCommit?.(entry);
      return { recorded: info.changes === 1, totals };
    });
  }

  private sum(exporter: string, fromYear: number, toYear: number, exclude: string | undefined): PersonTotals {
    return toTotals(this.totalsStmt.get({ exporter, fromYear, toYear, exclude: exclude ?? null }));
  }

  async totals(exporter: string, fromYear: number, toYear: number, opts?: { excludeManifestId?: string }): Promise<PersonTotals> {
    checkYearRange(fromYear, toYear);
    return this.sum(exporter, fromYear, toYear, opts?.excludeManifestId);
  }

  async record(entry: LedgerEntry): Promise<RecordResult> {
    const year = validateEntry(entry);
    // IMMEDIATE takes the write lock before reading, so concurrent processes serialise on the whole record.
    return this.recordTx.immediate(entry, year);
  }

  async list(filter: { exporter?: string; year?: number } = {}): Promise<TotalsRow[]> {
    return this.listStmt.all({ exporter: filter.exporter ?? null, year: filter.year ?? null });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function toTotals(row: SumRow | undefined): PersonTotals {
  return { individuals: row?.individuals ?? 0, sensitiveIndividuals: row?.sensitive ?? 0 };
}

/** Opens (creating if needed) a SQLite ledger file and brings its schema up to date. */
export function openSqliteLedger(file: string = DEFAULT_LEDGER, opts: StoreOptions = {}): SqliteLedger {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // busy_timeout first: switching to WAL and migrating both need locks another process may hold.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // FULL: a committed record also survives power loss; records are rare, so the extra fsync costs nothing noticeable.
    db.pragma('synchronous = FULL');
    migrateSqlite(db);
    return new SqliteLedger(db, opts);
  } catch (err) {
    db.close();
    throw err;
  }
}
