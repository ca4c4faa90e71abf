/** PostgreSQL ledger: for deployments where several checker processes or hosts share one ledger. */
import pg from 'pg';
import { checkYearRange, validateEntry, type LedgerTimeouts, type StoreOptions } from './entry.js';
import { linkedKeysPg, type ExporterIdentity } from './key.js';
import { checkSchemaVersion, migratePostgres, postgresVersion } from './migrations.js';
import { alreadyRecorded, countedOf, INSERT, LINK, lockKey, postgresArgs, priorOf, STORED, SUMS, transferValues, type StoredRow, type SumsRow } from './queries.js';
import type { ExcludedTransfer, LedgerEntry, LedgerStore, PersonTotals, PriorTotals, RecordResult, TotalsRow } from './types.js';

/** COUNT and SUM over BIGINT arrive as strings (pg keeps 64-bit values exact); counts fit a double. */
interface ListRow {
  exporter: string; year: number; transfers: string;
  individuals: string; sensitive: string; u_individuals: string; u_sensitive: string;
}

const LIST_SQL = `
  SELECT exporter, year, COUNT(*) AS transfers,
    COALESCE(SUM(individuals) FILTER (WHERE counted), 0) AS individuals,
    COALESCE(SUM(sensitive_individuals) FILTER (WHERE counted), 0) AS sensitive,
    COALESCE(SUM(individuals) FILTER (WHERE NOT counted), 0) AS u_individuals,
    COALESCE(SUM(sensitive_individuals) FILTER (WHERE NOT counted), 0) AS u_sensitive
  FROM xborder_transfers
  WHERE ($1::text IS NULL OR lower(exporter) = lower($1::text)) AND ($2::int IS NULL OR year = $2::int)
  GROUP BY exporter, year
  ORDER BY exporter, year`;

/** Counted and uncounted sums over the keys and years, less the excluded transfer. */
const sums = async (q: pg.Pool | pg.PoolClient, keys: readonly string[], fromYear: number, toYear: number, exclude?: ExcludedTransfer): Promise<SumsRow | undefined> =>
  (await q.query<SumsRow>(SUMS.postgres, postgresArgs(SUMS, { keys, fromYear, toYear, ...transferValues(exclude) }))).rows[0];

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

  constructor(private readonly pool: pg.Pool, private readonly opts: StoreOptions = {}) {
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
    return countedOf(await sums(this.pool, [exporter], fromYear, toYear, opts?.exclude));
  }

  private async priorOf(exporter: ExporterIdentity, fromYear: number, toYear: number, opts?: { exclude?: ExcludedTransfer }): Promise<PriorTotals> {
    checkYearRange(fromYear, toYear);
    const { keys, conflict } = await linkedKeysPg(this.pool, exporter);
    return priorOf(await sums(this.pool, keys, fromYear, toYear, opts?.exclude), conflict);
  }

  private async recordOf(entry: LedgerEntry): Promise<RecordResult> {
    const year = validateEntry(entry);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        // One lock per exporter and year (two-int4 key space): concurrent records for the same exporter queue here,
        // so the totals each one returns include every earlier record and two cannot both slip under a threshold.
        // Linked keys (a name and its USCC) share the lock of the first of them.
        const { keys, conflict } = await linkedKeysPg(client, { key: entry.exporter, name: entry.name, uscc: entry.uscc });
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1), $2)', [lockKey(keys), year]);
        const stored = await client.query<StoredRow>(STORED.postgres, postgresArgs(STORED, { keys, ...transferValues(entry) }));
        const recorded = !alreadyRecorded(entry, stored.rows[0]) && (await client.query(INSERT.postgres,
          [entry.exporter, entry.manifestId, year, entry.date, entry.individuals, entry.sensitiveIndividuals, entry.counted])).rowCount === 1;
        if (entry.name && entry.uscc) await client.query(LINK.postgres, [entry.name, entry.uscc]);
        const totals = countedOf(await sums(client, keys, year, year));
        this.opts.beforeCommit?.(entry);
        await client.query('COMMIT');
        return { recorded, totals, ...(conflict ? { conflict } : {}) };
      } catch (err) {
        // If even ROLLBACK fails the connection is unusable; release(err) makes the pool discard it.
        await client.query('ROLLBACK').catch((e: unknown) => { broken = e instanceof Error ? e : new Error(String(e)); });
        throw err;
      }
    } finally {
      client.release(broken);
    }
  }

  private async listOf(filter: { exporter?: string; year?: number }): Promise<TotalsRow[]> {
    const res = await this.pool.query<ListRow>(LIST_SQL, [filter.exporter ?? null, filter.year ?? null]);
    return res.rows.map((r) => ({
      exporter: r.exporter,
      year: r.year,
      transfers: Number(r.transfers),
      individuals: Number(r.individuals),
      sensitiveIndividuals: Number(r.sensitive),
      uncountedIndividuals: Number(r.u_individuals),
      uncountedSensitiveIndividuals: Number(r.u_sensitive),
    }));
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
  try {
    const client = await pool.connect();
    try {
      if (opts.readOnly) checkSchemaVersion(await postgresVersion(client));
      else await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw explain(err, t);
  }
  return new PostgresLedger(pool, opts);
}
