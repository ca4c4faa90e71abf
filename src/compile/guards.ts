import type { TopLevelCondition } from 'json-rules-engine';
import type { OperatorName } from '../model/pack.js';
import { foldTree } from '../model/condition-tree.js';
import { OPERATOR_IMPLS } from './operators.js';

/**
 * A necessary condition of a rule, as data (it goes into the compiled-pack cache): a leaf of the engine form
 * reached from the top through `all` only, negated under a `not`. If one guard is false, the rule cannot fire.
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

/**
 * False only when a guard is certainly false for these facts. A guard that cannot be evaluated here (a missing
 * fact, an operand of the wrong type) is left to the engine, which then fails the run the way it always does.
 */
export function mayFire(guards: readonly Guard[], facts: Readonly<Record<string, unknown>>): boolean {
  for (const g of guards) {
    const group = Object.hasOwn(facts, g.fact) ? facts[g.fact] : undefined;
    if (group === null || typeof group !== 'object' || !Object.hasOwn(group, g.path)) continue;
    let held: boolean;
    try {
      held = OPERATOR_IMPLS[g.operator](((group as Record<string, unknown>)[g.path]), g.value);
    } catch {
      continue;
    }
    if (held === g.negate) return false;
  }
  return true;
}
