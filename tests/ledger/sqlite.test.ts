import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateSqlite } from '../../src/ledger/migrations.js';
import { openSqliteLedger } from '../../src/ledger/sqlite.js';
import { ledgerBehaviours } from './behaviours.js';
import { ensureBuilt, entry, runNode, tempDir } from './helpers.js';

describe('SQLite ledger', () => {
  let file: string;
  beforeEach(() => { file = join(tempDir(), 'nested', 'dir', 'ledger.db'); });

  ledgerBehaviours(async (opts) => openSqliteLedger(file, opts));

  it('creates the parent directory and uses WAL mode', async () => {
    const store = openSqliteLedger(file);
    await store.close();
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('applies migrations once; re-opening applies nothing and keeps the data', async () => {
    const a = openSqliteLedger(file);
    await a.record(entry());
    await a.close();
    const b = openSqliteLedger(file);
    expect((await b.record(entry())).recorded).toBe(false);
    await b.close();
    const db = new Database(file);
    expect(db.prepare('SELECT version, name FROM xborder_migrations').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    // A later release adding migration 2 applies only that one.
    const next = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'probe', sqlite: 'CREATE TABLE probe (x INTEGER)', postgres: '' }];
    expect(migrateSqlite(db, next)).toEqual([MIGRATIONS.length + 1]);
    expect(migrateSqlite(db, next)).toEqual([]);
    db.close();
    // …and this release refuses a ledger written by that newer one instead of guessing at its schema.
    expect(() => openSqliteLedger(file)).toThrow(`schema version ${MIGRATIONS.length + 1} is newer`);
  });

  it('read-only opens accept a ledger behind only by index migrations (5), and refuse one behind by a row migration', async () => {
    file = join(tempDir(), 'v4.db');
    const v4 = new Database(file);
    migrateSqlite(v4, MIGRATIONS.slice(0, 4));
    v4.close();
    const reader = openSqliteLedger(file, { readOnly: true });
    expect(await reader.prior({ key: 'Acme', name: 'Acme' }, 2026, 2026)).toMatchObject({ individuals: 0 });
    await reader.close();
    const v3file = join(tempDir(), 'v3.db');
    const v3 = new Database(v3file);
    migrateSqlite(v3, MIGRATIONS.slice(0, 3));
    v3.close();
    expect(() => openSqliteLedger(v3file, { readOnly: true })).toThrow('ledger schema version 3 is older');
  });

  it('a read-only open reads a ledger of schema 5 (no digests yet) as it was read then; the next record migrates it', async () => {
    file = join(tempDir(), 'v5.db');
    const v5 = new Database(file);
    migrateSqlite(v5, MIGRATIONS.slice(0, 5));
    v5.prepare("INSERT INTO xborder_transfers (exporter, manifest_id, year, date, individuals, sensitive_individuals, counted) VALUES ('Acme', 'tm-1', 2026, '2026-03-01', 60000, 0, 1)").run();
    v5.close();
    const same = { manifestId: 'tm-1', date: '2026-03-01', individuals: 60_000, sensitiveIndividuals: 0, digest: 'sha256:any' };
    const reader = openSqliteLedger(file, { readOnly: true });
    expect(await reader.prior({ key: 'Acme', name: 'Acme' }, 2026, 2026, { exclude: same })).toEqual({ individuals: 0, sensitiveIndividuals: 0, alreadyCounted: true });
    expect(await reader.prior({ key: 'Acme', name: 'Acme' }, 2026, 2026, { exclude: { ...same, individuals: 1 } })).toEqual({ individuals: 60_000, sensitiveIndividuals: 0 });
    await reader.close();
    const writer = openSqliteLedger(file);
    expect(await writer.record(entry({ exporter: 'Acme', manifestId: 'tm-2', digest: 'sha256:two' }))).toMatchObject({ recorded: true });
    await writer.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT manifest_id, digest FROM xborder_transfers ORDER BY manifest_id').all()).toEqual([{ manifest_id: 'tm-1', digest: null }, { manifest_id: 'tm-2', digest: 'sha256:two' }]);
    db.close();
  });

  it('migration 2 re-keys old rows under normalised names, keeping a row whose id is already there under its old key', async () => {
    file = join(tempDir(), 'ledger.db');
    const db = new Database(file);
    migrateSqlite(db, MIGRATIONS.slice(0, 1));
    const insert = db.prepare("INSERT INTO xborder_transfers (exporter, manifest_id, year, date, individuals, sensitive_individuals, counted) VALUES (?, ?, 2026, '2026-03-01', ?, 0, 1)");
    insert.run('Acme', 'a', 60_000);
    insert.run('Acme\u200b', 'b', 60_000);
    insert.run('Ａｃｍｅ', 'a', 1);
    db.close();
    const store = openSqliteLedger(file);
    expect((await store.list()).map((r) => [r.exporter, r.individuals])).toEqual([['Acme', 120_000], ['Ａｃｍｅ', 1]]);
    await store.close();
  });

  it('stores counts and ids only', async () => {
    const store = openSqliteLedger(file);
    await store.close();
    const db = new Database(file, { readonly: true });
    const cols = (db.prepare("SELECT name FROM pragma_table_info('xborder_transfers')").all() as { name: string }[]).map((c) => c.name);
    db.close();
    // digest: SHA-256 of what the transfer is (recipient, purpose, data), no content (migration 6).
    expect(cols).toEqual(['exporter', 'manifest_id', 'year', 'date', 'individuals', 'sensitive_individuals', 'counted', 'recorded_at', 'digest']);
  });

  describe('a process killed inside a record transaction', () => {
    beforeAll(() => ensureBuilt(), 60_000);

    it('leaves nothing behind and does not block later records', async () => {
      const seed = openSqliteLedger(file);
      await seed.record(entry({ manifestId: 'before', individuals: 1_000 }));
      await seed.close();
      const child = await runNode('crash.mjs', [file]);
      expect(child.signal).toBe('SIGKILL');
      expect(child.stdout).not.toContain('not reached');
      const store = openSqliteLedger(file);
      try {
        expect(await store.totals(entry().exporter, 2026, 2026)).toEqual({ individuals: 1_000, sensitiveIndividuals: 0 });
        expect((await store.record(entry({ manifestId: 'tm-crash' }))).recorded).toBe(true);
      } finally {
        await store.close();
      }
    }, 30_000);
  });
});
