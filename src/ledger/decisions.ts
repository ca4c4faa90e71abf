/**
 * Writes of the decision service: check-and-reserve and evidence records, each in one transaction.
 * `transaction(lock, fn)` holds the per-exporter-and-year lock that `ledger record` takes too (PostgreSQL
 * advisory lock; SQLite's write lock), so totals read inside `fn` stay true until it commits. Evidence
 * records form a hash chain: each stores the previous record's hash, appended under a chain lock.
 * Its own connection: the service's reads go through the LedgerStore, its writes through here.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkYearRange, validateEntry } from './entry.js';
import { migratePostgres, migrateSqlite } from './migrations.js';
import { parseLedgerSpec } from './open.js';
import type { LedgerEntry, PersonTotals } from './types.js';

export const GENESIS = `sha256:${'0'.repeat(64)}`;

export interface EvidenceRow {
  seq: number;
  decisionId: string;
  createdAt: string;
  /** Canonical JSON of the record (ids, digests, counts; never manifest content). */
  body: string;
  prevHash: string;
  hash: string;
}

export const evidenceHash = (prevHash: string, decisionId: string, createdAt: string, body: string): string =>
  `sha256:${createHash('sha256').update(`${prevHash}\n${decisionId}\n${createdAt}\n${body}`).digest('hex')}`;

export interface DecisionTx {
  totals(exporter: string, fromYear: number, toYear: number, opts?: { excludeManifestId?: string }): Promise<PersonTotals>;
  /** Inserts the transfer (idempotent by exporter + manifest id); the caller holds the lock for its year. */
  record(entry: LedgerEntry): Promise<{ recorded: boolean }>;
  appendEvidence(decisionId: string, createdAt: string, body: string): Promise<EvidenceRow>;
}

export interface DecisionStore {
  /** Runs `fn` in one transaction, under the exporter-and-year lock when one is given; commits unless it throws. */
  transaction<T>(lock: { exporter: string; year: number } | undefined, fn: (tx: DecisionTx) => Promise<T>): Promise<T>;
  /** Evidence records in chain order, `limit` at a time after `afterSeq`. */
  evidence(afterSeq: number, limit: number): Promise<EvidenceRow[]>;
  close(): Promise<void>;
}

/** Arbitrary constant for the chain lock (single-bigint key space, beside the migration lock). */
const CHAIN_LOCK = 7_382_000_002;

const INSERT_SQLITE = `INSERT INTO xborder_transfers (exporter, manifest_id, year, date, individuals, sensitive_individuals, counted)
  VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (exporter, manifest_id) DO NOTHING`;
const INSERT_PG = `INSERT INTO xborder_transfers (exporter, manifest_id, year, date, individuals, sensitive_individuals, counted)
  VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (exporter, manifest_id) DO NOTHING`;
const TOTALS = (counted: string, p: (i: number) => string) => `
  SELECT COALESCE(SUM(individuals), 0) AS individuals, COALESCE(SUM(sensitive_individuals), 0) AS sensitive
  FROM xborder_transfers WHERE exporter = ${p(1)} AND year BETWEEN ${p(2)} AND ${p(3)} AND ${counted}
    AND (${p(4)} IS NULL OR manifest_id <> ${p(4)})`;
const EVIDENCE_COLS = 'seq, decision_id AS "decisionId", created_at AS "createdAt", body, prev_hash AS "prevHash", hash';

export async function openDecisionStore(spec: string | undefined, env: Readonly<Record<string, string | undefined>> = {}): Promise<DecisionStore> {
  const target = parseLedgerSpec(spec, env);
  return target.kind === 'postgres' ? openPostgres(target.url) : openSqlite(target.file);
}

