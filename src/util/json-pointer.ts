/** JSON Pointer (RFC 6901): the one place segments are escaped and unescaped. */

export const escapeSegment = (s: string | number): string => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

export const splitPointer = (pointer: string): string[] =>
  pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

export const joinPointer = (segments: readonly (string | number)[]): string =>
  segments.map((s) => `/${escapeSegment(s)}`).join('');
