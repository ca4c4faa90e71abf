/** An internal inconsistency (a bug, never bad input): thrown, and turned by the caller into a fail-closed result. */
export function broken(message: string): never {
  throw new Error(message);
}
