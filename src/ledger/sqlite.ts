/** SQLite ledger: the zero-set-up default, one file per project or host. */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { checkYearRange, validateEntry, type StoreOptions } from './entry.js';
import type { ExporterIdentity } from './key.js';
import { checkSchemaVersion, hasDigests, migrateSqlite, sqliteVersion } from './migrations.js';
import { countedOf, LIST, priorOf, sqliteArgs, totalsRowOf, type ListRow } from './queries.js';
import { sqliteStatements } from './statements.js';
import { makeDirs } from '../util/make-dirs.js';
import { DEFAULT_LEDGER, type ExcludedTransfer, type LedgerEntry, type LedgerStore, type PersonTotals, type PriorTotals, type RecordResult, type TotalsRow } from './types.js';

// URI file names, so a read-only open can say `immutable=1` (read once, when the native addon first loads).
process.env.SQLITE_USE_URI ??= '1';

/** How long a writer waits for another process's transaction before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;

class SqliteLedger implements LedgerStore {
  private readonly sql;
  private readonly listStmt;
  private readonly recordTx;

  constructor(private readonly db: Database.Database, private readonly opts: StoreOptions = {}, digests = true) {
    this.sql = sqliteStatements(db, digests);
    this.listStmt = db.prepare<Record<string, string | number | null>, ListRow>(LIST.sqlite);
    this.recordTx = db.transaction((entry: LedgerEntry, year: number): RecordResult => {
      const { keys, conflict } = this.sql.links({ key: entry.exporter, name: entry.name, uscc: entry.uscc });
      const recorded = this.sql.record(entry, keys, year);
      const totals = countedOf(this.sql.sums(keys, year, year));
      this.opts.beforeCommit?.(entry);
      return { recorded, totals, ...(conflict ? { conflict } : {}) };
    });
  }

  async totals(exporter: string, fromYear: number, toYear: number, opts?: { exclude?: ExcludedTransfer }): Promise<PersonTotals> {
    checkYearRange(fromYear, toYear);
    return countedOf(this.sql.sums([exporter], fromYear, toYear, opts?.exclude));
  }

  async prior(exporter: ExporterIdentity, fromYear: number, toYear: number, opts?: { exclude?: ExcludedTransfer }): Promise<PriorTotals> {
    checkYearRange(fromYear, toYear);
    const { keys, conflict } = this.sql.links(exporter);
    return priorOf(this.sql.sums(keys, fromYear, toYear, opts?.exclude), conflict);
  }

  async record(entry: LedgerEntry): Promise<RecordResult> {
    const year = validateEntry(entry);
    // IMMEDIATE takes the write lock before reading, so concurrent processes serialise on the whole record.
    return this.recordTx.immediate(entry, year);
  }

  async list(filter: { exporter?: string; year?: number } = {}): Promise<TotalsRow[]> {
    return this.listStmt.all(sqliteArgs(LIST, { exporter: filter.exporter ?? null, year: filter.year ?? null })).map(totalsRowOf);
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
      const version = sqliteVersion(db);
      checkSchemaVersion(version, undefined, where);
      return new SqliteLedger(db, opts, hasDigests(version));
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
  if (file !== ':memory:') makeDirs(dirname(file));
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
