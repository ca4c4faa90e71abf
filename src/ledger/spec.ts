/**
 * A ledger spec read and redacted, with no I/O and no driver: the CLI's front end (which files a run reads, which
 * variable names the ledger) needs it without loading open.ts and its backends (cold start).
 */
import { DEFAULT_LEDGER } from './types.js';

export const LEDGER_ENV = 'XBORDER_LEDGER';

/** Configuration values from the environment, passed in by the front end (never read from process.env here). */
export type Env = Readonly<Record<string, string | undefined>>;

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
