/**
 * The shape every condition tree shares: a rule's `when` as written in a pack (`Condition`), the json-rules-engine
 * conditions compiled from it, and the engine's annotated result. `all` and `any` hold a list of nodes, `not`
 * holds one node, anything else is a leaf. This module is the one place that tells them apart; compile, check,
 * the rule index, reasons and explain all walk trees through it.
 */

export type NodeKind = 'all' | 'any' | 'not' | 'leaf';

/** The leaves of a tree type: its members that are none of the combinators. */
export type LeafOf<N> = Exclude<N, { all: unknown } | { any: unknown } | { not: unknown }>;

type Branches<N> = { all: readonly N[]; any: readonly N[]; not: N };

/** What a node is. A combinator holds a list (`all`, `any`) or an object (`not`); checked in that order. */
export function nodeKind(node: object): NodeKind {
  const n = node as { all?: unknown; any?: unknown; not?: unknown };
  if (Array.isArray(n.all)) return 'all';
  if (Array.isArray(n.any)) return 'any';
  if (n.not !== null && typeof n.not === 'object') return 'not';
  return 'leaf';
}

/** One case per kind of node; members arrive already folded, in document order, with the node they came from. */
export interface TreeFold<N, R> {
  all(members: R[], node: N): R;
  any(members: R[], node: N): R;
  not(member: R, node: N): R;
  leaf(node: LeafOf<N>): R;
}

/** Folds a tree bottom-up: maps (compile), summaries (the rule index's guards), renderings (explain). */
export function foldTree<N extends object, R>(node: N, fold: TreeFold<N, R>): R {
  const n = node as unknown as Branches<N>;
  switch (nodeKind(node)) {
    case 'all': return fold.all(n.all.map((m) => foldTree(m, fold)), node);
    case 'any': return fold.any(n.any.map((m) => foldTree(m, fold)), node);
    case 'not': return fold.not(foldTree(n.not, fold), node);
    default: return fold.leaf(node as LeafOf<N>);
  }
}

/**
 * Calls `visit` on every leaf in document order, building nothing along the way (reasons are read per fired rule,
 * per manifest). With `at`, each leaf also gets its JSON pointer below `at` (`<at>/all/0/not`); without, ''.
 */
export function eachLeaf<N extends object>(node: N, visit: (leaf: LeafOf<N>, pointer: string) => void, at?: string): void {
  const kind = nodeKind(node);
  if (kind === 'leaf') return visit(node as LeafOf<N>, at ?? '');
  const n = node as unknown as Branches<N>;
  if (kind === 'not') return eachLeaf(n.not, visit, at === undefined ? undefined : `${at}/not`);
  const members = n[kind];
  for (let i = 0; i < members.length; i++) eachLeaf(members[i] as N, visit, at === undefined ? undefined : `${at}/${kind}/${i}`);
}
