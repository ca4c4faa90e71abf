/**
 * Versioned schema migrations for both backends. Each migration runs once, in order, inside the same
 * transaction as the insert into `xborder_migrations`, so a crash mid-migration leaves the old version.
 * Append new migrations; never edit one that has shipped.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { normaliseName } from './key.js';

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
  /** After the DDL: re-key existing transfers under their normalised exporter key (done in JS for both backends). */
  normaliseExporters?: boolean;
  /**
   * Indexes only: a ledger not yet migrated is read right by this xborder, only slower, so read-only commands
   * (check --ledger) accept it rather than going unavailable until the next `ledger record` migrates it.
   */
  indexesOnly?: true;
  /**
   * A column the readers can do without: read-only commands accept a ledger not yet migrated and read it as its own
   * version was read (schema 4 or 5: SUMS_UNDIGESTED), until the next `ledger record` migrates it.
   */
  readableBefore?: true;
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
    name: 'exporter identities',
    // Which normalised name was recorded with which USCC: names and USCCs only, no personal data.
    sqlite: `
      CREATE TABLE xborder_identities (
        name TEXT NOT NULL,
        uscc TEXT NOT NULL,
        recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (name, uscc)
      );
      CREATE INDEX xborder_identities_uscc ON xborder_identities (uscc);`,
    postgres: `
      CREATE TABLE xborder_identities (
        name TEXT NOT NULL,
        uscc TEXT NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (name, uscc)
      );
      CREATE INDEX xborder_identities_uscc ON xborder_identities (uscc);`,
    normaliseExporters: true,
  },
  {
    version: 3,
    name: 'evidence',
    // The service's decision records, a hash chain (src/ledger/decisions.ts). UNIQUE prev_hash: two writers
    // can never both extend the same head, so the chain cannot fork. Ids, digests and counts only.
    // xborder_pack_revision: the pack set the replicas should serve (one row), bumped on each reload.
    sqlite: `
      CREATE TABLE xborder_evidence (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        decision_id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        body TEXT NOT NULL,
        prev_hash TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL UNIQUE
      );
      CREATE TABLE xborder_pack_revision (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        revision INTEGER NOT NULL,
        digest TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );`,
    postgres: `
      CREATE TABLE xborder_evidence (
        seq BIGSERIAL PRIMARY KEY,
        decision_id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        body TEXT NOT NULL,
        prev_hash TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL UNIQUE
      );
      CREATE TABLE xborder_pack_revision (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        revision BIGINT NOT NULL,
        digest TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );`,
  },
  {
    version: 4,
    name: 'exporter keys in any letter case',
    // Keys match case-insensitively (lower() on both sides, src/ledger/queries.ts): indexes on that expression.
    sqlite: `
      CREATE INDEX xborder_transfers_exporter_lower ON xborder_transfers (lower(exporter), year);
      CREATE INDEX xborder_identities_name_lower ON xborder_identities (lower(name));
      CREATE INDEX xborder_identities_uscc_lower ON xborder_identities (lower(uscc));`,
    postgres: `
      CREATE INDEX xborder_transfers_exporter_lower ON xborder_transfers (lower(exporter), year);
      CREATE INDEX xborder_identities_name_lower ON xborder_identities (lower(name));
      CREATE INDEX xborder_identities_uscc_lower ON xborder_identities (lower(uscc));`,
  },
  {
    version: 5,
    name: 'exporter keys folded A-Z only',
    indexesOnly: true,
    // PostgreSQL's lower() folds by the collation: in a database with another locale than C it also folded É, Cyrillic
    // or full-width letters, unlike SQLite and the lock key. Keys now fold under COLLATE "C" (queries.ts `fold`), so
    // the indexes move to that expression; no row changes. SQLite's lower() folds A-Z only: nothing to do there.
    sqlite: '',
    postgres: `
      DROP INDEX xborder_transfers_exporter_lower;
      DROP INDEX xborder_identities_name_lower;
      DROP INDEX xborder_identities_uscc_lower;
      CREATE INDEX xborder_transfers_exporter_fold ON xborder_transfers (lower(exporter COLLATE "C"), year);
      CREATE INDEX xborder_identities_name_fold ON xborder_identities (lower(name COLLATE "C"));
      CREATE INDEX xborder_identities_uscc_fold ON xborder_identities (lower(uscc COLLATE "C"));`,
  },
  {
    version: 6,
    name: 'transfer digests',
    readableBefore: true,
    // What a transfer is beyond its id, date and counts (transferDigest, src/ledger/entry.ts), so that another
    // transfer under a reused id is not taken for the recorded one. A digest, no content; NULL on earlier records.
    sqlite: 'ALTER TABLE xborder_transfers ADD COLUMN digest TEXT;',
    postgres: 'ALTER TABLE xborder_transfers ADD COLUMN digest TEXT;',
  },
];

