/**
 * One run's transfers of each exporter, by calendar year, so a manifest is not judged as if the others in the same
 * run did not exist (60,000 in March and 60,000 in April, both declaring nothing earlier, are 120,000). Applied on
 * the main thread to results in input order; see `assess` and `add` for what it compares.
 *
 * A manifest counts the run's transfers of the years of the counting window its verdict was judged on
 * (TallyRecord.from..to: one year under the 2024 rules, also the previous one under the 2022/2023 rules) dated on or
 * before it: a 2023-02 transfer under the 2022 rules counts the run's 2022-11 one. When that window does not hold the
 * year of the manifest's own date (an --as-of in another year), which transfers are "earlier" is not the calendar's
 * to say, so it fails closed: it counts every transfer of the window's years, whatever their date, and also those of
 * its own year dated on or before it; so any of those met later in the input contradicts its pass.
 *
 * Cost: per exporter and year, one entry per day that has a transfer (at most 366), and per transfer one flat
 * string in a set (~100 bytes: the same transfer met twice is told exactly, never by a hash). A manifest walks the
 * days of its window's years and its own (at most 3 × 366 steps); adding it walks the days of the exporter's years
 * whose passes count its year (the next year under the 2022 rules; under an --as-of in another year, every year of
 * the exporter the run holds), so a run costs at most ~366 steps a manifest per such year, never a pass over the run.
 * Past MAX_TRACKED transfers the run stops comparing and every later manifest with personal information is review
 * (fail closed), not pass.
 */
import type { PersonTotals } from '../evaluate/derive-facts.js';
import type { RunRef, RunUndercount } from '../evaluate/checker-findings.js';
import type { TallyRecord } from './tally-record.js';

/**
 * What one run remembers, in units of ~250 bytes: a transfer of a known exporter and year is one, the first of an
 * exporter and year four (its bucket and day). About 250 MB at most.
 */
export const MAX_TRACKED = 1_000_000;
/** Manifests a finding names; the rest are counted. */
const NAMED = 3;

/**
 * The passes dated one day, as one: the least, over them, of the prior each was judged on less what the run holds
 * of the transfers it counts (below zero, the run contradicts that pass), and the years each counts whole.
 */
interface Pass {
  slackI: number;
  slackS: number;
  lowI?: RunRef;
  lowS?: RunRef;
  /**
   * The years before its own that the passes count whole (from > to: none). Within one run the passes of one day
   * share a window (it follows the as-of date: the run's --as-of, or that day); were they not to, this holds the
   * span of all of theirs, so more transfers lower the slack (fail closed).
   */
  from: number;
  to: number;
}

interface Day {
  /** Day number (util/dates.ts toDay): comparable across years. */
  day: number;
  /** Transfers of the day the run counts: not in the ledger already, and not the same transfer met again. */
  individuals: number;
  sensitiveIndividuals: number;
  count: number;
  first: RunRef | undefined;
  /** Only on a day with a pass (most days of a corpus have none): lighter days. */
  pass: Pass | undefined;
}

interface Bucket {
  year: number;
  /** One entry per day with a transfer, at most 366: an array (lighter than a Map; every use walks it all anyway). */
  days: Day[];
  /** The span of the years its days' passes count whole (from > to: none), so `add` skips the buckets it cannot lower. */
  from: number;
  to: number;
}

/**
 * The exporter's ledger key, id, date and counts: THE test of "the same transfer" (src/ledger/queries.ts
 * sameTransfer). The same transfer written once with a USCC and once without is counted twice (fail closed).
 * Joined, not a template: a template makes a tree of the pieces, which a Set keeps whole (~400 bytes, not ~100).
 */
