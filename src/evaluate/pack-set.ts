import type { CompiledPack, CompiledRule } from '../compile/compile-pack.js';
import { ruleKey } from '../model/verdict.js';
import { EngineCache } from './engine-pool.js';

/** Compiled packs ready to evaluate: built once per process (per worker), shared by every manifest. */
export interface PackSet {
  readonly packs: readonly CompiledPack[];
  /** Rules by `pack/id`. */
  readonly rules: ReadonlyMap<string, CompiledRule>;
  /** Each rule's position in the set: its name inside engines, which hold rules of several packs. */
  readonly ordinals: ReadonlyMap<CompiledRule, number>;
  readonly byOrdinal: readonly CompiledRule[];
  readonly engines: EngineCache;
  /** Every pack's long operand lists: the engine fact OPERANDS_FACT (src/compile/compile-pack.ts). */
  readonly operands: Readonly<Record<string, readonly unknown[]>>;
}

export function createPackSet(packs: readonly CompiledPack[]): PackSet {
  const rules = new Map<string, CompiledRule>();
  const byOrdinal = packs.flatMap((p) => p.rules);
  for (const r of byOrdinal) rules.set(ruleKey(r), r);
  const operands = Object.assign(Object.create(null) as Record<string, readonly unknown[]>, ...packs.map((p) => p.operands));
  return { packs, rules, ordinals: new Map(byOrdinal.map((r, i) => [r, i])), byOrdinal, engines: new EngineCache(), operands };
}
