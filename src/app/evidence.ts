/** `xborder evidence verify | export`: the service's decision records, for auditors. Exit 0 ok, 1 broken chain, 2 error. */
import { statSync } from 'node:fs';
import { openDecisionStore, verifyChain, type DecisionStore } from '../ledger/decisions.js';
import { parseLedgerSpec, redactLedgerSpec } from '../ledger/open.js';
import type { AppIO } from './io.js';

/**
 * The SQLite file an audit names must already be a ledger: opening the decision store creates and migrates one, so
 * a mistyped path (or an empty file) became a new empty ledger whose chain was "intact" (exit 0).
 */
function assertLedgerFile(spec: string | undefined, io: AppIO): void {
  const target = parseLedgerSpec(spec, io.env);
  if (target.kind === 'sqlite' && target.file !== ':memory:' && !statSync(target.file, { throwIfNoEntry: false })?.size) {
    throw new Error(`${target.file} is not a ledger (no such file, or an empty one); evidence verify and export never create one`);
  }
}

async function withStore(spec: string | undefined, io: AppIO, fn: (s: DecisionStore) => Promise<number>): Promise<number> {
  let store: DecisionStore;
  try {
    assertLedgerFile(spec, io);
    store = await openDecisionStore(spec, io.env);
  } catch (err) {
    io.stderr(`xborder evidence: cannot open ledger${spec ? ` ${redactLedgerSpec(spec)}` : ''}: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    return await fn(store);
  } catch (err) {
    io.stderr(`xborder evidence: ${(err as Error).message}\n`);
    return 2;
  } finally {
    await store.close().catch(() => undefined);
  }
}

export function evidenceVerify(opts: { ledger?: string }, io: AppIO): Promise<number> {
  return withStore(opts.ledger, io, async (store) => {
    const r = await verifyChain(store);
    if (!r.broken) {
      io.stdout(`evidence chain intact: ${r.checked} records\n`);
      return 0;
    }
    io.stdout(`evidence chain BROKEN at record ${r.broken.seq} (decision ${r.broken.decisionId}): ${r.broken.reason}; ${r.checked} records before it are intact\n`);
    return 1;
  });
}

/** NDJSON, one record per line in chain order: seq, decisionId, createdAt, record (parsed), prevHash, hash. */
export function evidenceExport(opts: { ledger?: string }, io: AppIO): Promise<number> {
  return withStore(opts.ledger, io, async (store) => {
    for (let after = 0; ;) {
      const rows = await store.evidence(after, 1000);
      for (const r of rows) io.stdout(`${JSON.stringify(evidenceLine(r))}\n`);
      if (rows.length < 1000) return 0;
      after = rows[rows.length - 1]!.seq;
    }
  });
}

export const evidenceLine = (r: { seq: number; decisionId: string; createdAt: string; body: string; prevHash: string; hash: string }) =>
  ({ seq: r.seq, decisionId: r.decisionId, createdAt: r.createdAt, record: JSON.parse(r.body) as unknown, prevHash: r.prevHash, hash: r.hash });
