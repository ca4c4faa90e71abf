/**
 * The load path's signature gate: with a trust store, every loaded pack must verify (src/signing/verify.ts)
 * before a PackSet exists, so no verdict is ever produced from a pack that is unsigned, tampered, signed by an
 * untrusted, expired or revoked key, or older than a version already accepted. All packs verify, or none load.
 */
import type { CompiledPack } from '../compile/compile-pack.js';
import { readAccepted, writeAccepted, compareVersions } from '../signing/accepted.js';
import { readTrustStore, TrustStoreError } from '../signing/trust-store.js';
import { verifyPack, type Problem } from '../signing/verify.js';
import { PackTrustError } from './trust-error.js';
import { parseSource } from '../source/document.js';
import { todayUtc } from '../util/dates.js';

export interface TrustOptions {
  /** Path of trust.yaml. */
  file: string;
  /** YYYY-MM-DD to judge expiry and key validity on (default: today, UTC). */
  today?: string;
  /** Record the accepted versions (default true; worker threads only read them). */
  record?: boolean;
}

const refuse = (uri: string, message: string, namesFile: boolean): PackTrustError =>
  new PackTrustError([{ uri, problem: { reason: 'trust-store', message }, ...(namesFile ? { namesFile: true as const } : {}) }], message);

export function verifyTrusted(packs: readonly CompiledPack[], files: readonly { uri: string; path: string; text: string }[], opts: TrustOptions): void {
  let trust;
  let accepted;
  try {
    trust = readTrustStore(opts.file);
    accepted = readAccepted(trust.stateFile);
  } catch (err) {
    // A broken trust store or state file refuses everything: fail closed.
    // The trust store's own errors name it; the accepted-versions file's name that file, a parse error neither.
    throw refuse(opts.file, (err as Error).message, err instanceof TrustStoreError);
  }
  const today = opts.today ?? todayUtc();
  const byUri = new Map(files.map((f) => [f.uri, f]));
  const problems: { uri: string; problem: Problem }[] = [];
  for (const pack of packs) {
    const f = byUri.get(pack.uri);
    if (!f) {
      problems.push({ uri: pack.uri, problem: { reason: 'unsigned', message: `pack ${pack.meta.id}: its file was not read from disk` } });
      continue;
    }
    const parent = (parseSource(f.text, pack.uri, { allowAliases: true }).data as { extends?: unknown } | null)?.extends;
    // The base that runs under the edition is the loaded pack with that id, wherever its file is.
    const base = typeof parent === 'string' ? byUri.get(packs.find((x) => x.meta.id === parent)?.uri ?? '') : undefined;
    const toVerify = { file: f.path, text: f.text, meta: pack.meta, ...(typeof parent === 'string' ? { extends: parent } : {}), ...(base ? { baseText: base.text, basePath: base.path } : {}) };
    for (const problem of verifyPack(toVerify, { today, trust, accepted }).problems) problems.push({ uri: pack.uri, problem });
  }
  if (problems.length) throw new PackTrustError(problems);
  if (opts.record === false) return;
  const next = { ...accepted };
  for (const { meta } of packs) if (next[meta.id] === undefined || compareVersions(meta.version, next[meta.id] as string) > 0) next[meta.id] = meta.version;
  if (packs.some(({ meta }) => accepted[meta.id] !== next[meta.id])) {
    try {
      writeAccepted(trust.stateFile, next);
    } catch (err) {
      throw refuse(trust.stateFile, `cannot record the accepted pack versions in ${trust.stateFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, true);
    }
  }
}
