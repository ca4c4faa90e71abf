/** One job → one result; the same code runs in-process (--jobs 1) and in each worker thread. */
import type { CheckResult } from '../model/verdict.js';
import type { PackSet } from '../evaluate/pack-set.js';
import type { CheckOptions } from '../evaluate/check.js';
import { checkText, errorResult } from '../evaluate/pipeline.js';
import { DEFAULT_MAX_BYTES, InputError, isManifestText, readText } from '../io/files.js';
import type { Job } from './inputs.js';

export interface JobOptions extends Pick<CheckOptions, 'asOf' | 'explain' | 'priorFor' | 'waivers' | 'today'> {
  maxBytes?: number;
}

/** A file of a folder walk that declares another kind than a manifest's: left out, and counted. */
export const NOT_A_MANIFEST = 'not-a-manifest';

export async function runJob(job: Job, set: PackSet, opts: JobOptions): Promise<CheckResult | typeof NOT_A_MANIFEST> {
  if (job.kind === 'error') return job.result;
  const evalOpts = { asOf: opts.asOf, explain: opts.explain, priorFor: opts.priorFor, waivers: opts.waivers, today: opts.today };
  if (job.kind === 'text') return safeCheck(job.text, job.uri, set, evalOpts);
  let text: string;
  try {
    text = readText(job.path, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (err) {
    const e = err instanceof InputError ? err : undefined;
    const message = e ? e.message : `cannot read: ${(err as Error).message}`;
    return errorResult(job.uri, [{ code: 'read-error', severity: 'error', message, location: { uri: job.uri, pointer: '', line: e?.line, column: e?.column } }]);
  }
  if (job.walked && !isManifestText(job.path, text)) return NOT_A_MANIFEST;
  return safeCheck(text, job.uri, set, evalOpts);
}

/** One manifest's internal error is that manifest's error result, never the batch's end. */
async function safeCheck(text: string, uri: string, set: PackSet, opts: Pick<CheckOptions, 'asOf' | 'explain' | 'priorFor' | 'waivers' | 'today'>): Promise<CheckResult> {
  try {
    return await checkText(text, uri, set, opts);
  } catch (err) {
    return errorResult(uri, [{ code: 'internal', severity: 'error', message: `internal error: ${(err as Error).message}`, location: { uri, pointer: '' } }]);
  }
}
