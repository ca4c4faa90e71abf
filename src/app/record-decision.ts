/**
 * The service's recorded decision: check one manifest and write its evidence record, optionally reserving the
 * transfer in the ledger. (Deciding a verdict from findings is src/evaluate/decide.ts; this module checks,
 * reserves and records.) Reserving reads the year-to-date totals, checks and records in one transaction
 * under the exporter-and-year lock, so two concurrent requests can never both slip under a threshold.
 */
import { randomUUID } from 'node:crypto';
import { canonicalDigest, canonicalJson } from '../util/canonical.js';
import { errorResult, prepareManifest } from '../evaluate/pipeline.js';
import type { PackSet } from '../evaluate/pack-set.js';
import type { DecisionStore, EvidenceRow } from '../ledger/decisions.js';
import { exporterIdentity, type ExporterIdentity } from '../ledger/key.js';
import type { PersonTotals } from '../ledger/types.js';
import { decidedBy, gateOutcome, isError, ruleKey, withinGate, type CheckResult, type Verdict } from '../model/verdict.js';
import { yearOf } from '../util/dates.js';
import { stdinJobs } from '../batch/inputs.js';
import { DEFAULT_MAX_BYTES } from '../io/files.js';
import { checkPrepared, thisTransfer, type CheckOneOptions } from './check-one.js';
import { countsTowardThresholds } from './ledger-record.js';
import { ledgerEntryOf } from '../ledger/entry.js';
import { RunTally } from '../batch/tally.js';
import { recordOf, tallies, type LedgerRead } from '../batch/tally-record.js';
import { judgeAgainstRun, withUndercount } from '../batch/tally-judge.js';
import type { CountingWindow } from '../evaluate/select.js';
import type { Locatable } from '../model/diagnostic.js';
import type { Manifest } from '../model/manifest.js';

export interface RecordDecisionOptions {
  asOf?: string;
  explain?: boolean;
  /** Record the transfer if the verdict is within the gate. */
  reserve?: boolean;
  /** Lowest verdict that refuses a reservation (default review: only pass reserves). */
  failOn?: 'fail' | 'review';
  /** Record whatever the verdict: the transfer has happened (`POST /v1/ledger/records`, like `ledger record`). */
  force?: boolean;
  /** Name of the API key that asked (never the key). */
  by?: string;
  /** Accepted risks, judged on `today` (src/evaluate/waivers.ts); a waived finding does not hold back a reservation. */
  waivers?: CheckOneOptions['waivers'];
  today?: string;
  /** The stream's run tally (recordDecisionStream): earlier lines of the exporter count, as in one `check` run. */
  tally?: RunTally;
}

export interface RecordedDecision {
  result: CheckResult;
  /** Absent for an invalid manifest (no decision was made). */
  evidence?: EvidenceRow;
  /** With `reserve`: whether the verdict was within the gate, and whether this call added the record. */
  reservation?: { withinGate: boolean; recorded: boolean };
}

/** The manifest digest an evidence record carries: SHA-256 of the canonical JSON of the parsed document. */
export const manifestDigest = (v: unknown): string => canonicalDigest(v);

