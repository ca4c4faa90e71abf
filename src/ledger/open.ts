/**
 * Chooses a ledger backend from a spec. Backends are imported lazily so the CLI loads no database driver
 * (a native addon for SQLite) unless a ledger is actually used: cold start matters for a CLI.
 */
import type { LedgerTimeouts, StoreOptions } from './entry.js';
import type { LedgerStore } from './types.js';

export const LEDGER_ENV = 'XBORDER_LEDGER';
export const DEFAULT_LEDGER = '.xborder/ledger.db';

export type LedgerTarget = { kind: 'postgres'; url: string } | { kind: 'sqlite'; file: string };

/** Parses `postgres://…`, `postgresql://…`, `sqlite:path` or a plain file path. */
export function parseLedgerSpec(spec: string | undefined, env: NodeJS.ProcessEnv = process.env): LedgerTarget {
  const raw = (spec ?? env[LEDGER_ENV] ?? '').trim() || DEFAULT_LEDGER;
  if (/^postgres(ql)?:\/\//i.test(raw)) return { kind: 'postgres', url: raw };
  if (/^sqlite:/i.test(raw)) {
    // sqlite:path, sqlite://relative/path and sqlite:///absolute/path all name a file.
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new Error('ledger spec "sqlite:" names no file');
    return { kind: 'sqlite', file };
  }
  // Refuse other URL schemes rather than silently creating a SQLite file called "mysql:…".
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(raw)) throw new Error(`unsupported ledger URL scheme in ${redactLedgerSpec(raw)}`);
  return { kind: 'sqlite', file: raw };
}

/** For messages: a PostgreSQL URL without its password. */
export function redactLedgerSpec(spec: string): string {
  return spec.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

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
export function ledgerTimeouts(env: NodeJS.ProcessEnv = process.env): LedgerTimeouts {
  const out = {} as LedgerTimeouts;
  for (const [field, [name, seconds]] of Object.entries(TIMEOUTS) as [keyof LedgerTimeouts, readonly [string, number]][]) {
    const raw = env[name]?.trim();
    const s = raw ? Number(raw) : seconds;
    if (!(s > 0) || !Number.isFinite(s) || !/^\d*\.?\d+$/.test(raw ?? '1')) throw new Error(`${name} must be a positive number of seconds (got "${raw}")`);
    out[field] = Math.round(s * 1000);
  }
  return out;
}

export async function openLedger(spec?: string, opts: StoreOptions = {}): Promise<LedgerStore> {
  const target = parseLedgerSpec(spec);
  if (target.kind === 'postgres') {
    const { openPostgresLedger } = await import('./postgres.js');
    return openPostgresLedger(target.url, { timeouts: ledgerTimeouts(), ...opts });
  }
  const { openSqliteLedger } = await import('./sqlite.js');
  return openSqliteLedger(target.file, opts);
}
