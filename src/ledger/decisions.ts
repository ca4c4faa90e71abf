/**
 * Writes of the decision service: check-and-reserve and evidence records, each in one transaction.
 * `transaction(lock, fn)` holds the per-exporter-and-year lock that `ledger record` takes too (PostgreSQL
 * advisory lock; SQLite's write lock), so totals read inside `fn` stay true until it commits. Evidence
 * records form a hash chain: each stores the previous record's hash, appended under a chain lock.
 * Its own connection: the service's reads go through the LedgerStore, its writes through here.
 */
import { createHash } from 'node:crypto';
import { checkYearRange, validateEntry } from './entry.js';
import type { ExporterIdentity } from './key.js';
import { migratePostgres } from './migrations.js';
import { parseLedgerSpec } from './open.js';
import { priorOf } from './queries.js';
import { pgLinks, pgLockExporter, pgRecord, pgSums, pgTransaction, sqliteStatements, type Linked } from './statements.js';
import type { ExcludedTransfer, LedgerEntry, PriorTotals } from './types.js';

export interface PackRevision { revision: number; digest: string }

const NOTIFY_CHANNEL = 'xborder_packs';

const GENESIS = `sha256:${'0'.repeat(64)}`;

export interface EvidenceRow {
  seq: number;
  decisionId: string;
  createdAt: string;
  /** Canonical JSON of the record (ids, digests, counts; never manifest content). */
  body: string;
  prevHash: string;
  hash: string;
}

const evidenceHash = (prevHash: string, decisionId: string, createdAt: string, body: string): string =>
  `sha256:${createHash('sha256').update(`${prevHash}\n${decisionId}\n${createdAt}\n${body}`).digest('hex')}`;

export interface DecisionTx {
  /** Totals over every key linked to the exporter, with any identity conflict: LedgerStore.prior inside the transaction. */
  prior(exporter: ExporterIdentity, fromYear: number, toYear: number, opts?: { exclude?: ExcludedTransfer }): Promise<PriorTotals>;
  /**
   * Inserts the transfer (idempotent by manifest id under the exporter's linked keys, as the ledger's own record)
   * and links its name to its USCC; the caller holds the lock. Throws ManifestIdReusedError when the id is
   * recorded with other content: that transfer would otherwise be left out of the ledger as "already recorded".
   */
  record(entry: LedgerEntry): Promise<{ recorded: boolean }>;
  appendEvidence(decisionId: string, createdAt: string, body: string): Promise<EvidenceRow>;
}