export async function recordDecision(text: string, uri: string, set: PackSet, store: DecisionStore, opts: RecordDecisionOptions = {}): Promise<RecordedDecision> {
  const prepared = prepareManifest(text, uri);
  if (!prepared.ok) return { result: prepared.error };
  const m = prepared.manifest;
  let identity: ExporterIdentity | undefined;
  try {
    identity = exporterIdentity(m.exporter);
  } catch {
    // No key once normalised (a name of invisible characters, no USCC): the request's problem, never "ledger
    // unavailable, retry". A check reads no totals (review, as check --ledger); nothing can be recorded under it.
    if (opts.reserve) return { result: noExporterKey(uri, m.id, prepared.doc.locate('/exporter/name')) };
  }
  const exporter = identity?.key ?? null;
  const lock = opts.reserve && identity ? { exporter: identity, year: yearOf(m.date) } : undefined;
  return store.transaction(lock, async (tx): Promise<RecordedDecision> => {
    let totalsUsed: (PersonTotals & { fromYear: number; toYear: number }) | undefined;
    let read: { prior: Awaited<ReturnType<typeof tx.prior>>; window: CountingWindow } | undefined;
    // The manifest prepared above is checked as it is: its text is not parsed a second time.
    const check = (extra?: PersonTotals) => checkPrepared(prepared, uri, set, {
      asOf: opts.asOf, explain: opts.explain, waivers: opts.waivers, today: opts.today,
      priorFor: async (_m, w) => {
        if (!identity) throw new Error('exporter has neither a USCC nor a name');
        // The tally's second check (extra) adds to the totals the first one read: the same base, and one query fewer.
        const same = extra && read && read.window.fromYear === w.fromYear && read.window.toYear === w.toYear;
        const t = same ? read!.prior : await tx.prior(identity, w.fromYear, w.toYear, { exclude: thisTransfer(m) });
        if (extra) return { ...t, individuals: t.individuals + extra.individuals, sensitiveIndividuals: t.sensitiveIndividuals + extra.sensitiveIndividuals };
        read = { prior: t, window: w };
        // The evidence records the counted totals the verdict used (uncounted figures only word a warning).
        const { uncounted: _uncounted, ...counted } = t;
        totalsUsed = { ...counted, fromYear: w.fromYear, toYear: w.toYear };
        return t;
      },
    });
    const checked = await check();
    if (isError(checked)) return { result: checked };
    const result = opts.tally && tallies(m) ? await tallied(opts.tally, checked, m, uri, text, read, check, prepared.doc) : checked;
    let reservation: RecordedDecision['reservation'];
    let entry: Record<string, unknown> | undefined;
    if (opts.reserve) {
      const inGate = opts.force === true || withinGate(result, opts.failOn ?? 'review');
      reservation = { withinGate: inGate, recorded: false };
      if (inGate) {
        const e = ledgerEntryOf(m, countsTowardThresholds(m, result, set));
        reservation.recorded = (await tx.record(e)).recorded;
        entry = { ...e, recorded: reservation.recorded };
      }
    }
    const decisionId = randomUUID();
    const createdAt = new Date().toISOString();
    // Ids, digests, rule ids and counts: what an auditor needs to replay the decision, no manifest content.
    const body = canonicalJson({
      manifest: { id: m.id, digest: manifestDigest(prepared.doc.data) }, exporter,
      verdict: result.verdict, mechanism: result.mechanism, decidedBy: decidedBy(result).map((f) => f.rule),
      packs: result.packs, asOf: result.asOf, countsSource: result.countsSource ?? 'none', totalsUsed: totalsUsed ?? null,
      exempted: result.exempted ?? [],
      waived: result.findings.filter((f) => f.waived).map((f) => ({ rule: ruleKey({ pack: f.pack, id: f.rule }), entry: f.waived!.entry, expires: f.waived!.expires })),
      reservation: opts.reserve ? { failOn: opts.force ? 'recorded-regardless' : opts.failOn ?? 'review', entry: entry ?? null } : null,
      by: opts.by ?? null,
    }) ?? '';
    const evidence = await tx.appendEvidence(decisionId, createdAt, body);
    return { result, evidence, reservation };
  });
}

/**
 * NDJSON (one manifest per line) or one document from a stream, each manifest checked and recorded as
 * `recordDecision` does, in input order (the lines of `POST /v1/check/batch` with a ledger). A line that is no
 * manifest is its error result, with no record; a ledger failure rejects the line's promise, so the caller can answer that line.
 */
export async function* recordDecisionStream(stream: NodeJS.ReadableStream, name: string, set: PackSet, store: DecisionStore, opts: RecordDecisionOptions & { maxBytes?: number } = {}): AsyncGenerator<{ uri: string; decision: () => Promise<RecordedDecision> }> {
  // One request is one run: its lines count each other's transfers, as `check`'s inputs do (src/batch/tally.ts).
  const tally = new RunTally();
  for await (const job of stdinJobs(stream, opts.maxBytes ?? DEFAULT_MAX_BYTES, name)) {
    if (job.kind === 'text') yield { uri: job.uri, decision: () => recordDecision(job.text, job.uri, set, store, { ...opts, tally }) };
    else if (job.kind === 'error') yield { uri: job.result.source, decision: async () => ({ result: job.result }) };
  }
}

/**
 * A verdict judged against the stream's earlier lines, as `check` judges a run's (src/batch/tally-judge.ts): a pass
 * the earlier lines of its exporter and period would make stricter, or any verdict whose prior they or it
 * contradict, is at least review with xborder.run-undercount.
 */
async function tallied(tally: RunTally, v: Verdict, m: Manifest, uri: string, text: string, read: { prior: LedgerRead; window: CountingWindow } | undefined,
  check: (extra: PersonTotals) => Promise<CheckResult>, doc: Pick<Locatable, 'locate'>): Promise<Verdict> {
  const r = recordOf(m, uri, v, text, read?.prior, doc, read?.window);
  const u = await judgeAgainstRun(tally, r, gateOutcome(v) === 'pass', async (extra) => {
    const again = await check(extra);
    return isError(again) ? undefined : again;
  });
  return u ? withUndercount(v, u, r.at) : v;
}

/** A manifest whose exporter has no ledger key: as `ledger record` refuses it, at the name. */
const noExporterKey = (uri: string, id: string, at?: { line: number; column: number }) => errorResult(uri, [{
  code: 'semantic', severity: 'error', message: 'exporter has neither a USCC nor a name with a visible character: the ledger cannot record this transfer',
  location: { uri, pointer: '/exporter/name', ...(at ? { line: at.line, column: at.column } : {}) },
}], id);
