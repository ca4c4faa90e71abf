/**
 * Chooses a ledger backend from a spec. Backends are imported lazily so the CLI loads no database driver
 * (a native addon for SQLite) unless a ledger is actually used: cold start matters for a CLI.
 */
import { statSync } from 'node:fs';
import type { LedgerTimeouts, StoreOptions } from './entry.js';
import { LEDGER_ENV, parseLedgerSpec, redactSecrets, type Env } from './spec.js';
import { DEFAULT_LEDGER, type LedgerStore } from './types.js';

export { DEFAULT_LEDGER };
export { LEDGER_ENV, parseLedgerSpec, redactLedgerSpec, redactSecrets } from './spec.js';

/** Timeout variables, in seconds (fractions allowed), and their defaults. */
const TIMEOUTS = {
  connectMs: ['XBORDER_LEDGER_CONNECT_TIMEOUT', 10],
  statementMs: ['XBORDER_LEDGER_STATEMENT_TIMEOUT', 30],
  lockMs: ['XBORDER_LEDGER_LOCK_TIMEOUT', 10],
} as const;

/**
 * PostgreSQL timeouts: without them a server that accepts and never answers, or a lock another session holds,
 * hangs check and record forever. A value that is not a positive number of seconds is refused.
 */
export function ledgerTimeouts(env: Env = {}): LedgerTimeouts {
  const out = {} as LedgerTimeouts;
  for (const [field, [name, seconds]] of Object.entries(TIMEOUTS) as [keyof LedgerTimeouts, readonly [string, number]][]) {
    const raw = env[name]?.trim();
    const s = raw ? Number(raw) : seconds;
    if (!(s > 0) || !Number.isFinite(s) || !/^\d*\.?\d+$/.test(raw ?? '1')) throw new Error(`${name} must be a positive number of seconds (got "${raw}")`);
    out[field] = Math.round(s * 1000);
  }
  return out;
}

/** Opens the ledger named by `spec` (else XBORDER_LEDGER); its errors never carry the URL's passwords. */
export async function openLedger(spec?: string, opts: StoreOptions = {}, env: Env = {}): Promise<LedgerStore> {
  const raw = spec ?? env[LEDGER_ENV] ?? '';
  try {
    return await open(spec, opts, env);
  } catch (err) {
    const message = redactSecrets((err as Error).message, raw);
    throw message === (err as Error).message ? err : new Error(message);
  }
}

async function open(spec: string | undefined, opts: StoreOptions, env: Env): Promise<LedgerStore> {
  const target = parseLedgerSpec(spec, env);

  if (target.kind === 'postgres') {
    const { openPostgresLedger } = await import('./postgres.js');
    return openPostgresLedger(target.url, { timeouts: ledgerTimeouts(env), ...opts });
  }
  const { openSqliteLedger } = await import('./sqlite.js');
  return openSqliteLedger(target.file, opts);
}

/**
 * Refuses, before anything is opened, a ledger that a command that only reads one cannot use: `check --ledger`, `report --ledger`
 * and `evidence verify | export` never create a ledger, nor does `serve` without --create-ledger, so a typo (or an empty file) cannot silently read as an
 * empty one (the decision store would even create and migrate it, and report an intact chain). check also refuses
 * a value that looks like a manifest, so its option can never swallow a manifest path. Throws with the reason (a
 * usage error).
 */
export function assertExistingLedger(spec: string | undefined, env: Env = {}, by: 'check' | 'report' | 'zones' | 'evidence' | 'serve' = 'check'): void {
  const reads = by === 'check' || by === 'report' || by === 'zones';
  if (reads && spec !== undefined && /\.(ya?ml|json)$/i.test(spec)) throw new Error(`"${spec}" looks like a manifest, not a ledger (a SQLite file or postgres:// URL); write --ledger <ledger> before or after the manifests`);
  const target = parseLedgerSpec(spec, env);
  if (target.kind !== 'sqlite' || target.file === ':memory:') return;
  const size = statSync(target.file, { throwIfNoEntry: false })?.size;
  const never = reads ? `${by} never creates a ledger (record transfers with \`xborder ledger record\`)`
    : by === 'serve' ? 'serve creates a ledger only with --create-ledger'
      : 'evidence verify and export never create a ledger (`xborder serve --ledger` writes the decision records)';
  if (size === undefined) throw new Error(`${target.file} does not exist; ${never}`);
  if (size === 0) throw new Error(`${target.file} is an empty file, not a ledger; ${never}`);
}
