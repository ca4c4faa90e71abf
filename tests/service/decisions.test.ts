import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDecisionStore, type DecisionStore } from '../../src/ledger/decisions.js';
import { openLedger } from '../../src/ledger/open.js';
import type { LedgerStore } from '../../src/ledger/types.js';
import { hashKey } from '../../src/service/auth.js';
import { PG_URL, freshPgSchema, tempDir } from '../ledger/helpers.js';
import { EXPORTER, sized } from './fixtures.js';
import { testServer } from './helpers.js';

const KEY = 'xbk_decisions';
const keys = [{ name: 'platform', hash: Buffer.from(hashKey(KEY).slice(7), 'hex') }];
const auth = { authorization: `Bearer ${KEY}` };
const yaml = { 'content-type': 'application/yaml' };

interface Backend { name: string; spec: () => Promise<string>; tamper: (spec: string) => Promise<void> }
const backends: Backend[] = [
  {
    name: 'SQLite', spec: async () => join(tempDir(), 'ledger.db'),
    tamper: async (file) => { const db = new Database(file); db.prepare("UPDATE xborder_evidence SET body = replace(body, '\"verdict\":\"pass\"', '\"verdict\":\"fail\"') WHERE seq = 2").run(); db.close(); },
  },
  ...(PG_URL ? [{
    name: 'PostgreSQL', spec: () => freshPgSchema(PG_URL),
    tamper: async (url: string) => { const c = new pg.Client({ connectionString: url }); await c.connect(); await c.query("UPDATE xborder_evidence SET body = replace(body, '\"verdict\":\"pass\"', '\"verdict\":\"fail\"') WHERE seq = 2"); await c.end(); },
  }] : []),
];

for (const b of backends) {
  describe(`decisions on ${b.name}`, () => {
    let spec: string;
    let ledger: LedgerStore;
    let decisions: DecisionStore;
    let app: FastifyInstance;
    beforeEach(async () => {
      spec = await b.spec();
      ledger = await openLedger(spec);
      decisions = await openDecisionStore(spec);
      app = await testServer({ ledger, decisions, keys });
    });
    afterEach(async () => { await app.close(); await decisions.close(); await ledger.close(); });

    const reserve = (id: string, n: number, headers: Record<string, string> = auth) =>
      app.inject({ method: 'POST', url: '/v1/check?record=true', headers: { ...yaml, ...headers }, payload: sized(id, n) });

    it('check-and-reserve records within the gate, refuses past the threshold, and is idempotent', async () => {
      const first = await reserve('r-1', 60_000);
      expect(first.statusCode).toBe(200);
      expect(first.json().verdict).toBe('pass');
      expect(first.headers['x-xborder-reserved']).toBe('true');
      expect(first.headers['x-xborder-decision']).toMatch(/^[0-9a-f-]{36}$/);
      const again = await reserve('r-1', 60_000);
      expect(again.statusCode).toBe(200);
      expect(again.headers['x-xborder-reserved']).toBe('false'); // already recorded: not counted twice
      const over = await reserve('r-2', 60_000); // 60,000 + 60,000 is over 100,000: no longer exempt
      expect(over.statusCode).toBe(409);
      expect(over.json().error.code).toBe('not-reserved');
      expect(over.json().error.details.verdict).not.toBe('pass');
      const totals = await app.inject({ method: 'GET', url: `/v1/ledger/totals?exporter=${encodeURIComponent(EXPORTER)}&year=2026` });
      expect(totals.json()).toMatchObject({ individuals: 60_000, sensitiveIndividuals: 0 });
      // A plain check sees the reservation too.
      const check = await app.inject({ method: 'POST', url: '/v1/check', headers: yaml, payload: sized('r-3', 50_000) });
      expect(check.json().countsSource).toBe('ledger');
      expect(check.json().verdict).not.toBe('pass');
    });

    it('recording needs a key; POST /v1/ledger/records records regardless of the verdict, once', async () => {
      expect((await reserve('k-1', 10, {})).statusCode).toBe(401);
      expect((await app.inject({ method: 'POST', url: '/v1/ledger/records', headers: yaml, payload: sized('k-1', 10) })).statusCode).toBe(401);
      const rec = () => app.inject({ method: 'POST', url: '/v1/ledger/records', headers: { ...yaml, ...auth }, payload: sized('big', 500_000) });
      const r1 = await rec();
      expect(r1.statusCode).toBe(201);
      expect(r1.json()).toMatchObject({ recorded: true, manifest: 'big' });
      expect((await rec()).json()).toMatchObject({ recorded: false });
      expect((await ledger.totals(EXPORTER, 2026, 2026)).individuals).toBe(500_000);
    });

    it('every decision leaves a chained evidence record; verify finds an edited record', async () => {
      for (const [id, n] of [['e-1', 1000], ['e-2', 2000], ['e-3', 3000]] as const) await reserve(id, n);
      await app.inject({ method: 'POST', url: '/v1/check', headers: yaml, payload: sized('e-4', 10) });
      const list = await app.inject({ method: 'GET', url: '/v1/evidence', headers: auth });
      const rows = list.body.trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(rows).toHaveLength(4);
      expect(rows[1].prevHash).toBe(rows[0].hash);
      expect(rows[0].record).toMatchObject({ manifest: { id: 'e-1' }, verdict: 'pass', by: 'platform', reservation: { entry: { individuals: 1000, recorded: true } } });
      expect(rows[0].record.manifest.digest).toMatch(/^sha256:/);
      expect(rows[3].record.reservation).toBeNull();
      expect(JSON.stringify(rows)).not.toContain('newsletter'); // no manifest content
      expect((await app.inject({ method: 'GET', url: '/v1/evidence/verify', headers: auth })).json()).toEqual({ intact: true, checked: 4 });
      expect((await app.inject({ method: 'GET', url: '/v1/evidence' })).statusCode).toBe(401);
      await b.tamper(spec);
      const v = (await app.inject({ method: 'GET', url: '/v1/evidence/verify', headers: auth })).json();
      expect(v).toMatchObject({ intact: false, checked: 1, broken: { seq: 2 } });
      expect(v.broken.reason).toMatch(/edited/);
    });

    it('/readyz reports the ledger reachable', async () => {
      expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready', ledger: 'ok' });
    });
  });
}
