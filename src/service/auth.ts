/**
 * API keys: `Authorization: Bearer <key>`. Only SHA-256 hashes of keys are stored (a keys file or the
 * XBORDER_API_KEYS variable, `name sha256:<hex>` per line or comma-separated), each under a name, so a key
 * can be rotated by adding the new one and removing the old. Keys and hashes never reach a log line.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readText } from '../io/files.js';

export interface ApiKey { name: string; hash: Buffer }

export const hashKey = (key: string): string => `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;

/** A fresh random key (256 bits, base64url) and the line to add to the keys file. */
export function newKey(name: string): { key: string; line: string } {
  const key = `xbk_${randomBytes(32).toString('base64url')}`;
  return { key, line: `${name} ${hashKey(key)}` };
}

const ENTRY = /^([A-Za-z0-9_.-]{1,64})\s*[ =:]\s*sha256:([0-9a-f]{64})$/;

/** Parses `name sha256:<hex>` entries (lines or commas; `#` comments). Throws naming the entry's number, never its text. */
function parseKeys(text: string, where: string): ApiKey[] {
  const out: ApiKey[] = [];
  const names = new Set<string>();
  text.split(/[\n,]/).forEach((raw, i) => {
    const t = raw.replace(/#.*$/, '').trim();
    if (!t) return;
    const m = ENTRY.exec(t);
    if (!m) throw new Error(`${where}: entry ${i + 1} is not "name sha256:<64 hex digits>" (store hashes, not keys: xborder apikey new <name>)`);
    if (names.has(m[1]!)) throw new Error(`${where}: key name ${m[1]} appears twice`);
    names.add(m[1]!);
    out.push({ name: m[1]!, hash: Buffer.from(m[2]!, 'hex') });
  });
  return out;
}

export function loadKeys(file: string | undefined, env: Readonly<Record<string, string | undefined>>): ApiKey[] {
  const keys = [...(file ? parseKeys(readText(file), file) : []), ...(env.XBORDER_API_KEYS ? parseKeys(env.XBORDER_API_KEYS, 'XBORDER_API_KEYS') : [])];
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k.name)) throw new Error(`key name ${k.name} appears in both the keys file and XBORDER_API_KEYS`);
    seen.add(k.name);
  }
  return keys;
}

/** The name of the key presented in an Authorization header, or undefined. Compares every hash in constant time. */
export function keyName(authorization: string | undefined, keys: readonly ApiKey[]): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) return undefined;
  const h = createHash('sha256').update(m[1]!, 'utf8').digest();
  let found: string | undefined;
  for (const k of keys) if (timingSafeEqual(h, k.hash) && found === undefined) found = k.name;
  return found;
}
