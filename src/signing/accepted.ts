/**
 * Rollback protection: the highest version of each pack id accepted so far, in a small JSON file
 * (`{"apiVersion":"xborder/accepted-packs/v1","packs":{"<pack id>":"<version>"}}`), named by the trust store.
 */
import { renameSync, statSync, writeFileSync } from 'node:fs';
import { InputError, readText } from '../io/files.js';

export type Accepted = Record<string, string>;

/** Missing file: nothing accepted yet. Unreadable or malformed: throws (the caller refuses every pack). */
export function readAccepted(file: string): Accepted {
  try {
    statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
  }
  let text: string;
  try {
    text = readText(file);
  } catch (err) {
    throw new Error(`accepted-versions file ${file} is not readable${err instanceof InputError ? ` (${err.message})` : ''}`);
  }
  const v = JSON.parse(text) as { apiVersion?: string; packs?: unknown };
  if (v?.apiVersion !== 'xborder/accepted-packs/v1' || !v.packs || typeof v.packs !== 'object') throw new Error(`accepted-versions file ${file} is malformed`);
  return v.packs as Accepted;
}

export function writeAccepted(file: string, packs: Accepted): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ apiVersion: 'xborder/accepted-packs/v1', packs }, null, 2)}\n`);
  renameSync(tmp, file);
}

/** Versions compare by their numeric dot-separated parts (2024.10.0 > 2024.9.1); other parts compare as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/);
  const pb = b.split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [x, y] = [pa[i] ?? '0', pb[i] ?? '0'];
    const d = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (d) return Math.sign(d);
  }
  return 0;
}
