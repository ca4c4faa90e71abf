/**
 * Applies the run's tally (tally.ts) to results as they leave evaluateAll, in input order, on the main thread.
 * A result is never held back: each is judged against what came before it and yielded at once.
 *
 * A pass whose prior the run's earlier transfers exceed is checked again, here, with those transfers added to
 * its earlier totals: only if that is stricter does it become review (`xborder.run-undercount`), so two small
 * transfers that stay below every threshold together still pass. A review or fail keeps its verdict and gets the
 * finding. A pass or review already written cannot change any more: the later manifest that contradicts its prior
 * gets the finding instead, so the run never passes both sides of a contradiction silently (a review for another
 * reason, written first, left the earlier-dated transfer after it a silent pass).
 */
import { runUndercount, type RunUndercount } from '../evaluate/checker-findings.js';
import type { PersonTotals } from '../evaluate/derive-facts.js';
import { errorResult } from '../evaluate/pipeline.js';
import { isError, MECHANISM_RANK, OUTCOME_RANK, type CheckResult, type Verdict } from '../model/verdict.js';
import type { Job } from './inputs.js';
import { NOT_A_MANIFEST, type TalliedJob } from './job.js';
import type { Checked } from './protocol.js';
import { gateOf } from './report-writer.js';
import { RunTally } from './tally.js';
import { sameRecord, type TallyRecord } from './tally-record.js';

/** Checks a job again on this thread, with `extra` added to the earlier totals it reads. */
export type Recheck = (job: Job, extra?: PersonTotals) => Promise<TalliedJob>;

export async function* applyTally(results: AsyncIterable<[Job, Checked]>, recheck: Recheck, tally = new RunTally()): AsyncGenerator<Checked> {
  for await (const [job, c] of results) {
    yield 'notManifest' in c || !c.record ? c : await judge(tally, job, c, c.record, recheck);
  }
}

async function judge(tally: RunTally, job: Job, c: Exclude<Checked, { notManifest: true }>, r: TallyRecord, recheck: Recheck): Promise<Checked> {
  const a = tally.assess(r);
  const u: { -readonly [K in keyof RunUndercount]: RunUndercount[K] } = {};
  // A review rests on its prior as a pass does (a waived review's gate passes; an unwaived one is within the default
  // gate, and its finding may be about something else): a later input that contradicts that prior must say so.
  let verified: PersonTotals | undefined = r.verdict !== 'fail' || (c.gate ?? c.outcome) === 'pass' ? r.prior : undefined;
  let again: TalliedJob | undefined;
  if (a.earlier && r.verdict === 'pass') {
    // Does the verdict depend on them? The same manifest, with them counted.
    again = await recheck(job, a.extra);
    const v = again.record && sameRecord(again.record, r) && again.result !== NOT_A_MANIFEST && !isError(again.result) ? again.result : undefined;
    if (!v) u.earlier = a.earlier; // changed under the run: it cannot be shown not to depend (fail closed)
    else if (OUTCOME_RANK[v.verdict] > OUTCOME_RANK.pass
      // A stricter route already in place (a filed contract) asks more only through duties this verdict lacks.
      || (MECHANISM_RANK[v.mechanism] > MECHANISM_RANK[r.mechanism] && v.obligations.some((o) => !r.duties.includes(o.rule)))) {
      u.earlier = { ...a.earlier, would: { verdict: v.verdict, mechanism: v.mechanism } };
    } else {
      const ledger = r.ledger ?? { individuals: 0, sensitiveIndividuals: 0 };
      verified = {
        individuals: Math.max(r.prior.individuals, ledger.individuals + a.extra.individuals),
        sensitiveIndividuals: Math.max(r.prior.sensitiveIndividuals, ledger.sensitiveIndividuals + a.extra.sensitiveIndividuals),
      };
    }
  } else if (a.earlier) {
    u.earlier = a.earlier;
  }
  if (u.earlier) verified = undefined;
  const added = tally.add(r, a.extra, verified);
  // The tally makes its RunRefs anew each time: the same manifest is the same id and source.
  const later = [...a.revealed, ...added.later.filter((x) => !a.revealed.some((y) => y.id === x.id && y.source === x.source))];
  if (later.length) u.later = later;
  if (a.untracked || added.untracked) u.untracked = true;
  if (!u.earlier && !u.later && !u.untracked) return c;
  return withFinding(c, r, job, u, recheck);
}

/** The result with the run-undercount finding, at least review; the original result is made again here if a worker sent only its rendered part. */
async function withFinding(c: Exclude<Checked, { notManifest: true }>, r: TallyRecord, job: Job, u: RunUndercount, recheck: Recheck): Promise<Checked> {
  let v: CheckResult | undefined = c.result;
  if (!v) {
    // Rendered where it was checked: the verdict itself is made again here (the same text, or the run cannot vouch for it).
    const first = await recheck(job);
    if (!first.record || !sameRecord(first.record, r) || first.result === NOT_A_MANIFEST || isError(first.result)) return changed(r);
    v = first.result;
  }
  if (isError(v)) return c;
  const finding = runUndercount(u);
  if (r.at) [finding.line, finding.column] = [r.at.line, r.at.column];
  const findings = [...v.findings, finding].sort((x, y) => OUTCOME_RANK[y.outcome] - OUTCOME_RANK[x.outcome]);
  const out: Verdict = { ...v, verdict: v.verdict === 'pass' ? 'review' : v.verdict, findings };
  const gate = gateOf(out);
  return { outcome: out.verdict, ...(gate !== out.verdict ? { gate } : {}), result: out };
}

/** The file read again is not the manifest the worker checked: the run cannot vouch for it (an input error). */
function changed(r: TallyRecord): Checked {
  const message = 'the file changed while the run was checking it; check it again';
  return { outcome: 'error', result: errorResult(r.source, [{ code: 'read-error', severity: 'error', message, location: { uri: r.source, pointer: '' } }], r.id) };
}
