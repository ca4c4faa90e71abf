import type { CompiledPack } from '../compile/compile-pack.js';
import type { TaxonomyEntry } from '../model/pack.js';

export type Personal = TaxonomyEntry['personal'];

/** The merged taxonomy of the packs applied to one manifest: expansion to broader ids, personal-data kind. */
export class Taxonomy {
  private readonly expanded = new Map<string, readonly string[]>();

  constructor(private readonly entries: ReadonlyMap<string, TaxonomyEntry>) {}

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Every defined id (for "did you mean" suggestions). */
  ids(): Iterable<string> {
    return this.entries.keys();
  }

  /** The id itself, its dotted ancestors (spi.health → spi) and, for refined ids, their broader ids. */
  expand(id: string): readonly string[] {
    let out = this.expanded.get(id);
    if (out) return out;
    const set = new Set<string>();
    const visit = (x: string, depth: number): void => {
      if (depth > 16 || set.has(x)) return;
      for (let i = x.indexOf('.'); i !== -1; i = x.indexOf('.', i + 1)) set.add(x.slice(0, i));
      set.add(x);
      for (const b of this.entries.get(x)?.broader ?? []) visit(b, depth + 1);
    };
    visit(id, 0);
    out = [...set];
    // Only pack-defined ids are cached: the taxonomy is shared by every manifest, and unknown ids from a long
    // stream of manifests must not grow it.
    if (this.entries.has(id)) this.expanded.set(id, out);
    return out;
  }

  /** Sensitive wins over plain PI; unknown ids are treated by prefix so a typo never hides PI. */
  personal(id: string): Personal {
    let kind: Personal = 'none';
    for (const x of this.expand(id)) {
      const p = this.entries.get(x)?.personal ?? (x === 'spi' ? 'spi' : x === 'pi' ? 'pi' : 'none');
      if (p === 'spi') return 'spi';
      if (p === 'pi') kind = 'pi';
    }
    return kind;
  }
}

const merged = new WeakMap<CompiledPack, Map<string, Taxonomy>>();

/**
 * The taxonomy of the packs applied to a manifest (national first, then zones), built once per combination of
 * packs and reused by every manifest that gets the same combination.
 */
export function taxonomyFor(applied: readonly [CompiledPack, ...CompiledPack[]]): Taxonomy {
  const national = applied[0];
  let byZones = merged.get(national);
  if (!byZones) merged.set(national, (byZones = new Map()));
  // A loop, not `rest.map().join()`: the rest of a one-pack tuple is an empty array of another elements kind, which
  // deoptimised this function the first time a zone pack applied (see util/arrays.ts).
  let key = '';
  for (let i = 1; i < applied.length; i++) key += i > 1 ? ` ${applied[i]!.digest}` : applied[i]!.digest;
  let taxonomy = byZones.get(key);
  if (!taxonomy) {
    const entries = new Map<string, TaxonomyEntry>();
    for (const p of applied) for (const [k, v] of p.taxonomy) entries.set(k, v);
    byZones.set(key, (taxonomy = new Taxonomy(entries)));
  }
  return taxonomy;
}
