/**
 * xborder library API.
 *
 *   import { loadPacks, check } from 'xborder';
 *   const packs = await loadPacks();            // bundled rules/, compiled once
 *   const verdict = await check(manifest, packs); // a parsed object, or YAML/JSON text
 */
import type { CheckOptions } from './evaluate/check.js';
import type { PackSet } from './evaluate/pack-set.js';
import type { CheckResult } from './model/verdict.js';
import { checkText as checkTextAt, checkValue } from './evaluate/pipeline.js';
import { todayInChina } from './util/dates.js';

import { bundledRules } from './load/load-packs.js';

export { loadPacks } from './load/load-packs.js';
/** The folder of the packs shipped with xborder. */
export const BUNDLED_RULES = bundledRules();
export { PackLoadError } from './compile/build-pack-set.js';
export { prepareManifest } from './evaluate/pipeline.js';
export type { PackSet } from './evaluate/pack-set.js';
export type { CheckOptions } from './evaluate/check.js';
export type * from './model/verdict.js';
export type * from './model/manifest.js';
export type * from './model/diagnostic.js';
export type { RulePack, PackRule, Condition } from './model/pack.js';
export { isError } from './model/verdict.js';

export interface LibraryCheckOptions extends Pick<CheckOptions, 'asOf' | 'ledgerPrior' | 'explain' | 'today'> {
  /** Name reported as the verdict's source (default "<memory>"). */
  source?: string;
}

/**
 * Checks one manifest: a parsed object, or YAML/JSON text. Invalid input yields an error result, never a verdict.
 * As `xborder check` does, a safeguard dated after today (in China; `today` or XBORDER_TODAY pins it) is not yet in place:
 * without a clock a contract to be signed and filed next week counted as filed, and the library passed what the CLI failed.
 */
export function check(manifest: unknown, packs: PackSet, opts: LibraryCheckOptions = {}): Promise<CheckResult> {
  return checkValue(manifest, packs, { ...opts, today: opts.today ?? todayInChina(process.env) });
}

/** `check` of text with a name for its positions (line, column); today as `check`'s unless `opts.today` pins it. */
export function checkText(text: string, uri: string, packs: PackSet, opts: Parameters<typeof checkTextAt>[3] = {}): Promise<CheckResult> {
  return checkTextAt(text, uri, packs, { ...opts, today: opts.today ?? todayInChina(process.env) });
}
