/** `xborder evidence verify | export`: the service's decision records, for auditors. Exit 0 ok, 1 broken chain, 2 error. */
import { openDecisionStore, verifyChain, type ChainHead, type DecisionStore } from '../ledger/decisions.js';
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

/** `<seq>:<hash>` as verify prints a head; the hash may leave out its `sha256:` prefix. */
function parseHead(text: string): ChainHead | undefined {
  const m = /^(\d{1,15}):(?:sha256:)?([0-9a-f]{64})$/i.exec(text.trim());
  return m && Number(m[1]) > 0 ? { seq: Number(m[1]), hash: `sha256:${m[2]!.toLowerCase()}` } : undefined;
}

const headText = (h: ChainHead): string => `${h.seq}:${h.hash}`;

/**
 * Exit 0 intact, 1 broken. An intact chain is printed with its head: a chain whose last records were deleted is
 * still intact, so an auditor notes the head and passes it later as `head`, which must be in the chain (exit 1 when
 * the chain ends before it, or holds another hash there). Records appended after it are fine: the service goes on.
 */
export function evidenceVerify(opts: EvidenceOptions & { head?: string }, io: AppIO): Promise<number> {
  const lang = opts.lang ?? 'en';
  const expected = opts.head === undefined ? undefined : parseHead(opts.head);
  if (opts.head !== undefined && !expected) {
    say(io.stderr, lang, MESSAGES.headOption(opts.head));
    return Promise.resolve(2);
  }
  return withStore(opts, io, async (store) => {
    const { checked, broken, head, marked } = await verifyChain(store, 1000, expected?.seq);
    if (broken) {
      io.stdout(`${MESSAGES.chainBroken(broken.seq, broken.decisionId, errorMessageIn(broken.reason, lang), checked)[lang]}\n`);
      return 1;
    }
    io.stdout(`${MESSAGES.chainIntact(checked, head && headText(head))[lang]}\n`);
    if (!expected) return 0;
    if (marked === undefined) {
      io.stdout(`${MESSAGES.headMissing(headText(expected), head && headText(head))[lang]}\n`);
      return 1;
    }
    if (marked !== expected.hash) {
      io.stdout(`${MESSAGES.headDiffers(headText(expected), marked)[lang]}\n`);
      return 1;
    }
    io.stdout(`${MESSAGES.headReached(headText(expected), head!.seq - expected.seq)[lang]}\n`);
    return 0;
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
