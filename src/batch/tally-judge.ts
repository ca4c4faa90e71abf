/**
 * The run's judgement of one verdict against the transfers before it (tally.ts), the same for a `check` run
 * (tally-apply.ts, results in input order) and a service batch with a ledger (app/record-decision.ts, lines in order).
 */
import { runUndercount, type RunUndercount } from '../evaluate/checker-findings.js';
import type { PersonTotals } from '../evaluate/derive-facts.js';
import { MECHANISM_RANK, OUTCOME_RANK, type Verdict } from '../model/verdict.js';
import type { RunTally } from './tally.js';
import type { TallyRecord } from './tally-record.js';

/**
 * Assesses `r` and adds it to the tally; returns what the run-undercount finding must say, or undefined. `gatePasses`:
 * its gate passes (a waived review). `againWith`: the same manifest checked with `extra` added to its earlier totals,
 * or undefined when it cannot be (it changed under the run). A review rests on its prior as a pass does (a waived
 * review's gate passes; an unwaived one is within the default gate, and its finding may be about something else), so
 * a later transfer that contradicts that prior must say so.
 */
export async function judgeAgainstRun(tally: RunTally, r: TallyRecord, gatePasses: boolean, againWith: (extra: PersonTotals) => Promise<Verdict | undefined>): Promise<RunUndercount | undefined> {
  // Nothing to count or judge; its link may show passes already written that were judged apart (they now count each other).
  if (r.linkOnly) {
    const linked = tally.link(r);
    return linked.length ? { linked } : undefined;
  }
  const a = tally.assess(r);
  const u: { -readonly [K in keyof RunUndercount]: RunUndercount[K] } = {};
  let verified: PersonTotals | undefined = r.verdict !== 'fail' || gatePasses ? r.prior : undefined;
  if (a.earlier && r.verdict === 'pass') {
    // Does the verdict depend on them? The same manifest, with them counted.
    const v = await againWith(a.extra);
    if (!v) u.earlier = a.earlier; // it cannot be shown not to depend (fail closed)
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
  return u.earlier || u.later || u.untracked ? u : undefined;
}

/** The verdict with the run-undercount finding (at `at`, the record's priorThisYear, when known): at least review. */
export function withUndercount(v: Verdict, u: RunUndercount, at?: { line: number; column: number }): Verdict {
  const finding = runUndercount(u);
  if (at) [finding.line, finding.column] = [at.line, at.column];
  const findings = [...v.findings, finding].sort((x, y) => OUTCOME_RANK[y.outcome] - OUTCOME_RANK[x.outcome]);
  return { ...v, verdict: v.verdict === 'pass' ? 'review' : v.verdict, findings };
}
