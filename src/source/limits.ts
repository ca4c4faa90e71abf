/**
 * Structural limits for untrusted documents (manifests and packs). They are checked by iterative scans, never by
 * recursion, so a hostile document cannot overflow the stack before it is refused.
 */
export interface Limits {
  /** Deepest nesting of maps and lists. A manifest needs about 5; packs nest conditions a little deeper. */
  maxDepth: number;
  /** Longest single string (any key or value, including `x-` extensions the schema does not constrain). */
  maxStringLength: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = { maxDepth: 64, maxStringLength: 64 * 1024 };

/**
 * Keys that name JavaScript prototype machinery. They never belong in a manifest or pack, and refusing them at
 * parse time means no later `obj[key] = ...` can ever reach Object.prototype.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** 1-based line and column of a UTF-16 offset in `text` (only computed on the error path). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: end - start + 1 };
}
