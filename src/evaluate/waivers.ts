/**
 * Waivers: accepted risks. The one place that decides whether a waiver applies (every front end goes through
 * checkManifest, which calls applyWaivers), and the one place that decides expiry (waiverState).
 * Pure: today's date is passed in, never read from a clock here.
 */
import type { Manifest } from '../model/manifest.js';
import { ruleKey, type Finding, type Verdict } from '../model/verdict.js';
import { toDay } from '../util/dates.js';

export interface Waiver {
  /** `<pack>/<rule id>`. */
  rule: string;
  /** USCC, or the exporter's name when it has none. */
  exporter?: string;
  manifest?: string;
  reason: string;
  approver: string;
  /** Last day the waiver applies (inclusive). */
  expires: string;
  /** Position in the waivers file (1-based). */
  entry: number;
}

/** A waiver expiring within this many days warns, so it is renewed or the finding fixed in time. */
export const EXPIRY_WARNING_DAYS = 14;

export type WaiverState = 'active' | 'expiring' | 'expired';

export function waiverState(w: Pick<Waiver, 'expires'>, today: string): WaiverState {
  const left = toDay(w.expires) - toDay(today);
  // Not `left < 0`: an expiry that is no date (a library caller's "never", "2026-13-01") gives NaN, which compared
  // false and made the waiver active for ever. A waiver whose expiry cannot be read has none: it does not apply.
  if (!(left >= 0)) return 'expired';
  return left < EXPIRY_WARNING_DAYS ? 'expiring' : 'active';
}

/**
 * A waiver's exporter is the USCC when the manifest has one: names are not unique (another company, or a
 * rename, must not inherit an accepted risk). Only an exporter without a USCC is matched by name.
 */
const exporterMatches = (w: Waiver, m: Manifest): boolean =>
  w.exporter === undefined || (m.exporter.uscc !== undefined ? w.exporter === m.exporter.uscc : w.exporter === m.exporter.name.trim());

const matches = (w: Waiver, f: Finding, m: Manifest): boolean =>
  w.rule === ruleKey({ pack: f.pack, id: f.rule })
  && (w.manifest === undefined || w.manifest === m.id)
  && exporterMatches(w, m);

/**
 * Marks the findings a valid waiver covers. Never waived: a `prohibited` finding, any finding of a transfer
 * with core data, a pass, and anything once the waiver has expired on `today`.
 */
export function applyWaivers(v: Verdict, m: Manifest, waivers: readonly Waiver[], today: string): Verdict {
  if (waivers.length === 0 || m.data.some((d) => d.classification === 'core')) return v;
  for (const f of v.findings) {
    // The checker's own findings (no decision, unknown scenario, ledger conflicts) say what it does not know: never waived.
    if (f.outcome === 'pass' || f.mechanism === 'prohibited' || f.pack === 'xborder') continue;
    const w = waivers.find((x) => matches(x, f, m) && waiverState(x, today) !== 'expired');
    if (w) f.waived = { reason: w.reason, approver: w.approver, expires: w.expires, entry: w.entry };
  }
  return v;
}
