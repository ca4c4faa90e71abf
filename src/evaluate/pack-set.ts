import type { CompiledPack, CompiledRule } from '../compile/compile-pack.js';
import { ruleKey } from '../model/verdict.js';
import { broken } from '../util/broken.js';
import { EnginePool, type EngineUnit } from './engine-pool.js';
import { NO_INDEX, unitTest, type UnitTest } from './rule-index.js';

/**
 * Compiled packs ready to evaluate: built once per process (per worker), shared by every manifest. A pack's rules
 * are read the first time one of them is looked up (`ordinals`), not when the set is built: packs from the
 * compiled-pack cache decode on first use (src/load/pack-cache.ts), so a manifest pays for the packs that apply.
 */
export interface PackSet {
  readonly packs: readonly CompiledPack[];
  /** Rules by `pack/id` (reading it reads every pack: explain and pack tests, not checks). */
  readonly rules: ReadonlyMap<string, CompiledRule>;
  /**
   * Each rule's ordinal: its name inside engines, which hold rules of several packs. Given per pack, on first
   * lookup; undefined for a rule of no pack of the set.
   */
  readonly ordinals: { get(rule: CompiledRule): number | undefined };
  /** Rules by ordinal: those of every pack a lookup in `ordinals` has reached. */
  readonly byOrdinal: readonly CompiledRule[];
  readonly engines: EnginePool;
  /**
   * By ordinal: what the engine runs for the rule (one unit, or one per branch), with the index's test of each. Filled
   * with `byOrdinal`, for the packs a lookup in `ordinals` has reached.
   */
  readonly units: readonly (readonly Unit[])[];
  /** The long operand lists of those packs: the engine fact OPERANDS_FACT (src/compile/compile-pack.ts). */
  readonly operands: Readonly<Record<string, readonly unknown[]>>;
}

/** An engine unit with the rule index's test of its conditions (src/evaluate/rule-index.ts). */
export type Unit = EngineUnit & UnitTest;

/**
 * What the engine runs for a rule: the rule itself, named by its ordinal, or each of its branches. The event is its
 * type alone: json-rules-engine deep-copies a rule's event (with its conditions) into every rule result, the
 * largest cost of a run, and nothing reads the event's params (a result is known by its name, src/evaluate/fire.ts).
 */
function unitsOf(r: CompiledRule, ordinal: number, next: () => number, test: (conditions: object) => UnitTest): Unit[] {
  const event = { type: r.engineRule.event.type };
  if (!r.branches) return [{ key: String(ordinal), n: next(), ordinal, ...test(r.engineRule.conditions), rule: { ...r.engineRule, name: String(ordinal), event } }];
  return r.branches.map((b, i) => ({ key: `${ordinal}.${i}`, n: next(), ordinal, ...test(b.conditions), rule: { name: `${ordinal}.${i}`, conditions: b.conditions, event } }));
}

const byPack = new WeakMap<PackSet['ordinals'], Map<CompiledPack, readonly Unit[]>>();
/**
 * The units of a pack's rules, in rule then branch order, through the set's `ordinals` and `units`: looked up once
 * per set and pack (a rule missing from either fails the check that asked, as a lookup of it would).
 */
export function packUnits(set: PackSet, pack: CompiledPack): readonly Unit[] {
  let known = byPack.get(set.ordinals);
  if (!known) byPack.set(set.ordinals, (known = new Map()));
  let found = known.get(pack);
  if (!found) {
    const out: Unit[] = [];
    for (const rule of pack.rules) {
      const ordinal = set.ordinals.get(rule) ?? broken(`rule ${rule.pack}/${rule.id} is not in the pack set`);
      out.push(...(set.units[ordinal] ?? broken(`rule ${rule.pack}/${rule.id} has no engine rule`)));
    }
    known.set(pack, (found = out));
  }
  return found;
}

export interface PackSetOptions {
  /**
   * false: every unit of an applied pack goes to the engine, each time (no rule index). Only for the test that proves
   * the index changes no verdict (tests/evaluate/rule-index.test.ts).
   */
  index?: boolean;
}

export function createPackSet(packs: readonly CompiledPack[], opts: PackSetOptions = {}): PackSet {
  const byOrdinal: CompiledRule[] = [];
  const units: Unit[][] = [];
  const operands = Object.create(null) as Record<string, readonly unknown[]>;
  const ordinals = new Map<CompiledRule, number>();
  const reached = new Set<CompiledPack>();
  let unitCount = 0;
  const next = (): number => unitCount++;
  const reach = (p: CompiledPack): void => {
    if (reached.has(p)) return;
    reached.add(p);
    for (const r of p.rules) {
      const ordinal = byOrdinal.length;
      ordinals.set(r, ordinal);
      byOrdinal.push(r);
      units.push(unitsOf(r, ordinal, next, opts.index === false ? () => NO_INDEX : (c) => unitTest(c, p.operands)));
    }
    Object.assign(operands, p.operands);
  };
  const ordinal = (rule: CompiledRule): number | undefined => {
    const known = ordinals.get(rule);
    if (known !== undefined) return known;
    const own = packs.filter((p) => p.meta.id === rule.pack);
    // Not a rule of this set: after every pack is reached, its lookup still finds nothing.
    (own.length ? own : packs).forEach(reach);
    return ordinals.get(rule);
  };
  let rules: Map<string, CompiledRule> | undefined;
  return {
    packs,
    get rules(): ReadonlyMap<string, CompiledRule> {
      if (!rules) {
        rules = new Map();
        for (const p of packs) for (const r of p.rules) rules.set(ruleKey(r), r);
      }
      return rules;
    },
    ordinals: { get: ordinal },
    byOrdinal,
    engines: new EnginePool(),
    units,
    operands,
  };
}
