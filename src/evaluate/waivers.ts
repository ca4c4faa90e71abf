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

/**
 * A review says the rules cannot decide this transfer (an unknown category, a scenario encoded in part): a person
 * accepts that for one transfer they looked at, so only a waiver naming the manifest covers it. An exporter-wide
 * waiver of cn.taxonomy.unknown-category accepted every unknown category the exporter would ever use.
 */
const matches = (w: Waiver, f: Finding, m: Manifest): boolean =>
  w.rule === ruleKey({ pack: f.pack, id: f.rule })
  && (w.manifest === undefined ? f.outcome !== 'review' : w.manifest === m.id)
  && exporterMatches(w, m);

/**
 * Whether a waiver still holds on the day of the transfer (`manifest.date`): one that ends before it accepted the
 * risk until a day the transfer comes after. Checked today, a planned transfer dated after the expiry passed the
 * gate on a waiver that has lapsed by the time the data leaves.
 */
const coversTransfer = (w: Pick<Waiver, 'expires'>, m: Manifest): boolean => waiverState(w, m.date) !== 'expired';

/**
 * Marks the findings a valid waiver covers. Never waived: a `prohibited` finding, any finding of a transfer
 * with core data, a pass, anything once the waiver has expired on `today`, and a transfer dated after its expiry.
 */
export function applyWaivers(v: Verdict, m: Manifest, waivers: readonly Waiver[], today: string): Verdict {
  if (waivers.length === 0 || m.data.some((d) => d.classification === 'core')) return v;
  const lapsed = new Set<Waiver>();
  for (const f of v.findings) {
    // The checker's own findings (no decision, unknown scenario, ledger conflicts) say what it does not know: never waived.
    if (f.outcome === 'pass' || f.mechanism === 'prohibited' || f.pack === 'xborder') continue;
    const valid = waivers.filter((x) => matches(x, f, m) && waiverState(x, today) !== 'expired');
    const w = valid.find((x) => coversTransfer(x, m));
    if (w) f.waived = { reason: w.reason, approver: w.approver, expires: w.expires, entry: w.entry };
    else for (const x of valid) lapsed.add(x);
  }
  if (lapsed.size) {
    const en = [...lapsed].map((w) => `#${w.entry} ${w.rule} until ${w.expires}`).join(', ');
    const zh = [...lapsed].map((w) => `#${w.entry} ${w.rule} 截至 ${w.expires}`).join('，');
    (v.warnings ??= []).push({
      code: 'waiver-ends-before-transfer',
      message: {
        en: `Not waived: the transfer is dated ${m.date}, after the last day of waiver ${en}. Renew the waiver to cover the transfer date, or meet the requirement.`,
        zh: `未予例外：本次出境日期为 ${m.date}，晚于例外批准 ${zh} 的最后一日。请续期例外批准以覆盖出境日期，或满足相关要求。`,
      },
    });
  }
  return v;
}
