/**
 * One manifest text in, one result out, by the same code path as each input of `xborder check` (src/batch/job.ts):
 * what a front end that receives manifests one at a time (the HTTP service) calls.
 */
import { runJob, type JobOptions } from '../batch/job.js';
import { exporterKey } from '../ledger/key.js';
import type { LedgerStore } from '../ledger/types.js';
import type { CheckResult } from '../model/verdict.js';
import type { PackSet } from '../evaluate/pack-set.js';
import type { CheckOptions } from '../evaluate/check.js';

export type CheckOneOptions = Pick<JobOptions, 'asOf' | 'explain' | 'priorFor'>;

/** The verdict (or error result) for one manifest text, exactly the element `check --format json` prints for it. */
export function checkOne(text: string, uri: string, set: PackSet, opts: CheckOneOptions = {}): Promise<CheckResult> {
  return runJob({ kind: 'text', uri, text }, set, opts);
}

/** Year-to-date totals from a ledger for the manifest's exporter, leaving out the manifest itself (as `check --ledger`). */
export const priorFromLedger = (store: LedgerStore): NonNullable<CheckOptions['priorFor']> =>
  (m, w) => store.totals(exporterKey(m.exporter), w.fromYear, w.toYear, { excludeManifestId: m.id });
