import type { TopLevelCondition } from 'json-rules-engine';
import type { OperatorName } from '../model/pack.js';
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

/** The rule's guards: every leaf that must hold for the rule to fire (an `any` contributes none). */
export function guardsOf(conditions: TopLevelCondition): Guard[] {
  const out: Guard[] = [];
  const walk = (n: Node, negate: boolean): void => {
    if (n.all && !negate) n.all.forEach((c) => walk(c, false));
    else if (n.not) {
      // not(leaf) is a guard; not(all/any) is not a conjunction of leaves, so it guards nothing.
      if (n.not.fact !== undefined) walk(n.not, !negate);
    } else if (n.fact !== undefined && n.path !== undefined && n.operator !== undefined) {
      out.push({ fact: n.fact, path: n.path, operator: n.operator as OperatorName, value: n.value, negate });
    }
  };
  walk(conditions as Node, false);
  return out;
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
