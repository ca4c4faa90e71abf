/**
 * "This same transfer" has one meaning (src/ledger/queries.ts sameTransfer): a record with the manifest id, date,
 * counts and digest (what it is: recipient, purpose, data) of the transfer at hand. A check leaves exactly that record out of its own totals, and recording the
 * transfer again finds exactly that record ("already recorded"); any other record under the id still counts, and
 * recording refuses it. Run on both stores (the ledger's own and the service's decision store) and both backends.
 */
import { describe, expect, it } from 'vitest';
import type { ExporterIdentity } from '../../src/ledger/key.js';
import type { ExcludedTransfer, LedgerEntry } from '../../src/ledger/types.js';
import { entry } from './helpers.js';
import { BACKENDS, STORES } from './stores.js';

const asChecked = (e: LedgerEntry): ExcludedTransfer => ({ manifestId: e.manifestId, date: e.date, individuals: e.individuals, sensitiveIndividuals: e.sensitiveIndividuals, ...(e.digest ? { digest: e.digest } : {}) });
const idOf = (e: LedgerEntry): ExporterIdentity => ({ key: e.exporter, name: e.name, uscc: e.uscc });

describe.each(BACKENDS)('one "same transfer" for totals and recording on $name', ({ spec }) => {
  describe.each(STORES)('$name', ({ open }) => {
    const recorded = entry({ manifestId: 'tm-9', individuals: 90_000, sensitiveIndividuals: 2 });
    /** Runs a case on a store of its own, closed whatever the case does. */
    const withStore = async (run: (store: Awaited<ReturnType<typeof open>>) => Promise<void>): Promise<void> => {
      const store = await open(await spec());
      try {
        await run(store);
      } finally {
        await store.close();
      }
    };

    it('a re-check of the identical recorded transfer leaves it out once, and recording it again is "already recorded"', () => withStore(async (store) => {
      expect(await store.record(recorded)).toMatchObject({ recorded: true });
      expect(await store.prior(idOf(recorded), asChecked(recorded))).toEqual({ individuals: 0, sensitiveIndividuals: 0, alreadyCounted: true });
      expect(await store.record(recorded)).toMatchObject({ recorded: false });
    }));

    it.each([
      ['individuals', { individuals: 50_000 }],
      ['sensitiveIndividuals', { sensitiveIndividuals: 3 }],
      ['date', { date: '2026-06-01' }],
    ] as const)('a check of the reused id with another %s counts the earlier record, and recording it is refused', (field, other) => withStore(async (store) => {
      await store.record(recorded);
      const reused = { ...recorded, ...other };
      expect(await store.prior(idOf(reused), asChecked(reused))).toEqual({ individuals: 90_000, sensitiveIndividuals: 2 });
      await expect(store.record(reused)).rejects.toThrow(`with a different value for ${field};`);
    }));

    // Another recipient under the recorded id, date and counts: before digests it was taken for the recorded transfer,
    // left out of its own totals (60,000 + 60,000 passed as 60,000) and "already recorded" without being recorded.
    it('a check of the reused id with the same date and counts but another digest counts the earlier record, and recording it is refused', () => withStore(async (store) => {
      const first = { ...recorded, digest: 'sha256:first' };
      const another = { ...recorded, digest: 'sha256:another' };
      await store.record(first);
      expect(await store.prior(idOf(another), asChecked(another))).toEqual({ individuals: 90_000, sensitiveIndividuals: 2 });
      await expect(store.record(another)).rejects.toThrow('with a different value for recipient/purpose/data;');
      expect(await store.prior(idOf(first), asChecked(first))).toEqual({ individuals: 0, sensitiveIndividuals: 0, alreadyCounted: true });
      expect(await store.record(first)).toMatchObject({ recorded: false });
    }));

    it('a record made before digests were kept is matched by id, date and counts, as it was then', () => withStore(async (store) => {
      await store.record(recorded); // no digest: as migration 6 leaves earlier records
      const checked = { ...recorded, digest: 'sha256:now' };
      expect(await store.prior(idOf(checked), asChecked(checked))).toEqual({ individuals: 0, sensitiveIndividuals: 0, alreadyCounted: true });
      expect(await store.record(checked)).toMatchObject({ recorded: false });
    }));

    it('this same transfer with its counting (exemption) changed is left out of a check, and never silently re-counted by recording', () => withStore(async (store) => {
      await store.record(recorded);
      const exempt = { ...recorded, counted: false };
      // Recorded as counted: every other check counts it, whatever this manifest now says of its exemption.
      expect(await store.prior(idOf(exempt), asChecked(exempt))).toEqual({ individuals: 0, sensitiveIndividuals: 0, alreadyCounted: true });
      await expect(store.record(exempt)).rejects.toThrow(/with a different value for counted \(exemption\);/);
    }));

    // Two records under one id, made under keys that were linked only afterwards: the check left out the one with
    // its counts, but recording compared with whichever record the lookup met first and called the identical
    // transfer a reused id.
    it('with several records under the id (keys linked later), recording finds the one the check left out', () => withStore(async (store) => {
      const uscc = '91310000MA1FL0000X';
      await store.record(entry({ exporter: 'Acme', name: 'Acme', manifestId: 'tm-x', individuals: 10_000 }));
      await store.record(entry({ exporter: uscc, name: 'Acme Two', uscc, manifestId: 'tm-x', individuals: 20_000 }));
      await store.record(entry({ exporter: uscc, name: 'Acme', uscc, manifestId: 'link', individuals: 1 }));
      const again = entry({ exporter: 'Acme', name: 'Acme', manifestId: 'tm-x', individuals: 20_000 });
      expect(await store.prior(idOf(again), asChecked(again))).toMatchObject({ individuals: 10_001 });
      expect(await store.record(again)).toMatchObject({ recorded: false });
      const first = entry({ exporter: 'Acme', name: 'Acme', manifestId: 'tm-x', individuals: 10_000 });
      expect(await store.prior(idOf(first), asChecked(first))).toMatchObject({ individuals: 20_001 });
      expect(await store.record(first)).toMatchObject({ recorded: false });
      await expect(store.record({ ...first, individuals: 30_000 })).rejects.toThrow(/a different value for individuals;/);
    }));
  });
});
