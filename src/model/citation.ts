/** A citation as packs write it (`Citation`: one string, or the same reference in both languages), in one language. */
import type { Citation } from './pack.js';
import type { Lang } from './verdict.js';

/** The citation in one language; a plain string serves both. */
export const citationFor = (c: Citation, lang: Lang): string => (typeof c === 'string' ? c : c[lang]);