async function openSqlite(file: string): Promise<DecisionStore> {
  const { default: Database } = await import('better-sqlite3');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrateSqlite(db);
  const totals = db.prepare<[string, number, number, string | null, string | null], { individuals: number; sensitive: number }>(TOTALS('counted = 1', () => '?'));
  const insert = db.prepare(INSERT_SQLITE);
  const head = db.prepare<[], { hash: string }>('SELECT hash FROM xborder_evidence ORDER BY seq DESC LIMIT 1');
  const append = db.prepare('INSERT INTO xborder_evidence (decision_id, created_at, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?)');
  const list = db.prepare<[number, number], EvidenceRow>(`SELECT ${EVIDENCE_COLS} FROM xborder_evidence WHERE seq > ? ORDER BY seq LIMIT ?`);
  const tx: DecisionTx = {
    totals: async (exporter, fromYear, toYear, o) => {
      checkYearRange(fromYear, toYear);
      const ex = o?.excludeManifestId ?? null;
      const r = totals.get(exporter, fromYear, toYear, ex, ex);
      return { individuals: r?.individuals ?? 0, sensitiveIndividuals: r?.sensitive ?? 0 };
    },
    record: async (e) => {
      const year = validateEntry(e);
      return { recorded: insert.run(e.exporter, e.manifestId, year, e.date, e.individuals, e.sensitiveIndividuals, e.counted ? 1 : 0).changes === 1 };
    },
    appendEvidence: async (decisionId, createdAt, body) => {
      const prevHash = head.get()?.hash ?? GENESIS;
      const hash = evidenceHash(prevHash, decisionId, createdAt, body);
      const seq = Number(append.run(decisionId, createdAt, body, prevHash, hash).lastInsertRowid);
      return { seq, decisionId, createdAt, body, prevHash, hash };
    },
  };
  // One connection: transactions of this process queue here (BEGIN IMMEDIATE queues other processes).
  let queue: Promise<unknown> = Promise.resolve();
  return {
    transaction: (_lock, fn) => {
      const run = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(tx);
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
  const totalsSql = TOTALS('counted', (i) => (i === 4 ? '$4::text' : `$${i}`));
  return {
    transaction: async (lock, fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        try {
          // The same key as PostgresLedger.record: `ledger record` and the service serialise on one lock.
          if (lock) await client.query('SELECT pg_advisory_xact_lock(hashtext($1), $2)', [lock.exporter, lock.year]);
          let chainLocked = false;
          const out = await fn({
            totals: async (exporter, fromYear, toYear, o) => {
              checkYearRange(fromYear, toYear);
              const r = await client.query<{ individuals: string; sensitive: string }>(totalsSql, [exporter, fromYear, toYear, o?.excludeManifestId ?? null]);
              return { individuals: Number(r.rows[0]?.individuals ?? 0), sensitiveIndividuals: Number(r.rows[0]?.sensitive ?? 0) };
            },
            record: async (e) => {
              const year = validateEntry(e);
              const r = await client.query(INSERT_PG, [e.exporter, e.manifestId, year, e.date, e.individuals, e.sensitiveIndividuals, e.counted]);
              return { recorded: r.rowCount === 1 };
            },
            appendEvidence: async (decisionId, createdAt, body) => {
              // Taken last and held to commit: replicas append one at a time, in seq order.
              if (!chainLocked) await client.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
              chainLocked = true;
              const h = await client.query<{ hash: string }>('SELECT hash FROM xborder_evidence ORDER BY seq DESC LIMIT 1');
              const prevHash = h.rows[0]?.hash ?? GENESIS;
              const hash = evidenceHash(prevHash, decisionId, createdAt, body);
              const r = await client.query<{ seq: string }>('INSERT INTO xborder_evidence (decision_id, created_at, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5) RETURNING seq', [decisionId, createdAt, body, prevHash, hash]);
              return { seq: Number(r.rows[0]!.seq), decisionId, createdAt, body, prevHash, hash };
            },
          });
          await client.query('COMMIT');
          return out;
        } catch (err) {
          await client.query('ROLLBACK').catch((e: unknown) => { broken = e instanceof Error ? e : new Error(String(e)); });
          throw err;
        }
      } finally {
        client.release(broken);
      }
    },
    evidence: async (afterSeq, limit) => (await pool.query<EvidenceRow & { seq: string }>(`SELECT ${EVIDENCE_COLS} FROM xborder_evidence WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit])).rows.map((r) => ({ ...r, seq: Number(r.seq) })),
    close: () => pool.end(),
  };
}

/** Walks the chain; the first record whose link or hash does not hold, or undefined when all hold. */
export async function verifyChain(store: DecisionStore, pageSize = 1000): Promise<{ checked: number; broken?: { seq: number; decisionId: string; reason: string } }> {
  let prev = GENESIS;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await store.evidence(after, pageSize);
    for (const r of rows) {
      if (r.prevHash !== prev) return { checked, broken: { seq: r.seq, decisionId: r.decisionId, reason: 'its previous-hash does not match the record before it (a record was removed or reordered)' } };
      if (evidenceHash(r.prevHash, r.decisionId, r.createdAt, r.body) !== r.hash) return { checked, broken: { seq: r.seq, decisionId: r.decisionId, reason: 'its content does not match its hash (the record was edited)' } };
      prev = r.hash;
      checked++;
      after = r.seq;
    }
    if (rows.length < pageSize) return { checked };
  }
}
