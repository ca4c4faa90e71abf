/**
 * Column alignment by display width, not by string length: a CJK character takes two terminal columns,
 * a combining mark none, so `padEnd` alone misaligns every table with Chinese names in it.
 */
import stringWidth from 'string-width';

export const displayWidth = (s: string): number => stringWidth(s);

/** `s` padded with spaces on the right to `width` columns (unchanged if already wider). */
export const padEndWidth = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - stringWidth(s)));

/** `s` padded with spaces on the left to `width` columns. */
export const padStartWidth = (s: string, width: number): string => ' '.repeat(Math.max(0, width - stringWidth(s))) + s;
