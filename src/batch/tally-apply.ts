/**
 * Applies the run's tally (tally.ts) to results as they leave evaluateAll, in input order, on the main thread.
 * Each is judged against what came before it and yielded as soon as it is final: at once, or, when a worker
 * rendered it and the tally adds a finding, once that worker has sent the result itself back. Up to TALLY_WINDOW
 * results wait for that at a time, in input order, so the main thread never checks a manifest a second time only
 * to see its verdict (that made it the bottleneck of a parallel run) and never waits on one worker's reply at a time.
 *
 * A pass whose prior the run's earlier transfers exceed is checked again, here, with those transfers added to
 * its earlier totals: only if that is stricter does it become review (`xborder.run-undercount`), so two small
 * transfers that stay below every threshold together still pass. A review or fail keeps its verdict and gets the
 * finding. A pass or review already written cannot change any more: the later manifest that contradicts its prior
 * gets the finding instead, so the run never passes both sides of a contradiction silently (a review for another
 * reason, written first, left the earlier-dated transfer after it a silent pass).
 */
import type { RunUndercount } from '../evaluate/checker-findings.js';
import type { PersonTotals } from '../evaluate/derive-facts.js';
import { errorResult } from '../evaluate/pipeline.js';
import { isError, type CheckResult } from '../model/verdict.js';
import type { Job } from './inputs.js';
import { NOT_A_MANIFEST, type TalliedJob } from './job.js';
import type { Checked } from './protocol.js';
import { gateOf } from './report-writer.js';
import { RunTally } from './tally.js';
import { sameRecord, type TallyRecord } from './tally-record.js';
import { judgeAgainstRun, withUndercount } from './tally-judge.js';

/** Checks a job again on this thread, with `extra` added to the earlier totals it reads. */
export type Recheck = (job: Job, extra?: PersonTotals) => Promise<TalliedJob>;

/** Results at most held back, waiting for a worker's copy of their verdict: a bound on memory, not on speed. */
export const TALLY_WINDOW = 256;

/** A result in the window: final, or waiting for its finding to be added. */
interface Held { value?: Checked; wait?: Promise<Checked> }

export async function* applyTally(results: AsyncIterable<[Job, Checked]>, recheck: Recheck, tally = new RunTally()): AsyncGenerator<Checked> {
  const it = results[Symbol.asyncIterator]();
  const held: Held[] = [];
  const HEAD = Symbol('head');
  // The next input is pulled only once the consumer has asked for another result, as a plain for-await would: a
  // consumer that stops (`| head`, a client gone) leaves no pull pending, so the input closes at once (stdin is
  // released, no manifest is checked for nothing). A pull can still be pending while the consumer writes a result,
  // when the head's verdict came first: its failure is then a value, never a rejection nobody awaits (Node would end
  // the process, exit 1), and the results before it still come out first.
  const pull = (): Promise<IteratorResult<[Job, Checked]> | { failed: unknown }> => it.next().then((r) => r, (failed: unknown) => ({ failed }));
  let failure: { failed: unknown } | undefined;
  let ended = false;
  let next: ReturnType<typeof pull> | undefined;
  try {
    for (;;) {
      while (held.length && held[0]!.value) yield held.shift()!.value!;
      if (ended && !held.length) break;
      if (!ended && !next && held.length < TALLY_WINDOW) next = pull();
      const head = held[0];
      // The next input, or the head's verdict if it comes first: a slow input never holds a finished result back.
      const got = head && !next ? await head.wait!.then(() => HEAD)
        : head ? await Promise.race([next!, head.wait!.then(() => HEAD)]) : await next!;
      if (got === HEAD) continue;
      next = undefined;
      const r = got as Awaited<ReturnType<typeof pull>>;
      if ('failed' in r) { failure = r; ended = true; continue; }
      if (r.done) { ended = true; continue; }
      const [job, c] = r.value;
      const h: Held = 'notManifest' in c || !c.record ? { value: c } : await judge(tally, job, c, c.record, recheck);
      if (h.wait) void h.wait.then((v) => { h.value = v; }, () => undefined); // its rejection is met where it is awaited
      held.push(h);
    }
    if (failure) throw failure.failed;
  } finally {
    // A pull still pending (stopped while the head waited) would hold return() until the input yields: not waited for.
    const closing = ended ? undefined : it.return?.();
    if (next) void closing?.catch(() => undefined);
    else await closing;
  }
}

/** The tally's part of a result, done at once (later results depend on it); the finding, if any, may wait on a worker. */
async function judge(tally: RunTally, job: Job, c: Exclude<Checked, { notManifest: true }>, r: TallyRecord, recheck: Recheck): Promise<Held> {
  const u = await judgeAgainstRun(tally, r, (c.gate ?? c.outcome) === 'pass', async (extra) => {
    const again = await recheck(job, extra);
    // Read again, it must be the manifest the record was made of: changed under the run, it answers nothing.
    return again.record && sameRecord(again.record, r) && again.result !== NOT_A_MANIFEST && !isError(again.result) ? again.result : undefined;
  });
  return u ? { wait: withFinding(c, r, job, u, recheck) } : { value: c };
}

/** The result with the run-undercount finding, at least review; the original result is made again here if a worker sent only its rendered part. */
async function withFinding(c: Exclude<Checked, { notManifest: true }>, r: TallyRecord, job: Job, u: RunUndercount, recheck: Recheck): Promise<Checked> {
  let v: CheckResult | undefined = c.result;
  if (!v && c.fetchResult) {
    const kept = await c.fetchResult();
    // Only the verdict the record was made of (a result that has a record is a verdict): any other is not taken, so
    // the finding is never added to another manifest's verdict nor dropped for another's error.
    if (kept && !isError(kept) && kept.source === r.source && kept.manifest === r.id && kept.verdict === r.verdict) v = kept;
  }
  if (!v) {
    // Rendered where it was checked, and no longer kept there: the verdict itself is made again here (the same
    // text, or the run cannot vouch for it).
    const first = await recheck(job);
    if (!first.record || !sameRecord(first.record, r) || first.result === NOT_A_MANIFEST || isError(first.result)) return changed(r);
    v = first.result;
  }
  if (isError(v)) return c;
  const out = withUndercount(v, u, r.at);
  const gate = gateOf(out);
  return { outcome: out.verdict, ...(gate !== out.verdict ? { gate } : {}), result: out };
}

/** The file read again is not the manifest the worker checked: the run cannot vouch for it (an input error). */
function changed(r: TallyRecord): Checked {
  const message = 'the file changed while the run was checking it; check it again';
  return { outcome: 'error', result: errorResult(r.source, [{ code: 'read-error', severity: 'error', message, location: { uri: r.source, pointer: '' } }], r.id) };
}
