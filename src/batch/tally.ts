/**
 * One run's transfers of each exporter and counting year, so a manifest is not judged as if the others in the same
 * run did not exist (60,000 in March and 60,000 in April, both declaring nothing earlier, are 120,000). Applied on
 * the main thread to results in input order; see `assess` and `add` for what it compares.
 *
 * Cost: per exporter and year, one entry per day that has a transfer (at most 366) and one short string per
 * transfer (to know the same transfer met twice); each manifest walks its bucket's days twice, so a run of any
 * size costs at most ~732 steps a manifest, never a pass over the run. Past MAX_TRACKED transfers the run stops
 * comparing and every later manifest with personal information is review (fail closed), not pass.
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

interface Day {
  day: number;
  /** Transfers of the day the run counts: not in the ledger already, and not the same transfer met again. */
  individuals: number;
  sensitiveIndividuals: number;
  count: number;
  first?: RunRef;
  /**
   * The least, over the passes dated this day, of the prior each was judged on less what the run holds on or
   * before its date: below zero, the run contradicts that pass. Infinity without a pass.
   */
  slackI: number;
  slackS: number;
  lowI?: RunRef;
  lowS?: RunRef;
}

interface Bucket {
  year: number;
  /** One entry per day with a transfer, at most 366: an array (lighter than a Map; every use walks it all anyway). */
  days: Day[];
}

/**
 * The exporter's ledger key, id, date and counts: THE test of "the same transfer" (src/ledger/queries.ts
 * sameTransfer). The same transfer written once with a USCC and once without is counted twice (fail closed).
 */
const sameKey = (r: TallyRecord): string => `${r.uscc ?? r.name ?? ''}\0${r.id}\0${r.date}\0${r.individuals}\0${r.sensitiveIndividuals}`;
const refOf = (r: TallyRecord): RunRef => ({ id: r.id, source: r.source });
const newDay = (day: number): Day => ({ day, individuals: 0, sensitiveIndividuals: 0, count: 0, slackI: Infinity, slackS: Infinity });
const ZERO: PersonTotals = { individuals: 0, sensitiveIndividuals: 0 };

/** What the run holds against one manifest before it is added (assess), and what adding it contradicts (add). */
export interface Assessment {
  /** Transfers before it in the input, dated on or before it, more than its prior: what RunUndercount.earlier says. */
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
  /** Root key → its buckets, one per counting year (an array: a company rarely spans more than two). */
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

  /** The bucket of the record's exporter and year (linking its name and USCC first), and any contradiction the link reveals. */
  private bucketOf(r: TallyRecord, create: boolean): { bucket?: Bucket; revealed: RunRef[] } {
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
    if (!bucket && create) buckets!.push((bucket = { year: r.year, days: [] }));
    return { bucket, revealed };
  }

  private union(a: string, b: string): RunRef[] {
    this.parent.set(a, a);
    this.parent.set(b, a);
    const from = this.groups.get(b);
    if (!from) return [];
    this.groups.delete(b);
    const into = this.groups.get(a);
    if (!into) { this.groups.set(a, from); return []; }
    const revealed: RunRef[] = [];
    for (const bucket of from) {
      const there = into.find((b) => b.year === bucket.year);
      if (there) revealed.push(...mergeBuckets(there, bucket));
      else into.push(bucket);
    }
    return revealed.slice(0, NAMED);
  }

