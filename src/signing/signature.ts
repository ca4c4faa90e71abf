/**
 * The signature file beside a pack file (`pack.yaml` → `pack.sig.json`, `x.pack.yaml` → `x.pack.sig.json`):
 * a statement — the pack's id, version, lineage and scope, the SHA-256 of the pack file and of its test table,
 * an expiry and the previous signed version's digest — and an Ed25519 signature over its canonical JSON (RFC 8785).
 * A pack that `extends` another means nothing without it, so its statement also names the base pack and covers
 * the base pack's file (path relative to the pack file) in `files`: changing the base refuses the new edition too.
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { canonicalJson, textDigest } from '../util/canonical.js';
import type { PackMetadata } from '../model/pack.js';
import { keyId } from './keys.js';

export const SIGNATURE_TYPE = 'xborder/pack-signature/v1';

export interface SignedStatement {
  type: typeof SIGNATURE_TYPE;
  pack: { id: string; version: string; lineage: string; scope: PackMetadata['scope'] };
  /** The pack this one `extends`, and the path of its file (a key of `files`). */
  base?: { id: string; file: string };
  /** File name (beside the pack file, or relative to it for the base pack) → `sha256:<hex>` of its UTF-8 text. */
  files: Record<string, string>;
  signedAt: string;
  /** Last day (YYYY-MM-DD) on which the signature is accepted. */
  expires: string;
  previous: { version: string; digest: string } | null;
  key: string;
}

export interface SignatureFile { statement: SignedStatement; signature: string }

export const signaturePathFor = (packFile: string): string => packFile.replace(/\.ya?ml$/, '') + '.sig.json';

/** The test table that belongs to a pack file, when there is one: `tests.yaml` or `<name>.tests.yaml`. */
export function companionFiles(packFile: string): string[] {
  const stem = basename(packFile).replace(/(^|\.)pack\.ya?ml$/, '$1');
  return ['yaml', 'yml'].map((ext) => join(dirname(packFile), `${stem}tests.${ext}`)).filter((f) => existsSync(f));
}

const canonical = (s: SignedStatement): string => canonicalJson(s);

/** Identifies a signed version: what the next version records as `previous.digest`. */
export const statementDigest = (s: SignedStatement): string => textDigest(canonical(s));

export function signStatement(statement: Omit<SignedStatement, 'key'>, privateKey: KeyObject, publicKey: KeyObject): SignatureFile {
  const full: SignedStatement = { ...statement, key: keyId(publicKey) };
  return { statement: full, signature: sign(null, Buffer.from(canonical(full)), privateKey).toString('base64') };
}

export const signatureValid = (f: SignatureFile, publicKey: KeyObject): boolean =>
  verify(null, Buffer.from(canonical(f.statement)), publicKey, Buffer.from(f.signature, 'base64'));

/** Parses a signature file's JSON; throws a readable message on anything but the expected shape. */
export function parseSignatureFile(text: string): SignatureFile {
  const v = JSON.parse(text) as Partial<SignatureFile>;
  const s = v?.statement as Partial<SignedStatement> | undefined;
  const ok = s && s.type === SIGNATURE_TYPE && typeof v.signature === 'string' && typeof s.key === 'string'
    && s.pack && typeof s.pack.id === 'string' && typeof s.pack.version === 'string' && typeof s.pack.lineage === 'string'
    && s.files && typeof s.files === 'object' && typeof s.expires === 'string';
  if (!ok) throw new Error(`not an ${SIGNATURE_TYPE} signature file`);
  return v as SignatureFile;
}
