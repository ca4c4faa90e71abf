/**
 * An empty array that already has V8's "objects" elements kind. `[]` and the `.map()` of an empty array start with
 * the small-integer kind, so a hot site that sees both an empty and a filled array (the engine fired nothing, no
 * obligation applies) meets a second array map: its optimised function is thrown away and compiled again, which
 * each isolate of a parallel run pays separately. Arrays built from this one, and `filter`/`slice` of them, keep
 * one kind whether they end up empty or not.
 */
export function objectArray<T extends object>(): T[] {
  const a: object[] = [EMPTY];
  a.length = 0;
  return a as T[];
}

const EMPTY = Object.freeze({});