  /** Before adding `r`: what the transfers of its exporter and year before it in the input, dated on or before it, sum to. */
  assess(r: TallyRecord): Assessment {
    if (this.full || (r.uscc === undefined && r.name === undefined)) return { extra: ZERO, revealed: [], untracked: true };
    const { bucket, revealed } = this.bucketOf(r, false);
    if (!bucket) return { extra: ZERO, revealed, untracked: false };
    let individuals = 0;
    let sensitiveIndividuals = 0;
    let count = 0;
    const named: RunRef[] = [];
    for (const d of bucket.days) {
      if (d.day > r.day) continue;
      individuals += d.individuals;
      sensitiveIndividuals += d.sensitiveIndividuals;
      count += d.count;
      if (d.first && named.length < NAMED && (d.first.id !== r.id || d.first.source !== r.source)) named.push(d.first);
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
   * own, or the larger one it was checked again with). Returns the passes before it in the input, dated on or
   * after it, whose prior its counts now exceed (same day counts as possibly earlier), or `untracked`.
   */
  add(r: TallyRecord, extra: PersonTotals, verified: PersonTotals | undefined): { later: RunRef[]; untracked: boolean } {
    if (this.full || (r.uscc === undefined && r.name === undefined)) return { later: [], untracked: true };
    if (this.tracked >= this.max) { this.full = true; return { later: [], untracked: true }; }
    const key = sameKey(r);
    if (this.seen.has(key)) return { later: [], untracked: false };
    const before = this.groups.size;
    const bucket = this.bucketOf(r, true).bucket!;
    this.seen.add(key);
    this.tracked += this.groups.size > before || bucket.days.length === 0 ? 4 : 1;
    const later: RunRef[] = [];
    const ref = refOf(r);
    const counted = !r.recorded && (r.individuals > 0 || r.sensitiveIndividuals > 0);
    if (counted) {
      for (const d of bucket.days) {
        if (d.day <= r.day) continue; // on the same day, the one first in the input may be the earlier (assess checks the other)
        d.slackI -= r.individuals;
        d.slackS -= r.sensitiveIndividuals;
        if (d.slackI < 0 && d.lowI && later.length < NAMED && !later.includes(d.lowI)) later.push(d.lowI);
        if (d.slackS < 0 && d.lowS && later.length < NAMED && !later.includes(d.lowS)) later.push(d.lowS);
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
      if (slackI < d.slackI) [d.slackI, d.lowI] = [slackI, ref];
      if (slackS < d.slackS) [d.slackS, d.lowS] = [slackS, ref];
    }
    return { later, untracked: false };
  }
}

/**
 * Two buckets of one exporter and year met apart (a name-only manifest, then one linking that name to a USCC): each
 * side's passes now count the other side's transfers dated on or before them (the same day too: which side came
 * first in the input is not kept). Returns the passes that leaves contradicted.
 */
function mergeBuckets(into: Bucket, from: Bucket): RunRef[] {
  const a = [...into.days].sort((x, y) => x.day - y.day);
  const b = [...from.days].sort((x, y) => x.day - y.day);
  const lowerBy = (side: Day[], other: Day[]): void => {
    let j = 0;
    let sumI = 0;
    let sumS = 0;
    for (const d of side) {
      for (; j < other.length && other[j]!.day <= d.day; j++) { sumI += other[j]!.individuals; sumS += other[j]!.sensitiveIndividuals; }
      d.slackI -= sumI;
      d.slackS -= sumS;
    }
  };
  // Only slacks change here, so each side is lowered by the other's transfers as they were.
  lowerBy(b, a);
  lowerBy(a, b);
  for (const d of b) {
    const there = into.days.find((x) => x.day === d.day);
    if (!there) { into.days.push(d); continue; }
    there.individuals += d.individuals;
    there.sensitiveIndividuals += d.sensitiveIndividuals;
    there.count += d.count;
    there.first ??= d.first;
    if (d.slackI < there.slackI) [there.slackI, there.lowI] = [d.slackI, d.lowI];
    if (d.slackS < there.slackS) [there.slackS, there.lowS] = [d.slackS, d.lowS];
  }
  const revealed: RunRef[] = [];
  for (const d of into.days) {
    for (const low of [d.slackI < 0 ? d.lowI : undefined, d.slackS < 0 ? d.lowS : undefined]) {
      if (low && !revealed.includes(low)) revealed.push(low);
    }
  }
  return revealed;
}
