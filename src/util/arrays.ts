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

/**
 * `items.map(text).join(sep)` without the intermediate array: once V8 optimises a function, the array its inlined
 * `map` makes has another elements kind than the interpreter's, so the `join` after it deoptimised the function
 * (and every function it was inlined in) the first time it ran optimised.
 */
export function joinMapped<T>(items: readonly T[], text: (item: T) => string, sep: string): string {
  let out = '';
  for (let i = 0; i < items.length; i++) out += i ? sep + text(items[i]!) : text(items[i]!);
  return out;
}
