/**
 * The SQL both backends and the decision store share, written once per dialect from one template, so the totals a
 * check reads, the totals a record returns and the record's "already recorded?" test cannot drift apart.
 */
import { foldCase } from './key.js';
import { ManifestIdReusedError, type ExcludedTransfer, type LedgerEntry, type PersonTotals, type PriorTotals, type TotalsRow } from './types.js';

/**
 * What the shared queries take. `keys` are an exporter's linked keys; id…sensitive describe one transfer; exporter,
 * year and counted the rest of a record; name and uscc an identity link.
 */
interface Values {
  keys: readonly string[];
  fromYear: number;
  toYear: number;
  id: string | null;
  date: string | null;
  individuals: number | null;
  sensitive: number | null;
  exporter: string | null;
  year: number | null;
  counted: boolean;
  name: string | null;
  uscc: string | null;
  digest: string | null;
}
type Param = keyof Values;

/** A query in both dialects with its parameters in PostgreSQL's positional order. */
export interface SharedQuery<P extends Param> {
  sqlite: string;
  postgres: string;
  params: readonly P[];
}

const PG_TYPES: Record<Param, string> = {
  keys: 'text[]', fromYear: 'int', toYear: 'int', id: 'text', date: 'date', individuals: 'bigint', sensitive: 'bigint',
  exporter: 'text', year: 'int', counted: 'boolean', name: 'text', uscc: 'text', digest: 'text',
};

/** How a dialect spells what the shared queries need. */
interface Dialect<P extends Param> {
  p: (n: P) => string;
  /** The exporter column is one of the `keys` parameter's, as `fold` compares them. */
  inKeys: () => string;
  counted: string;
  date: string;
  /** A text compared byte by byte (SQLite's default; PostgreSQL's follows the database's locale otherwise). */
  bytes: (x: string) => string;
  /**
   * A key folded as foldCase (src/ledger/key.ts) folds it, A-Z only: what SQLite's lower() folds. PostgreSQL's lower()
   * folds by the collation, so in a database with another locale than C it would also fold É, Cyrillic or full-width
   * letters, and PostgreSQL, SQLite and the advisory lock key would disagree on which exporters are one; under
   * COLLATE "C" it folds A-Z only, whatever the database's locale. The indexes of migration 5 are on these expressions.
   */
  fold: (x: string) => string;
}

/** Writes a query for both dialects: `sql` gets how each parameter, the key filter and the counted test are spelt. */
function shared<P extends Param>(params: readonly P[], sql: (d: Dialect<P>) => string): SharedQuery<P> {
  const pgParam = (n: P): string => `$${params.indexOf(n) + 1}::${PG_TYPES[n]}`;
  const pgFold = (x: string): string => `lower(${x} COLLATE "C")`;
  const sqliteFold = (x: string): string => `lower(${x})`;
  return {
    // Keys match whatever their letter case A-Z ("ACME Co." and "Acme Co." are one exporter), folded on both sides in
    // SQL, so a key always matches itself.
    sqlite: sql({
      p: (n) => `@${n}`, inKeys: () => `${sqliteFold('exporter')} IN (SELECT ${sqliteFold('value')} FROM json_each(@keys))`,
      counted: 'counted = 1', date: 'date', bytes: (x) => x, fold: sqliteFold,
    }),
    postgres: sql({
      p: pgParam, inKeys: () => `${pgFold('exporter')} = ANY(ARRAY(SELECT ${pgFold('k')} FROM unnest(${pgParam('keys' as P)}) AS k))`,
      counted: 'counted', date: "to_char(date, 'YYYY-MM-DD')", bytes: (x) => `${x} COLLATE "C"`, fold: pgFold,
    }),
    params,
  };
}

/** better-sqlite3's named parameters (`keys` as JSON, for json_each; booleans as 0 and 1). */
export function sqliteArgs<P extends Param>(q: SharedQuery<P>, v: Pick<Values, P>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const n of q.params) {
    const x = v[n] as Values[Param];
    out[n] = Array.isArray(x) ? JSON.stringify(x) : typeof x === 'boolean' ? Number(x) : (x as string | number | null);
  }
  return out;
}

/** node-postgres's positional parameters. */
export const postgresArgs = <P extends Param>(q: SharedQuery<P>, v: Pick<Values, P>): unknown[] => q.params.map((n) => v[n]);

/** A transfer's values for the `id`…`sensitive` and `digest` parameters; all null (no transfer) matches nothing. */
export const transferValues = (t: ExcludedTransfer | undefined): Pick<Values, 'id' | 'date' | 'individuals' | 'sensitive' | 'digest'> => ({
  id: t?.manifestId ?? null, date: t?.date ?? null, individuals: t?.individuals ?? null, sensitive: t?.sensitiveIndividuals ?? null, digest: t?.digest ?? null,
});

