/** `xborder evidence verify | export`: the service's decision records, for auditors. Exit 0 ok, 1 broken chain, 2 error. */
import { openDecisionStore, verifyChain, type DecisionStore } from '../ledger/decisions.js';
import { assertExistingLedger, LEDGER_ENV, redactLedgerSpec, redactSecrets } from '../ledger/open.js';
import type { Lang } from '../model/verdict.js';
import { errorMessageIn } from '../report/error-text.js';
import type { AppIO } from './io.js';
import { MESSAGES, say, thrown } from './messages.js';

interface EvidenceOptions { ledger?: string; lang?: Lang }

async function withStore({ ledger: spec, lang = 'en' }: EvidenceOptions, io: AppIO, fn: (s: DecisionStore) => Promise<number>): Promise<number> {
  let store: DecisionStore;
  try {
    // Opening the decision store creates and migrates a ledger: an audit must name one that exists.
    assertExistingLedger(spec, io.env, 'evidence');
    store = await openDecisionStore(spec, io.env);
  } catch (err) {
    // A driver may quote its connection string: its password never reaches stderr.
    const why = redactSecrets((err as Error).message, spec ?? io.env[LEDGER_ENV] ?? '');
    say(io.stderr, lang, MESSAGES.ledgerUnavailable(spec && redactLedgerSpec(spec), errorMessageIn(why, lang)));
    return 2;
  }
  try {
    return await fn(store);
  } catch (err) {
    say(io.stderr, lang, thrown((err as Error).message));
    return 2;
  } finally {
    await store.close().catch(() => undefined);
  }
}

export function evidenceVerify(opts: EvidenceOptions, io: AppIO): Promise<number> {
  const lang = opts.lang ?? 'en';
  return withStore(opts, io, async (store) => {
    const { checked, broken } = await verifyChain(store);
    io.stdout(`${(broken ? MESSAGES.chainBroken(broken.seq, broken.decisionId, errorMessageIn(broken.reason, lang), checked) : MESSAGES.chainIntact(checked))[lang]}\n`);
    return broken ? 1 : 0;
  });
}

/** NDJSON, one record per line in chain order: seq, decisionId, createdAt, record (parsed), prevHash, hash. */
export function evidenceExport(opts: EvidenceOptions, io: AppIO): Promise<number> {
  return withStore(opts, io, async (store) => {
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
