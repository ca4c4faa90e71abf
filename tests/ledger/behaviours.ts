/** Behaviours every LedgerStore must have; run against each backend by its own test file. */
import { expect, it } from 'vitest';
import type { StoreOptions } from '../../src/ledger/entry.js';
import type { LedgerStore } from '../../src/ledger/types.js';
import { entry } from './helpers.js';

export type OpenStore = (opts?: StoreOptions) => Promise<LedgerStore>;

async function using<T>(open: OpenStore, fn: (store: LedgerStore) => Promise<T>, opts?: StoreOptions): Promise<T> {
  const store = await open(opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function ledgerBehaviours(open: OpenStore): void {
  it('records once: a second record of the same exporter + manifest changes nothing and says so', () => using(open, async (store) => {
    const first = await store.record(entry());
    expect(first).toEqual({ recorded: true, totals: { individuals: 60_000, sensitiveIndividuals: 0 } });
    const again = await store.record(entry());
    expect(again).toEqual({ recorded: false, totals: { individuals: 60_000, sensitiveIndividuals: 0 } });
    expect(await store.totals(entry().exporter, 2026, 2026)).toEqual({ individuals: 60_000, sensitiveIndividuals: 0 });
    const rows = await store.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.transfers).toBe(1);
  }));

  it('re-using a manifest id with different content is an error that names the fields, not "already recorded"', () => using(open, async (store) => {
    await store.record(entry());
    await expect(store.record(entry({ individuals: 70_000 }))).rejects.toThrow(/"tm-1" is already recorded for this exporter with a different value for individuals;/);
    await expect(store.record(entry({ date: '2026-03-02', counted: false }))).rejects.toThrow(/different values for date, counted \(exemption\)/);
    await expect(store.record(entry({ sensitiveIndividuals: 1 }))).rejects.toMatchObject({ code: 'MANIFEST_ID_REUSED' });
    expect(await store.list()).toMatchObject([{ transfers: 1, individuals: 60_000 }]);
  }));

  it('links a name to the USCC it was recorded with: name-only transfers count with the USCC, both ways', () => using(open, async (store) => {
    const uscc = '91310000MA1FL0000X';
    const name = 'Acme Trading Co.';
    await store.record(entry({ exporter: name, name, manifestId: 'by-name-1', individuals: 10_000 }));
    await store.record(entry({ exporter: uscc, name, uscc, manifestId: 'with-uscc', individuals: 60_000 }));
    const after = await store.record(entry({ exporter: name, name, manifestId: 'by-name-2', individuals: 5_000 }));
    expect(after).toEqual({ recorded: true, totals: { individuals: 75_000, sensitiveIndividuals: 0 } });
    expect(await store.prior({ key: name, name }, 2026, 2026)).toEqual({ individuals: 75_000, sensitiveIndividuals: 0 });
    expect(await store.prior({ key: uscc, name, uscc }, 2026, 2026, { exclude: { manifestId: 'by-name-2', date: '2026-03-01', individuals: 5_000, sensitiveIndividuals: 0 } })).toEqual({ individuals: 70_000, sensitiveIndividuals: 0, alreadyCounted: true });
    expect(await store.prior({ key: 'Other Co.', name: 'Other Co.' }, 2026, 2026)).toEqual({ individuals: 0, sensitiveIndividuals: 0 });
    // The same manifest recorded once by name and again with the USCC is one transfer, not two.
    await expect(store.record(entry({ exporter: uscc, name, uscc, manifestId: 'by-name-1', individuals: 10_000 }))).resolves.toMatchObject({ recorded: false });
  }));

  it('prior totals carry the exempt transfers it does not count beside the counted ones, and only when there are any', () => using(open, async (store) => {
    const uscc = '91310000MA1FL0000X';
    await store.record(entry({ exporter: uscc, uscc, manifestId: 'counted', individuals: 30_000 }));
    expect(await store.prior({ key: uscc, uscc }, 2026, 2026)).toEqual({ individuals: 30_000, sensitiveIndividuals: 0 });
    await store.record(entry({ exporter: uscc, uscc, manifestId: 'exempt', individuals: 90_000, sensitiveIndividuals: 20, counted: false }));
    expect(await store.prior({ key: uscc, uscc }, 2026, 2026)).toEqual({ individuals: 30_000, sensitiveIndividuals: 0, uncounted: { individuals: 90_000, sensitiveIndividuals: 20 } });
    expect(await store.prior({ key: uscc, uscc }, 2026, 2026, { exclude: { manifestId: 'exempt', date: '2026-03-01', individuals: 90_000, sensitiveIndividuals: 20 } })).toEqual({ individuals: 30_000, sensitiveIndividuals: 0 });
    expect(await store.totals(uscc, 2026, 2026)).toEqual({ individuals: 30_000, sensitiveIndividuals: 0 });
  }));

  it('a name with two USCCs, or a USCC with two names, is a conflict; every linked transfer still counts', () => using(open, async (store) => {
    const [u1, u2] = ['91310000MA1FL0000X', '91110000MA0000000Y'];
    await store.record(entry({ exporter: u1, name: 'Acme', uscc: u1, manifestId: 'a', individuals: 40_000 }));
    expect(await store.prior({ key: u1, name: 'Acme', uscc: u1 }, 2026, 2026)).toEqual({ individuals: 40_000, sensitiveIndividuals: 0 });
    const second = await store.record(entry({ exporter: u2, name: 'Acme', uscc: u2, manifestId: 'b', individuals: 40_000 }));
    expect(second).toEqual({ recorded: true, totals: { individuals: 80_000, sensitiveIndividuals: 0 }, conflict: 'name-with-several-usccs' });
    expect(await store.prior({ key: 'Acme', name: 'Acme' }, 2026, 2026)).toEqual({ individuals: 80_000, sensitiveIndividuals: 0, conflict: 'name-with-several-usccs' });
    // A USCC seen with another name (even one never recorded before) conflicts too.
    expect(await store.prior({ key: u1, name: 'Acme Holdings', uscc: u1 }, 2026, 2026)).toMatchObject({ conflict: 'uscc-with-several-names' });
  }));

  it('keys on exporter + manifest id: the same id under another exporter is a different transfer', () => using(open, async (store) => {
    await store.record(entry({ exporter: 'A' }));
    expect((await store.record(entry({ exporter: 'B' }))).recorded).toBe(true);
  }));

  it('keeps sensitive and non-sensitive tallies separate and accumulates per year', () => using(open, async (store) => {
    await store.record(entry({ manifestId: 'tm-1', individuals: 60_000, sensitiveIndividuals: 10 }));
    const r = await store.record(entry({ manifestId: 'tm-2', individuals: 32_000, sensitiveIndividuals: 5 }));
    expect(r.totals).toEqual({ individuals: 92_000, sensitiveIndividuals: 15 });
  }));

  it('starts a new year at zero', () => using(open, async (store) => {
    await store.record(entry({ manifestId: 'tm-2025', date: '2025-12-31', individuals: 95_000 }));
    const r = await store.record(entry({ manifestId: 'tm-2026', date: '2026-01-01', individuals: 10_000 }));
    expect(r.totals).toEqual({ individuals: 10_000, sensitiveIndividuals: 0 });
    expect(await store.totals(entry().exporter, 2026, 2026)).toEqual({ individuals: 10_000, sensitiveIndividuals: 0 });
    expect(await store.totals(entry().exporter, 2027, 2027)).toEqual({ individuals: 0, sensitiveIndividuals: 0 });
  }));

  it('sums a year range (the pre-2024 window ran from 1 January of the previous year)', () => using(open, async (store) => {
    await store.record(entry({ manifestId: 'a', date: '2022-06-01', individuals: 70_000, sensitiveIndividuals: 1 }));
    await store.record(entry({ manifestId: 'b', date: '2023-02-01', individuals: 40_000 }));
    await store.record(entry({ manifestId: 'c', date: '2021-12-31', individuals: 999 }));
    expect(await store.totals(entry().exporter, 2022, 2023)).toEqual({ individuals: 110_000, sensitiveIndividuals: 1 });
    expect(await store.totals(entry().exporter, 2023, 2023)).toEqual({ individuals: 40_000, sensitiveIndividuals: 0 });
  }));

  it('records exempt (counted: false) transfers without counting them, and shows them in the uncounted columns', () => using(open, async (store) => {
    await store.record(entry({ manifestId: 'tm-1', individuals: 60_000 }));
    const exempt = await store.record(entry({ manifestId: 'tm-hr', individuals: 5_000, sensitiveIndividuals: 7, counted: false }));
    expect(exempt).toEqual({ recorded: true, totals: { individuals: 60_000, sensitiveIndividuals: 0 } });
    expect(await store.totals(entry().exporter, 2026, 2026)).toEqual({ individuals: 60_000, sensitiveIndividuals: 0 });
    expect(await store.list()).toEqual([{
      exporter: entry().exporter, year: 2026, transfers: 2,
      individuals: 60_000, sensitiveIndividuals: 0, uncountedIndividuals: 5_000, uncountedSensitiveIndividuals: 7,
    }]);
  }));

  it('leaves out the excluded transfer, so re-checking a recorded transfer does not count it twice', () => using(open, async (store) => {
    await store.record(entry({ manifestId: 'tm-1', individuals: 60_000 }));
    await store.record(entry({ manifestId: 'tm-2', individuals: 50_000, sensitiveIndividuals: 3 }));
    const tm2 = { manifestId: 'tm-2', date: '2026-03-01', individuals: 50_000, sensitiveIndividuals: 3 };
    expect(await store.totals(entry().exporter, 2026, 2026, { exclude: tm2 }))
      .toEqual({ individuals: 60_000, sensitiveIndividuals: 0 });
    expect(await store.totals(entry().exporter, 2026, 2026, { exclude: { ...tm2, manifestId: 'not-there' } }))
      .toEqual({ individuals: 110_000, sensitiveIndividuals: 3 });
  }));

  it('still counts a different transfer recorded under the excluded id (a reused id only raises the totals)', () => using(open, async (store) => {
    await store.record(entry({ manifestId: 'tm-1', individuals: 90_000 }));
    const same = { manifestId: 'tm-1', date: '2026-03-01', individuals: 90_000, sensitiveIndividuals: 0 };
    expect(await store.prior({ key: entry().exporter }, 2026, 2026, { exclude: same })).toEqual({ individuals: 0, sensitiveIndividuals: 0, alreadyCounted: true });
    for (const other of [{ individuals: 50_000 }, { date: '2026-06-01' }, { sensitiveIndividuals: 1 }]) {
      expect(await store.prior({ key: entry().exporter }, 2026, 2026, { exclude: { ...same, ...other } })).toEqual({ individuals: 90_000, sensitiveIndividuals: 0 });
      expect(await store.totals(entry().exporter, 2026, 2026, { exclude: { ...same, ...other } })).toEqual({ individuals: 90_000, sensitiveIndividuals: 0 });
    }
  }));

  it('filters and orders list() by exporter and year', () => using(open, async (store) => {
    await store.record(entry({ exporter: 'B', manifestId: '1', date: '2026-01-02', individuals: 1 }));
    await store.record(entry({ exporter: 'A', manifestId: '2', date: '2026-05-02', individuals: 2 }));
    await store.record(entry({ exporter: 'A', manifestId: '3', date: '2025-05-02', individuals: 3 }));
    expect((await store.list()).map((r) => [r.exporter, r.year, r.individuals]))
      .toEqual([['A', 2025, 3], ['A', 2026, 2], ['B', 2026, 1]]);
    expect((await store.list({ exporter: 'A' })).map((r) => r.year)).toEqual([2025, 2026]);
    expect((await store.list({ year: 2026 })).map((r) => r.exporter)).toEqual(['A', 'B']);
    expect(await store.list({ exporter: 'A', year: 2024 })).toEqual([]);
  }));

  it('rejects invalid entries and writes nothing', () => using(open, async (store) => {
    await expect(store.record(entry({ date: '26-03-01' }))).rejects.toThrow(/YYYY-MM-DD/);
    await expect(store.record(entry({ date: '2026-02-30' }))).rejects.toThrow(/valid YYYY-MM-DD/);
    await expect(store.record(entry({ date: '2024-02-29' }))).resolves.toMatchObject({ recorded: true });
    await expect(store.record(entry({ manifestId: 'tm-x', date: '2026-13-01' }))).rejects.toThrow(/valid YYYY-MM-DD/);
    await expect(store.record(entry({ individuals: -1 }))).rejects.toThrow(/non-negative integer/);
    await expect(store.record(entry({ sensitiveIndividuals: 1.5 }))).rejects.toThrow(/non-negative integer/);
    await expect(store.totals('x', 2027, 2026)).rejects.toThrow(/year range/);
    expect((await store.list()).map((r) => [r.year, r.transfers])).toEqual([[2024, 1]]);
  }));

  it('rolls back a record that fails mid-transaction: nothing is left and the manifest can be recorded afterwards', async () => {
    const boom = new Error('injected failure before commit');
    await using(open, async (store) => {
      await store.record(entry({ manifestId: 'before', individuals: 1_000 }));
      await expect(store.record(entry({ manifestId: 'tm-crash' }))).rejects.toBe(boom);
      expect(await store.totals(entry().exporter, 2026, 2026)).toEqual({ individuals: 1_000, sensitiveIndividuals: 0 });
      expect((await store.list())[0]?.transfers).toBe(1);
    }, { beforeCommit: (e) => { if (e.manifestId === 'tm-crash') throw boom; } });
    await using(open, async (store) => {
      expect((await store.record(entry({ manifestId: 'tm-crash' }))).totals.individuals).toBe(61_000);
    });
  });
}
