/**
 * An exporter's name or USCC written in another letter case is the same exporter: "ACME Trading (Shanghai) Co."
 * recorded 90,000 people, and a check of "Acme Trading (Shanghai) Co." must count them (it passed on its own 50,000
 * before). Keys are folded A-Z in SQL on both sides (src/ledger/queries.ts fold), on both stores and
 * both backends; case variants of one name are not an identity conflict.
 */
import { describe, expect, it } from 'vitest';
import { exporterIdentity } from '../../src/ledger/key.js';
import { openLedger } from '../../src/ledger/open.js';
import { lockKey } from '../../src/ledger/queries.js';
import { ManifestIdReusedError, type LedgerEntry } from '../../src/ledger/types.js';
import { entry } from './helpers.js';
import { BACKENDS, STORES } from './stores.js';

/** A transfer recorded as the manifest's exporter would be. */
const as = (exporter: { name: string; uscc?: string }, over: Partial<LedgerEntry>): LedgerEntry => {
  const id = exporterIdentity(exporter);
  return entry({ exporter: id.key, ...(id.name ? { name: id.name } : {}), ...(id.uscc ? { uscc: id.uscc } : {}), ...over });
};

describe.each(BACKENDS)('exporter keys in another letter case on $name', ({ spec }) => {
  describe.each(STORES)('$name', ({ open }) => {
    it('a name-only exporter: 90,000 recorded as "ACME …" count for "Acme …"', async () => {
      const store = await open(await spec());
      try {
        await store.record(as({ name: 'ACME Trading (Shanghai) Co.' }, { manifestId: 'tm-u', individuals: 90_000 }));
        expect(await store.prior(exporterIdentity({ name: 'Acme Trading (Shanghai) Co.' }))).toEqual({ individuals: 90_000, sensitiveIndividuals: 0 });
      } finally {
        await store.close();
      }
    });

    it('a name recorded with its USCC links the USCC for the name in another case; a lower-case USCC is the USCC', async () => {
      const store = await open(await spec());
      try {
        await store.record(as({ name: 'ACME Trading (Shanghai) Co.', uscc: '91310115MA1K4ACME1' }, { manifestId: 'tm-1', individuals: 70_000 }));
        const byName = await store.prior(exporterIdentity({ name: 'acme trading (shanghai) co.' }));
        expect(byName).toEqual({ individuals: 70_000, sensitiveIndividuals: 0 });
        const byUscc = await store.prior(exporterIdentity({ name: 'Acme Trading (Shanghai) Co.', uscc: '91310115ma1k4acme1' }));
        expect(byUscc).toEqual({ individuals: 70_000, sensitiveIndividuals: 0 }); // no conflict: one USCC, one name
      } finally {
        await store.close();
      }
    });

    it('the same transfer recorded again in another case is "already recorded"; other counts under its id are refused', async () => {
      const store = await open(await spec());
      try {
        expect(await store.record(as({ name: 'ACME Co.' }, { manifestId: 'tm-9', individuals: 10 }))).toMatchObject({ recorded: true });
        expect(await store.record(as({ name: 'Acme Co.' }, { manifestId: 'tm-9', individuals: 10 }))).toMatchObject({ recorded: false });
        await expect(store.record(as({ name: 'Acme Co.' }, { manifestId: 'tm-9', individuals: 11 }))).rejects.toBeInstanceOf(ManifestIdReusedError);
        expect(await store.prior(exporterIdentity({ name: 'acme co.' }))).toEqual({ individuals: 10, sensitiveIndividuals: 0 });
      } finally {
        await store.close();
      }
    });
  });
});

describe('the advisory lock of an exporter is one whatever the letter case', () => {
  it('lockKey folds A-Z, as the queries do', () => {
    expect(lockKey(['ACME Co.'])).toBe(lockKey(['Acme Co.']));
    expect(lockKey(['MÜLLER GmbH'])).not.toBe(lockKey(['Müller GmbH'])); // as SQLite's lower(): two names
  });
});

describe.each(BACKENDS)('ledger list --exporter in another letter case on $name', ({ spec }) => {
  it('lists the exporter\'s rows', async () => {
    const ledger = await openLedger(await spec());
    try {
      await ledger.record(as({ name: 'ACME Trading (Shanghai) Co.' }, { manifestId: 'tm-l', individuals: 5 }));
      expect(await ledger.list({ exporter: 'Acme Trading (Shanghai) Co.' })).toMatchObject([{ exporter: 'ACME Trading (Shanghai) Co.', individuals: 5 }]);
    } finally {
      await ledger.close();
    }
  });
});
