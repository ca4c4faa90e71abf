/**
 * xborder library API.
 *
 *   import { loadPacks, check } from 'xborder';
 *   const packs = await loadPacks();            // bundled rules/, compiled once
 *   const verdict = await check(manifest, packs); // a parsed object, or YAML/JSON text
 */
import type { CheckOptions } from './evaluate/check.js';
import { checkManifest } from './evaluate/check.js';
import type { PackSet } from './evaluate/pack-set.js';
import type { CheckResult } from './model/verdict.js';
import { checkText, errorResult } from './pipeline.js';
import { validateManifest } from './validate/manifest.js';

export { loadPacks, BUNDLED_RULES } from './io/load-packs.js';
export { PackLoadError } from './compile/build-pack-set.js';
export { checkText, prepareManifest } from './pipeline.js';
export type { PackSet } from './evaluate/pack-set.js';
export type { CheckOptions } from './evaluate/check.js';
export type * from './model/verdict.js';
export type * from './model/manifest.js';
export type * from './model/diagnostic.js';
export type { RulePack, PackRule, Condition } from './model/pack.js';
export { isError } from './model/verdict.js';

export interface LibraryCheckOptions extends Pick<CheckOptions, 'asOf' | 'ledgerPrior' | 'explain'> {
  /** Name reported as the verdict's source (default "<memory>"). */
  source?: string;
}

/** Checks one manifest: a parsed object, or YAML/JSON text. Invalid input yields an error result, never a verdict. */
export async function check(manifest: unknown, packs: PackSet, opts: LibraryCheckOptions = {}): Promise<CheckResult> {
  const source = opts.source ?? '<memory>';
  if (typeof manifest === 'string') return checkText(manifest, source, packs, opts);
  const doc = { uri: source, data: manifest, locate: () => undefined };
  const { manifest: m, diagnostics } = validateManifest(doc);
  if (!m) return errorResult(source, diagnostics);
  return checkManifest(m, packs, { ...opts, source });
}
