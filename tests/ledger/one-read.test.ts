/**
 * A tallied check (src/batch/job.ts) reads the ledger once per manifest: the totals less this transfer and whether
 * this same transfer is counted there already (PriorTotals.alreadyCounted) come from one query, not from a second
 * read that another `ledger record` could change in between. On both stores and both backends.
 */
import { describe, expect, it } from 'vitest';
import { priorFromLedger } from '../../src/app/check-one.js';
import { runJobTallied } from '../../src/batch/job.js';
import type { CheckOptions } from '../../src/evaluate/check.js';
import { prepareManifest } from '../../src/evaluate/pipeline.js';
import { loadPacks } from '../../src/load/load-packs.js';
import { ledgerEntryOf, type RecordedManifest } from '../../src/ledger/entry.js';
import { exporterIdentity } from '../../src/ledger/key.js';
import { openLedger } from '../../src/ledger/open.js';
import type { LedgerEntry, LedgerStore } from '../../src/ledger/types.js';
import { sized } from '../service/fixtures.js';
import { BACKENDS, STORES } from './stores.js';

const set = await loadPacks();
const TEXT = sized('tm-one', 30_000);
const prepared = prepareManifest(TEXT, 'one.yaml');
if (!prepared.ok) throw new Error('the fixture is not a manifest');
const m: RecordedManifest = prepared.manifest;
const itself = ledgerEntryOf(m, true);

/** The tallied job with the ledger as `check --ledger` reads it, counting the reads. */
async function tallied(store: LedgerStore): Promise<{ reads: number; recorded: boolean | undefined; ledger: unknown }> {
  let reads = 0;
  const read = priorFromLedger(store);
  const priorFor: NonNullable<CheckOptions['priorFor']> = (x, w) => { reads++; return read(x, w); };
  const out = await runJobTallied({ kind: 'text', uri: 'one.yaml', text: TEXT }, set, { priorFor }, true);
  return { reads, recorded: out.record?.recorded, ledger: out.record?.ledger };
}

describe.each(BACKENDS)('one ledger read per tallied manifest on $name', ({ spec }) => {
  it.each<[string, LedgerEntry[], boolean, number]>([
    ['nothing recorded', [], false, 0],
    ['this same transfer recorded', [itself], true, 0],
    ['another transfer of the exporter recorded', [{ ...itself, manifestId: 'tm-other', individuals: 50_000 }], false, 50_000],
    ['another transfer under its id (a reused id)', [{ ...itself, individuals: 50_000 }], false, 50_000],
    ['this same transfer recorded as exempt (not counted)', [{ ...itself, counted: false }], false, 0],
  ])('%s', async (_what, before, recorded, ledgerIndividuals) => {
    const store = await openLedger(await spec());
    try {
      for (const e of before) await store.record(e);
      expect(await tallied(store)).toEqual({ reads: 1, recorded, ledger: { individuals: ledgerIndividuals, sensitiveIndividuals: 0 } });
    } finally {
      await store.close();
    }
  });
});

describe.each(BACKENDS)('PriorTotals.alreadyCounted on $name', ({ spec }) => {
  describe.each(STORES)('$name', ({ open }) => {
    it('is true only when the transfer left out is itself a counted record', async () => {
      const store = await open(await spec());
      const id = exporterIdentity(m.exporter);
      const left = { manifestId: itself.manifestId, date: itself.date, individuals: itself.individuals, sensitiveIndividuals: itself.sensitiveIndividuals };
      try {
        expect((await store.prior(id, left)).alreadyCounted).toBeUndefined();
        await store.record({ ...itself, manifestId: 'tm-other' });
        expect((await store.prior(id, left)).alreadyCounted).toBeUndefined();
        await store.record(itself);
        expect(await store.prior(id, left)).toEqual({ individuals: 30_000, sensitiveIndividuals: 0, alreadyCounted: true });
        expect((await store.prior(id)).alreadyCounted).toBeUndefined(); // nothing left out
        expect((await store.prior(id, { ...left, individuals: 1 })).alreadyCounted).toBeUndefined(); // another transfer
      } finally {
        await store.close();
      }
    });
  });
});