const sameKey = (r: TallyRecord): string => [r.uscc ?? r.name ?? '', r.id, r.date, r.individuals, r.sensitiveIndividuals].join('\0');
const refOf = (r: TallyRecord): RunRef => ({ id: r.id, source: r.source });
const newDay = (day: number): Day => ({ day, individuals: 0, sensitiveIndividuals: 0, count: 0, first: undefined, pass: undefined });
const ZERO: PersonTotals = { individuals: 0, sensitiveIndividuals: 0 };
const NONE = { from: 1, to: 0 } as const;

/**
 * The years a record counts whole: its window's years before its own when the window holds its year; the whole
 * window when it does not (--as-of in another year: see the module comment).
 */
function wholeYears(r: TallyRecord): { from: number; to: number } {
  const { from, to } = r.window ?? { from: r.year, to: r.year };
  return from <= r.year && r.year <= to ? { from, to: r.year - 1 } : { from, to };
}

/** The span of two year ranges (from > to: empty). */
function span(a: { from: number; to: number }, b: { from: number; to: number }): { from: number; to: number } {
  if (a.from > a.to) return { from: b.from, to: b.to };
  if (b.from > b.to) return { from: a.from, to: a.to };
  return { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) };
}

const within = (year: number, x: { from: number; to: number }): boolean => x.from <= year && year <= x.to;

/** What the run holds against one manifest before it is added (assess), and what adding it contradicts (add). */
export interface Assessment {
  /** Transfers before it in the input that it counts (see the module comment), more than its prior: what RunUndercount.earlier says. */
  earlier?: NonNullable<RunUndercount['earlier']>;
  /** Those transfers' totals (without the ledger's): what to add to its prior to check it again. */
  extra: PersonTotals;
  /** Passes the run already contradicts, found when this manifest linked a name to a USCC (two buckets became one). */
  revealed: RunRef[];
  untracked: boolean;
}

export class RunTally {
  /** Union-find over exporter keys ('u' + USCC, 'n' + name): a manifest with both links them, as the ledger does. */
  private readonly parent = new Map<string, string>();
  /** Root key → its buckets, one per calendar year (an array: a company rarely spans more than two). */
  private readonly groups = new Map<string, Bucket[]>();
  /** Every transfer met (sameKey). */
  private readonly seen = new Set<string>();
  private tracked = 0;
  private full = false;

  constructor(private readonly max = MAX_TRACKED) {}

  private find(k: string): string {
    let root = k;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    for (let x = k; x !== root;) { const next = this.parent.get(x)!; this.parent.set(x, root); x = next; }
    return root;
  }

  /** The buckets of the record's exporter (linking its name and USCC first), its year's, and any contradiction the link reveals. */
  private bucketsOf(r: TallyRecord, create: boolean): { buckets?: Bucket[]; bucket?: Bucket; revealed: RunRef[] } {
    const keys = [...(r.uscc !== undefined ? [`u${r.uscc}`] : []), ...(r.name !== undefined ? [`n${r.name}`] : [])];
    let revealed: RunRef[] = [];
    const root = this.find(keys[0]!);
    if (keys.length === 2) {
      const other = this.find(keys[1]!);
      if (other !== root) revealed = this.union(root, other);
    }
    let buckets = this.groups.get(root);
    if (!buckets && create) {
      this.parent.set(root, root);
      this.groups.set(root, (buckets = []));
    }
    let bucket = buckets?.find((b) => b.year === r.year);
    if (!bucket && create) buckets!.push((bucket = { year: r.year, days: [], ...NONE }));
    return { buckets, bucket, revealed };
  }

  private union(a: string, b: string): RunRef[] {
    this.parent.set(a, a);
    this.parent.set(b, a);
    const from = this.groups.get(b);
    if (!from) return [];
    this.groups.delete(b);
    const into = this.groups.get(a);
    if (!into) { this.groups.set(a, from); return []; }
    return mergeGroups(into, from).slice(0, NAMED);
  }