/**
 * THE test of "this same transfer": a record with the manifest id, date, counts and digest (transferDigest) of the one
 * described by the id…sensitive and digest parameters. A check leaves such a record out of its own totals, and
 * recording it again is "already recorded"; a record under the id with another date, counts or digest is another
 * transfer (a reused id), which the totals still count and recording refuses. A record made before digests were kept
 * (migration 6), or a transfer described without one, is matched by id, date and counts alone; `digests: false` is
 * the test a ledger of schema 4 or 5 is read with (it has no digest column).
 */
const sameTransfer = (p: (n: 'id' | 'date' | 'individuals' | 'sensitive' | 'digest') => string, digests = true): string =>
  `(manifest_id = ${p('id')} AND date = ${p('date')} AND individuals = ${p('individuals')} AND sensitive_individuals = ${p('sensitive')}${
    digests ? ` AND (digest IS NULL OR ${p('digest')} IS NULL OR digest = ${p('digest')})` : ''})`;

/**
 * The counted (individuals, sensitive) and not counted (u_individuals, u_sensitive) sums of the rows, less those for
 * which `skip` holds.
 */
function personSums(counted: string, skip?: string): string {
  const sum = (when: string, col: string, as: string): string =>
    `COALESCE(SUM(CASE ${skip ? `WHEN ${skip} THEN 0 ` : ''}WHEN ${when} THEN ${col} ELSE 0 END), 0) AS ${as}`;
  return [sum(counted, 'individuals', 'individuals'), sum(counted, 'sensitive_individuals', 'sensitive'),
    sum(`NOT (${counted})`, 'individuals', 'u_individuals'), sum(`NOT (${counted})`, 'sensitive_individuals', 'u_sensitive')].join(',\n    ');
}

/**
 * Counted and not counted sums over the keys and years, less the transfer described by id…sensitive (when id is not
 * null), and whether that transfer is among the counted records (`same_counted`): one read gives `totals`, `prior`
 * (with PriorTotals.alreadyCounted) and a record's year total.
 */
const sums = (digests: boolean) => shared(['keys', 'fromYear', 'toYear', 'id', 'date', 'individuals', 'sensitive', ...(digests ? ['digest' as const] : [])], ({ p, inKeys, counted }) => `
  SELECT
    ${personSums(counted, 'same')},
    COALESCE(MAX(CASE WHEN same AND ${counted} THEN 1 ELSE 0 END), 0) AS same_counted
  FROM (
    SELECT individuals, sensitive_individuals, counted, (${p('id')} IS NOT NULL AND ${sameTransfer(p, digests)}) AS same
    FROM xborder_transfers
    WHERE ${inKeys()} AND year BETWEEN ${p('fromYear')} AND ${p('toYear')}) AS t`);
export const SUMS = sums(true);
/** SUMS on a ledger of schema 4 or 5, read-only (not migrated: no digest column). */
export const SUMS_UNDIGESTED = sums(false);

/**
 * The record under the manifest id for any of the exporter's linked keys, this same transfer first when there is
 * one (`same`): ids reused across keys later linked can leave several records under one id.
 */
export const STORED = shared(['keys', 'id', 'date', 'individuals', 'sensitive', 'digest'], ({ p, inKeys, date }) => `
  SELECT ${date} AS date, individuals, sensitive_individuals AS sensitive, counted, digest, ${sameTransfer(p)} AS same
  FROM xborder_transfers WHERE manifest_id = ${p('id')} AND ${inKeys()}
  ORDER BY same DESC LIMIT 1`);

/**
 * An exporter's links, both hops in one query: the USCCs linked to the name (and the manifest's own), then the names
 * of those USCCs; names and USCCs match whatever their letter case, as the transfers' keys do.
 */
export const LINKS = shared(['name', 'uscc'], ({ p, fold }) => `
  WITH u AS (SELECT uscc FROM xborder_identities WHERE ${fold('name')} = ${fold(p('name'))} UNION SELECT ${p('uscc')} WHERE ${p('uscc')} IS NOT NULL)
  SELECT 'uscc' AS kind, uscc AS value FROM u
  UNION SELECT 'name', name FROM xborder_identities WHERE ${fold('uscc')} IN (SELECT ${fold('uscc')} FROM u)`);

/** Adds a transfer; the unique (exporter, manifest_id) makes a concurrent second insert a no-op. */
export const INSERT = shared(['exporter', 'id', 'year', 'date', 'individuals', 'sensitive', 'counted', 'digest'], ({ p }) => `
  INSERT INTO xborder_transfers (exporter, manifest_id, year, date, individuals, sensitive_individuals, counted, digest)
  VALUES (${p('exporter')}, ${p('id')}, ${p('year')}, ${p('date')}, ${p('individuals')}, ${p('sensitive')}, ${p('counted')}, ${p('digest')})
  ON CONFLICT (exporter, manifest_id) DO NOTHING`);