/** The first schema version whose transfers have a digest column: that migration's own version. */
const DIGESTS_FROM = MIGRATIONS.find((m) => m.name === 'transfer digests')!.version;
/** Whether a ledger of this schema version has transfer digests (a read-only reader of an older one goes without). */
export const hasDigests = (version: number | undefined): boolean => (version ?? 0) >= DIGESTS_FROM;

/**
 * Keys recorded before normalisation move to their normalised form. A row whose manifest id is already recorded
 * under the normalised key stays where it is (still listed and counted under its old key): nothing is dropped.
 */
const REKEY_SQL = (from: string, to: string): string => `
  UPDATE xborder_transfers SET exporter = ${to}
  WHERE exporter = ${from} AND manifest_id NOT IN (SELECT manifest_id FROM xborder_transfers WHERE exporter = ${to})`;

const renamed = (keys: readonly string[]): [string, string][] =>
  keys.map((k): [string, string] => [k, normaliseName(k)]).filter(([k, n]) => n !== '' && n !== k);

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
      if (m.normaliseExporters) {
        const keys = db.prepare('SELECT DISTINCT exporter FROM xborder_transfers').pluck().all() as string[];
        const rekey = db.prepare(REKEY_SQL('@from', '@to'));
        for (const [from, to] of renamed(keys)) rekey.run({ from, to });
      }
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
      if (m.normaliseExporters) {
        const keys = await client.query<{ exporter: string }>('SELECT DISTINCT exporter FROM xborder_transfers');
        for (const [from, to] of renamed(keys.rows.map((r) => r.exporter))) await client.query(REKEY_SQL('$1', '$2'), [from, to]);
      }
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

/**
 * For read-only use (check --ledger): the schema must be the one this xborder reads. Migrating needs write access,
 * so it is left to the next `ledger record`; until then the ledger is unavailable (and check says review).
 */
export function checkSchemaVersion(current: number | undefined, migrations: readonly Migration[] = MIGRATIONS, where?: string): void {
  const known = checkOrder(migrations);
  // Named, because a user who ran `ledger record` in another folder (or with XBORDER_LEDGER set) sees an empty one.
  if (current === undefined) throw new Error(`no ledger has been created ${where ? `at ${where}` : 'here'} yet (\`xborder ledger record\` creates it; --ledger or XBORDER_LEDGER names another)`);
  if (current > known) throw tooNew(current, known);
  if (current < known && migrations.some((m) => m.version > current && !m.indexesOnly && !m.readableBefore)) {
    throw new Error(`ledger schema version ${current} is older than this xborder's (${known}); checking only reads, so the next \`xborder ledger record\` must migrate it first`);
  }
}

/** The applied schema version, or undefined when the ledger has no tables at all. */
export function sqliteVersion(db: BetterSqlite3.Database): number | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'xborder_migrations'").get();
  return table ? (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM xborder_migrations').get() as { v: number }).v : undefined;
}

export async function postgresVersion(client: Pick<PoolClient, 'query'>): Promise<number | undefined> {
  const table = await client.query<{ t: string | null }>("SELECT to_regclass('xborder_migrations')::text AS t");
  if (!table.rows[0]?.t) return undefined;
  return (await client.query<{ v: number }>('SELECT COALESCE(MAX(version), 0)::int AS v FROM xborder_migrations')).rows[0]?.v;
}
