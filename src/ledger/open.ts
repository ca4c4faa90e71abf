/**
 * Chooses a ledger backend from a spec. Backends are imported lazily so the CLI loads no database driver
 * (a native addon for SQLite) unless a ledger is actually used: cold start matters for a CLI.
 */
import { statSync } from 'node:fs';
import type { LedgerTimeouts, StoreOptions } from './entry.js';
import { DEFAULT_LEDGER, type LedgerStore } from './types.js';

export { DEFAULT_LEDGER };
export const LEDGER_ENV = 'XBORDER_LEDGER';

/** Configuration values from the environment, passed in by the front end (never read from process.env here). */
type Env = Readonly<Record<string, string | undefined>>;

export type LedgerTarget = { kind: 'postgres'; url: string } | { kind: 'sqlite'; file: string };

/** Parses `postgres://…`, `postgresql://…`, `sqlite:path` or a plain file path. */
export function parseLedgerSpec(spec: string | undefined, env: Env = {}): LedgerTarget {
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

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const SECRET_PARAM = /^(ssl)?password$/i;

/**
 * The secrets of a ledger URL: the password of its user information, which runs to the last `@` (a password may
 * hold `/`, `?`, `#` or `@`, which is where a URL parser alone goes wrong), and `password` / `sslpassword` parameters.
 */
function secrets(spec: string): { user?: { start: number; end: number }; params: string[] } {
  const scheme = SCHEME.exec(spec)?.[0];
  if (!scheme) return { params: [] };
  const at = spec.lastIndexOf('@');
  const colon = spec.indexOf(':', scheme.length);
  const user = at > colon && colon !== -1 && !spec.slice(scheme.length, colon).includes('/') ? { start: colon + 1, end: at } : undefined;
  const params: string[] = [];
  const query = spec.indexOf('?', user ? at : scheme.length);
  if (query !== -1) for (const [k, v] of new URLSearchParams(spec.slice(query + 1).split('#')[0])) if (SECRET_PARAM.test(k) && v) params.push(v);
  return { user, params };
}

/** For messages: a ledger URL without any password (user information or query parameter), parsed as a URL. */
export function redactLedgerSpec(spec: string): string {
  const { user } = secrets(spec);
  const text = user ? `${spec.slice(0, user.start)}***${spec.slice(user.end)}` : spec;
  try {
    const url = new URL(text);
    for (const k of [...url.searchParams.keys()]) if (SECRET_PARAM.test(k)) url.searchParams.set(k, '***');
    return SCHEME.test(text) ? url.href : text;
  } catch {
    return text.replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***');
  }
}

/** A message with every password of the ledger URL in it (in any encoding a driver may echo) replaced by ***. */
export function redactSecrets(message: string, spec: string): string {
  const { user, params } = secrets(spec);
  const raw = [...(user ? [spec.slice(user.start, user.end)] : []), ...params];
  const forms = raw.flatMap((p) => [p, safeDecode(p), encodeURIComponent(p)]).filter((p) => p.length > 0);
  return forms.sort((a, b) => b.length - a.length).reduce((m, p) => m.split(p).join('***'), message);
}

const safeDecode = (s: string): string => { try { return decodeURIComponent(s); } catch { return s; } };

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
