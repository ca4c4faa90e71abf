import type { CompiledPack, CompiledRule } from '../compile/compile-pack.js';
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
}

export function createPackSet(packs: readonly CompiledPack[]): PackSet {
  const rules = new Map<string, CompiledRule>();
  const byOrdinal = packs.flatMap((p) => p.rules);
  for (const r of byOrdinal) rules.set(`${r.pack}/${r.id}`, r);
  return { packs, rules, ordinals: new Map(byOrdinal.map((r, i) => [r, i])), byOrdinal, engines: new EngineCache() };
}
