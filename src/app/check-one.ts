/**
 * One manifest text in, one result out, by the same code path as each input of `xborder check` (src/batch/job.ts):
 * what a front end that receives manifests one at a time (the HTTP service) calls.
 */
import { stdinJobs } from '../batch/inputs.js';
import { NOT_A_MANIFEST, runJob, type JobOptions } from '../batch/job.js';
import { evaluateAll } from '../batch/run.js';
import { checkManifest } from '../evaluate/check.js';
import { internalError, prepareManifest, type PrepareResult } from '../evaluate/pipeline.js';
import type { Manifest } from '../model/manifest.js';
import { DEFAULT_MAX_BYTES } from '../io/files.js';
import { exporterIdentity } from '../ledger/key.js';
import { ledgerEntryOf } from '../ledger/entry.js';
import type { ExcludedTransfer, LedgerStore } from '../ledger/types.js';
import type { CheckResult } from '../model/verdict.js';
import type { PackSet } from '../evaluate/pack-set.js';
import type { CheckOptions } from '../evaluate/check.js';
import { broken } from '../util/broken.js';

export type CheckOneOptions = Pick<JobOptions, 'asOf' | 'explain' | 'priorFor' | 'waivers' | 'today'>;

/** The verdict (or error result) for one manifest text, exactly the element `check --format json` prints for it. */
export async function checkOne(text: string, uri: string, set: PackSet, opts: CheckOneOptions = {}): Promise<CheckResult> {
  const r = await runJob({ kind: 'text', uri, text }, set, opts);
  // Only files found in a folder walk can be left out as "not a manifest"; a text always gets a result.
  return r === NOT_A_MANIFEST ? broken('a text job was left out as not a manifest') : r;
}

/**
 * As checkOne, with the manifest as validated: for a front end that shows more of it than the verdict carries (the
 * printable report's exporter and recipient) without parsing the text a second time. The steps are checkText's
 * (src/evaluate/pipeline.ts), and an internal error is the manifest's error result (internalError), as in
 * src/batch/job.ts.
 */
export async function checkOneWithManifest(text: string, uri: string, set: PackSet, opts: CheckOneOptions = {}): Promise<{ result: CheckResult; manifest?: Manifest }> {
  const prepared = prepareManifest(text, uri);
  if (!prepared.ok) return { result: prepared.error };
  return { result: await checkPrepared(prepared, uri, set, opts), manifest: prepared.manifest };
}

/** The evaluation step of checkOne for a manifest already parsed and validated (prepareManifest), not parsed again. */
export async function checkPrepared(prepared: Extract<PrepareResult, { ok: true }>, uri: string, set: PackSet, opts: CheckOneOptions = {}): Promise<CheckResult> {
  try {
    const { asOf, explain, priorFor, waivers, today } = opts;
    return await checkManifest(prepared.manifest, set, { asOf, explain, priorFor, waivers, today, source: uri, locate: prepared.doc.locate });
  } catch (err) {
    return internalError(uri, err);
  }
}

/**
 * Year-to-date totals from a ledger for the manifest's exporter, leaving out the manifest itself (as `check --ledger`),
 * and, from the same query, whether the manifest itself is counted there already (PriorTotals.alreadyCounted).
 */
export const priorFromLedger = (store: LedgerStore): NonNullable<CheckOptions['priorFor']> =>
  (m, w) => store.prior(exporterIdentity(m.exporter), w.fromYear, w.toYear, { exclude: thisTransfer(m) });

/**
 * The manifest as the ledger would have recorded it (src/app/ledger-record.ts): only a record with this content is
 * this transfer; another transfer recorded under the same id still counts.
 */
export const thisTransfer = (m: Manifest): ExcludedTransfer => {
  const { manifestId, date, individuals, sensitiveIndividuals, digest } = ledgerEntryOf(m, true);
  return { manifestId, date, individuals, sensitiveIndividuals, digest };
};

/**
 * NDJSON (one manifest per line) or one YAML/JSON document from a stream: results in input order, streamed,
 * by the same code path as `check -` (src/batch/inputs.ts stdinJobs). A bad line is that line's error result.
 */
export async function* checkStream(stream: NodeJS.ReadableStream, name: string, set: PackSet, opts: CheckOneOptions & { maxBytes?: number } = {}): AsyncGenerator<CheckResult> {
  const jobs = stdinJobs(stream, opts.maxBytes ?? DEFAULT_MAX_BYTES, name);
  for await (const c of evaluateAll(jobs, set, { ...opts, jobs: 1, packPaths: [], cache: false })) if ('result' in c && c.result) yield c.result;
}
