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
 * flag: when it holds, a finding with `outcome` (fail or review) — an unmet obligation or something a person must decide.
 * obligation: when it holds, a duty is listed in the verdict; it does not change the verdict.
 * alternative: when it holds, another route to `mechanism` (the GBA standard contract for a contract or
 *   certification): with outcome pass it meets a requirement of that mechanism, review or fail says why it does not.
 */
export type RuleKind = 'requirement' | 'exemption' | 'flag' | 'obligation' | 'alternative';
/** Rule kinds a pack may write: `check` is the old name of `flag` ("check" is the verb of xborder check), kept as an alias. */
export type WrittenRuleKind = RuleKind | 'check';

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
  /**
   * URL of the text this rule encodes, when it is not the pack's own source: set for the rules a zone list's
   * entries and duties become (each entry cites where it is published). Reports link it; default the pack's.
   */
  source?: string;
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
  /**
   * national: the base law (one pack in force per date). zone: exporters registered in `zone`, and also every
   * exporter of `region` when the list is city- or province-wide. region: national rules for exporters registered in
   * one region (the GBA contracts, Guangdong). sector: national rules for exporters of the sectors (automotive).
   */
  scope:
    | { kind: 'national' }
    | { kind: 'zone'; zone: string; region?: string }
    | { kind: 'region'; region: string }
    | { kind: 'sector'; sectors: string[] };
  coverage?: { status: 'complete' | 'partial'; missing?: string[] };
  supersedes?: string;
}

/**
 * A zone list as a table (docs/rule-packs.md, "Zone lists"). The compiler expands it into taxonomy ids and rules
 * (src/compile/expand-list.ts), applying the Art 6 guards once per list.
 * negative: an Art 6 negative list built by scenario; catalogue: a cross-sector negative list built by class
 * (Tianjin); general-data: a positive list that relieves only its own items (Lingang).
 */
export type ListKind = 'negative' | 'catalogue' | 'general-data';

export interface Scenario {
  id: string;
  title: Bilingual;
  sector?: string;
  /** The list's own name for the scenario (or class), as published. */
  wording: string;
  source: string;
  /** complete only when every field the list publishes for the scenario is encoded, from `source`. */
  coverage: 'complete' | 'partial';
  /** How many fields the published scenario has, where `source` states it (pack coverage). */
  fields?: number;
}

export interface ListEntry {
  id: string;
  /** The scenario the entry belongs to; important-data entries apply in every scenario. */
  scenario?: string;
  /** What the entry says: important data (security assessment), personal or sensitive personal information (national mechanisms and thresholds), or general data (positive lists). */
  data: 'important' | 'personal' | 'sensitive' | 'general';
  /** Base taxonomy ids the entry falls under: data tagged with them matches the entry in its scenario. */
  matches: string[];
  title: Bilingual;
  citation: Citation;
  source: string;
  /**
   * true where the source names the entry's scenario or sector but not the entry itself (it is inferred, or restates
   * a national rule): the entry then only ever gives `review`, is not counted as encoded, and no scenario holding it
   * can be `complete`. Its id stays, since manifests may use it.
   */
  unconfirmed?: boolean;
}

export interface ListDuty {
  id: string;
  title: Bilingual;
  message: Bilingual;
  citation: Citation;
  source: string;
}

export interface PublishedSize {
  sectors?: number;
  scenarios?: number;
  subclasses?: number;
  fields?: number;
  source: string;
}

export interface ZoneList {
  kind: ListKind;
  name: Bilingual;
  citation: Citation;
  /** The published document (or the best analysis of it) a user confirms against. */
  source: string;
  /** The list's size as published (sectors, scenarios, sub-classes, fields), each only where `published.source` states it. */
  published?: PublishedSize;
  scenarios: Scenario[];
  entries: ListEntry[];
  /** Duties the list attaches to every transfer made under it (a scenario of the list is named). */
  duties?: ListDuty[];
  /** With `extends`: scenario, entry or duty ids of the parent edition that this edition drops. */
  remove?: string[];
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
  /** A new edition of a list: the parent pack's parameters, taxonomy, rules and list, with this pack's changes. */
  extends?: string;
  list?: ZoneList;
  parameters?: Record<string, Parameter>;
  taxonomy?: Record<string, TaxonomyEntry>;
  /** Hand-written rules; a zone list adds its own when the pack is compiled (src/compile/expand-list.ts). */
  rules?: PackRule[];
  /** National packs: what the checker says about a mechanism's state, keyed by MESSAGE_KEYS. */
  messages?: Partial<Record<MessageKey, Bilingual>>;
  /** What to prepare for each route the pack can require: checklists on the printable report. */
  materials?: PackMaterials;
}

/** A route the law can require, or the use of a zone list: what a checklist of materials is for. */
export type MaterialRoute = 'contract-or-certification' | 'security-assessment' | 'zone-list';

/** One filing's materials, paraphrased from the instrument cited. */
export interface MaterialList {
  title: Bilingual;
  citation: Citation;
  source: string;
  items: Bilingual[];
}

export type PackMaterials = Partial<Record<MaterialRoute, MaterialList[]>>;

/** A pack after its list is expanded (src/compile/expand-list.ts): what checks and the compiler see. */
export type ExpandedPack = RulePack & { rules: PackRule[] };

/**
 * Where expandList puts what a zone pack's list table expands to: the rules from index `firstRule` on, and the
 * taxonomy rows of `taxonomy` (one per entry). Beside the expanded pack, not in it: the pack's digest is its content.
 */
export interface ListExpansion { firstRule: number; taxonomy: readonly string[] }
