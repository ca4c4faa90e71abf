/**
 * The trust store (`trust.yaml`): the public keys a platform accepts, what each may sign for, when, and
 * whether it has been revoked. Format in docs/pack-admin-guide.md.
 */
import { dirname, isAbsolute, join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { InputError, readText } from '../io/files.js';
import { parseSource } from '../source/document.js';
import { isIsoDate } from '../util/dates.js';
import { keyId, publicKeyFromPem } from './keys.js';

export interface TrustedKey {
  name: string;
  id: string;
  key: KeyObject;
  lineages: string[];
  zones: string[];
  validFrom?: string;
  validTo?: string;
  /** true, or the date from which the key is refused. */
  revoked: boolean | string;
}

export interface TrustStore {
  file: string;
  keys: TrustedKey[];
  /** The accepted-versions file (rollback protection). */
  stateFile: string;
}

export class TrustStoreError extends Error {}

const strings = (v: unknown, where: string): string[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new TrustStoreError(`${where} must be a list of strings`);
  return v as string[];
};

const date = (v: unknown, where: string): string | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !isIsoDate(v)) throw new TrustStoreError(`${where} must be a date YYYY-MM-DD`);
  return v;
};

const NOT_READABLE = 'file not found or not readable';
/** Why a file was not read, after its name: the usual wording, or the size, type or encoding check that refused it. */
const refusal = (err: unknown, missing = 'not found or not readable'): string => (err instanceof InputError && err.message !== NOT_READABLE ? `refused: ${err.message}` : missing);

export function readTrustStore(file: string): TrustStore {
  let text: string;
  try {
    text = readText(file);
  } catch (err) {
    throw new TrustStoreError(`trust store ${file} ${refusal(err)}`);
  }
  const doc = parseSource(text, file).data as Record<string, unknown> | null;
  if (!doc || doc.apiVersion !== 'xborder/trust/v1' || doc.kind !== 'TrustStore' || !Array.isArray(doc.keys)) {
    throw new TrustStoreError(`${file}: expected apiVersion xborder/trust/v1, kind TrustStore and a list of keys`);
  }
  const rel = (p: string): string => (isAbsolute(p) ? p : join(dirname(file), p));
  const keys = (doc.keys as Record<string, unknown>[]).map((k, i): TrustedKey => {
    const where = `${file}: keys[${i}]`;
    if (typeof k?.name !== 'string' || typeof k.publicKey !== 'string') throw new TrustStoreError(`${where} needs a name and a publicKey (PEM text or file)`);
    let pem = k.publicKey;
    try {
      if (!pem.includes('-----BEGIN')) pem = readText(rel(pem));
    } catch (err) {
      throw new TrustStoreError(`${where} (${k.name}): public key file ${k.publicKey} ${refusal(err, 'not found')}`);
    }
    let key: KeyObject;
    try {
      key = publicKeyFromPem(pem);
    } catch (err) {
      throw new TrustStoreError(`${where} (${k.name}): ${(err as Error).message}`);
    }
    const revoked = k.revoked === undefined ? false : typeof k.revoked === 'boolean' ? k.revoked : date(k.revoked, `${where}.revoked`) ?? false;
    const out: TrustedKey = {
      name: k.name, id: keyId(key), key, lineages: strings(k.lineages, `${where}.lineages`), zones: strings(k.zones, `${where}.zones`),
      validFrom: date(k.validFrom, `${where}.validFrom`), validTo: date(k.validTo, `${where}.validTo`), revoked,
    };
    if (!out.lineages.length && !out.zones.length) throw new TrustStoreError(`${where} (${k.name}) may sign for nothing: give lineages or zones`);
    return out;
  });
  // One entry per key: verification reads the first entry with the key's id, so a second entry for the same key (a
  // revocation, or narrower lineages, added below the first) was never read and the key stayed trusted as first given.
  keys.forEach((k, i) => {
    const first = keys.findIndex((x) => x.id === k.id);
    if (first !== i) {
      throw new TrustStoreError(`${file}: keys[${i}] (${k.name}) is the same public key as keys[${first}] (${keys[first]!.name}): give each key once, with all its limits and any revocation in that entry`);
    }
  });
  if (doc.state !== undefined && typeof doc.state !== 'string') throw new TrustStoreError(`${file}: state must be a file path`);
  return { file, keys, stateFile: rel(typeof doc.state === 'string' ? doc.state : 'accepted-packs.json') };
}
