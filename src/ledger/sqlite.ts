/** SQLite ledger: the zero-set-up default, one file per project or host. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { checkYearRange, validateEntry, type StoreOptions } from './entry.js';
import { LINKS_SQL, linkedKeys, splitLinks, type ExporterIdentity } from './key.js';
import { checkSchemaVersion, migrateSqlite, sqliteVersion } from './migrations.js';
import { alreadyRecorded, countedOf, INSERT, LINK, priorOf, sqliteArgs, STORED, SUMS, transferValues, type StoredRow, type SumsRow } from './queries.js';
import { DEFAULT_LEDGER, type ExcludedTransfer, type LedgerEntry, type LedgerStore, type PersonTotals, type PriorTotals, type RecordResult, type TotalsRow } from './types.js';

// URI file names, so a read-only open can say `immutable=1` (read once, when the native addon first loads).
process.env.SQLITE_USE_URI ??= '1';

/** How long a writer waits for another process's transaction before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;

const LIST_SQL = `
  SELECT exporter, year, COUNT(*) AS transfers,
    COALESCE(SUM(CASE WHEN counted = 1 THEN individuals ELSE 0 END), 0) AS individuals,
    COALESCE(SUM(CASE WHEN counted = 1 THEN sensitive_individuals ELSE 0 END), 0) AS sensitiveIndividuals,
    COALESCE(SUM(CASE WHEN counted = 0 THEN individuals ELSE 0 END), 0) AS uncountedIndividuals,
    COALESCE(SUM(CASE WHEN counted = 0 THEN sensitive_individuals ELSE 0 END), 0) AS uncountedSensitiveIndividuals
  FROM xborder_transfers
  WHERE (@exporter IS NULL OR lower(exporter) = lower(@exporter)) AND (@year IS NULL OR year = @year)
  GROUP BY exporter, year
  ORDER BY exporter, year`;

export class SqliteLedger implements LedgerStore {
  private readonly sumsStmt;
  private readonly linksStmt;
  private readonly storedStmt;
  private readonly linkStmt;
  private readonly insertStmt;
  private readonly listStmt;
  private readonly recordTx;

  constructor(private readonly db: Database.Database, private readonly opts: StoreOptions = {}) {
    this.sumsStmt = db.prepare<Record<string, string | number | null>, SumsRow>(SUMS.sqlite);
    this.linksStmt = db.prepare<{ name: string | null; uscc: string | null }, { kind: string; value: string }>(LINKS_SQL('@name', '@uscc'));
    this.storedStmt = db.prepare<Record<string, string | number | null>, StoredRow>(STORED.sqlite);
    this.linkStmt = db.prepare(LINK.sqlite);
    this.insertStmt = db.prepare(INSERT.sqlite);
    this.listStmt = db.prepare<{ exporter: string | null; year: number | null }, TotalsRow>(LIST_SQL);
    this.recordTx = db.transaction((entry: LedgerEntry, year: number): RecordResult => {
      const { keys, conflict } = this.links({ key: entry.exporter, name: entry.name, uscc: entry.uscc });
      const stored = this.storedStmt.get(sqliteArgs(STORED, { keys, ...transferValues(entry) }));
      const recorded = !alreadyRecorded(entry, stored) && this.insertStmt.run(entry.exporter, entry.manifestId, year, entry.date,
        entry.individuals, entry.sensitiveIndividuals, entry.counted ? 1 : 0).changes === 1;
      if (entry.name && entry.uscc) this.linkStmt.run(entry.name, entry.uscc);
      const totals = countedOf(this.sums(keys, year, year, undefined));
      this.opts.beforeCommit?.(entry);
      return { recorded, totals, ...(conflict ? { conflict } : {}) };
    });
  }

  private links(id: ExporterIdentity): ReturnType<typeof linkedKeys> {
    return linkedKeys(id, splitLinks(this.linksStmt.all({ name: id.name ?? null, uscc: id.uscc ?? null })));
  }

  private sums(keys: readonly string[], fromYear: number, toYear: number, exclude: ExcludedTransfer | undefined): SumsRow | undefined {
    return this.sumsStmt.get(sqliteArgs(SUMS, { keys, fromYear, toYear, ...transferValues(exclude) }));
  }

  async totals(exporter: string, fromYear: number, toYear: number, opts?: { exclude?: ExcludedTransfer }): Promise<PersonTotals> {
    checkYearRange(fromYear, toYear);
    return countedOf(this.sums([exporter], fromYear, toYear, opts?.exclude));
  }

  async prior(exporter: ExporterIdentity, fromYear: number, toYear: number, opts?: { exclude?: ExcludedTransfer }): Promise<PriorTotals> {
    checkYearRange(fromYear, toYear);
    const { keys, conflict } = this.links(exporter);
    return priorOf(this.sums(keys, fromYear, toYear, opts?.exclude), conflict);
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

/**
 * A WAL database needs its index file (-shm) beside it, which SQLite cannot create in a read-only folder. Then,
 * if no write-ahead log is pending (no -wal file, or an empty one), the file alone is the whole ledger and is
 * opened immutable; with a pending log the ledger cannot be read without write access, and says so.
 */
function openReadOnly(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
    return db;
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code;
    if (code !== 'SQLITE_READONLY_DIRECTORY' && code !== 'SQLITE_CANTOPEN') throw err;
    if (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size) {
      throw new Error('the ledger is in a read-only folder with changes not yet merged into it (a -wal file): open it once with write access', { cause: err });
    }
    return new Database(`${pathToFileURL(resolve(file)).href}?immutable=1`, { readonly: true, fileMustExist: true });
  }
}

/**
 * Opens (creating if needed) a SQLite ledger file and brings its schema up to date; read-only, opens an existing
 * file without write access and only checks its schema, so a read-only file or disk can still be checked against.
 */
export function openSqliteLedger(file: string = DEFAULT_LEDGER, opts: StoreOptions = {}): SqliteLedger {
  if (opts.readOnly) {
    const where = resolve(file) === file ? file : `${file} (${resolve(file)})`;
    if (file !== ':memory:' && !existsSync(file)) checkSchemaVersion(undefined, undefined, where);
    const db = openReadOnly(file);
    try {
      checkSchemaVersion(sqliteVersion(db), undefined, where);
      return new SqliteLedger(db, opts);
    } catch (err) {
      db.close();
      throw err;
    }
  }
  return new SqliteLedger(openWritable(file), opts);
}

/**
 * The ledger file opened for writing (created if needed) with its schema up to date: the ledger's and the decision
 * store's connections (src/ledger/decisions.ts) are opened alike.
 */
export function openWritable(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // busy_timeout first: switching to WAL and migrating both need locks another process may hold.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // FULL: a committed record also survives power loss; records are rare, so the extra fsync costs nothing noticeable.
    db.pragma('synchronous = FULL');
    migrateSqlite(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
