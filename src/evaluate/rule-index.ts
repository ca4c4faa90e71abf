import { OPERATOR_IMPLS } from '../compile/operators.js';
import { OPERANDS_FACT } from '../compile/compile-pack.js';
import { nodeKind } from '../model/condition-tree.js';
import type { OperatorName } from '../model/pack.js';
import { MISSING, pathValue } from './engine-pool.js';

/**
 * The rule index's test of one engine unit (src/evaluate/pack-set.ts) over a manifest's facts: the unit's whole
 * condition tree, evaluated here in three values (holds, fails, cannot tell) with the engine's own operators and path
 * resolution. A leaf cannot tell when the engine would throw on it (a fact or path that is missing, an operand of the
 * wrong type) or when its operator's answer is not a boolean; that is left to the engine, which fails the run the way
 * it always does. Guards (src/compile/guards.ts) see only the leaves every firing needs; the whole tree also rules out
 * a unit whose `any` has no alternative left (cn.counts.count-without-category was sent to the engine for every
 * manifest, and fired for none of the bench corpus's).
 */
export interface UnitTest {
  /** False only when the unit certainly does not fire for these facts: it need not go to the engine. */
  mayFire: (facts: FactView) => boolean;
  /**
   * Whether the unit fires, where every leaf of its tree has an answer here, so the engine would evaluate each of
   * them without an error and combine them the same way; undefined otherwise (the engine must say).
   */
  fires: (facts: FactView) => boolean | undefined;
}

type Facts = Readonly<Record<string, unknown>>;

/**
 * Every fact path a leaf reads gets a slot, once per process: a view reads each path of its facts at most once, by
 * slot. Read in each leaf, the same few paths were looked up again by name for every unit (~54 units per bench
 * manifest), and lookups by a name that varies are V8's slow, megamorphic kind.
 */
const slots = new Map<string, number>();
const slotPaths: { fact: string; parts: readonly string[] }[] = [];
function slotOf(fact: string, path: string): number {
  const key = `${fact}\u0000${path}`;
  let slot = slots.get(key);
  if (slot === undefined) {
    slots.set(key, (slot = slotPaths.length));
    slotPaths.push({ fact, parts: path.split('.') });
  }
  return slot;
}

/** A run's facts as the index reads them: each path's value (or MISSING) kept by slot once read. */
export class FactView {
  readonly values: unknown[] = new Array(slotPaths.length);
  constructor(readonly facts: Facts) {}
  read(slot: number): unknown {
    const known = this.values[slot];
    if (known !== undefined) return known;
    const { fact, parts } = slotPaths[slot]!;
    const group = Object.hasOwn(this.facts, fact) ? this.facts[fact] : undefined;
    // A fact that is not an object has no path inside it: MISSING, which the tree test leaves to the engine ("cannot
    // tell"), whatever the engine then makes of it.
    const v = group === null || typeof group !== 'object' ? MISSING : pathValue(group, parts);
    this.values[slot] = v;
    return v;
  }
}
const F = 0;
const T = 1;
const U = 2;
type Tri = typeof F | typeof T | typeof U;
/** `full`: evaluate every member (an answer needs every leaf); else stop once the node's value is known. */
type Node = (facts: FactView, full: boolean) => Tri;

type Leaf = { fact?: unknown; path?: unknown; operator?: unknown; value?: unknown };

/** Every unit may fire and none is answered here: the index switched off (the reference a test compares with). */
export const NO_INDEX: UnitTest = { mayFire: () => true, fires: () => undefined };

/** The test of a unit's engine conditions; `operands` resolves references to long lists (OPERANDS_FACT) as the engine does. */
export function unitTest(conditions: object, operands: Readonly<Record<string, unknown>>): UnitTest {
  const root = build(conditions, operands);
  return {
    mayFire: (facts) => root(facts, false) !== F,
    fires: (facts) => {
      const r = root(facts, true);
      return r === U ? undefined : r === T;
    },
  };
}

const unknown: Node = () => U;

function build(node: object, operands: Readonly<Record<string, unknown>>): Node {
  const n = node as { all?: object[]; any?: object[]; not?: object };
  switch (nodeKind(node)) {
    case 'all': return combine(n.all!.map((m) => build(m, operands)), F);
    case 'any': return combine(n.any!.map((m) => build(m, operands)), T);
    case 'not': {
      const inner = build(n.not!, operands);
      return (facts, full) => { const r = inner(facts, full); return r === U ? U : r === T ? F : T; };
    }
    default: return leaf(node as Leaf, operands);
  }
}

/**
 * `all` (decisive value F) or `any` (decisive value T). json-rules-engine answers true for an empty list of either
 * (prioritizeAndRun), so the index does too.
 */
function combine(members: Node[], decisive: Tri): Node {
  if (members.length === 0) return () => T;
  const other: Tri = decisive === F ? T : F;
  return (facts, full) => {
    let r: Tri = other;
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!(facts, full);
      if (m === U) { if (full) return U; r = U; } else if (m === decisive) { if (!full) return decisive; if (r !== U) r = decisive; }
    }
    return r;
  };
}

function leaf(n: Leaf, operands: Readonly<Record<string, unknown>>): Node {
  const check = typeof n.operator === 'string' && Object.hasOwn(OPERATOR_IMPLS, n.operator) ? OPERATOR_IMPLS[n.operator as OperatorName] : undefined;
  if (typeof n.fact !== 'string' || typeof n.path !== 'string' || n.path === '' || !check) return unknown;
  const fact = n.fact;
  let value = n.value;
  // A reference to another fact: only the operands fact is known here, resolved once as the engine resolves it per run.
  const ref = value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact') ? (value as { fact: unknown; path?: unknown; params?: unknown }) : undefined;
  if (ref) {
    if (ref.fact !== OPERANDS_FACT || typeof ref.path !== 'string' || ref.path === '' || ref.params !== undefined) return unknown;
    value = pathValue(operands, ref.path.split('.'));
    if (value === MISSING) return unknown;
  }
  const slot = slotOf(fact, n.path);
  return (facts) => {
    const v = facts.read(slot);
    if (v === MISSING) return U;
    let held: unknown;
    try {
      held = check(v, value);
    } catch {
      return U;
    }
    return held === true ? T : held === false ? F : U;
  };
}
