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
import { badPinnedToday, CHECKABLE_DATE, isCheckableDate, todayInChina } from './util/dates.js';

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
 * The clock of a check: `today` as given, else XBORDER_TODAY, else today in China. Either must be a real date: a
 * string such as "Mon Dec 07 2026" compares after every date, so every safeguard would count as in place (a pass);
 * the CLI refuses a bad XBORDER_TODAY too (src/app/today.ts). A caller's mistake, so it throws (TypeError).
 */
function todayOf(today: string | undefined): string {
  if (today !== undefined) {
    if (!isCheckableDate(today)) throw new TypeError(`xborder: the today option must be ${CHECKABLE_DATE.en} (got ${JSON.stringify(String(today).slice(0, 40))})`);
    return today;
  }
  const pinned = badPinnedToday(process.env);
  if (pinned !== undefined) throw new TypeError(`xborder: XBORDER_TODAY must be ${CHECKABLE_DATE.en} (got ${JSON.stringify(pinned.slice(0, 40))}); unset it to use today in China`);
  return todayInChina(process.env);
}

/**
 * Checks one manifest: a parsed object, or YAML/JSON text. Invalid input yields an error result, never a verdict.
 * As `xborder check` does, a safeguard dated after today (in China; `today` or XBORDER_TODAY pins it) is not yet in place:
 * without a clock a contract to be signed and filed next week counted as filed, and the library passed what the CLI failed.
 * Throws a TypeError (the caller's mistake, not the manifest's) when `today` or XBORDER_TODAY is not a real date.
 */
export async function check(manifest: unknown, packs: PackSet, opts: LibraryCheckOptions = {}): Promise<CheckResult> {
  return checkValue(manifest, packs, { ...opts, today: todayOf(opts.today) });
}

/** `check` of text with a name for its positions (line, column); today as `check`'s unless `opts.today` pins it. */
export async function checkText(text: string, uri: string, packs: PackSet, opts: Parameters<typeof checkTextAt>[3] = {}): Promise<CheckResult> {
  return checkTextAt(text, uri, packs, { ...opts, today: todayOf(opts.today) });
}