  /** Before adding `r`: what the transfers of its exporter it counts (module comment), before it in the input, sum to. */
  assess(r: TallyRecord): Assessment {
    if (this.full || (r.uscc === undefined && r.name === undefined)) return { extra: ZERO, revealed: [], untracked: true };
    const { buckets, revealed } = this.bucketsOf(r, false);
    if (!buckets) return { extra: ZERO, revealed, untracked: false };
    const whole = wholeYears(r);
    let individuals = 0;
    let sensitiveIndividuals = 0;
    let count = 0;
    const named: RunRef[] = [];
    for (const b of buckets) {
      const all = within(b.year, whole);
      if (!all && b.year !== r.year) continue;
      for (const d of b.days) {
        if (!all && d.day > r.day) continue;
        individuals += d.individuals;
        sensitiveIndividuals += d.sensitiveIndividuals;
        count += d.count;
        if (d.first && named.length < NAMED && (d.first.id !== r.id || d.first.source !== r.source)) named.push(d.first);
      }
    }
    // The same transfer met again (a file named twice): its first copy is not an earlier transfer.
    if (this.seen.has(sameKey(r)) && !r.recorded && (r.individuals > 0 || r.sensitiveIndividuals > 0)) {
      individuals -= r.individuals;
      sensitiveIndividuals -= r.sensitiveIndividuals;
      count -= 1;
    }
    const extra = { individuals, sensitiveIndividuals };
    const ledger = r.ledger ?? ZERO;
    const under = ledger.individuals + individuals > r.prior.individuals || ledger.sensitiveIndividuals + sensitiveIndividuals > r.prior.sensitiveIndividuals;
    if (!under) return { extra, revealed, untracked: false };
    return { earlier: { count, named, totals: extra, ...(r.ledger ? { ledger: r.ledger } : {}), prior: r.prior }, extra, revealed, untracked: false };
  }

  /**
   * Adds `r` (after assess): its counts to its day, and, when it is a pass, the prior it holds at (`verified`: its
   * own, or the larger one it was checked again with). Returns the passes before it in the input that count it
   * (dated after it in its year, or counting its year whole), whose prior its counts now exceed, or `untracked`.
   */
  add(r: TallyRecord, extra: PersonTotals, verified: PersonTotals | undefined): { later: RunRef[]; untracked: boolean } {
    if (this.full || (r.uscc === undefined && r.name === undefined)) return { later: [], untracked: true };
    if (this.tracked >= this.max) { this.full = true; return { later: [], untracked: true }; }
    const key = sameKey(r);
    if (this.seen.has(key)) return { later: [], untracked: false };
    const before = this.groups.size;
    const { buckets, bucket } = this.bucketsOf(r, true) as { buckets: Bucket[]; bucket: Bucket };
    this.seen.add(key);
    this.tracked += this.groups.size > before || bucket.days.length === 0 ? 4 : 1;
    const later: RunRef[] = [];
    const ref = refOf(r);
    const counted = !r.recorded && (r.individuals > 0 || r.sensitiveIndividuals > 0);
    if (counted) {
      for (const b of buckets) {
        const same = b === bucket;
        if (!same && !within(r.year, b)) continue;
        for (const d of b.days) {
          const p = d.pass;
          // On the same day, the one first in the input may be the earlier (assess checks the other).
          if (!p || (same ? d.day <= r.day : !within(r.year, p))) continue;
          p.slackI -= r.individuals;
          p.slackS -= r.sensitiveIndividuals;
          if (p.slackI < 0 && p.lowI && later.length < NAMED && !later.includes(p.lowI)) later.push(p.lowI);
          if (p.slackS < 0 && p.lowS && later.length < NAMED && !later.includes(p.lowS)) later.push(p.lowS);
        }
      }
    }
    let d = bucket.days.find((x) => x.day === r.day);
    if (!d) bucket.days.push((d = newDay(r.day)));
    if (counted) {
      d.individuals += r.individuals;
      d.sensitiveIndividuals += r.sensitiveIndividuals;
      d.count += 1;
      d.first ??= ref;
    }
    if (verified) {
      const ledger = r.ledger ?? ZERO;
      const slackI = verified.individuals - ledger.individuals - extra.individuals;
      const slackS = verified.sensitiveIndividuals - ledger.sensitiveIndividuals - extra.sensitiveIndividuals;
      const whole = wholeYears(r);
      const p = (d.pass ??= { slackI: Infinity, slackS: Infinity, ...whole });
      if (slackI < p.slackI) [p.slackI, p.lowI] = [slackI, ref];
      if (slackS < p.slackS) [p.slackS, p.lowS] = [slackS, ref];
      ({ from: p.from, to: p.to } = span(p, whole));
      ({ from: bucket.from, to: bucket.to } = span(bucket, whole));
    }
    return { later, untracked: false };
  }
}

