/**
 * 60000 → "60,000", as `toLocaleString('en-US')` writes it, without ICU: the first ICU number format in a process
 * costs ~40 ms, a fifth of a cold start. Counts are whole numbers; anything else goes to ICU.
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = end - 3 > 0 ? `,${digits.slice(end - 3, end)}${out}` : `${digits.slice(0, end)}${out}`;
  return n < 0 ? `-${out}` : out;
}

/** "1 rule", "3 rules": a count and its noun, never "1 rules" or "rule(s)". `many` for an irregular plural. */
export const counted = (n: number, one: string, many = `${one}s`): string => `${groupDigits(n)} ${n === 1 ? one : many}`;
