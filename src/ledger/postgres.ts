/** PostgreSQL ledger: for deployments where several checker processes or hosts share one ledger. */
import pg from 'pg';
import { checkYearRange, validateEntry, type LedgerTimeouts, type StoreOptions } from './entry.js';
import type { ExporterIdentity } from './key.js';
import { checkSchemaVersion, hasDigests, migratePostgres, postgresVersion } from './migrations.js';
import { countedOf, LIST, postgresArgs, priorOf, totalsRowOf, type ListRow } from './queries.js';
import { pgLinks, pgLockExporter, pgRecord, pgSums, pgTransaction } from './statements.js';
import type { ExcludedTransfer, LedgerEntry, LedgerStore, PersonTotals, PriorTotals, RecordResult, TotalsRow } from './types.js';

/** Defaults when a caller gives none (openLedger reads them from the environment). */
const DEFAULT_TIMEOUTS: LedgerTimeouts = { connectMs: 10_000, statementMs: 30_000, lockMs: 10_000 };

const seconds = (ms: number): string => `${ms / 1000} s`;

/** A timeout from the driver or the server, said plainly with the setting that controls it. */
function explain(err: unknown, t: LedgerTimeouts): Error {
  const e = err as { code?: string; message?: string };
  const msg = e.message ?? String(err);
  if (e.code === '55P03') return new Error(`the ledger is locked by another session for more than ${seconds(t.lockMs)} (lock timeout, XBORDER_LEDGER_LOCK_TIMEOUT)`);
  if (e.code === '57014') return new Error(`the ledger database did not finish a query within ${seconds(t.statementMs)} (statement timeout, XBORDER_LEDGER_STATEMENT_TIMEOUT)`);
  if (/connection timeout|timeout exceeded when trying to connect/i.test(msg)) return new Error(`no answer from the ledger database within ${seconds(t.connectMs)} (connection timeout, XBORDER_LEDGER_CONNECT_TIMEOUT)`);
  if (/Query read timeout/i.test(msg)) return new Error(`the ledger database stopped answering (no reply within ${seconds(t.statementMs + t.connectMs)})`);
  return err instanceof Error ? err : new Error(msg);
}

export class PostgresLedger implements LedgerStore {
  private readonly timeouts: LedgerTimeouts;

  /** `digests: false`: a ledger of schema 4 or 5 opened read-only (migrations.ts readableBefore). */
  constructor(private readonly pool: pg.Pool, private readonly opts: StoreOptions = {}, private readonly digests = true) {
    this.timeouts = opts.timeouts ?? DEFAULT_TIMEOUTS;
  }

  private guard<T>(work: Promise<T>): Promise<T> {
    return work.catch((err: unknown) => { throw explain(err, this.timeouts); });
  }

  totals(exporter: string, fromYear: number, toYear: number, opts?: { exclude?: ExcludedTransfer }): Promise<PersonTotals> {
    return this.guard(this.totalsOf(exporter, fromYear, toYear, opts));
  }

  prior(exporter: ExporterIdentity, fromYear: number, toYear: number, opts?: { exclude?: ExcludedTransfer }): Promise<PriorTotals> {
    return this.guard(this.priorOf(exporter, fromYear, toYear, opts));
  }

  record(entry: LedgerEntry): Promise<RecordResult> {
    return this.guard(this.recordOf(entry));
  }

  list(filter: { exporter?: string; year?: number } = {}): Promise<TotalsRow[]> {
    return this.guard(this.listOf(filter));
  }

  private async totalsOf(exporter: string, fromYear: number, toYear: number, opts?: { exclude?: ExcludedTransfer }): Promise<PersonTotals> {
    checkYearRange(fromYear, toYear);
    return countedOf(await pgSums(this.pool, [exporter], fromYear, toYear, opts?.exclude, this.digests));
  }

  private async priorOf(exporter: ExporterIdentity, fromYear: number, toYear: number, opts?: { exclude?: ExcludedTransfer }): Promise<PriorTotals> {
    checkYearRange(fromYear, toYear);
    const { keys, conflict } = await pgLinks(this.pool, exporter);
    return priorOf(await pgSums(this.pool, keys, fromYear, toYear, opts?.exclude, this.digests), conflict);
  }

  private async recordOf(entry: LedgerEntry): Promise<RecordResult> {
    const year = validateEntry(entry);
    return pgTransaction(this.pool, async (client) => {
      // One lock per exporter and year: concurrent records for the same exporter queue here, so the totals each one
      // returns include every earlier record and two cannot both slip under a threshold.
      const { keys, conflict } = await pgLinks(client, { key: entry.exporter, name: entry.name, uscc: entry.uscc });
      await pgLockExporter(client, keys, year);
      const recorded = await pgRecord(client, entry, keys, year);
      const totals = countedOf(await pgSums(client, keys, year, year));
      this.opts.beforeCommit?.(entry);
      return { recorded, totals, ...(conflict ? { conflict } : {}) };
    });
  }

  private async listOf(filter: { exporter?: string; year?: number }): Promise<TotalsRow[]> {
    return (await this.pool.query<ListRow>(LIST.postgres, postgresArgs(LIST, { exporter: filter.exporter ?? null, year: filter.year ?? null }))).rows.map(totalsRowOf);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Connects a pool and returns the store: for recording, after applying pending migrations; read-only, after
 * checking the schema is current (a read-only user migrates nothing).
 */
export async function openPostgresLedger(connectionString: string, opts: StoreOptions = {}): Promise<PostgresLedger> {
  const t = opts.timeouts ?? DEFAULT_TIMEOUTS;
  const pool = new pg.Pool({
    connectionString, max: 4,
    connectionTimeoutMillis: t.connectMs,
    // Server side: a query or a lock wait (row or advisory) past these is cancelled by PostgreSQL itself;
    // client side: a server that stops answering altogether is given up on.
    statement_timeout: t.statementMs,
    lock_timeout: t.lockMs,
    query_timeout: t.statementMs + t.connectMs,
  });
  // An idle client dying (server restart) emits 'error' on the pool; unhandled, it would crash the process.
  // The next query reports the problem, so nothing is lost by ignoring it here.
  pool.on('error', () => undefined);
  let digests = true;
  try {
    const client = await pool.connect();
    try {
      if (opts.readOnly) {
        const version = await postgresVersion(client);
        checkSchemaVersion(version);
        digests = hasDigests(version);
      } else await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw explain(err, t);
  }
  return new PostgresLedger(pool, opts, digests);
}
