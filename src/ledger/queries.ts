/**
 * The SQL both backends and the decision store share, written once per dialect from one template, so the totals a
 * check reads, the totals a record returns and the record's "already recorded?" test cannot drift apart.
 */
import { foldCase } from './key.js';
import { ManifestIdReusedError, type ExcludedTransfer, type LedgerEntry, type PersonTotals, type PriorTotals } from './types.js';

/** What the shared queries take. `keys` are an exporter's linked keys; id…sensitive describe one transfer. */
interface Values {
  keys: readonly string[];
  fromYear: number;
  toYear: number;
  id: string | null;
  date: string | null;
  individuals: number | null;
  sensitive: number | null;
}
type Param = keyof Values;

/** A query in both dialects with its parameters in PostgreSQL's positional order. */
export interface SharedQuery<P extends Param> {
  sqlite: string;
  postgres: string;
  params: readonly P[];
}

const PG_TYPES: Record<Param, string> = { keys: 'text[]', fromYear: 'int', toYear: 'int', id: 'text', date: 'date', individuals: 'bigint', sensitive: 'bigint' };

/** Writes a query for both dialects: `sql` gets how each parameter, the key filter and the counted test are spelt. */
function shared<P extends Param>(params: readonly P[], sql: (d: { p: (n: P) => string; inKeys: string; counted: string; date: string }) => string): SharedQuery<P> {
  const pgParam = (n: P): string => `$${params.indexOf(n) + 1}::${PG_TYPES[n]}`;
  return {
    // Keys match whatever their letter case ("ACME Co." and "Acme Co." are one exporter), through the database's
    // own lower() on both sides, so a key always matches itself; the expression indexes of migration 4 serve it.
    sqlite: sql({ p: (n) => `@${n}`, inKeys: 'lower(exporter) IN (SELECT lower(value) FROM json_each(@keys))', counted: 'counted = 1', date: 'date' }),
    postgres: sql({ p: pgParam, inKeys: `lower(exporter) = ANY(ARRAY(SELECT lower(k) FROM unnest(${pgParam('keys' as P)}) AS k))`, counted: 'counted', date: "to_char(date, 'YYYY-MM-DD')" }),
    params,
  };
}

/** better-sqlite3's named parameters (`keys` as JSON, for json_each). */
export function sqliteArgs<P extends Param>(q: SharedQuery<P>, v: Pick<Values, P>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const n of q.params) {
    const x = v[n] as Values[Param];
    out[n] = Array.isArray(x) ? JSON.stringify(x) : (x as string | number | null);
  }
  return out;
}

/** node-postgres's positional parameters. */
export const postgresArgs = <P extends Param>(q: SharedQuery<P>, v: Pick<Values, P>): unknown[] => q.params.map((n) => v[n]);

/** A transfer's values for the `id`…`sensitive` parameters; all null (no transfer) matches nothing. */
export const transferValues = (t: ExcludedTransfer | undefined): Pick<Values, 'id' | 'date' | 'individuals' | 'sensitive'> => ({
  id: t?.manifestId ?? null, date: t?.date ?? null, individuals: t?.individuals ?? null, sensitive: t?.sensitiveIndividuals ?? null,
});

/**
 * THE test of "this same transfer": a record with the manifest id, date and counts of the one described by the
 * id…sensitive parameters. A check leaves such a record out of its own totals, and recording it again is
 * "already recorded"; a record under the id with another date or counts is another transfer (a reused id), which
 * the totals still count and recording refuses.
 */
const sameTransfer = (p: (n: 'id' | 'date' | 'individuals' | 'sensitive') => string): string =>
  `(manifest_id = ${p('id')} AND date = ${p('date')} AND individuals = ${p('individuals')} AND sensitive_individuals = ${p('sensitive')})`;

/**
 * Counted (individuals, sensitive) and not counted (u_individuals, u_sensitive) sums over the keys and years, less
 * the transfer described by id…sensitive (when id is not null): one read gives `totals`, `prior` and a record's
 * year total.
 */
