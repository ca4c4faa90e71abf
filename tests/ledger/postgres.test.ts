import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migratePostgres } from '../../src/ledger/migrations.js';
import { openPostgresLedger } from '../../src/ledger/postgres.js';
import { ledgerBehaviours } from './behaviours.js';
import { PG_URL, ensureBuilt, entry, freshPgSchema, pgQuery, runNode } from './helpers.js';
import pg from 'pg';

if (!PG_URL) {
  console.warn('PostgreSQL ledger suite SKIPPED: set XBORDER_TEST_PG=postgres://… to run it, '
    + 'e.g. `source .ci/postgres.sh start && npx vitest run tests/ledger; .ci/postgres.sh stop`.');
}

/** The database migrated up to `version` only (as an older xborder left it), then `sql` run on it. */
async function migratedTo(url: string, version: number, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migratePostgres(client as unknown as pg.PoolClient, MIGRATIONS.slice(0, version));
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe.skipIf(!PG_URL)('PostgreSQL ledger', () => {
  let url: string;
  beforeEach(async () => { url = await freshPgSchema(PG_URL ?? ''); });

  ledgerBehaviours((opts) => openPostgresLedger(url, opts));

  it('applies migrations once; re-opening applies nothing and keeps the data', async () => {
    const a = await openPostgresLedger(url);
    await a.record(entry());
    await a.close();
    const b = await openPostgresLedger(url);
    expect((await b.record(entry())).recorded).toBe(false);
    await b.close();
    expect(await pgQuery(url, 'SELECT version, name FROM xborder_migrations')).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const next = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'probe', sqlite: '', postgres: 'CREATE TABLE probe (x INTEGER)' }];
      expect(await migratePostgres(client as unknown as pg.PoolClient, next)).toEqual([MIGRATIONS.length + 1]);
      expect(await migratePostgres(client as unknown as pg.PoolClient, next)).toEqual([]);
    } finally {
      await client.end();
    }
    await expect(openPostgresLedger(url)).rejects.toThrow(`schema version ${MIGRATIONS.length + 1} is newer`);
  });

  it('a read-only open reads a ledger of schema 5 (no digests yet) as it was read then', async () => {
    await migratedTo(url, 5, "INSERT INTO xborder_transfers (exporter, manifest_id, year, date, individuals, sensitive_individuals, counted) VALUES ('Acme', 'tm-1', 2026, '2026-03-01', 60000, 0, true)");
    const same = { manifestId: 'tm-1', date: '2026-03-01', individuals: 60_000, sensitiveIndividuals: 0, digest: 'sha256:any' };
    const reader = await openPostgresLedger(url, { readOnly: true });
    expect(await reader.prior({ key: 'Acme', name: 'Acme' }, 2026, 2026, { exclude: same })).toEqual({ individuals: 0, sensitiveIndividuals: 0, alreadyCounted: true });
    expect(await reader.prior({ key: 'Acme', name: 'Acme' }, 2026, 2026, { exclude: { ...same, individuals: 1 } })).toEqual({ individuals: 60_000, sensitiveIndividuals: 0 });
    await reader.close();
  });

  it('applies migrations safely when several stores open an empty database at once', async () => {
    const stores = await Promise.all(Array.from({ length: 6 }, () => openPostgresLedger(url)));
    await Promise.all(stores.map((s) => s.close()));
    expect(await pgQuery(url, 'SELECT version FROM xborder_migrations ORDER BY version')).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
  });

  it('migration 5 moves the key indexes to the A-Z fold (COLLATE "C"), keeping every row', async () => {
    await migratedTo(url, 4, "INSERT INTO xborder_transfers (exporter, manifest_id, year, date, individuals, sensitive_individuals, counted) VALUES ('ÉCOLE Co.', 'a', 2026, '2026-03-01', 7, 0, true)");
    const store = await openPostgresLedger(url);
    expect(await store.prior({ key: 'École co.', name: 'École co.' }, 2026, 2026)).toEqual({ individuals: 7, sensitiveIndividuals: 0 });
    await store.close();
    const indexes = await pgQuery<{ indexname: string; indexdef: string }>(url, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND (indexname LIKE 'xborder_%_lower' OR indexname LIKE 'xborder_%_fold') ORDER BY indexname");
    expect(indexes.map((i) => i.indexname)).toEqual(['xborder_identities_name_fold', 'xborder_identities_uscc_fold', 'xborder_transfers_exporter_fold']);
    for (const i of indexes) expect(i.indexdef).toContain('COLLATE "C"');
  });

  it('migration 2 re-keys old rows under normalised names, keeping a row whose id is already there under its old key', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migratePostgres(client as unknown as pg.PoolClient, MIGRATIONS.slice(0, 1));
      const insert = "INSERT INTO xborder_transfers (exporter, manifest_id, year, date, individuals, sensitive_individuals, counted) VALUES ($1, $2, 2026, '2026-03-01', $3, 0, true)";
      await client.query(insert, ['Acme', 'a', 60_000]);
      await client.query(insert, ['Acme\u200b', 'b', 60_000]);
      await client.query(insert, ['Ａｃｍｅ', 'a', 1]);
    } finally {
      await client.end();
    }
    const store = await openPostgresLedger(url);
    expect((await store.list()).map((r) => [r.exporter, r.individuals])).toEqual([['Acme', 120_000], ['Ａｃｍｅ', 1]]);
    await store.close();
  });

  it('stores counts and ids only', async () => {
    await (await openPostgresLedger(url)).close();
    const cols = await pgQuery<{ column_name: string }>(url,
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'xborder_transfers' AND table_schema = current_schema() ORDER BY ordinal_position");
    expect(cols.map((c) => c.column_name))
      .toEqual(['exporter', 'manifest_id', 'year', 'date', 'individuals', 'sensitive_individuals', 'counted', 'recorded_at', 'digest']);
  });

  describe('a process killed inside a record transaction', () => {
    beforeAll(() => ensureBuilt(), 60_000);

    it('leaves nothing behind and releases the exporter-year lock', async () => {
      const seed = await openPostgresLedger(url);
      await seed.record(entry({ manifestId: 'before', individuals: 1_000 }));
      await seed.close();
      const child = await runNode('crash.mjs', [url]);
      expect(child.signal).toBe('SIGKILL');
      const store = await openPostgresLedger(url);
      try {
        expect(await store.totals(entry().exporter, 2026, 2026)).toEqual({ individuals: 1_000, sensitiveIndividuals: 0 });
        // The server rolls back the dead session and frees its advisory lock; this would hang otherwise.
        expect((await store.record(entry({ manifestId: 'tm-crash' }))).recorded).toBe(true);
      } finally {
        await store.close();
      }
    }, 30_000);
  });
});
