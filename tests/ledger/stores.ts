/**
 * The two stores that count transfers (the ledger's own, and the service's decision store) over both backends, for
 * tests that must hold on each: SQLite always, PostgreSQL when XBORDER_TEST_PG names a server.
 */
import { join } from 'node:path';
import { openDecisionStore } from '../../src/ledger/decisions.js';
import { openLedger } from '../../src/ledger/open.js';
import type { ExporterIdentity } from '../../src/ledger/key.js';
import type { ExcludedTransfer, LedgerEntry, PriorTotals } from '../../src/ledger/types.js';
import { freshPgSchema, PG_URL, tempDir } from './helpers.js';

/** What both stores do: the prior totals of an exporter in 2026 (less one transfer), and recording a transfer. */
export interface Store {
  prior(id: ExporterIdentity, exclude?: ExcludedTransfer): Promise<PriorTotals>;
  record(e: LedgerEntry): Promise<{ recorded: boolean }>;
  close(): Promise<void>;
}

export const STORES: { name: string; open: (spec: string) => Promise<Store> }[] = [
  {
    name: 'ledger',
    open: async (spec) => {
      const s = await openLedger(spec);
      return { prior: (id, exclude) => s.prior(id, 2026, 2026, exclude ? { exclude } : undefined), record: (e) => s.record(e), close: () => s.close() };
    },
  },
  {
    name: 'decision store',
    open: async (spec) => {
      const s = await openDecisionStore(spec);
      return {
        prior: (id, exclude) => s.transaction(undefined, (tx) => tx.prior(id, 2026, 2026, exclude ? { exclude } : undefined)),
        record: (e) => s.transaction({ exporter: { key: e.exporter, name: e.name, uscc: e.uscc }, year: 2026 }, (tx) => tx.record(e)),
        close: () => s.close(),
      };
    },
  },
];

/** A fresh ledger spec per call: a SQLite file, and a PostgreSQL schema when a server is configured. */
export const BACKENDS: { name: string; spec: () => Promise<string> }[] = [
  { name: 'SQLite', spec: async () => join(tempDir(), 'ledger.db') },
  ...(PG_URL ? [{ name: 'PostgreSQL', spec: () => freshPgSchema(PG_URL ?? '') }] : []),
];
