/** `xborder pack keygen | sign | verify`: Ed25519 signatures over packs (src/signing/), and the trust-store option. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { findPackFiles } from '../load/load-packs.js';
import type { TrustOptions } from '../load/trusted.js';
import { readText, displayPath } from '../io/files.js';
import { parseSource } from '../source/document.js';
import { validate } from '../validate/schemas.js';
import { formatDiagnostic } from '../model/diagnostic.js';
import type { PackMetadata } from '../model/pack.js';
import { keyId, privateKeyFromPem, publicKeyFromPem, generatePemKeyPair } from '../signing/keys.js';
import { companionFiles, parseSignatureFile, SIGNATURE_TYPE, signaturePathFor, signStatement, statementDigest, type SignedStatement } from '../signing/signature.js';
import { textDigest } from '../util/canonical.js';
import { readTrustStore } from '../signing/trust-store.js';
import { readAccepted } from '../signing/accepted.js';
import { verifyPack, type VerifyAgainst } from '../signing/verify.js';
import { addYears, isIsoDate, todayUtc } from '../util/dates.js';
import type { AppIO } from './io.js';
import type { Lang } from '../model/verdict.js';
import { errorMessageIn } from '../report/error-text.js';
import { MESSAGES, say, thrown } from './messages.js';
import { PACK_MESSAGES } from './pack-messages.js';
import { writeProblem } from './report-files.js';

/** `pack keygen --out <prefix>`: <prefix>.key.pem (private, mode 0600) and <prefix>.pub.pem; never overwrites. */
export function keygen(prefix: string, io: AppIO): number {
  const [priv, pub] = [`${prefix}.key.pem`, `${prefix}.pub.pem`];
  for (const f of [priv, pub]) {
    if (existsSync(f)) { io.stderr(`xborder: ${f} exists; not overwritten\n`); return 2; }
  }
  const pair = generatePemKeyPair();
  // As check -o and report -o: a missing folder is named, never created (a typo would plant a key in a new folder).
  for (const [file, text, mode] of [[priv, pair.privateKey, 0o600], [pub, pair.publicKey, undefined]] as const) {
    try {
      writeFileSync(file, text, { mode, flag: 'wx' });
    } catch (err) {
      say(io.stderr, 'en', writeProblem(file, err as NodeJS.ErrnoException));
      // A private key without its public half is of no use, and would make the next keygen refuse ("exists").
      if (file === pub) rmSync(priv, { force: true });
      return 2;
    }
  }
  io.stdout(`wrote ${priv} (keep it secret) and ${pub}\nkey id ${keyId(publicKeyFromPem(pair.publicKey))}\n`);
  return 0;
}

/**
 * The metadata a signature binds. Sign and verify read only this: whether the pack is valid is `pack validate`'s
 * question (a zone pack is valid only beside its national pack), and the load path asks it again anyway.
 */
function metaOf(file: string): { meta: PackMetadata; text: string; extends?: string } {
  const text = readText(file);
  const data = parseSource(text, displayPath(file), { allowAliases: true }).data as { metadata?: PackMetadata; extends?: unknown } | null;
  const meta = data?.metadata;
  if (!meta || typeof meta.id !== 'string' || typeof meta.version !== 'string' || typeof meta.lineage !== 'string' || !meta.scope) {
    throw new Error(`${displayPath(file)}: metadata.id, version, lineage and scope are required to sign or verify a pack`);
  }
  return { meta, text, ...(typeof data?.extends === 'string' ? { extends: data.extends } : {}) };
}

type PackFile = { file: string; meta: PackMetadata; text: string; extends?: string };

/**
 * The file of the pack that `pack` extends: among the packs being signed, else beside it (where the loader of a
 * pack directory finds it). Throws when there is none, since a signature that does not cover the base would let
 * the base change what the signed edition means.
 */
async function baseFileOf(pack: PackFile, signed: readonly PackFile[]): Promise<string> {
  const hit = (xs: readonly PackFile[]): PackFile | undefined => xs.find((x) => x.meta.id === pack.extends);
  const found = hit(signed) ?? hit((await findPackFiles(dirname(pack.file))).paths.map((file) => ({ file, ...metaOf(file) })));
  if (!found) throw new Error(`${displayPath(pack.file)} extends ${pack.extends}, whose pack file is neither signed with it nor beside it: nothing to cover`);
  return found.file;
}

/** Every pack file under a path with its metadata, or undefined after saying what could not be read. */
async function packFilesOrReport(path: string, io: AppIO, lang: Lang = 'en'): Promise<PackFile[] | undefined> {
  try {
    const { paths: files, refused } = await findPackFiles(path);
    if (refused[0]) throw new Error(`${refused[0].path}: ${refused[0].message}`);
    if (files.length) return files.map((file) => ({ file, ...metaOf(file) }));
    say(io.stderr, lang, PACK_MESSAGES.noPackFiles(path));
    return undefined;
  } catch (err) {
    say(io.stderr, lang, (err as NodeJS.ErrnoException).code === 'ENOENT' ? MESSAGES.notFound(path) : thrown((err as Error).message));
    return undefined;
  }
}

const readPem = (path: string, io: AppIO, lang: Lang = 'en'): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    say(io.stderr, lang, MESSAGES.keyUnreadable(path));
    return undefined;
  }
};

