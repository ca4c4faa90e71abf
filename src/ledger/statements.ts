/**
 * The shared queries (queries.ts) run on each driver, once per dialect: the ledger (sqlite.ts, postgres.ts) and the
 * decision store (decisions.ts) read links and totals and record a transfer through these, so the two cannot differ.
 * No driver is loaded here (types only): the caller hands in its connection.
 */
import type Database from 'better-sqlite3';
import { linkedKeys, splitLinks, type ExporterIdentity } from './key.js';
import {
  alreadyRecorded, entryValues, INSERT, LINK, LINKS, linkValues, lockKey, postgresArgs, sqliteArgs, STORED, SUMS, SUMS_UNDIGESTED, transferValues,
  type StoredRow, type SumsRow,
} from './queries.js';
import type { ExcludedTransfer, LedgerEntry } from './types.js';

export type Linked = ReturnType<typeof linkedKeys>;

const linkArgs = (id: ExporterIdentity): { name: string | null; uscc: string | null } => ({ name: id.name ?? null, uscc: id.uscc ?? null });

/**
 * The statements on one SQLite connection (synchronous, so they can run inside a better-sqlite3 transaction).
 * `digests: false` reads a ledger of schema 4 or 5, read-only (migrations.ts readableBefore): it records nothing.
 */
export function sqliteStatements(db: Database.Database, digests = true): {
  links(id: ExporterIdentity): Linked;
  sums(keys: readonly string[], fromYear: number, toYear: number, exclude?: ExcludedTransfer): SumsRow | undefined;
  /** Inserts the entry unless already recorded under a linked key (ManifestIdReusedError for a reused id) and links its name. */
  record(e: LedgerEntry, keys: readonly string[], year: number): boolean;
} {
  type Args = Record<string, string | number | null>;
  const sumsQuery = digests ? SUMS : SUMS_UNDIGESTED;
  const sums = db.prepare<Args, SumsRow>(sumsQuery.sqlite);
  const links = db.prepare<Args, { kind: string; value: string }>(LINKS.sqlite);
  // Prepared at the first record: on a ledger of schema 4 or 5 (read-only) their digest column does not exist.
  let writes: { stored: Database.Statement<Args, StoredRow>; insert: Database.Statement<Args>; link: Database.Statement<Args> } | undefined;
  return {
    links: (id) => linkedKeys(id, splitLinks(links.all(sqliteArgs(LINKS, linkArgs(id))))),
    sums: (keys, fromYear, toYear, exclude) => sums.get(sqliteArgs(sumsQuery, { keys, fromYear, toYear, ...transferValues(exclude) })),
    record: (e, keys, year) => {
      const w = (writes ??= { stored: db.prepare<Args, StoredRow>(STORED.sqlite), insert: db.prepare<Args>(INSERT.sqlite), link: db.prepare<Args>(LINK.sqlite) });
      const recorded = !alreadyRecorded(e, w.stored.get(sqliteArgs(STORED, { keys, ...transferValues(e) })))
        && w.insert.run(sqliteArgs(INSERT, entryValues(e, year))).changes === 1;
      const l = linkValues(e);
      if (l) w.link.run(sqliteArgs(LINK, l));
      return recorded;
    },
  };
}

/** The driver call the PostgreSQL statements need (a pg Pool or PoolClient). */
interface PgQueryable {
  query<R extends Record<string, unknown>>(sql: string, values: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

/** linkedKeys from a PostgreSQL ledger's identity table, in one round trip. */
export async function pgLinks(q: PgQueryable, id: ExporterIdentity): Promise<Linked> {
  return linkedKeys(id, splitLinks((await q.query<{ kind: string; value: string }>(LINKS.postgres, postgresArgs(LINKS, linkArgs(id)))).rows));
}

/** `digests: false` reads a ledger of schema 4 or 5, read-only (migrations.ts readableBefore). */
export async function pgSums(q: PgQueryable, keys: readonly string[], fromYear: number, toYear: number, exclude?: ExcludedTransfer, digests = true): Promise<SumsRow | undefined> {
  const query = digests ? SUMS : SUMS_UNDIGESTED;
  return (await q.query<Record<string, unknown> & SumsRow>(query.postgres, postgresArgs(query, { keys, fromYear, toYear, ...transferValues(exclude) }))).rows[0];
}

/** As sqliteStatements' record; the caller holds the exporter's lock in an open transaction. */
export async function pgRecord(q: PgQueryable, e: LedgerEntry, keys: readonly string[], year: number): Promise<boolean> {
  const old = (await q.query<Record<string, unknown> & StoredRow>(STORED.postgres, postgresArgs(STORED, { keys, ...transferValues(e) }))).rows[0];
  const recorded = !alreadyRecorded(e, old) && (await q.query(INSERT.postgres, postgresArgs(INSERT, entryValues(e, year)))).rowCount === 1;
  const l = linkValues(e);
  if (l) await q.query(LINK.postgres, postgresArgs(LINK, l));
  return recorded;
}

/** A PostgreSQL connection of a pool: released with an error, the pool discards it. */
interface PgPooled extends PgQueryable { release(err?: Error): void }

/**
 * Runs `fn` in one transaction on a connection of its own, and commits unless it throws. If even ROLLBACK fails the
 * connection is unusable, so the pool discards it.
 */
export async function pgTransaction<C extends PgPooled, T>(pool: { connect(): Promise<C> }, fn: (client: C) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN', []);
    try {
      const out = await fn(client);
      await client.query('COMMIT', []);
      return out;
    } catch (err) {
      await client.query('ROLLBACK', []).catch((e: unknown) => { broken = e instanceof Error ? e : new Error(String(e)); });
      throw err;
    }
  } finally {
    client.release(broken);
  }
}

/**
 * Takes the advisory lock of an exporter's year, held to commit (two-int4 key space): lockKey of its linked keys, so
 * `ledger record` and the service's check-and-reserve, whichever key a manifest names, queue on one lock.
 */
export async function pgLockExporter(q: PgQueryable, keys: readonly string[], year: number): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1), $2)', [lockKey(keys), year]);
}
