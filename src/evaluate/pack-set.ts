import type { CompiledPack, CompiledRule } from '../compile/compile-pack.js';
import { ruleKey } from '../model/verdict.js';
import type { Guard } from '../compile/guards.js';
import { EngineCache, type EngineUnit } from './engine-pool.js';

/** Compiled packs ready to evaluate: built once per process (per worker), shared by every manifest. */
export interface PackSet {
  readonly packs: readonly CompiledPack[];
  /** Rules by `pack/id`. */
  readonly rules: ReadonlyMap<string, CompiledRule>;
  /** Each rule's position in the set: its name inside engines, which hold rules of several packs. */
  readonly ordinals: ReadonlyMap<CompiledRule, number>;
  readonly byOrdinal: readonly CompiledRule[];
  readonly engines: EngineCache;
  /** By ordinal: what the engine runs for the rule, with the guards of each (one unit, or one per branch). */
  readonly units: readonly (readonly (EngineUnit & { guards: readonly Guard[] })[])[];
  /** Every pack's long operand lists: the engine fact OPERANDS_FACT (src/compile/compile-pack.ts). */
  readonly operands: Readonly<Record<string, readonly unknown[]>>;
}

export function createPackSet(packs: readonly CompiledPack[]): PackSet {
  const rules = new Map<string, CompiledRule>();
  const byOrdinal = packs.flatMap((p) => p.rules);
  for (const r of byOrdinal) rules.set(ruleKey(r), r);
  const operands = Object.assign(Object.create(null) as Record<string, readonly unknown[]>, ...packs.map((p) => p.operands));
  const units = byOrdinal.map((r, ordinal) => {
    const event = r.engineRule.event;
    if (!r.branches) return [{ key: String(ordinal), ordinal, guards: r.guards, rule: { ...r.engineRule, name: String(ordinal) } }];
    return r.branches.map((b, i) => ({ key: `${ordinal}.${i}`, ordinal, guards: b.guards, rule: { name: `${ordinal}.${i}`, conditions: b.conditions, event } }));
  });
  return { packs, rules, ordinals: new Map(byOrdinal.map((r, i) => [r, i])), byOrdinal, engines: new EngineCache(), operands, units };
}
