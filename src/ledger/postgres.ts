/** PostgreSQL ledger: for deployments where several checker processes or hosts share one ledger. */
import pg from 'pg';
import { checkYearRange, validateEntry, type StoreOptions } from './entry.js';
import { migratePostgres } from './migrations.js';
import type { LedgerEntry, LedgerStore, PersonTotals, RecordResult, TotalsRow } from './types.js';

/** SUM over BIGINT is NUMERIC and BIGINT arrives as a string (pg keeps 64-bit values exact); counts fit a double. */
interface SumRow { individuals: string; sensitive: string }
interface ListRow {
  exporter: string; year: number; transfers: string;
  individuals: string; sensitive: string; u_individuals: string; u_sensitive: string;
}

const TOTALS_SQL = `
  SELECT COALESCE(SUM(individuals), 0) AS individuals, COALESCE(SUM(sensitive_individuals), 0) AS sensitive
  FROM xborder_transfers
  WHERE exporter = $1 AND year BETWEEN $2 AND $3 AND counted
    AND ($4::text IS NULL OR manifest_id <> $4::text)`;

const LIST_SQL = `
  SELECT exporter, year, COUNT(*) AS transfers,
    COALESCE(SUM(individuals) FILTER (WHERE counted), 0) AS individuals,
    COALESCE(SUM(sensitive_individuals) FILTER (WHERE counted), 0) AS sensitive,
    COALESCE(SUM(individuals) FILTER (WHERE NOT counted), 0) AS u_individuals,
    COALESCE(SUM(sensitive_individuals) FILTER (WHERE NOT counted), 0) AS u_sensitive
  FROM xborder_transfers
  WHERE ($1::text IS NULL OR exporter = $1::text) AND ($2::int IS NULL OR year = $2::int)
  GROUP BY exporter, year
  ORDER BY exporter, year`;

function toTotals(row: SumRow | undefined): PersonTotals {
  return { individuals: Number(row?.individuals ?? 0), sensitiveIndividuals: Number(row?.sensitive ?? 0) };
}

export class PostgresLedger implements LedgerStore {
  constructor(private readonly pool: pg.Pool, private readonly opts: StoreOptions = {}) {}

  async totals(exporter: string, fromYear: number, toYear: number, opts?: { excludeManifestId?: string }): Promise<PersonTotals> {
    checkYearRange(fromYear, toYear);
    const res = await this.pool.query<SumRow>(TOTALS_SQL, [exporter, fromYear, toYear, opts?.excludeManifestId ?? null]);
    return toTotals(res.rows[0]);
  }

  async record(entry: LedgerEntry): Promise<RecordResult> {
    const year = validateEntry(entry);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        // One lock per exporter and year (two-int4 key space): concurrent records for the same exporter queue here,
        // so the totals each one returns include every earlier record and two cannot both slip under a threshold.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1), $2)', [entry.exporter, year]);
        const ins = await client.query(`
          INSERT INTO xborder_transfers (exporter, manifest_id, year, date, individuals, sensitive_individuals, counted)
          VALUES ($1, $2, $3, $4, $5, $6, $7)
          ON CONFLICT (exporter, manifest_id) DO NOTHING`,
          [entry.exporter, entry.manifestId, year, entry.date, entry.individuals, entry.sensitiveIndividuals, entry.counted]);
        const sum = await client.query<SumRow>(TOTALS_SQL, [entry.exporter, year, year, null]);
        this.opts.beforeCommit?.(entry);
        await client.query('COMMIT');
        return { recorded: ins.rowCount === 1, totals: toTotals(sum.rows[0]) };
      } catch (err) {
        // If even ROLLBACK fails the connection is unusable; release(err) makes the pool discard it.
        await client.query('ROLLBACK').catch((e: unknown) => { broken = e instanceof Error ? e : new Error(String(e)); });
        throw err;
      }
    } finally {
      client.release(broken);
    }
  }

  async list(filter: { exporter?: string; year?: number } = {}): Promise<TotalsRow[]> {
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

/** Connects a pool, applies pending migrations and returns the store. */
export async function openPostgresLedger(connectionString: string, opts: StoreOptions = {}): Promise<PostgresLedger> {
  const pool = new pg.Pool({ connectionString, max: 4 });
  // An idle client dying (server restart) emits 'error' on the pool; unhandled, it would crash the process.
  // The next query reports the problem, so nothing is lost by ignoring it here.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return new PostgresLedger(pool, opts);
}
