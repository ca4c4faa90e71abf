/**
 * Exporter identity in the ledger. The key of a transfer is the exporter's USCC (统一社会信用代码) when given,
 * else its name; both are normalised so invisible or full-width characters cannot split one company's totals.
 * A name recorded together with a USCC is linked to it, so a later name-only manifest counts with that USCC.
 */

/**
 * Characters that show nothing: format characters (zero-width, bidi controls, BOM, soft hyphen), the rest of Unicode's
 * default-ignorables (variation selectors, the combining grapheme joiner, Hangul fillers), and control characters
 * other than whitespace. Keys recorded with a default-ignorable that is not Cf before this stay as they were (no
 * migration): such a row was already apart from the plain name, and new checks and records no longer split.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u0000-\u0008\u000E-\u001F\u007F-\u009F]/gu;

/** NFKC (folds full-width forms), invisible characters removed, whitespace collapsed and trimmed. */
export function normaliseName(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/**
 * Keys compare with a-z and A-Z as one (folded to upper case, so a USCC is its own fold), and no other letters: SQL
 * folds them alike on both databases (queries.ts `fold`: SQLite's lower(), PostgreSQL's under COLLATE "C", whatever
 * the database's locale), so the code, both databases and the advisory lock agree on which keys are one. Other letters
 * keep their case ("MÜLLER" and "Müller" are two names); NFKC in normaliseName has already folded full-width forms.
 */
export const foldCase = (key: string): string => key.replace(/[a-z]/g, (c) => c.toUpperCase());

export interface ExporterIdentity {
  /** The ledger key: the normalised USCC if any, else the normalised name. */
  key: string;
  name?: string;
  uscc?: string;
}

export function exporterIdentity(exporter: { name: string; uscc?: string }): ExporterIdentity {
  const uscc = normaliseName(exporter.uscc ?? '') || undefined;
  const name = normaliseName(exporter.name) || undefined;
  const key = uscc ?? name;
  if (!key) throw new Error('exporter has neither a USCC nor a name');
  return { key, name, uscc };
}

/** Why the ledger cannot tell whose totals a manifest belongs to. */
export type IdentityConflict = 'name-with-several-usccs' | 'uscc-with-several-names';

/**
 * The keys whose transfers count for an exporter: its USCC and every USCC its name was recorded with, plus the
 * names recorded with those USCCs (`linked`, from the identity table). More than one USCC or more than one name
 * is a conflict a person must resolve; meanwhile every linked key counts, so a split can only raise the totals.
 */
export function linkedKeys(id: ExporterIdentity, linked: { usccs: readonly string[]; names: readonly string[] }): { keys: string[]; conflict?: IdentityConflict } {
  const usccs = new Set([...(id.uscc ? [id.uscc] : []), ...linked.usccs]);
  const names = new Set([...(id.name ? [id.name] : []), ...linked.names]);
  // The same name or USCC in another letter case is the same one, not a conflict (the queries match keys so too).
  const distinct = (xs: Set<string>): number => new Set([...xs].map(foldCase)).size;
  const conflict = distinct(usccs) > 1 ? 'name-with-several-usccs' : distinct(usccs) === 1 && distinct(names) > 1 ? 'uscc-with-several-names' : undefined;
  return { keys: [...new Set([id.key, ...usccs, ...names])], ...(conflict ? { conflict } : {}) };
}

export const splitLinks = (rows: readonly { kind: string; value: string }[]): { usccs: string[]; names: string[] } => ({
  usccs: rows.filter((r) => r.kind === 'uscc').map((r) => r.value),
  names: rows.filter((r) => r.kind === 'name').map((r) => r.value),
});
