/**
 * Verifies pack files against their signature files: against one public key (`pack verify --public-key`) or
 * against a trust store, where every pack must verify and none may roll back (the load path, fail closed).
 * Each refusal has its own reason code and sentence.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { canonicalJson, textDigest } from '../util/canonical.js';
import type { KeyObject } from 'node:crypto';
import type { PackMetadata } from '../model/pack.js';
import { compareVersions, type Accepted } from './accepted.js';
import { parseSignatureFile, signatureValid, signaturePathFor, type SignedStatement } from './signature.js';
import type { TrustStore } from './trust-store.js';

export type Refusal =
  | 'unsigned' | 'bad-signature-file' | 'untrusted-key' | 'key-not-allowed' | 'bad-signature' | 'wrong-pack'
  | 'tampered' | 'signature-expired' | 'key-not-yet-valid' | 'key-expired' | 'key-revoked' | 'rollback' | 'trust-store';

export interface Problem { reason: Refusal; message: string }

export interface PackToVerify {
  /** Path of the pack file on disk. */
  file: string;
  /** The text that was compiled (so what is verified is what runs). */
  text: string;
  meta: PackMetadata;
  /** The pack's `extends`: its signature must cover that base pack's file. */
  extends?: string;
  /**
   * The text of the base pack loaded with it (the load path): the signed base digest must match the base that runs,
   * not only a file at the signed path beside the edition, which another loaded release of the base does not change.
   */
  baseText?: string;
  /** Where that base pack was read from. */
  basePath?: string;
}

export interface VerifyAgainst {
  /** YYYY-MM-DD: expiry, key validity and revocation are judged on this day. */
  today: string;
  publicKey?: { id: string; key: KeyObject };
  trust?: TrustStore;
  accepted?: Accepted;
}

const p = (reason: Refusal, message: string): Problem => ({ reason, message });

const readDigest = (path: string): string | undefined => {
  try {
    return textDigest(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
};

/** Problems with one pack (empty: it verifies), and the statement when the signature file could be read. */
export function verifyPack(pack: PackToVerify, against: VerifyAgainst): { problems: Problem[]; statement?: SignedStatement } {
  const sigPath = signaturePathFor(pack.file);
  let text: string;
  try {
    text = readFileSync(sigPath, 'utf8');
  } catch {
    return { problems: [p('unsigned', `pack ${pack.meta.id} is not signed: no ${basename(sigPath)} beside it`)] };
  }
  let sig;
  try {
    sig = parseSignatureFile(text);
  } catch (err) {
    return { problems: [p('bad-signature-file', `${basename(sigPath)}: ${(err as Error).message}`)] };
  }
  const s = sig.statement;
  const key = against.publicKey ?? (() => {
    const t = against.trust?.keys.find((k) => k.id === s.key);
    return t && { id: t.id, key: t.key };
  })();
  if (!key || key.id !== s.key) {
    return { problems: [p('untrusted-key', against.trust
      ? `pack ${pack.meta.id} is signed by key ${s.key}, which the trust store ${basename(against.trust.file)} does not hold`
      : `pack ${pack.meta.id} is signed by key ${s.key}, not by the given public key ${against.publicKey?.id}`)], statement: s };
  }
  if (!signatureValid(sig, key.key)) {
    return { problems: [p('bad-signature', `pack ${pack.meta.id}: the signature in ${basename(sigPath)} does not verify (the signature file was altered)`)], statement: s };
  }
  const problems: Problem[] = [];
  const m = pack.meta;
  const signed = s.pack;
  if (signed.id !== m.id || signed.version !== m.version || signed.lineage !== m.lineage || canonicalJson(signed.scope) !== canonicalJson(m.scope)) {
    problems.push(p('wrong-pack', `pack ${m.id} ${m.version}: the signature is for ${signed.id} ${signed.version} (lineage ${signed.lineage})`));
  }
  if (pack.extends !== undefined && (s.base?.id !== pack.extends || !(s.base.file in s.files))) {
    problems.push(p('tampered', `pack ${m.id}: it extends ${pack.extends}, but its signature does not cover that base pack's file; sign it again`));
  }
  const name = basename(pack.file);
  if (!(name in s.files)) problems.push(p('tampered', `pack ${m.id}: ${name} is not among the signed files`));
  for (const [f, digest] of Object.entries(s.files)) {
    // The signed base file is judged by the base that was loaded, wherever it was read from.
    const loadedBase = pack.baseText !== undefined && f === s.base?.file;
    const actual = f === name ? textDigest(pack.text) : loadedBase ? textDigest(pack.baseText!) : readDigest(join(dirname(pack.file), f));
    if (actual === undefined) problems.push(p('tampered', `pack ${m.id}: signed file ${f} is missing`));
    else if (actual !== digest) {
      problems.push(p('tampered', loadedBase && resolve(dirname(pack.file), f) !== resolve(pack.basePath ?? '')
        ? `pack ${m.id}: the loaded ${pack.extends} is not the base pack it was signed over (its SHA-256 differs from the signed ${f}); sign it again over that base`
        : `pack ${m.id}: ${f} was changed after signing (its SHA-256 differs from the signed one)`));
    }
  }
  if (s.expires < against.today) problems.push(p('signature-expired', `pack ${m.id} ${m.version}: the signature expired on ${s.expires}; sign it again`));
  const t = against.trust?.keys.find((k) => k.id === s.key);
  if (t) {
    const zone = m.scope.kind === 'zone' ? m.scope.zone : undefined;
    if (!t.lineages.includes(m.lineage) && !(zone && t.zones.includes(zone))) {
      problems.push(p('key-not-allowed', `pack ${m.id}: key "${t.name}" is not trusted to sign for lineage ${m.lineage}${zone ? ` or zone ${zone}` : ''}`));
    }
    if (t.revoked === true || (typeof t.revoked === 'string' && t.revoked <= against.today)) {
      problems.push(p('key-revoked', `pack ${m.id}: key "${t.name}" was revoked${typeof t.revoked === 'string' ? ` on ${t.revoked}` : ''}`));
    }
    if (t.validFrom && t.validFrom > against.today) problems.push(p('key-not-yet-valid', `pack ${m.id}: key "${t.name}" is valid only from ${t.validFrom}`));
    if (t.validTo && t.validTo < against.today) problems.push(p('key-expired', `pack ${m.id}: key "${t.name}" expired on ${t.validTo}`));
  }
  const before = against.accepted?.[m.id];
  if (before !== undefined && compareVersions(m.version, before) < 0) {
    problems.push(p('rollback', `pack ${m.id}: version ${m.version} is older than version ${before} already accepted (rollback refused)`));
  }
  return { problems, statement: s };
}