export const SUMS = shared(['keys', 'fromYear', 'toYear', 'id', 'date', 'individuals', 'sensitive'], ({ p, inKeys, counted }) => `
  SELECT
    COALESCE(SUM(CASE WHEN ${counted} THEN individuals ELSE 0 END), 0) AS individuals,
    COALESCE(SUM(CASE WHEN ${counted} THEN sensitive_individuals ELSE 0 END), 0) AS sensitive,
    COALESCE(SUM(CASE WHEN ${counted} THEN 0 ELSE individuals END), 0) AS u_individuals,
    COALESCE(SUM(CASE WHEN ${counted} THEN 0 ELSE sensitive_individuals END), 0) AS u_sensitive
  FROM xborder_transfers
  WHERE ${inKeys} AND year BETWEEN ${p('fromYear')} AND ${p('toYear')}
    AND NOT (${p('id')} IS NOT NULL AND ${sameTransfer(p)})`);

/**
 * The record under the manifest id for any of the exporter's linked keys, this same transfer first when there is
 * one (`same`): ids reused across keys later linked can leave several records under one id.
 */
export const STORED = shared(['keys', 'id', 'date', 'individuals', 'sensitive'], ({ p, inKeys, date }) => `
  SELECT ${date} AS date, individuals, sensitive_individuals AS sensitive, counted, ${sameTransfer(p)} AS same
  FROM xborder_transfers WHERE manifest_id = ${p('id')} AND ${inKeys}
  ORDER BY same DESC LIMIT 1`);

/** Sums as the drivers return them: SQLite numbers; PostgreSQL NUMERIC as strings (counts fit a double). */
export interface SumsRow { individuals: number | string; sensitive: number | string; u_individuals: number | string; u_sensitive: number | string }

/** Prior totals of a SUMS row; `uncounted` only when there is any, `conflict` when given. */
export function priorOf(row: SumsRow | undefined, conflict?: PriorTotals['conflict']): PriorTotals {
  const out: PriorTotals = countedOf(row);
  const u = { individuals: Number(row?.u_individuals ?? 0), sensitiveIndividuals: Number(row?.u_sensitive ?? 0) };
  if (u.individuals || u.sensitiveIndividuals) out.uncounted = u;
  if (conflict) out.conflict = conflict;
  return out;
}

/** The counted totals of a SUMS row. */
export const countedOf = (row: SumsRow | undefined): PersonTotals =>
  ({ individuals: Number(row?.individuals ?? 0), sensitiveIndividuals: Number(row?.sensitive ?? 0) });

/** A STORED row as the drivers return it (booleans are 0/1 in SQLite, counts strings in PostgreSQL). */
export interface StoredRow { date: string; individuals: number | string; sensitive: number | string; counted: boolean | number; same: boolean | number }

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
  ].filter((f): f is string => f !== false);
  throw new ManifestIdReusedError(entry.manifestId, differ.length ? differ : ['content']);
}

/** Adds a transfer; the unique (exporter, manifest_id) makes a concurrent second insert a no-op. */
export const INSERT = {
  sqlite: `INSERT INTO xborder_transfers (exporter, manifest_id, year, date, individuals, sensitive_individuals, counted)
  VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (exporter, manifest_id) DO NOTHING`,
  postgres: `INSERT INTO xborder_transfers (exporter, manifest_id, year, date, individuals, sensitive_individuals, counted)
  VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (exporter, manifest_id) DO NOTHING`,
} as const;

/** Links a name to the USCC it was recorded with. */
export const LINK = {
  sqlite: 'INSERT INTO xborder_identities (name, uscc) VALUES (?, ?) ON CONFLICT DO NOTHING',
  postgres: 'INSERT INTO xborder_identities (name, uscc) VALUES ($1, $2) ON CONFLICT DO NOTHING',
} as const;

/**
 * The advisory lock of an exporter's year: the first of its linked keys, so `ledger record` and the service's
 * check-and-reserve, whichever key a manifest names, wait for each other; case-folded (foldCase), as keys match.
 */
export const lockKey = (keys: readonly string[]): string => keys.map(foldCase).sort()[0]!;
