import type { RuleProperties, TopLevelCondition } from 'json-rules-engine';
import type { Condition, ListKind, OperatorName, Operand, PackMetadata, PackRule, ExpandedPack, PublishedSize, Scenario, TaxonomyEntry, PackMaterials, Parameter } from '../model/pack.js';
import { OPERATORS } from '../model/pack.js';
import { catalogue } from '../model/own.js';
import { foldTree, nodeKind } from '../model/condition-tree.js';
import type { Bilingual, Mechanism, Outcome } from '../model/verdict.js';
import { canonicalDigest } from '../util/canonical.js';
import { toDay } from '../util/dates.js';
import { FACTS, splitFact } from './facts.js';
import { retiredRuleIds } from './expand-list.js';
import { branchesOf, type Branch } from './guards.js';

export interface CompiledRule {
  id: string;
  pack: string;
  packVersion: string;
  /** Position in its pack: findings keep the pack's order, whatever order the engine finished in. */
  index: number;
  kind: PackRule['kind'];
  title: Bilingual;
  description?: Bilingual;
  mechanism: Mechanism;
  /** Outcome when the rule holds and (for requirements) the mechanism is not in place. */
  outcome: Outcome;
  exemptible: boolean;
  message: Bilingual;
  action?: Bilingual;
  /** English citation (the verdict's `citation`); `citationZh` when the pack gives the Chinese one too. */
  citation: string;
  citationZh?: string;
  subject?: string;
  /** URL of the text the rule encodes when it is not the pack's source (a list entry's or duty's own). */
  source?: string;
  /** The rule's conditions as written (for explain and reports). */
  when: Condition;
  from: number;
  to: number;
  /** The engine's form of `when`: fact groups with our own paths, parameters and dates resolved. */
  engineRule: RuleProperties;
  /** The rule split into alternatives (src/compile/guards.ts branchesOf): the engine runs these instead of engineRule. */
  branches?: Branch[];
}

/** Every field of a compiled rule, in one order: the type makes a field added to CompiledRule a compile error here. */
const RULE_FIELDS: { [K in keyof Required<CompiledRule>]: undefined } = {
  id: undefined, pack: undefined, packVersion: undefined, index: undefined, kind: undefined, title: undefined, description: undefined,
  mechanism: undefined, outcome: undefined, exemptible: undefined, message: undefined, action: undefined, citation: undefined,
  citationZh: undefined, subject: undefined, source: undefined, when: undefined, from: undefined, to: undefined,
  engineRule: undefined, branches: undefined,
};

/**
 * The rule with every field present (an absent optional one as undefined), in one order. Optional fields left out,
 * by the compiler or by the cache's JSON, gave the bundled rules 7 hidden classes: every `rule.x` read of the
 * evaluator was megamorphic, and a shape first met after a function was optimised threw that code away (a
 * recompile that every worker thread paid again). The compiler and the cache's decoder both build rules through it.
 */
export function withEveryField(rule: CompiledRule): CompiledRule {
  return { ...RULE_FIELDS, ...rule } as CompiledRule;
}

/** The engine fact that holds long operand lists, so conditions refer to them instead of carrying them. */
export const OPERANDS_FACT = 'operands';
/** Lists longer than this leave the condition: json-rules-engine deep-copies every condition on every run. */
const INLINE_LIST_MAX = 8;

/** What evaluation and the CLI need of a zone list once it is expanded into rules. */
export interface CompiledList {
  kind: ListKind;
  name: Bilingual;
  source: string;
  /** The list's size as published, for `pack coverage`. */
  published?: PublishedSize;
  scenarios: Scenario[];
  /** Entry ids per scenario ('' = entries that apply in every scenario). */
  entries: { id: string; scenario: string; data: string; title: Bilingual; source: string; unconfirmed?: true }[];
}

export interface CompiledPack {
  meta: PackMetadata;
  list?: CompiledList;
  /** Rule ids earlier versions published → the rule that replaces them (explain and pack tests accept both). */
  aliases: Readonly<Record<string, string>>;
  digest: string;
  uri: string;
  params: Readonly<Record<string, unknown>>;
  /** The parameters as written (value, words, citation): what reports show of a threshold, without rereading the file. */
  parameters: Readonly<Record<string, Parameter>>;
  taxonomy: ReadonlyMap<string, TaxonomyEntry>;
  /** National packs: the checker's sentences about a mechanism's state (src/evaluate/mechanisms.ts). */
  messages: Readonly<Record<string, Bilingual>>;
  /** Checklists of materials per route (src/console/materials.ts). */
  materials: PackMaterials;
  rules: CompiledRule[];
  /** Long operand lists of the engine rules, by key (`<pack id>~<n>`): the engine fact OPERANDS_FACT. */
  operands: Readonly<Record<string, readonly unknown[]>>;
  from: number;
  to: number;
}

type NestedCondition = Extract<TopLevelCondition, { all: unknown }>['all'][number];

const NEVER = Number.POSITIVE_INFINITY;