/** The chained predecessor: an explicit signature file, else the one being replaced when it signs another version. */
function previousOf(sigPath: string, version: string, explicit: string | undefined): SignedStatement['previous'] {
  const from = explicit ?? (existsSync(sigPath) ? sigPath : undefined);
  if (!from) return null;
  const prev = parseSignatureFile(readFileSync(from, 'utf8')).statement;
  if (!explicit && prev.pack.version === version) return prev.previous; // re-signing the same version keeps its chain
  return { version: prev.pack.version, digest: statementDigest(prev) };
}

export interface SignOptions { key: string; expires?: string; previous?: string }

/** `pack sign <path> --key <pem>`: one signature file per pack file. */
export async function signPacks(path: string, o: SignOptions, io: AppIO): Promise<number> {
  if (o.expires !== undefined && !isIsoDate(o.expires)) { io.stderr('xborder: --expires must be a date YYYY-MM-DD\n'); return 2; }
  const pem = readPem(o.key, io);
  if (pem === undefined) return 2;
  let privateKey;
  let publicKey;
  try {
    privateKey = privateKeyFromPem(pem);
    publicKey = publicKeyFromPem(pem);
  } catch (err) {
    io.stderr(`xborder: ${o.key}: ${(err as Error).message}\n`);
    return 2;
  }
  const files = await packFilesOrReport(path, io);
  if (!files) return 2;
  if (o.previous && files.length !== 1) { io.stderr('xborder: --previous names one predecessor: sign one pack file at a time\n'); return 2; }
  // A pack file that breaks its schema is no release: signed, it is only refused where it loads (exit 0 said signed).
  const invalid = files.flatMap(({ file, text }) => validate('rule-pack', parseSource(text, displayPath(file), { allowAliases: true })));
  if (invalid.length) {
    io.stderr(`xborder: nothing signed: ${invalid.length === 1 ? 'a pack file does' : 'pack files do'} not match the rule-pack schema (xborder pack validate)\n${invalid.map((d) => `  ${formatDiagnostic(d)}\n`).join('')}`);
    return 2;
  }
  const signedAt = todayUtc();
  // Written once every pack is signed: a pack refused after others (a base that is not found) leaves no signature behind.
  const written: { sigPath: string; json: string; line: string }[] = [];
  for (const pack of files) {
    const { file, meta, text } = pack;
    const sigPath = signaturePathFor(file);
    const digests: Record<string, string> = { [basename(file)]: textDigest(text) };
    for (const f of companionFiles(file)) digests[basename(f)] = textDigest(readFileSync(f, 'utf8'));
    let base: SignedStatement['base'];
    if (pack.extends !== undefined) {
      try {
        const baseFile = await baseFileOf(pack, files);
        base = { id: pack.extends, file: relative(dirname(file), baseFile).split('\\').join('/') };
        digests[base.file] = textDigest(readText(baseFile));
      } catch (err) {
        io.stderr(`xborder: ${(err as Error).message}\n`);
        return 2;
      }
    }
    let previous: SignedStatement['previous'];
    try {
      previous = previousOf(sigPath, meta.version, o.previous);
    } catch (err) {
      io.stderr(`xborder: cannot chain to the previous signature (${o.previous ?? displayPath(sigPath)}): ${(err as Error).message}\n`);
      return 2;
    }
    const sig = signStatement({
      type: SIGNATURE_TYPE,
      pack: { id: meta.id, version: meta.version, lineage: meta.lineage, scope: meta.scope },
      ...(base ? { base } : {}), files: digests, signedAt, expires: o.expires ?? addYears(signedAt, 1), previous,
    }, privateKey, publicKey);
    written.push({ sigPath, json: `${JSON.stringify(sig, null, 2)}\n`, line: `signed ${meta.id} ${meta.version} → ${displayPath(sigPath)} (expires ${sig.statement.expires})\n` });
  }
  for (const { sigPath, json, line } of written) {
    writeFileSync(sigPath, json);
    io.stdout(line);
  }
  return 0;
}

/** `pack verify <path> (--public-key <pem> | --trust <file>)`: exit 0 when every pack verifies, 2 otherwise (refused input). */
export async function verifyPacks(path: string, o: { publicKey?: string; trust?: TrustOptions }, io: AppIO, lang: Lang = 'en'): Promise<number> {
  if (!o.publicKey && !o.trust) { say(io.stderr, lang, MESSAGES.verifyNeedsKey()); return 2; }
  const against: VerifyAgainst = { today: todayUtc() };
  try {
    if (o.publicKey) {
      const pem = readPem(o.publicKey, io, lang);
      if (pem === undefined) return 2;
      const key = publicKeyFromPem(pem);
      against.publicKey = { id: keyId(key), key };
    }
    if (o.trust) {
      against.trust = readTrustStore(o.trust.file);
      against.accepted = readAccepted(against.trust.stateFile);
    }
  } catch (err) {
    io.stderr(`xborder: ${errorMessageIn((err as Error).message, lang)}\n`);
    return 2;
  }
  let bad = 0;
  const files = await packFilesOrReport(path, io, lang);
  if (!files) return 2;
  for (const { file, meta, text, extends: parent } of files) {
    const { problems } = verifyPack({ file, text, meta, ...(parent !== undefined ? { extends: parent } : {}) }, against);
    if (problems.length) bad++;
    io.stdout(`${(problems.length ? PACK_MESSAGES.refused() : PACK_MESSAGES.verified())[lang]} ${meta.id} ${meta.version}  ${displayPath(file)}\n${problems.map((x) => `     [${x.reason}] ${errorMessageIn(x.message, lang)}\n`).join('')}`);
  }
  return bad ? 2 : 0;
}