/** Links a name to the USCC it was recorded with. */
export const LINK = shared(['name', 'uscc'], ({ p }) => `INSERT INTO xborder_identities (name, uscc) VALUES (${p('name')}, ${p('uscc')}) ON CONFLICT DO NOTHING`);

/** `ledger show`: rows per key and year, filtered by a key in any letter case and a year; in byte order on both. */
export const LIST = shared(['exporter', 'year'], ({ p, counted, fold, bytes }) => `
  SELECT exporter, year, COUNT(*) AS transfers,
    ${personSums(counted)}
  FROM xborder_transfers
  WHERE (${p('exporter')} IS NULL OR ${fold('exporter')} = ${fold(p('exporter'))}) AND (${p('year')} IS NULL OR year = ${p('year')})
  GROUP BY exporter, year
  ORDER BY ${bytes('exporter')}, year`);

/** Sums as the drivers return them: SQLite numbers; PostgreSQL NUMERIC as strings (counts fit a double). */
export interface SumsRow { individuals: number | string; sensitive: number | string; u_individuals: number | string; u_sensitive: number | string; same_counted?: number | string }

/** Prior totals of a SUMS row; `uncounted` only when there is any, `alreadyCounted` only when true, `conflict` when given. */
export function priorOf(row: SumsRow | undefined, conflict?: PriorTotals['conflict']): PriorTotals {
  const out: PriorTotals = countedOf(row);
  const u = { individuals: Number(row?.u_individuals ?? 0), sensitiveIndividuals: Number(row?.u_sensitive ?? 0) };
  if (u.individuals || u.sensitiveIndividuals) out.uncounted = u;
  if (Number(row?.same_counted ?? 0) > 0) out.alreadyCounted = true;
  if (conflict) out.conflict = conflict;
  return out;
}

/** The counted totals of a SUMS row. */
export const countedOf = (row: SumsRow | undefined): PersonTotals =>
  ({ individuals: Number(row?.individuals ?? 0), sensitiveIndividuals: Number(row?.sensitive ?? 0) });

/** A LIST row as the drivers return it (COUNT and SUM over BIGINT are strings in PostgreSQL). */
export interface ListRow extends SumsRow { exporter: string; year: number; transfers: number | string }

export const totalsRowOf = (r: ListRow): TotalsRow => ({
  exporter: r.exporter, year: Number(r.year), transfers: Number(r.transfers), ...countedOf(r),
  uncountedIndividuals: Number(r.u_individuals), uncountedSensitiveIndividuals: Number(r.u_sensitive),
});

/** A STORED row as the drivers return it (booleans are 0/1 in SQLite, counts strings in PostgreSQL). */
export interface StoredRow { date: string; individuals: number | string; sensitive: number | string; counted: boolean | number; digest: string | null; same: boolean | number }

/**
 * Whether the entry is already recorded (a STORED row that is this same transfer, counted alike), or nothing is
 * recorded under its id (no row). Throws ManifestIdReusedError otherwise, naming the fields that differ, never
 * their values: another transfer under the id, or this transfer with its counting (exemption) changed, which the
 * ledger does not change silently.
 */
export function alreadyRecorded(entry: LedgerEntry, row: StoredRow | undefined): boolean {
  if (!row) return false;
  const counted = Boolean(row.counted);
  if (row.same && counted === entry.counted) return true;
  const differ = [
    row.date !== entry.date && 'date',
    Number(row.individuals) !== entry.individuals && 'individuals',
    Number(row.sensitive) !== entry.sensitiveIndividuals && 'sensitiveIndividuals',
    counted !== entry.counted && 'counted (exemption)',
    row.digest != null && entry.digest !== undefined && row.digest !== entry.digest && 'recipient/purpose/data',
  ].filter((f): f is string => f !== false);
  throw new ManifestIdReusedError(entry.manifestId, differ.length ? differ : ['content']);
}

/** An entry's values for INSERT. */
export const entryValues = (e: LedgerEntry, year: number): Pick<Values, 'exporter' | 'id' | 'year' | 'date' | 'individuals' | 'sensitive' | 'counted' | 'digest'> => ({
  exporter: e.exporter, id: e.manifestId, year, date: e.date, individuals: e.individuals, sensitive: e.sensitiveIndividuals, counted: e.counted,
  digest: e.digest ?? null,
});

/** An entry's values for LINK, when it links a name to a USCC. */
export const linkValues = (e: LedgerEntry): Pick<Values, 'name' | 'uscc'> | undefined =>
  e.name && e.uscc ? { name: e.name, uscc: e.uscc } : undefined;

/**
 * The advisory lock of an exporter's year: the first of its linked keys, so `ledger record` and the service's
 * check-and-reserve, whichever key a manifest names, wait for each other; case-folded (foldCase), as keys match.
 */
export const lockKey = (keys: readonly string[]): string => keys.map(foldCase).sort()[0]!;
