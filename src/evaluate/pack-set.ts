import type { CompiledPack, CompiledRule } from '../compile/compile-pack.js';
import { EnginePool } from './engine-pool.js';

/** Compiled packs ready to evaluate: built once per process (per worker), shared by every manifest. */
export interface PackSet {
  readonly packs: readonly CompiledPack[];
  readonly rules: ReadonlyMap<string, CompiledRule>;
  readonly pools: ReadonlyMap<string, EnginePool>;
}

export function createPackSet(packs: readonly CompiledPack[]): PackSet {
  const rules = new Map<string, CompiledRule>();
  for (const p of packs) for (const r of p.rules) rules.set(`${p.meta.id}/${r.id}`, r);
  return { packs, rules, pools: new Map(packs.map((p) => [p.meta.id, new EnginePool(p)])) };
}
