/** JSON Pointer (RFC 6901): the one place segments are escaped and unescaped. */

export const escapeSegment = (s: string | number): string => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Unescaped in place in split's own array: `[]` for the root and `.map()` otherwise gave the segments two elements
 * kinds (three once map ran optimised), and the position lookup that loops over them was deoptimised for it.
 */
export function splitPointer(pointer: string): string[] {
  const segments = pointer.slice(1).split('/');
  if (pointer === '') segments.length = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.includes('~')) segments[i] = s.replace(/~1/g, '/').replace(/~0/g, '~');
  }
  return segments;
}

export const joinPointer = (segments: readonly (string | number)[]): string =>
  segments.map((s) => `/${escapeSegment(s)}`).join('');
