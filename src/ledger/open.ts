/**
 * Chooses a ledger backend from a spec. Backends are imported lazily so the CLI loads no database driver
 * (a native addon for SQLite) unless a ledger is actually used: cold start matters for a CLI.
 */
import type { StoreOptions } from './entry.js';
import { existsSync } from 'node:fs';
import { DEFAULT_LEDGER, type LedgerStore } from './types.js';

export { DEFAULT_LEDGER };
export const LEDGER_ENV = 'XBORDER_LEDGER';

export type LedgerTarget = { kind: 'postgres'; url: string } | { kind: 'sqlite'; file: string };

/** Parses `postgres://…`, `postgresql://…`, `sqlite:path` or a plain file path. */
export function parseLedgerSpec(spec: string | undefined, env: Readonly<Record<string, string | undefined>> = {}): LedgerTarget {
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

/**
 * Opens a ledger that must already exist, for reading (`check --ledger`): check never creates a ledger, so a
 * typo cannot silently check against an empty one. A value that looks like a manifest is refused, so the
 * option can never swallow a manifest path.
 */
export async function openExistingLedger(spec: string, env: Readonly<Record<string, string | undefined>> = {}): Promise<LedgerStore> {
  if (/\.(ya?ml|json)$/i.test(spec)) throw new Error(`"${spec}" looks like a manifest, not a ledger (a SQLite file or postgres:// URL); write --ledger <ledger> before or after the manifests`);
  const target = parseLedgerSpec(spec, env);
  if (target.kind === 'sqlite' && target.file !== ':memory:' && !existsSync(target.file)) {
    throw new Error(`${target.file} does not exist; check never creates a ledger (record transfers with \`xborder ledger record\`)`);
  }
  return openLedger(spec, {}, env);
}

export async function openLedger(spec?: string, opts: StoreOptions = {}, env: Readonly<Record<string, string | undefined>> = {}): Promise<LedgerStore> {
  const target = parseLedgerSpec(spec, env);
  if (target.kind === 'postgres') {
    const { openPostgresLedger } = await import('./postgres.js');
    return openPostgresLedger(target.url, opts);
  }
  const { openSqliteLedger } = await import('./sqlite.js');
  return openSqliteLedger(target.file, opts);
}