/** Compiles a pack that has passed the schema and packProblems(); never called per manifest. */
export function compilePack(pack: ExpandedPack, uri: string): CompiledPack {
  const params = catalogue(Object.fromEntries(Object.entries(pack.parameters ?? {}).map(([k, p]) => [k, p.value])));
  const operand = (v: Operand, fact: string): unknown => {
    const raw = typeof v === 'object' && v !== null && !Array.isArray(v) ? params[v.param] : v;
    return FACTS[fact]?.type === 'date' && typeof raw === 'string' ? toDay(raw) : raw;
  };
  const toEngine = (c: Condition): NestedCondition => foldTree<Condition, NestedCondition>(c, {
    all: (all) => ({ all }),
    any: (any) => ({ any }),
    not: (not) => ({ not }),
    leaf: (leaf) => {
      const op = OPERATORS.find((o) => Object.hasOwn(leaf, o)) as OperatorName;
      const { fact, path } = splitFact(leaf.fact);
      return { fact, path, operator: op, value: operand(leaf[op] as Operand, leaf.fact) as never };
    },
  });
  const top = (c: Condition): TopLevelCondition => {
    const e = toEngine(c);
    return nodeKind(e) === 'leaf' ? { all: [e] } : (e as TopLevelCondition);
  };
  // A rule's own effective period becomes two more conditions on the transfer date.
  const dated = (r: PackRule): Condition => !r.effective ? r.when : {
    all: [
      { fact: 'transfer.date', atLeast: r.effective.from },
      ...(r.effective.to ? [{ fact: 'transfer.date', lessThan: r.effective.to }] : []),
      r.when,
    ],
  };
  const { id, version } = pack.metadata;
  const operands: Record<string, readonly unknown[]> = Object.create(null) as Record<string, readonly unknown[]>;
  // A long list becomes a reference to the operands fact (the engine resolves `value: {fact, path}` itself).
  const referenced = (c: NestedCondition): NestedCondition => foldTree<NestedCondition, NestedCondition>(c, {
    all: (all, n) => ({ ...n, all }),
    any: (any, n) => ({ ...n, any }),
    not: (not, n) => ({ ...n, not }),
    leaf: (n) => {
      const value = (n as { value?: unknown }).value;
      if (!Array.isArray(value) || value.length <= INLINE_LIST_MAX) return n;
      const key = `${id}~${Object.keys(operands).length}`;
      operands[key] = value;
      return { ...n, value: { fact: OPERANDS_FACT, path: key } } as NestedCondition;
    },
  });
  const rules = pack.rules.map((r, index): CompiledRule => {
    const conditions = top(dated(r));
    const engineConditions = referenced(conditions as NestedCondition) as TopLevelCondition;
    const branches = branchesOf(engineConditions);
    return withEveryField({
      id: r.id,
      index,
      pack: id,
      packVersion: version,
      kind: r.kind,
      title: r.title,
      description: r.description,
      mechanism: r.kind === 'requirement' ? (r.mechanism ?? 'prohibited') : r.kind === 'alternative' ? (r.mechanism ?? 'none') : 'none',
      outcome: r.kind === 'requirement' ? (r.outcome ?? 'fail') : r.kind === 'flag' ? (r.outcome ?? 'review') : r.outcome ?? 'pass',
      exemptible: r.exemptible ?? true,
      message: r.message,
      action: r.action,
      citation: typeof r.citation === 'string' ? r.citation : r.citation.en,
      citationZh: typeof r.citation === 'string' ? undefined : r.citation.zh,
      subject: r.subject,
      ...(r.source ? { source: r.source } : {}),
      when: r.when,
      from: r.effective ? toDay(r.effective.from) : -NEVER,
      to: r.effective?.to ? toDay(r.effective.to) : NEVER,
      engineRule: { name: r.id, conditions: engineConditions, event: { type: r.kind, params: { rule: r.id } } },
      ...(branches ? { branches } : {}),
    });
  });
  const list = pack.list;
  return {
    meta: pack.metadata,
    ...(list ? {
      list: {
        kind: list.kind, name: list.name, source: list.source, ...(list.published ? { published: list.published } : {}), scenarios: list.scenarios,
        entries: list.entries.map((e) => ({ id: e.id, scenario: e.scenario ?? '', data: e.data, title: e.title, source: e.source, ...(e.unconfirmed ? { unconfirmed: true as const } : {}) })),
      },
    } : {}),
    aliases: list && pack.metadata.scope.kind === 'zone' && list.kind !== 'general-data' ? retiredRuleIds(pack.metadata.scope.zone) : {},
    digest: canonicalDigest(pack),
    uri,
    params,
    parameters: pack.parameters ?? {},
    taxonomy: new Map(Object.entries(pack.taxonomy ?? {})),
    messages: pack.messages ?? {},
    materials: pack.materials ?? {},
    rules,
    operands,
    from: toDay(pack.metadata.effective.from),
    to: pack.metadata.effective.to ? toDay(pack.metadata.effective.to) : NEVER,
  };
}
