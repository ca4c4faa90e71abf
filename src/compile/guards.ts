import type { TopLevelCondition } from 'json-rules-engine';
import { foldTree } from '../model/condition-tree.js';

type Node = { all?: Node[]; any?: Node[]; not?: Node; fact?: string; path?: string; operator?: string; value?: unknown };

/** A subtree's guards when reached through `all` only, and whether it is itself a usable leaf (for `not`). */
type Guarded = { readonly count: number; readonly leaf: boolean };
const NONE: Guarded = { count: 0, leaf: false };
const ONE: Guarded = { count: 1, leaf: false };
const LEAF: Guarded = { count: 1, leaf: true };

/**
 * How many guards a rule has: necessary conditions, the leaves reached from the top through `all` only (negated
 * under a `not`); if one is false, the rule cannot fire. They decide where a rule is split (branchesOf) and are not
 * kept: the rule index tests the whole tree (src/evaluate/rule-index.ts).
 */
export function guardCount(conditions: TopLevelCondition): number {
  return foldTree<Node, Guarded>(conditions as Node, {
    all: (members) => ({ count: members.reduce((n, m) => n + m.count, 0), leaf: false }),
    any: () => NONE,
    // not(leaf) is a guard; not(all/any/not) is not a conjunction of leaves, so it guards nothing.
    not: (member) => (member.leaf ? ONE : NONE),
    leaf: (n) => (n.fact === undefined || n.path === undefined || n.operator === undefined ? NONE : LEAF),
  }).count;
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
 * identical ones are kept once. `conditions` are the engine's (long operand lists moved to the operands fact): a
 * guard is counted by its fact, path and operator, which that move leaves as they were.
 */
export function branchesOf(conditions: TopLevelCondition): Branch[] | undefined {
  // all(a, all(b, any(..))) is all(a, b, any(..)): a rule's own dates wrap its conditions in one more `all`.
  const members = (n: Node): Node[] => (n.all ? n.all.flatMap(members) : [n]);
  const top = members(conditions as Node);
  const at = top.findIndex((m) => Array.isArray(m.any));
  if (at < 0 || top.some((m, i) => i !== at && Array.isArray(m.any))) return undefined;
  const alternatives = top[at]!.any!;
  if (alternatives.length < MIN_BRANCHES) return undefined;
  const common = guardCount({ all: top.filter((_, i) => i !== at) } as TopLevelCondition);
  const seen = new Set<string>();
  const out: Branch[] = [];
  for (const alternative of alternatives) {
    const branch = { all: top.map((m, j) => (j === at ? alternative : m)) } as TopLevelCondition;
    if (guardCount(branch) === common) return undefined;
    const key = JSON.stringify(branch);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ conditions: branch });
  }
  return out;
}
