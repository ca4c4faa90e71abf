/**
 * Versioned schema migrations for both backends. Each migration runs once, in order, inside the same
 * transaction as the insert into `xborder_migrations`, so a crash mid-migration leaves the old version.
 * Append new migrations; never edit one that has shipped.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { PoolClient } from 'pg';

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'transfers',
    // Counts and ids only: the ledger must never hold personal data.
    sqlite: `
      CREATE TABLE xborder_transfers (
        exporter TEXT NOT NULL,
        manifest_id TEXT NOT NULL,
        year INTEGER NOT NULL,
        date TEXT NOT NULL,
        individuals INTEGER NOT NULL CHECK (individuals >= 0),
        sensitive_individuals INTEGER NOT NULL CHECK (sensitive_individuals >= 0),
        counted INTEGER NOT NULL CHECK (counted IN (0, 1)),
        recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (exporter, manifest_id)
      );
      CREATE INDEX xborder_transfers_exporter_year ON xborder_transfers (exporter, year);`,
    postgres: `
      CREATE TABLE xborder_transfers (
        exporter TEXT NOT NULL,
        manifest_id TEXT NOT NULL,
        year INTEGER NOT NULL,
        date DATE NOT NULL,
        individuals BIGINT NOT NULL CHECK (individuals >= 0),
        sensitive_individuals BIGINT NOT NULL CHECK (sensitive_individuals >= 0),
        counted BOOLEAN NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        UNIQUE (exporter, manifest_id)
      );
      CREATE INDEX xborder_transfers_exporter_year ON xborder_transfers (exporter, year);`,
  },
  {
    version: 2,
    name: 'evidence',
    // The service's decision records, a hash chain (src/ledger/decisions.ts). UNIQUE prev_hash: two writers
    // can never both extend the same head, so the chain cannot fork. Ids, digests and counts only.
    sqlite: `
      CREATE TABLE xborder_evidence (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        decision_id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        body TEXT NOT NULL,
        prev_hash TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL UNIQUE
      );`,
    postgres: `
      CREATE TABLE xborder_evidence (
        seq BIGSERIAL PRIMARY KEY,
        decision_id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        body TEXT NOT NULL,
        prev_hash TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL UNIQUE
      );`,
  },
];

function checkOrder(migrations: readonly Migration[]): number {
  let last = 0;
  for (const m of migrations) {
    if (m.version !== last + 1) throw new Error(`migration versions must be 1, 2, 3…; got ${m.version} after ${last}`);
    last = m.version;
  }
  return last;
}

function tooNew(current: number, known: number): Error {
  return new Error(`ledger schema version ${current} is newer than this xborder supports (${known}); upgrade xborder`);
}

/** Applies pending migrations. BEGIN IMMEDIATE takes the write lock first, so processes opening at once queue. */
export function migrateSqlite(db: BetterSqlite3.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const known = checkOrder(migrations);
  const run = db.transaction((): number[] => {
    db.exec(`CREATE TABLE IF NOT EXISTS xborder_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`);
    const row = db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM xborder_migrations').get() as { v: number };
    if (row.v > known) throw tooNew(row.v, known);
    const applied: number[] = [];
    const mark = db.prepare('INSERT INTO xborder_migrations (version, name) VALUES (?, ?)');
    for (const m of migrations) {
      if (m.version <= row.v) continue;
      db.exec(m.sqlite);
      mark.run(m.version, m.name);
      applied.push(m.version);
    }
    return applied;
  });
  return run.immediate();
}

/** Arbitrary constant for the migration advisory lock (single-bigint key space; record locks use the two-int4 space). */
const MIGRATION_LOCK = 7_382_000_001;

/** Applies pending migrations in one transaction under an advisory lock, so concurrent openers do not race on DDL. */
export async function migratePostgres(client: PoolClient, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const known = checkOrder(migrations);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS xborder_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const res = await client.query<{ v: number }>('SELECT COALESCE(MAX(version), 0)::int AS v FROM xborder_migrations');
    const current = res.rows[0]?.v ?? 0;
    if (current > known) throw tooNew(current, known);
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query(m.postgres);
      await client.query('INSERT INTO xborder_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
