/**
 * Lookups keyed by pack or manifest text read own properties only: a name such as `toString` or `constructor`
 * must never find an inherited member of Object.prototype and pass for a parameter, fact or category.
 */
export const own = <T>(o: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(o, key) ? o[key] : undefined);

/** A frozen, null-prototype copy of a catalogue: indexing it with any text finds only its own entries. */
export const catalogue = <T>(entries: Record<string, T>): Readonly<Record<string, T>> =>
  Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
