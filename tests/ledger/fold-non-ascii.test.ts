/**
 * Exporter keys fold A-Z and nothing else (src/ledger/key.ts foldCase), in the code, the advisory lock and both
 * databases alike. PostgreSQL's lower() folds by the collation: in a database whose locale is not C it also folds É,
 * Cyrillic or Greek capitals, so "ÉCOLE Co." and "école Co." were one exporter there (its totals, links and `ledger
 * show` filter) and two on SQLite and in the lock key. Run on SQLite, the test server (locale C) and a database
 * created with a Unicode locale, where the old queries merged them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { exporterIdentity, foldCase } from '../../src/ledger/key.js';
import { openLedger } from '../../src/ledger/open.js';
import { lockKey, SUMS, LINKS } from '../../src/ledger/queries.js';
import type { LedgerEntry } from '../../src/ledger/types.js';
import { entry, freshPgSchema, PG_URL, pgQuery } from './helpers.js';
import { BACKENDS, STORES } from './stores.js';

/** Pairs of exporter names: one exporter exactly when foldCase says so. */
const PAIRS: [string, string][] = [
  ['ACME Trading Co.', 'Acme trading co.'],
  ['ÉCOLE Trading Co.', 'École trading co.'], // É itself unchanged: one exporter
  ['ÉCOLE Trading Co.', 'école Trading Co.'],
  ['ООО РОМАШКА', 'ооо ромашка'],
  ['ΑΛΦΑ Ltd', 'αλφα Ltd'],
  ['MÜLLER GmbH', 'Müller GmbH'],
];

const named = (name: string, over: Partial<LedgerEntry> = {}): LedgerEntry => {
  const id = exporterIdentity({ name, ...(over.uscc ? { uscc: over.uscc } : {}) });
  return entry({ exporter: id.key, name: id.name, ...(id.uscc ? { uscc: id.uscc } : {}), ...over });
};

/**
 * A database on the test server whose default collation folds beyond ASCII (libc C.UTF-8, else ICU), or undefined
 * when the server has neither. Its `lower('É')` is checked, so the test means what it says.
 */
async function unicodeDatabase(base: string): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const db = `xb_fold_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    for (const how of ["LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'", "LOCALE_PROVIDER icu ICU_LOCALE 'und' LOCALE 'C'"]) {
      try {
        await admin.query(`CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8' ${how}`);
        const url = new URL(base);
        url.pathname = `/${db}`;
        const drop = async (): Promise<void> => {
          const c = new pg.Client({ connectionString: base });
          await c.connect();
          try { await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`); } finally { await c.end(); }
        };
        const [row] = await pgQuery<{ l: string }>(url.toString(), "SELECT lower('É') AS l");
        if (row?.l === 'é') return { url: url.toString(), drop };
        await drop();
      } catch { /* this server cannot create that locale: try the next */ }
    }
    return undefined;
  } finally {
    await admin.end();
  }
}

const unicode = PG_URL ? await unicodeDatabase(PG_URL) : undefined;
afterAll(async () => { await unicode?.drop(); });
if (PG_URL && !unicode) console.warn('fold-non-ascii: the test server cannot create a database with a Unicode locale; that case is SKIPPED');

const ALL = [...BACKENDS, ...(unicode ? [{ name: 'PostgreSQL with a Unicode locale', spec: () => freshPgSchema(unicode.url) }] : [])];

describe.each(ALL)('exporter keys fold A-Z only on $name', ({ spec }) => {
  describe.each(STORES)('$name', ({ open }) => {
    it.each(PAIRS)('"%s" and "%s" share totals exactly when foldCase makes them one', async (a, b) => {
      const one = foldCase(a) === foldCase(b);
      const store = await open(await spec());
      try {
        await store.record(named(a, { manifestId: 'tm-a', individuals: 90_000 }));
        expect(await store.prior(exporterIdentity({ name: b }))).toEqual({ individuals: one ? 90_000 : 0, sensitiveIndividuals: 0 });
      } finally {
        await store.close();
      }
    });
  });

  it.each(PAIRS)('links: "%s" recorded with a USCC is linked to "%s" exactly when foldCase makes them one', async (a, b) => {
    const one = foldCase(a) === foldCase(b);
    const ledger = await openLedger(await spec());
    try {
      await ledger.record(named(a, { uscc: '91310000MA1FL0000X', manifestId: 'tm-a', individuals: 90_000 }));
      // b with another USCC: the same name under two USCCs is a conflict; two names are not.
      const prior = await ledger.prior(exporterIdentity({ name: b, uscc: '91310000MA1FL0001Y' }), 2026, 2026);
      expect(prior).toEqual(one ? { individuals: 90_000, sensitiveIndividuals: 0, conflict: 'name-with-several-usccs' } : { individuals: 0, sensitiveIndividuals: 0 });
      expect((await ledger.list({ exporter: foldCase('91310000ma1fl0000x') })).map((r) => r.individuals)).toEqual([90_000]);
    } finally {
      await ledger.close();
    }
  });

  it.each(PAIRS)('ledger show --exporter "%s" lists "%s" exactly when foldCase makes them one', async (a, b) => {
    const ledger = await openLedger(await spec());
    try {
      await ledger.record(named(b, { manifestId: 'tm-b', individuals: 5 }));
      expect((await ledger.list({ exporter: exporterIdentity({ name: a }).key })).length).toBe(foldCase(a) === foldCase(b) ? 1 : 0);
    } finally {
      await ledger.close();
    }
  });
});

describe('the advisory lock key folds as the queries do', () => {
  it.each(PAIRS)('"%s" and "%s": one lock exactly when foldCase makes them one', (a, b) => {
    expect(lockKey([a]) === lockKey([b])).toBe(foldCase(a) === foldCase(b));
  });
});

describe.skipIf(!unicode)('PostgreSQL with a Unicode locale: the folded keys are looked up through the indexes of migration 5', () => {
  let url: string;
  beforeAll(async () => {
    url = await freshPgSchema(unicode?.url ?? '');
    const ledger = await openLedger(url);
    await ledger.record(named('ÉCOLE Trading Co.', { uscc: '91310000MA1FL0000X', manifestId: 'tm-a' }));
    await ledger.close();
  });

  const plan = async (sql: string, params: unknown[]): Promise<string> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('SET enable_seqscan = off');
      return (await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await c.end();
    }
  };

  it('totals', async () => {
    expect(await plan(SUMS.postgres, [['école Trading Co.'], 2026, 2026, null, null, null, null, null])).toContain('xborder_transfers_exporter_fold');
  });

  it('links by name', async () => {
    expect(await plan(LINKS.postgres, ['école Trading Co.', null])).toContain('xborder_identities_name_fold');
  });
});
