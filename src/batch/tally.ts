/**
 * One run's transfers of each exporter, by calendar year, so a manifest is not judged as if the others in the same
 * run did not exist (60,000 in March and 60,000 in April, both declaring nothing earlier, are 120,000). Applied on
 * the main thread to results in input order; see `assess` and `add` for what it compares.
 *
 * A manifest counts the run's transfers of the years of the counting window its verdict was judged on
 * (TallyRecord.window: one year under the 2024 rules, also the previous one under the 2022/2023 rules) dated on or
 * before it: a 2023-02 transfer under the 2022 rules counts the run's 2022-11 one. When that window does not hold the
 * year of the manifest's own date (an --as-of in another year), which transfers are "earlier" is not the calendar's
 * to say, so it fails closed: it counts every transfer of the window's years, whatever their date, and also those of
 * its own year dated on or before it; so any of those met later in the input contradicts its pass.
 *
 * Cost: per exporter and year, one entry per day that has a transfer (at most 366), and per transfer its identity
 * (~60 bytes of text, told apart byte for byte, never by a hash alone) and the id and source a finding may name,
 * all in typed arrays off the collected heap (tally-store.ts): ~200 bytes a transfer. A manifest walks the
 * days of its window's years and its own (at most 3 × 366 steps); adding it walks the days of the exporter's years
 * whose passes count its year (the next year under the 2022 rules; under an --as-of in another year, every year of
 * the exporter the run holds), so a run costs at most ~366 steps a manifest per such year, never a pass over the run.
 * Past MAX_TRACKED transfers the run stops comparing and every later manifest with personal information is review
 * (fail closed), not pass.
 */
import type { PersonTotals } from '../evaluate/derive-facts.js';
import type { RunRef, RunUndercount } from '../evaluate/checker-findings.js';
import type { TallyRecord } from './tally-record.js';
import { Arena, Days, KeySet, Refs } from './tally-store.js';

/**
 * What one run remembers, in units of ~250 bytes: a transfer of a known exporter and year is one, the first of an
 * exporter and year four (its bucket and day). About 250 MB at most.
 */
export const MAX_TRACKED = 1_000_000;
/** Manifests a finding names; the rest are counted. */
const NAMED = 3;

/** A year range (from > to: none). */
interface Years { from: number; to: number }

/** One exporter's days of one calendar year; `from`..`to` spans the years its passes count whole (`add` skips the rest). */
interface Bucket extends Years {
  year: number;
  /** Its days (Days numbers), a list in the order met: at most 366. */
  head: number;
  tail: number;
}

/**
 * The exporter's ledger key, id, date and counts, as the ledger's test of "the same transfer" (src/ledger/queries.ts
 * sameTransfer), and the whole text's digest where the ledger's digests recipient, purpose and data: a reused id with
 * other content is another transfer, and so is a file whose safeguards changed during the run. The same transfer
 * written once with a USCC and once without is counted twice (fail closed). Joined, not a template literal: one
 * flat string to encode.
 */
const sameKey = (r: TallyRecord): string => [r.uscc ?? r.name ?? '', r.id, r.date, r.individuals, r.sensitiveIndividuals, r.digest ?? ''].join('\0');
const ZERO: PersonTotals = { individuals: 0, sensitiveIndividuals: 0 };

/**
 * The years a record counts whole: its window's years before its own when the window holds its year; the whole
 * window when it does not (--as-of in another year: see the module comment).
 */
function wholeYears(r: TallyRecord): Years {
  const { from, to } = r.window ?? { from: r.year, to: r.year };
  return from <= r.year && r.year <= to ? { from, to: r.year - 1 } : { from, to };
}

/** The span of two year ranges. */
function span(a: Years, b: Years): Years {
  if (a.from > a.to) return { from: b.from, to: b.to };
  if (b.from > b.to) return { from: a.from, to: a.to };
  return { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) };
}

