import type { CompiledPack, CompiledRule } from '../compile/compile-pack.js';
import { ruleKey } from '../model/verdict.js';
import type { Guard } from '../compile/guards.js';
import { EngineCache, type EngineUnit } from './engine-pool.js';

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
  readonly engines: EngineCache;
  /**
   * By ordinal: what the engine runs for the rule, with the guards of each (one unit, or one per branch). Filled
   * with `byOrdinal`, for the packs a lookup in `ordinals` has reached.
   */
  readonly units: readonly (readonly (EngineUnit & { guards: readonly Guard[] })[])[];
  /** The long operand lists of those packs: the engine fact OPERANDS_FACT (src/compile/compile-pack.ts). */
  readonly operands: Readonly<Record<string, readonly unknown[]>>;
}

type Unit = EngineUnit & { guards: readonly Guard[] };

/** What the engine runs for a rule: the rule itself, named by its ordinal, or each of its branches. */
function unitsOf(r: CompiledRule, ordinal: number): Unit[] {
  const event = r.engineRule.event;
  if (!r.branches) return [{ key: String(ordinal), ordinal, guards: r.guards, rule: { ...r.engineRule, name: String(ordinal) } }];
  return r.branches.map((b, i) => ({ key: `${ordinal}.${i}`, ordinal, guards: b.guards, rule: { name: `${ordinal}.${i}`, conditions: b.conditions, event } }));
}

export function createPackSet(packs: readonly CompiledPack[]): PackSet {
  const byOrdinal: CompiledRule[] = [];
  const units: Unit[][] = [];
  const operands = Object.create(null) as Record<string, readonly unknown[]>;
  const ordinals = new Map<CompiledRule, number>();
  const reached = new Set<CompiledPack>();
  const reach = (p: CompiledPack): void => {
    if (reached.has(p)) return;
    reached.add(p);
    for (const r of p.rules) {
      const ordinal = byOrdinal.length;
      ordinals.set(r, ordinal);
      byOrdinal.push(r);
      units.push(unitsOf(r, ordinal));
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
    engines: new EngineCache(),
    units,
    operands,
  };
}
