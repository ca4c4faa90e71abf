/** One chunk of jobs, checked one after another: what a worker thread runs, and the main thread's own share. */
import type { PackSet } from '../evaluate/pack-set.js';
import { NOT_A_MANIFEST, runJobTallied, type JobOptions } from './job.js';
import type { Job } from './inputs.js';
import type { CheckResult } from '../model/verdict.js';
import type { Checked, WorkerInit } from './protocol.js';
import { gateOf, outcomeOf, renderItem } from './report-writer.js';

/**
 * With `render`, each result comes back as its report part (and the result itself only for errors, which the main
 * thread logs), so the thread that checked it also serialised it; `kept` then receives the results themselves, one
 * per job (undefined for what is not a manifest or has no tally record), for the tally to ask for later (protocol.ts
 * ResultRequest).
 */
export async function checkChunk(jobs: readonly Job[], set: PackSet, opts: JobOptions, render?: WorkerInit['render'], kept?: (CheckResult | undefined)[]): Promise<Checked[]> {
  const results: Checked[] = [];
  for (const job of jobs) {
    const { result: r, record } = await runJobTallied(job, set, opts, true);
    // Only a result with a tally record can be asked for again (tally-apply.ts): the others are not held.
    kept?.push(r === NOT_A_MANIFEST || !record ? undefined : r);
    if (r === NOT_A_MANIFEST) { results.push({ notManifest: true }); continue; }
    const outcome = outcomeOf(r);
    const gate = gateOf(r);
    const waived = gate !== outcome ? { gate } : {};
    const tallied = record ? { record } : {};
    results.push(render
      ? { outcome, ...waived, part: renderItem(render.format, r, render.ctx), source: r.source, ...(outcome === 'error' ? { result: r } : {}), ...tallied }
      : { outcome, ...waived, result: r, ...tallied });
  }
  return results;
}
