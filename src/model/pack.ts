/** A rule pack as written in YAML (docs/rule-packs.md). Types only. */
import type { Bilingual, Mechanism, Outcome } from './verdict.js';

/** Instrument and article: a string (English only) or both languages (《促进和规范数据跨境流动规定》第八条). */
export type Citation = string | Bilingual;

export type ParamRef = { param: string };
export type Scalar = string | number | boolean;
export type Operand = Scalar | Scalar[] | ParamRef;

/** Lawyer-readable operators; each compiles to a strict engine operator (src/compile/operators.ts). */
export const OPERATORS = [
  'equals', 'notEquals', 'atLeast', 'atMost', 'greaterThan', 'lessThan',
  'in', 'notIn', 'includes', 'excludes', 'includesAny', 'includesNone',
] as const;
export type OperatorName = (typeof OPERATORS)[number];

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | ({ fact: string } & Partial<Record<OperatorName, Operand>>);

export interface EffectivePeriod {
  from: string;
  /** Exclusive: the first day the pack or rule no longer applies. */
  to?: string;
}

/**
 * requirement: when it holds, the transfer needs `mechanism`; the finding passes if that mechanism is in place.
 * exemption: when it holds, exemptible requirements (of every applied pack) are set aside.
 * check: when it holds, a finding with `outcome` (fail or review) — an unmet obligation or something a person must decide.
 * obligation: when it holds, a duty is listed in the verdict; it does not change the verdict.
 */
export type RuleKind = 'requirement' | 'exemption' | 'check' | 'obligation';

export interface PackRule {
  id: string;
  kind: RuleKind;
  title: Bilingual;
  description?: Bilingual;
  when: Condition;
  mechanism?: Mechanism;
  outcome?: Outcome;
  exemptible?: boolean;
  message: Bilingual;
  action?: Bilingual;
  citation: Citation;
  /** The fact whose manifest field is reported as the deciding one (default: the first leaf that held). */
  subject?: string;
  effective?: EffectivePeriod;
}

export interface Parameter {
  value: number | string | boolean | string[];
  description: Bilingual;
  citation?: Citation;
  /** true for points the sources do not confirm ([U]); shown by `xborder explain` and in docs. */
  unconfirmed?: boolean;
}

export interface TaxonomyEntry {
  title: Bilingual;
  /** personal information (pi), sensitive personal information (spi), or non-personal data. */
  personal: 'pi' | 'spi' | 'none';
  /** For ids added by zone packs: the base ids they refine (a rule on the base id matches them). */
  broader?: string[];
}

export interface PackMetadata {
  id: string;
  version: string;
  /** Packs of one lineage succeed each other in time; their effective periods must not overlap. */
  lineage: string;
  title: Bilingual;
  issuer: Bilingual;
  instrument: { title: Bilingual; number?: string };
  source: string;
  published?: string;
  effective: EffectivePeriod;
  scope: { kind: 'national' } | { kind: 'zone'; zone: string };
  coverage?: { status: 'complete' | 'partial'; missing?: string[] };
  supersedes?: string;
}

/**
 * What the checker says about the state of a mechanism (appended to a requirement's finding) and about the ledger.
 * Each national pack words them in its own law (validity terms, filing clocks); the schema lists the same keys.
 */
export const MESSAGE_KEYS = [
  'assessment.valid', 'assessment.extension-unverified', 'assessment.expired', 'assessment.not-yet-issued', 'assessment.absent',
  'covered.assessment', 'covered.certification', 'covered.contract-filed', 'covered.contract-filing-pending',
  'contract.filing-overdue', 'contract.not-yet-signed', 'contract.not-yet-effective', 'certification.expired', 'mechanisms.absent',
  'ledger.not-counted',
] as const;
export type MessageKey = (typeof MESSAGE_KEYS)[number];

export interface RulePack {
  apiVersion: 'xborder/pack/v1';
  kind: 'RulePack';
  metadata: PackMetadata;
  parameters?: Record<string, Parameter>;
  taxonomy?: Record<string, TaxonomyEntry>;
  /** National packs: what the checker says about a mechanism's state, keyed by MESSAGE_KEYS. */
  messages?: Partial<Record<MessageKey, Bilingual>>;
  rules: PackRule[];
}
