/** One job → one result; the same code runs in-process (--jobs 1) and in each worker thread. */
import { isError, type CheckResult, type Verdict } from '../model/verdict.js';
import type { Manifest } from '../model/manifest.js';
import { countingWindow, type CountingWindow } from '../evaluate/select.js';
import type { PackSet } from '../evaluate/pack-set.js';
import type { CheckOptions } from '../evaluate/check.js';
import { checkManifest } from '../evaluate/check.js';
import { errorResult, internalError, prepareManifest } from '../evaluate/pipeline.js';
import { DEFAULT_MAX_BYTES, InputError, isManifestText, readText } from '../io/files.js';
import type { Job } from './inputs.js';
import { recordOf, tallies, type LedgerRead, type TallyRecord } from './tally-record.js';

export interface JobOptions extends Pick<CheckOptions, 'asOf' | 'explain' | 'priorFor' | 'waivers' | 'today'> {
  maxBytes?: number;
}

/** A file of a folder walk that declares another kind than a manifest's: left out, and counted. */
export const NOT_A_MANIFEST = 'not-a-manifest';

export async function runJob(job: Job, set: PackSet, opts: JobOptions): Promise<CheckResult | typeof NOT_A_MANIFEST> {
  return (await runJobTallied(job, set, opts, false)).result;
}

/** A job's result, with what the run's tally needs of its manifest (src/batch/tally.ts) when `tallied`. */
export interface TalliedJob {
  result: CheckResult | typeof NOT_A_MANIFEST;
  record?: TallyRecord;
}

export async function runJobTallied(job: Job, set: PackSet, opts: JobOptions, tallied: boolean): Promise<TalliedJob> {
  if (job.kind === 'error') return { result: job.result };
  const evalOpts = { asOf: opts.asOf, explain: opts.explain, priorFor: opts.priorFor, waivers: opts.waivers, today: opts.today };
  if (job.kind === 'text') return safeCheck(job.text, job.uri, set, evalOpts, tallied);
  let text: string;
  try {
    text = readText(job.path, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (err) {
    const e = err instanceof InputError ? err : undefined;
    const message = e ? e.message : `cannot read: ${(err as Error).message}`;
    return { result: errorResult(job.uri, [{ code: 'read-error', severity: 'error', message, location: { uri: job.uri, pointer: '', line: e?.line, column: e?.column } }]) };
  }
  const out = await safeCheck(text, job.uri, set, evalOpts, tallied);
  // Only a file the checker refuses can be another kind of document (a manifest says kind: TransferManifest),
  // so valid manifests are parsed once.
  return job.walked && out.result !== NOT_A_MANIFEST && isError(out.result) && !isManifestText(job.path, text) ? { result: NOT_A_MANIFEST } : out;
}

/**
 * The counting window the verdict counted over: that of its national pack (the first it names, check.ts) as of its
 * date, so the tally never selects packs again nor drifts from the check. None when no national rules were in force.
 */
function windowOf(v: Verdict, set: PackSet): CountingWindow | undefined {
  const ref = v.packs[0];
  const national = ref && set.packs.find((p) => p.meta.id === ref.id && p.digest === ref.digest);
  return national?.meta.scope.kind === 'national' ? countingWindow(national, v.asOf) : undefined;
}

/**
 * One manifest's internal error is that manifest's error result, never the batch's end. The steps are checkText's
 * (src/evaluate/pipeline.ts), with the manifest kept for its tally record.
 */
async function safeCheck(text: string, uri: string, set: PackSet, opts: Pick<CheckOptions, 'asOf' | 'explain' | 'priorFor' | 'waivers' | 'today'>, tallied: boolean): Promise<TalliedJob> {
  try {
    const prepared = prepareManifest(text, uri);
    if (!prepared.ok) return { result: prepared.error };
    const m = prepared.manifest;
    // Without personal information only a manifest that can link its exporter's name and USCC matters to the tally.
    if (!tallied || !tallies(m)) return { result: await checkManifest(m, set, { ...opts, source: uri, locate: prepared.doc.locate }) };
    // The ledger's totals as the check read them (the record needs them), with whether this same transfer is counted
    // there already, read by the same query.
    let read: LedgerRead | undefined;
    const priorFor = opts.priorFor;
    const spied = priorFor ? { priorFor: async (x: Manifest, window: CountingWindow) => (read = await priorFor(x, window)) } : {};
    const result = await checkManifest(m, set, { ...opts, ...spied, source: uri, locate: prepared.doc.locate });
    const record = recordOf(m, uri, result, text, read, prepared.doc, windowOf(result, set));
    return { result, record };
  } catch (err) {
    return { result: internalError(uri, err) };
  }
}
