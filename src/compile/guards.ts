import type { TopLevelCondition } from 'json-rules-engine';
import type { OperatorName } from '../model/pack.js';
import { foldTree } from '../model/condition-tree.js';

/**
 * A necessary condition of a rule: a leaf of the engine form reached from the top through `all` only, negated under
 * a `not`. If one guard is false, the rule cannot fire. They decide where a rule is split (branchesOf) and are not
 * kept: the rule index tests the whole tree (src/evaluate/rule-index.ts).
 */
export interface Guard {
  fact: string;
  path: string;
  operator: OperatorName;
  value: unknown;
  negate: boolean;
}

type Node = { all?: Node[]; any?: Node[]; not?: Node; fact?: string; path?: string; operator?: string; value?: unknown };

/** What a subtree guards when reached through `all` only; `leaf` when it is itself a usable leaf (for `not`). */
type Guarded = { guards: Guard[]; leaf?: Guard };
const none = (): Guarded => ({ guards: [] });

/** The rule's guards: every leaf that must hold for the rule to fire (an `any` contributes none). */
export function guardsOf(conditions: TopLevelCondition): Guard[] {
  return foldTree<Node, Guarded>(conditions as Node, {
    all: (members) => ({ guards: members.flatMap((m) => m.guards) }),
    any: none,
    // not(leaf) is a guard; not(all/any/not) is not a conjunction of leaves, so it guards nothing.
    not: (member) => (member.leaf ? { guards: [{ ...member.leaf, negate: true }] } : none()),
    leaf: (n) => {
      if (n.fact === undefined || n.path === undefined || n.operator === undefined) return none();
      const leaf: Guard = { fact: n.fact, path: n.path, operator: n.operator as OperatorName, value: n.value, negate: false };
      return { guards: [leaf], leaf };
    },
  }).guards;
}

/** One alternative of a split rule (branchesOf): its engine conditions. */
export interface Branch {
  conditions: TopLevelCondition;
}

/** Fewer alternatives than this are not worth an engine rule each. */
const MIN_BRANCHES = 3;

/**
 * Splits a rule whose top-level `all` holds one `any` of many alternatives (a list's scenarios, its entries) into
 * one engine rule per alternative: `all(c, any(b1..bn))` fires exactly when some `all(c, bi)` does. The index can
 * then leave out each alternative the manifest cannot meet, and json-rules-engine, which deep-copies a rule's
 * whole condition tree on every evaluation (in time quadratic in its size), copies one alternative instead of
 * all of them. Only alternatives with a guard of their own are split off (else the index could skip none of them);
 * identical ones are kept once. `plain` and `engine` are the same tree before and after long operand lists were
 * moved to the operands fact: guards need the values, the engine the references.
 */
export function branchesOf(plain: TopLevelCondition, engine: TopLevelCondition): Branch[] | undefined {
  // all(a, all(b, any(..))) is all(a, b, any(..)): a rule's own dates wrap its conditions in one more `all`.
  const members = (n: Node): Node[] => (n.all ? n.all.flatMap(members) : [n]);
  const p = members(plain as Node);
  const e = members(engine as Node);
  const at = p.findIndex((m) => Array.isArray(m.any));
  if (at < 0 || p.some((m, i) => i !== at && Array.isArray(m.any))) return undefined;
  const alternatives = p[at]!.any!;
  if (alternatives.length < MIN_BRANCHES) return undefined;
  const common = guardsOf({ all: p.filter((_, i) => i !== at) } as TopLevelCondition).length;
  const seen = new Set<string>();
  const out: Branch[] = [];
  for (let i = 0; i < alternatives.length; i++) {
    const guards = guardsOf({ all: p.map((m, j) => (j === at ? alternatives[i]! : m)) } as TopLevelCondition);
    if (guards.length === common) return undefined;
    const conditions = { all: e.map((m, j) => (j === at ? e[at]!.any![i]! : m)) } as TopLevelCondition;
    const key = JSON.stringify(conditions);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ conditions });
  }
  return out;
}
