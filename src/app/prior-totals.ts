/**
 * Year-to-date totals from an existing ledger, read-only, as `check --ledger` (and `report`, and the configuration's
 * `ledger:`) read them. The ledger driver loads only when asked for (cold start); checking never creates a ledger.
 * An unavailable ledger (missing, unreadable, timed out, or a value that is not a ledger at all), or the first read
 * that fails after it opened, is said once; every later read fails at once, so each manifest becomes review and the
 * command exits 2.
 */
import type { CheckOptions } from '../evaluate/check.js';
import type { BilingualError } from '../evaluate/checker-findings.js';
import { LEDGER_ENV } from '../ledger/spec.js';
import type { LedgerStore } from '../ledger/types.js';
import type { Lang } from '../model/verdict.js';
import { errorMessageIn } from '../report/error-text.js';
import type { AppIO } from './io.js';
import { MESSAGES, say } from './messages.js';

/** A read-only ledger as `check` reads it (the totals themselves are ledger/types.ts PriorTotals). */
export interface PriorSource {
  /** Undefined without a ledger: the manifest's own prior figures count. */
  priorFor: CheckOptions['priorFor'];
  /** The first failure of the ledger, if any: the run must then exit 2. */
  unavailable: () => Error | undefined;
  close: () => Promise<void>;
}

/**
 * `by`: the command reading the ledger, named when it refuses a missing one ("report never creates a ledger").
 * `fromEnv`: the ledger came from XBORDER_LEDGER, so messages name the variable (a user may not know it is set).
 */
export async function openPriorTotals(ledger: string | undefined, io: AppIO, lang: Lang, by: 'check' | 'report' | 'zones' = 'check', fromEnv = false): Promise<PriorSource> {
  if (ledger === undefined) return { priorFor: undefined, unavailable: () => undefined, close: async () => {} };
  const { assertExistingLedger, openLedger, redactLedgerSpec, redactSecrets } = await import('../ledger/open.js');
  const { priorFromLedger } = await import('./check-one.js');
  let store: LedgerStore | undefined;
  let unavailable: Error | undefined;
  try {
    assertExistingLedger(ledger, io.env, by);
    store = await openLedger(ledger, { readOnly: true }, io.env);
  } catch (err) {
    unavailable = bilingual(redactSecrets((err as Error).message, ledger));
    const named = `${fromEnv ? `${LEDGER_ENV}=` : ''}${redactLedgerSpec(ledger)}`;
    say(io.stderr, lang, MESSAGES.ledgerUnavailable(named, errorMessageIn(unavailable.message, lang)));
  }
  const s = store;
  return {
    priorFor: async (m, w) => {
      if (unavailable || !s) throw unavailable;
      return priorFromLedger(s)(m, w)
        .catch((err: unknown) => {
          // Said once, at the first failed read: without it `report` would exit 2 with nothing on stderr. The
          // driver's text may quote its connection string, so passwords go before it reaches stderr or a finding.
          const message = redactSecrets((err as Error).message, ledger);
          unavailable = bilingual(message);
          say(io.stderr, lang, MESSAGES.ledgerReadFailed(redactLedgerSpec(ledger), errorMessageIn(message, lang)));
          throw unavailable;
        });
    },
    unavailable: () => unavailable,
    close: async () => { await s?.close(); },
  };
}

/**
 * The ledger's error as each verdict's finding quotes it: passwords already removed, and in Chinese too (the core
 * that writes the finding cannot translate; src/report/error-text.ts can).
 */
const bilingual = (message: string): BilingualError => Object.assign(new Error(message), { zh: errorMessageIn(message, 'zh') });
