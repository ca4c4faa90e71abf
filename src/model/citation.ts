/** A citation as packs write it: one string, or the same reference in both languages. */
import type { Bilingual, Lang } from './verdict.js';

export type Citation = string | Bilingual;

/** The citation in one language; a plain string serves both. */
export const citationFor = (c: Citation, lang: Lang): string => (typeof c === 'string' ? c : c[lang]);
