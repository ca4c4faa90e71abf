/** The verdict contract (../shared/spec/verdict.md). Types only. */

export type Outcome = 'pass' | 'review' | 'fail';
export type Mechanism = 'none' | 'contract-or-certification' | 'security-assessment' | 'prohibited';
export type Lang = 'en' | 'zh';
export type Bilingual = Record<Lang, string>;

/**
 * A rule is known by its pack and its id together: rule ids are unique within a pack only (two editions of a
 * zone list share them). Reports, explain and coverage use the qualified form `<pack>/<id>`.
 */
export interface RuleRef {
  pack: string;
  id: string;
}

export const ruleKey = (r: RuleRef): string => `${r.pack}/${r.id}`;

/** One leaf condition as the engine saw it: the raw material of "why". */
export interface Reason {
  fact: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  held: boolean | 'not-evaluated';
  path?: string; // manifest JSON pointer the fact comes from
}

/** Who accepted a finding's risk, why, and until when (src/evaluate/waivers.ts). */
export interface Waived {
  reason: string;
  approver: string;
  expires: string;
  /** Which entry of the waivers file (1-based), so unused entries can be listed. */
  entry: number;
}

export interface Finding {
  rule: string;
  pack: string;
  outcome: Outcome;
  mechanism?: Mechanism;
  message: Bilingual;
  /** English citation; `citationZh` carries the Chinese one when the pack gives it. */
  citation: string;
  citationZh?: string;
  path: string;
  line?: number;
  column?: number;
  /** Plain-language next step, when the rule gives one. */
  action?: Bilingual;
  reasons?: Reason[];
  /** Set when a valid waiver covers this finding: the outcome stays, the gate ignores it. */
  waived?: Waived;
}

export interface Obligation {
  rule: string;
  message: Bilingual;
  citation: string;
  citationZh?: string;
}

/** The citation to show in a report written in `lang` (the English one when the pack gives no Chinese one). */
export const citationIn = (c: { citation: string; citationZh?: string }, lang: Lang): string =>
  lang === 'zh' && c.citationZh ? c.citationZh : c.citation;

export interface PackRef {
  id: string;
  version: string;
  digest: string;
}

export interface Verdict {
  manifest: string;
  source: string;
  asOf: string;
  verdict: Outcome;
  mechanism: Mechanism;
  counts: { individuals: number; sensitiveIndividuals: number };
  /** Where the prior-year figures came from: none, the manifest's priorThisYear, or the ledger. */
  countsSource?: 'none' | 'manifest' | 'ledger';
  findings: Finding[];
  obligations: Obligation[];
  /** Requirements that fired but an exemption set aside (rule -> exempting rule). */
  exempted?: { rule: string; by: string }[];
  warnings?: { code: string; message: Bilingual }[];
  packs: PackRef[];
  /** xborder serve with a ledger: the id of the evidence record written for this verdict. */
  decisionId?: string;
}

/** A manifest that could not be read or is invalid: reported in place of a verdict. */
export interface ErrorResult {
  source: string;
  manifest?: string;
  error: {
    code: string;
    message: string;
    line?: number;
    column?: number;
    path?: string;
    /** Every problem found, not only the first. */
    details?: { message: string; path: string; line?: number; column?: number; hint?: string }[];
  };
}

export type CheckResult = Verdict | ErrorResult;

export const isError = (r: CheckResult): r is ErrorResult => 'error' in r;

/**
 * The findings that decided the verdict: those whose outcome is the verdict (findings come worst first, so
 * these lead the list). Every report that names "the reason" uses this, so none re-derives it.
 */
export const decidedBy = (v: Verdict): Finding[] => v.findings.filter((f) => f.outcome === v.verdict);

/** What the checker's own findings (xborder.*) cite: its rule of never passing what it cannot decide. */
export const FAIL_CLOSED_CITATION = { en: 'xborder: fail-closed policy', zh: 'xborder 从严原则：无法判断即交人工审查' } as const;

export const OUTCOME_RANK: Record<Outcome, number> = { pass: 0, review: 1, fail: 2 };
export const MECHANISM_RANK: Record<Mechanism, number> = {
  none: 0, 'contract-or-certification': 1, 'security-assessment': 2, prohibited: 3,
};

/**
 * The outcome the CI gate counts: the worst finding that is not waived. A verdict whose failing findings are all
 * waived is still reported as it is (never as pass); only the gate looks past them.
 */
export function gateOutcome(v: Verdict): Outcome {
  let worst: Outcome = 'pass';
  for (const f of v.findings) if (!f.waived && OUTCOME_RANK[f.outcome] > OUTCOME_RANK[worst]) worst = f.outcome;
  return OUTCOME_RANK[worst] < OUTCOME_RANK[v.verdict] ? worst : v.verdict;
}

/** Whether the gate lets the verdict through: as `check --fail-on`, waived findings set aside. */
export const withinGate = (v: Verdict, failOn: 'fail' | 'review'): boolean => {
  const outcome = gateOutcome(v);
  return outcome === 'pass' || (outcome === 'review' && failOn === 'fail');
};
