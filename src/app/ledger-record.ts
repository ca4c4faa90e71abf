import { checkManifest } from '../evaluate/check.js';
import { selectPacks, uncountedExemptions } from '../evaluate/select.js';
import { displayPath, readText } from '../io/files.js';
import { errorItems, position } from '../report/common.js';
import { prepareManifest } from '../evaluate/pipeline.js';
import type { PackSet } from '../evaluate/pack-set.js';
import type { RecordedManifest } from '../ledger/entry.js';
import type { Manifest } from '../model/manifest.js';
import type { Bilingual, Verdict } from '../model/verdict.js';
import { MESSAGES, thrown } from './messages.js';
import { fieldsOnly } from '../validate/schemas.js';

export type LoadManifestResult =
  | { ok: true; manifest: RecordedManifest; counted: boolean }
  | { ok: false; message: Bilingual };

/**
 * Reads (up to `maxBytes`) and validates a manifest for `ledger record`, and decides under `set` (the run's packs,
 * as `check` loads them) whether it counts toward the year's totals: transfers decided by an exemption the national
 * pack lists in `exemptionsNotCounted` are recorded but not counted.
 */
export async function loadForLedger(file: string, set: PackSet, maxBytes: number): Promise<LoadManifestResult> {
  const uri = displayPath(file);
  let text: string;
  try {
    text = readText(file, maxBytes);
  } catch (err) {
    // The caller names the file: the message is the reason only (never "f.yaml: f.yaml: …").
    return { ok: false, message: thrown((err as Error).message) };
  }
  const prepared = prepareManifest(text, uri);
  if (!prepared.ok) {
    // stderr is not the report: positions and the fields' pointers only, never the manifest's values (names,
    // phone numbers…), which schema messages may quote.
    const where = [...new Set(errorItems(prepared.error).map((e) => `${position(uri, e.line, e.column)}${e.path ? ` ${fieldsOnly('manifest', e.path)}` : ''}`))];
    return { ok: false, message: MESSAGES.ledgerInvalidManifest(where, uri) };
  }
  const m = prepared.manifest;
  const verdict = await checkManifest(m, set, { source: uri });
  return { ok: true, manifest: m, counted: countsTowardThresholds(m, verdict, set) };
}

/** False when an exemption the national pack lists in `exemptionsNotCounted` decided the transfer. */
export function countsTowardThresholds(m: Manifest, verdict: Verdict, set: PackSet): boolean {
  const national = selectPacks(set.packs, m.date, m.exporter.zone).national;
  const notCounted = national ? uncountedExemptions(national) : new Set<string>();
  return !verdict.findings.some((f) => f.outcome === 'pass' && notCounted.has(f.rule));
}