const within = (year: number, x: Years): boolean => x.from <= year && year <= x.to;

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
  private readonly arena = new Arena();
  /** Every transfer met (sameKey). */
  private readonly seen = new KeySet(this.arena);
  private readonly refs = new Refs(this.arena);
  private readonly days = new Days();
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
    if (!bucket && create) buckets!.push((bucket = { year: r.year, head: -1, tail: -1, from: 1, to: 0 }));
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
    return this.merge(into, from).slice(0, NAMED).map((i) => this.refs.get(i));
  }

  /**
   * Links `r`'s name and USCC for the rest of the run (a manifest without personal information: nothing of it is
   * counted); returns the passes the link shows were judged apart from transfers they count. Until December 2026
   * such a manifest linked nothing, so a name-only and a USCC-only transfer it tied together both passed.
   */
  link(r: TallyRecord): RunRef[] {
    if (this.full || r.uscc === undefined || r.name === undefined) return [];
    if (this.tracked >= this.max) { this.full = true; return []; }
    const before = this.parent.size;
    const { revealed } = this.bucketsOf(r, false);
    if (this.parent.size > before) this.tracked += 1; // a new link holds memory as a transfer does
    return revealed;
  }

  /** Before adding `r`: what the transfers of its exporter it counts (module comment), before it in the input, sum to. */
  assess(r: TallyRecord): Assessment {
    if (this.full || (r.uscc === undefined && r.name === undefined)) return { extra: ZERO, revealed: [], untracked: true };
    const { buckets, revealed } = this.bucketsOf(r, false);
    if (!buckets) return { extra: ZERO, revealed, untracked: false };
    const D = this.days;
    const whole = wholeYears(r);
    let individuals = 0;
    let sensitiveIndividuals = 0;
    let count = 0;
    const named: RunRef[] = [];
    for (const b of buckets) {
      const all = within(b.year, whole);
      if (!all && b.year !== r.year) continue;
      for (let e = b.head; e >= 0; e = D.next[e]!) {
        if (!all && D.day[e]! > r.day) continue;
        individuals += D.individuals[e]!;
        sensitiveIndividuals += D.sensitive[e]!;
        count += D.count[e]!;
        if (D.first[e]! >= 0 && named.length < NAMED) {
          const first = this.refs.get(D.first[e]!);
          if (first.id !== r.id || first.source !== r.source) named.push(first);
        }
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
    if (!this.seen.add(sameKey(r))) return { later: [], untracked: false };
    const before = this.groups.size;
    const { buckets, bucket } = this.bucketsOf(r, true) as { buckets: Bucket[]; bucket: Bucket };
    this.tracked += this.groups.size > before || bucket.head < 0 ? 4 : 1;
    const D = this.days;
    const later: number[] = [];
    const counted = !r.recorded && (r.individuals > 0 || r.sensitiveIndividuals > 0);
    if (counted) {
      for (const b of buckets) {
        const same = b === bucket;
        if (!same && !within(r.year, b)) continue;
        for (let e = b.head; e >= 0; e = D.next[e]!) {
          // On the same day, the one first in the input may be the earlier (assess checks the other).
          if (!D.hasPass(e) || (same ? D.day[e]! <= r.day : !(D.from[e]! <= r.year && r.year <= D.to[e]!))) continue;
          D.slackI[e] = D.slackI[e]! - r.individuals;
          D.slackS[e] = D.slackS[e]! - r.sensitiveIndividuals;
          if (D.slackI[e]! < 0 && later.length < NAMED && !later.includes(D.lowI[e]!)) later.push(D.lowI[e]!);
          if (D.slackS[e]! < 0 && later.length < NAMED && !later.includes(D.lowS[e]!)) later.push(D.lowS[e]!);
        }
      }
    }
    let d = -1;
    for (let e = bucket.head; e >= 0 && d < 0; e = D.next[e]!) if (D.day[e] === r.day) d = e;
    if (d < 0) append(D, bucket, (d = D.add(r.day)));
    let ref = -1;
    const refOf = (): number => (ref >= 0 ? ref : (ref = this.refs.add({ id: r.id, source: r.source })));
    if (counted) {
      D.individuals[d] = D.individuals[d]! + r.individuals;
      D.sensitive[d] = D.sensitive[d]! + r.sensitiveIndividuals;
      D.count[d] = D.count[d]! + 1;
      if (D.first[d]! < 0) D.first[d] = refOf();
    }
    if (verified) {
      const ledger = r.ledger ?? ZERO;
      const slackI = verified.individuals - ledger.individuals - extra.individuals;
      const slackS = verified.sensitiveIndividuals - ledger.sensitiveIndividuals - extra.sensitiveIndividuals;
      const whole = wholeYears(r);
      if (slackI < D.slackI[d]!) [D.slackI[d], D.lowI[d]] = [slackI, refOf()];
      if (slackS < D.slackS[d]!) [D.slackS[d], D.lowS[d]] = [slackS, refOf()];
      // The passes of one day share a window within a run (it follows the as-of date: the run's --as-of, or that
      // day); were they not to, the day holds the span of theirs, so more transfers lower its slack (fail closed).
      [D.from[d], D.to[d]] = spanOf(span({ from: D.from[d]!, to: D.to[d]! }, whole));
      ({ from: bucket.from, to: bucket.to } = span(bucket, whole));
    }
    return { later: later.map((i) => this.refs.get(i)), untracked: false };
  }

  /**
   * Two exporters' buckets met apart (a name-only manifest, then one linking that name to a USCC): each side's passes
   * now count the other side's transfers they would have counted (of their year dated on or before them, the same
   * day too: which side came first in the input is not kept; and of the years they count whole). Moves `from` into
   * `into`; returns the passes that leaves contradicted (Refs numbers).
   */
  private merge(into: Bucket[], from: Bucket[]): number[] {
    const D = this.days;
    const lowered = new Set<number>();
    const daysOf = (b: Bucket): number[] => { const out: number[] = []; for (let e = b.head; e >= 0; e = D.next[e]!) out.push(e); return out.sort((x, y) => D.day[x]! - D.day[y]!); };
    const lower = (e: number, i: number, s: number): void => {
      if (i <= 0 && s <= 0) return;
      D.slackI[e] = D.slackI[e]! - i;
      D.slackS[e] = D.slackS[e]! - s;
      lowered.add(e);
    };
    // Only slacks change here, so each side is lowered by the other's transfers as they were.
    const lowerBy = (side: readonly Bucket[], other: readonly Bucket[]): void => {
      const sums = other.map((b) => {
        const days = daysOf(b);
        let i = 0;
        let s = 0;
        for (const e of days) { i += D.individuals[e]!; s += D.sensitive[e]!; }
        return { year: b.year, days, i, s };
      });
      for (const b of side) {
        const mine = daysOf(b).filter((e) => D.hasPass(e));
        for (const o of sums) {
          if (o.year === b.year) {
            let j = 0;
            let sumI = 0;
            let sumS = 0;
            for (const e of mine) {
              for (; j < o.days.length && D.day[o.days[j]!]! <= D.day[e]!; j++) { sumI += D.individuals[o.days[j]!]!; sumS += D.sensitive[o.days[j]!]!; }
              lower(e, sumI, sumS);
            }
          } else if (within(o.year, b)) {
            for (const e of mine) if (D.from[e]! <= o.year && o.year <= D.to[e]!) lower(e, o.i, o.s);
          }
        }
      }
    };
    lowerBy(from, into);
    lowerBy(into, from);
    for (const bucket of from) {
      const there = into.find((b) => b.year === bucket.year);
      if (!there) { into.push(bucket); continue; }
      ({ from: there.from, to: there.to } = span(there, bucket));
      for (let e = bucket.head, next = -1; e >= 0; e = next) {
        next = D.next[e]!;
        let same = -1;
        for (let x = there.head; x >= 0 && same < 0; x = D.next[x]!) if (D.day[x] === D.day[e]) same = x;
        if (same < 0) { D.next[e] = -1; append(D, there, e); continue; }
        D.individuals[same] = D.individuals[same]! + D.individuals[e]!;
        D.sensitive[same] = D.sensitive[same]! + D.sensitive[e]!;
        D.count[same] = D.count[same]! + D.count[e]!;
        if (D.first[same]! < 0) D.first[same] = D.first[e]!;
        if (!D.hasPass(e)) continue;
        if (D.slackI[e]! < D.slackI[same]!) [D.slackI[same], D.lowI[same]] = [D.slackI[e]!, D.lowI[e]!];
        if (D.slackS[e]! < D.slackS[same]!) [D.slackS[same], D.lowS[same]] = [D.slackS[e]!, D.lowS[e]!];
        [D.from[same], D.to[same]] = spanOf(span({ from: D.from[same]!, to: D.to[same]! }, { from: D.from[e]!, to: D.to[e]! }));
        if (lowered.has(e)) lowered.add(same);
      }
    }
    const revealed: number[] = [];
    for (const e of lowered) {
      for (const low of [D.slackI[e]! < 0 ? D.lowI[e]! : -1, D.slackS[e]! < 0 ? D.lowS[e]! : -1]) {
        if (low >= 0 && !revealed.includes(low)) revealed.push(low);
      }
    }
    return revealed;
  }
}

const spanOf = (y: Years): [number, number] => [y.from, y.to];

function append(D: Days, b: Bucket, e: number): void {
  if (b.tail < 0) b.head = e;
  else D.next[b.tail] = e;
  b.tail = e;
}