export interface DecisionStore {
  /**
   * Runs `fn` in one transaction, under the exporter-and-year lock when one is given (the lock of every key linked to
   * the exporter, as `ledger record` takes it); commits unless it throws.
   */
  transaction<T>(lock: { exporter: ExporterIdentity; year: number } | undefined, fn: (tx: DecisionTx) => Promise<T>): Promise<T>;
  /** Evidence records in chain order, `limit` at a time after `afterSeq`. */
  evidence(afterSeq: number, limit: number): Promise<EvidenceRow[]>;
  /** The pack set replicas should serve, as the last reload published it. */
  packRevision(): Promise<PackRevision | undefined>;
  /** Publishes a reload's pack-set digest (revision + 1) and, on PostgreSQL, notifies the other replicas. */
  publishPacks(digest: string): Promise<PackRevision>;
  /** Calls back on each notification (PostgreSQL LISTEN); returns the unsubscriber. SQLite: polling only. */
  onPacksPublished(cb: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Arbitrary constant for the chain lock (single-bigint key space, beside the migration lock). */
const CHAIN_LOCK = 7_382_000_002;

/**
 * The decision store's own statements, written once with PostgreSQL's $1, $2… in order; SQLite gets them as ? (sqliteForm).
 * Numbers that PostgreSQL returns as strings (BIGSERIAL, BIGINT) go through Number().
 */
const PUBLISH = `INSERT INTO xborder_pack_revision (id, revision, digest, updated_at) VALUES (1, 1, $1, $2)
  ON CONFLICT (id) DO UPDATE SET revision = xborder_pack_revision.revision + 1, digest = excluded.digest, updated_at = excluded.updated_at
  RETURNING revision, digest`;
const REVISION = 'SELECT revision, digest FROM xborder_pack_revision WHERE id = 1';
const HEAD = 'SELECT hash FROM xborder_evidence ORDER BY seq DESC LIMIT 1';
const APPEND = 'INSERT INTO xborder_evidence (decision_id, created_at, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5) RETURNING seq';
const LIST = 'SELECT seq, decision_id AS "decisionId", created_at AS "createdAt", body, prev_hash AS "prevHash", hash FROM xborder_evidence WHERE seq > $1 ORDER BY seq LIMIT $2';

/** A statement above for SQLite: its $1, $2… are in order, each once, so they are SQLite's anonymous ?. */
const sqliteForm = (sql: string): string => sql.replace(/\$\d+/g, '?');

const revisionOf = (r: { revision: number | string; digest: string }): PackRevision => ({ revision: Number(r.revision), digest: r.digest });

const identityOf = (e: LedgerEntry): ExporterIdentity => ({ key: e.exporter, name: e.name, uscc: e.uscc });

/**
 * The linked keys of each exporter a transaction asks about, looked up once: totals and record of one decision
 * read the same links, and a reservation's totals and its record cannot disagree on whose transfers they are.
 */
function linksOnce(lookup: (id: ExporterIdentity) => Linked | Promise<Linked>): (id: ExporterIdentity) => Promise<Linked> {
  const seen = new Map<string, Promise<Linked>>();
  return (id) => {
    const k = JSON.stringify([id.key, id.name ?? null, id.uscc ?? null]);
    let v = seen.get(k);
    if (!v) seen.set(k, v = Promise.resolve(lookup(id)));
    return v;
  };
}

export async function openDecisionStore(spec: string | undefined, env: Readonly<Record<string, string | undefined>> = {}): Promise<DecisionStore> {
  const target = parseLedgerSpec(spec, env);
  return target.kind === 'postgres' ? openPostgres(target.url) : openSqlite(target.file);
}

async function openSqlite(file: string): Promise<DecisionStore> {
  const db = (await import('./sqlite.js')).openWritable(file);
  const sql = sqliteStatements(db);
  const head = db.prepare<[], { hash: string }>(HEAD);
  const append = db.prepare<[string, string, string, string, string], { seq: number }>(sqliteForm(APPEND));
  const revision = db.prepare<[], PackRevision>(REVISION);
  const publish = db.prepare<[string, string], PackRevision>(sqliteForm(PUBLISH));
  const list = db.prepare<[number, number], EvidenceRow>(sqliteForm(LIST));
  // BEGIN IMMEDIATE holds the write lock from the start, so links read once stay true to commit.
  const newTx = (): DecisionTx => {
    const linksOf = linksOnce(sql.links);
    return {
      prior: async (id, fromYear, toYear, o) => {
        checkYearRange(fromYear, toYear);
        const { keys, conflict } = await linksOf(id);
        return priorOf(sql.sums(keys, fromYear, toYear, o?.exclude), conflict);
      },
      record: async (e) => {
        const year = validateEntry(e);
        return { recorded: sql.record(e, (await linksOf(identityOf(e))).keys, year) };
      },
      appendEvidence: async (decisionId, createdAt, body) => {
        const prevHash = head.get()?.hash ?? GENESIS;
        const hash = evidenceHash(prevHash, decisionId, createdAt, body);
        const seq = append.get(decisionId, createdAt, body, prevHash, hash)!.seq;
        return { seq, decisionId, createdAt, body, prevHash, hash };
      },
    };
  };
  // One connection: transactions of this process queue here (BEGIN IMMEDIATE queues other processes).
  let queue: Promise<unknown> = Promise.resolve();
  return {
    transaction: (_lock, fn) => {
      const run = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(newTx());
          db.exec('COMMIT');
          return out;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    evidence: async (afterSeq, limit) => list.all(afterSeq, limit),
    packRevision: async () => revision.get(),
    publishPacks: async (digest) => publish.get(digest, new Date().toISOString())!,
    onPacksPublished: async () => async () => {},
    close: async () => { await queue; if (db.open) db.close(); },
  };
}

async function openPostgres(url: string): Promise<DecisionStore> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on('error', () => undefined);
  try {
    const c = await pool.connect();
    try { await migratePostgres(c); } finally { c.release(); }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return {
    transaction: (lock, fn) => pgTransaction(pool, async (client) => {
      // The same lock as PostgresLedger.record: `ledger record` and the service, and a name-only and a USCC manifest
      // of one exporter, serialise on one lock.
      if (lock) await pgLockExporter(client, (await pgLinks(client, lock.exporter)).keys, lock.year);
      // Read again once the lock is held (then once per transaction): links committed by the session the lock
      // waited for (a new name or USCC, an identity conflict) count in this decision's totals.
      const linksOf = linksOnce((id) => pgLinks(client, id));
      let chainLocked = false;
      return fn({
        prior: async (id, fromYear, toYear, o) => {
          checkYearRange(fromYear, toYear);
          const { keys, conflict } = await linksOf(id);
          return priorOf(await pgSums(client, keys, fromYear, toYear, o?.exclude), conflict);
        },
        record: async (e) => {
          const year = validateEntry(e);
          return { recorded: await pgRecord(client, e, (await linksOf(identityOf(e))).keys, year) };
        },
        appendEvidence: async (decisionId, createdAt, body) => {
          // Taken last and held to commit: replicas append one at a time, in seq order.
          if (!chainLocked) await client.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
          chainLocked = true;
          const h = await client.query<{ hash: string }>(HEAD, []);
          const prevHash = h.rows[0]?.hash ?? GENESIS;
          const hash = evidenceHash(prevHash, decisionId, createdAt, body);
          const r = await client.query<{ seq: string }>(APPEND, [decisionId, createdAt, body, prevHash, hash]);
          return { seq: Number(r.rows[0]!.seq), decisionId, createdAt, body, prevHash, hash };
        },
      });
    }),
    evidence: async (afterSeq, limit) => (await pool.query<EvidenceRow & { seq: string }>(LIST, [afterSeq, limit])).rows.map((r) => ({ ...r, seq: Number(r.seq) })),
    packRevision: async () => {
      const r = (await pool.query<{ revision: string; digest: string }>(REVISION)).rows[0];
      return r && revisionOf(r);
    },
    publishPacks: (digest) => pgTransaction(pool, async (c) => {
      const r = await c.query<{ revision: string; digest: string }>(PUBLISH, [digest, new Date().toISOString()]);
      await c.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, digest]); // delivered on commit
      return revisionOf(r.rows[0]!);
    }),
    onPacksPublished: async (cb) => {
      // A dedicated connection outside the pool: LISTEN lasts as long as the session.
      const listener = new pg.Client({ connectionString: url });
      listener.on('error', () => undefined); // polling covers a lost listener
      await listener.connect();
      listener.on('notification', (n) => { if (n.channel === NOTIFY_CHANNEL) cb(); });
      await listener.query(`LISTEN ${NOTIFY_CHANNEL}`);
      return async () => { await listener.end().catch(() => undefined); };
    },
    close: () => pool.end(),
  };
}

/** Walks the chain; the first record whose link or hash does not hold, or undefined when all hold. */
/** The last record of an intact chain: what an auditor notes, to tell later that no record after it was deleted. */
export interface ChainHead { seq: number; hash: string }

/**
 * Walks the chain from the genesis. An intact chain gives its head (none when empty) and, for `mark`, the hash of
 * that record (undefined when the chain holds no such record): a chain is intact after records at its end are
 * deleted, so only a head noted earlier shows that truncation.
 */
export async function verifyChain(store: DecisionStore, pageSize = 1000, mark?: number): Promise<{ checked: number; head?: ChainHead; marked?: string; broken?: { seq: number; decisionId: string; reason: string } }> {
  let prev = GENESIS;
  let after = 0;
  let checked = 0;
  let marked: string | undefined;
  for (;;) {
    const rows = await store.evidence(after, pageSize);
    for (const r of rows) {
      if (r.prevHash !== prev) return { checked, broken: { seq: r.seq, decisionId: r.decisionId, reason: 'its previous-hash does not match the record before it (a record was removed or reordered)' } };
      if (evidenceHash(r.prevHash, r.decisionId, r.createdAt, r.body) !== r.hash) return { checked, broken: { seq: r.seq, decisionId: r.decisionId, reason: 'its content does not match its hash (the record was edited)' } };
      prev = r.hash;
      checked++;
      after = r.seq;
      if (r.seq === mark) marked = r.hash;
    }
    if (rows.length < pageSize) return { checked, ...(checked ? { head: { seq: after, hash: prev } } : {}), ...(marked ? { marked } : {}) };
  }
}
