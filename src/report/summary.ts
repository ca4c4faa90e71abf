/** The gate: one-line summary and exit code (../shared/spec/verdict.md, "Exit codes"). */
import type { CheckResult, Lang } from '../model/verdict.js';
import { gateOutcome, isError } from '../model/verdict.js';
import type { FormatContext, Tally } from './types.js';

export type { Tally };

type FailOn = FormatContext['failOn'];

export const emptyTally = (): Tally => ({ checked: 0, pass: 0, review: 0, fail: 0, error: 0, waived: 0, gateFailures: 0 });

/** Adds one result to a running tally (batch runs count as they stream, without keeping results). */
export const count = (t: Tally, r: CheckResult, failOn: FailOn): Tally =>
  isError(r) ? countOutcome(t, 'error', failOn) : countOutcome(t, r.verdict, failOn, gateOutcome(r));

/** The same from the outcome alone (a worker sends the rendered report part and the outcome). */
export const countOutcome = (t: Tally, outcome: 'pass' | 'review' | 'fail' | 'error', failOn: FailOn, gate: typeof outcome = outcome): Tally => {
  t.checked++;
  t[outcome]++;
  if (gate !== outcome) t.waived++;
  if (gate === 'fail' || (failOn === 'review' && gate === 'review')) t.gateFailures++;
  return t;
};

export const tally = (results: readonly CheckResult[], failOn: FailOn): Tally => {
  const t = emptyTally();
  for (const r of results) count(t, r, failOn);
  return t;
};

/**
 * "48 checked: 41 pass, 5 review, 2 fail", plus ", 1 error" when some manifests could not be checked.
 * `checked` counts every input, errors included. Under --fail-on review the line says so,
 * because the same counts then mean a different exit code.
 */
export const summaryLine = (results: readonly CheckResult[], failOn: FailOn, lang: Lang = 'en'): string => tallyLine(tally(results, failOn), failOn, lang);

export const tallyLine = (t: Tally, failOn: FailOn, lang: Lang = 'en'): string => {
  if (lang === 'zh') {
    return `共检查 ${t.checked} 份：通过 ${t.pass}，需人工审查 ${t.review}，不通过 ${t.fail}${t.error ? `，错误 ${t.error}` : ''}` +
      (t.waived > 0 ? `（其中 ${t.waived} 份的结论因例外批准而降低）` : '') +
      (failOn === 'review' && t.review > 0 ? '（需人工审查视为未通过）' : '');
  }
  let line = `${t.checked} checked: ${t.pass} pass, ${t.review} review, ${t.fail} fail`;
  if (t.error > 0) line += `, ${t.error} error`; // no plural: every label is a category name
  if (t.waived > 0) line += ` (${t.waived} eased by waiver)`; // the gate reads the outcome left after waivers
  if (failOn === 'review' && t.review > 0) line += ' (review fails the gate)';
  return line;
};

/**
 * 0: every verdict is within the gate; 1: at least one verdict fails the gate;
 * 2: at least one manifest could not be read or is invalid.
 *
 * 2 takes precedence over 1: the contract reserves 2 for an invalid manifest, and a run that could not
 * check every input is incomplete; its verdicts cannot prove the batch safe, and "1" would let a pipeline
 * read the problem as an ordinary policy failure. Both are non-zero, so the gate fails either way, and
 * every result (verdicts and errors) is still reported. An empty batch yields 0; whether "no manifests"
 * is a usage error is the CLI's call.
 */
export const exitCode = (results: readonly CheckResult[], failOn: FailOn): 0 | 1 | 2 => tallyExitCode(tally(results, failOn));

export const tallyExitCode = (t: Tally): 0 | 1 | 2 => {
  if (t.error > 0 || t.runError) return 2;
  return t.gateFailures > 0 ? 1 : 0;
};
