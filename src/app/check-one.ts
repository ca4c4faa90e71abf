/**
 * One manifest text in, one result out, by the same code path as each input of `xborder check` (src/batch/job.ts):
 * what a front end that receives manifests one at a time (the HTTP service) calls.
 */
import { stdinJobs } from '../batch/inputs.js';
import { NOT_A_MANIFEST, runJob, type JobOptions } from '../batch/job.js';
import { evaluateAll } from '../batch/run.js';
import { DEFAULT_MAX_BYTES } from '../io/files.js';
import { exporterIdentity } from '../ledger/key.js';
import type { LedgerStore } from '../ledger/types.js';
import type { CheckResult } from '../model/verdict.js';
import type { PackSet } from '../evaluate/pack-set.js';
import type { CheckOptions } from '../evaluate/check.js';

export type CheckOneOptions = Pick<JobOptions, 'asOf' | 'explain' | 'priorFor'>;

/** The verdict (or error result) for one manifest text, exactly the element `check --format json` prints for it. */
export async function checkOne(text: string, uri: string, set: PackSet, opts: CheckOneOptions = {}): Promise<CheckResult> {
  const r = await runJob({ kind: 'text', uri, text }, set, opts);
  // Only files found in a folder walk can be left out as "not a manifest"; a text always gets a result.
  return r === NOT_A_MANIFEST ? broken() : r;
}

const broken = (): never => { throw new Error('a text job was left out as not a manifest'); };

/** Year-to-date totals from a ledger for the manifest's exporter, leaving out the manifest itself (as `check --ledger`). */
export const priorFromLedger = (store: LedgerStore): NonNullable<CheckOptions['priorFor']> =>
  (m, w) => store.prior(exporterIdentity(m.exporter), w.fromYear, w.toYear, { excludeManifestId: m.id });

/**
 * NDJSON (one manifest per line) or one YAML/JSON document from a stream: results in input order, streamed,
 * by the same code path as `check -` (src/batch/inputs.ts stdinJobs). A bad line is that line's error result.
 */
export async function* checkStream(stream: NodeJS.ReadableStream, name: string, set: PackSet, opts: CheckOneOptions & { maxBytes?: number } = {}): AsyncGenerator<CheckResult> {
  const jobs = stdinJobs(stream, opts.maxBytes ?? DEFAULT_MAX_BYTES, name);
  for await (const c of evaluateAll(jobs, set, { ...opts, jobs: 1, packPaths: [], cache: false })) if ('result' in c && c.result) yield c.result;
}