/**
 * Two exporters' buckets met apart (a name-only manifest, then one linking that name to a USCC): each side's passes
 * now count the other side's transfers they would have counted (of their year dated on or before them, the same
 * day too: which side came first in the input is not kept; and of the years they count whole). Moves `from` into
 * `into`; returns the passes that leaves contradicted.
 */
function mergeGroups(into: Bucket[], from: Bucket[]): RunRef[] {
  const lowered = new Set<Day>();
  // Only slacks change here, so each side is lowered by the other's transfers as they were.
  const lowerBy = (side: readonly Bucket[], other: readonly Bucket[]): void => {
    const sums = other.map((b) => {
      const days = [...b.days].sort((x, y) => x.day - y.day);
      return { year: b.year, days, i: days.reduce((s, d) => s + d.individuals, 0), s: days.reduce((s, d) => s + d.sensitiveIndividuals, 0) };
    });
    for (const b of side) {
      const mine = [...b.days].filter((d) => d.pass).sort((x, y) => x.day - y.day);
      for (const o of sums) {
        if (o.year === b.year) {
          let j = 0;
          let sumI = 0;
          let sumS = 0;
          for (const d of mine) {
            for (; j < o.days.length && o.days[j]!.day <= d.day; j++) { sumI += o.days[j]!.individuals; sumS += o.days[j]!.sensitiveIndividuals; }
            lower(d, sumI, sumS);
          }
        } else if (within(o.year, b)) {
          for (const d of mine) if (within(o.year, d.pass!)) lower(d, o.i, o.s);
        }
      }
    }
  };
  const lower = (d: Day, i: number, s: number): void => {
    if (i <= 0 && s <= 0) return;
    d.pass!.slackI -= i;
    d.pass!.slackS -= s;
    lowered.add(d);
  };
  lowerBy(from, into);
  lowerBy(into, from);
  for (const bucket of from) {
    const there = into.find((b) => b.year === bucket.year);
    if (!there) { into.push(bucket); continue; }
    ({ from: there.from, to: there.to } = span(there, bucket));
    for (const d of bucket.days) {
      const same = there.days.find((x) => x.day === d.day);
      if (!same) { there.days.push(d); continue; }
      same.individuals += d.individuals;
      same.sensitiveIndividuals += d.sensitiveIndividuals;
      same.count += d.count;
      same.first ??= d.first;
      if (!d.pass) continue;
      if (!same.pass) { same.pass = d.pass; continue; }
      const [p, q] = [same.pass, d.pass];
      if (q.slackI < p.slackI) [p.slackI, p.lowI] = [q.slackI, q.lowI];
      if (q.slackS < p.slackS) [p.slackS, p.lowS] = [q.slackS, q.lowS];
      ({ from: p.from, to: p.to } = span(p, q));
      if (lowered.has(d)) lowered.add(same);
    }
  }
  const revealed: RunRef[] = [];
  for (const d of lowered) {
    const p = d.pass;
    if (!p) continue;
    for (const low of [p.slackI < 0 ? p.lowI : undefined, p.slackS < 0 ? p.lowS : undefined]) {
      if (low && !revealed.includes(low)) revealed.push(low);
    }
  }
  return revealed;
}
