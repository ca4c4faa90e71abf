/**
 * Structural limits for untrusted documents (manifests and packs). They are checked by iterative scans, never by
 * recursion, so a hostile document cannot overflow the stack before it is refused.
 */
export interface Limits {
  /** Deepest nesting of maps and lists. A manifest needs about 5; packs nest conditions a little deeper. */
  maxDepth: number;
  /** Longest single string (any key or value, including `x-` extensions the schema does not constrain). */
  maxStringLength: number;
  /**
   * Most values (scalars and collections) in one document. The byte limit alone does not bound memory: 10 MB of
   * `[1,1,1,...]` is 5 million values, and yaml's document model costs hundreds of bytes each (gigabytes in all).
   * A large real manifest (1,000 data items of a dozen categories) has about 20,000; the bundled national pack
   * about 3,000. The schema's own array limits would allow more (1,000 items of 100 categories): such a file is
   * refused here, by this limit, with its own message.
   */
  maxValues: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = { maxDepth: 64, maxStringLength: 64 * 1024, maxValues: 50_000 };

export const tooManyValues = (limits: Limits): string => `more than ${limits.maxValues.toLocaleString('en-US')} values in one document`;

/**
 * Keys that name JavaScript prototype machinery. They never belong in a manifest or pack, and refusing them at
 * parse time means no later `obj[key] = ...` can ever reach Object.prototype.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
