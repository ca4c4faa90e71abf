import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDecisionStore, type DecisionStore } from '../../src/ledger/decisions.js';
import { openLedger } from '../../src/ledger/open.js';
import type { LedgerStore } from '../../src/ledger/types.js';
import { hashKey } from '../../src/service/auth.js';
import { PackHolder } from '../../src/service/packs.js';
import { PackSync } from '../../src/service/pack-sync.js';
import { ROOT } from '../helpers/cli.js';
import { PG_URL, freshPgSchema, tempDir } from '../ledger/helpers.js';
import { parse as parseYaml } from 'yaml';
import { validator } from '../../src/validate/schemas.js';
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
    name: 'PostgreSQL', spec: () => freshPgSchema(PG_URL ?? ''),
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
      expect(first.json().decisionId).toBe(first.headers['x-xborder-decision']);
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
      // A key that is sent but not valid is said so, not asked for as if none were sent.
      const wrong = await reserve('k-1', 10, { authorization: 'Bearer xbk_not-a-key' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.message).toBe('the API key is not valid');
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
      expect((await app.inject({ method: 'GET', url: '/v1/evidence/verify', headers: auth })).json()).toEqual({ intact: true, checked: 4, head: { seq: rows[3].seq, hash: rows[3].hash } });
      expect((await app.inject({ method: 'GET', url: '/v1/evidence' })).statusCode).toBe(401);
      await b.tamper(spec);
      const v = (await app.inject({ method: 'GET', url: '/v1/evidence/verify', headers: auth })).json();
      expect(v).toMatchObject({ intact: false, checked: 1, broken: { seq: 2 } });
      expect(v.broken.reason).toMatch(/edited/);
    });

    it('batch lines are decisions too: each verdict has its evidence record and carries its id; a bad line has none', async () => {
      const ndjson = [sized('b-1', 10), 'not json', sized('b-2', 20)].map((t) => (t === 'not json' ? t : JSON.stringify(parseYaml(t)))).join('\n');
      const res = await app.inject({ method: 'POST', url: '/v1/check/batch', headers: { 'content-type': 'application/x-ndjson' }, payload: ndjson });
      expect(res.statusCode).toBe(200);
      const lines = res.body.trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => l.manifest ?? l.error?.code)).toEqual(['b-1', 'parse-error', 'b-2']);
      expect(lines[1].decisionId).toBeUndefined();
      const rows = (await app.inject({ method: 'GET', url: '/v1/evidence', headers: auth })).body.trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(rows.map((r) => [r.decisionId, r.record.manifest.id, r.record.verdict])).toEqual([[lines[0].decisionId, 'b-1', 'pass'], [lines[2].decisionId, 'b-2', 'pass']]);
      expect(rows[1].prevHash).toBe(rows[0].hash);
      expect(validator('verdict')(lines[0])).toBe(true); // decisionId is part of the verdict schema
    });

    it('batch lines with a ledger count the earlier lines of their exporter and year, as one check run does (60,000 + 60,000 is not two passes)', async () => {
      const ndjson = [sized('t-1', 60_000), sized('t-2', 60_000), sized('t-3', 10)].map((t) => JSON.stringify(parseYaml(t))).join('\n');
      const res = await app.inject({ method: 'POST', url: '/v1/check/batch', headers: { 'content-type': 'application/x-ndjson' }, payload: ndjson });
      const lines = res.body.trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => l.verdict)).toEqual(['pass', 'review', 'review']);
      const undercount = lines[1].findings.find((f: { rule: string }) => f.rule === 'xborder.run-undercount');
      expect(undercount).toMatchObject({ outcome: 'review', path: '/personalInformation/priorThisYear', line: expect.any(Number) });
      // The evidence records the verdict the line was answered with.
      const rows = (await app.inject({ method: 'GET', url: '/v1/evidence', headers: auth })).body.trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(rows.map((r) => r.record.verdict)).toEqual(['pass', 'review', 'review']);
      // Two small lines that stay below every threshold together still pass; the same line twice is one transfer.
      const small = [sized('s-1', 10), sized('s-2', 20), sized('s-2', 20)].map((t) => JSON.stringify(parseYaml(t.replace(EXPORTER, 'Small Co')))).join('\n');
      const ok = await app.inject({ method: 'POST', url: '/v1/check/batch', headers: { 'content-type': 'application/x-ndjson' }, payload: small });
      expect(ok.body.trimEnd().split('\n').map((l) => JSON.parse(l).verdict)).toEqual(['pass', 'pass', 'pass']);
    });

    it('an exporter name of invisible characters only (no USCC) is the request\'s problem, never 503 "ledger unavailable, retry"', async () => {
      const blank = sized('z-1', 10).replace(`name: ${EXPORTER}`, 'name: "\\u200b"');
      const check = await app.inject({ method: 'POST', url: '/v1/check', headers: yaml, payload: blank });
      expect(check.statusCode).toBe(200); // as check --ledger: the totals cannot be read, so review
      expect(check.json().verdict).toBe('review');
      for (const url of ['/v1/check?record=true', '/v1/ledger/records']) {
        const res = await app.inject({ method: 'POST', url, headers: { ...yaml, ...auth }, payload: blank });
        expect(res.statusCode, url).toBe(422);
        expect(res.json().error.path, url).toBe('/exporter/name');
      }
    });

    it('a batch line the ledger cannot record is that line\'s error, never a verdict without its record', async () => {
      await decisions.close();
      const res = await app.inject({ method: 'POST', url: '/v1/check/batch', headers: { 'content-type': 'application/x-ndjson' }, payload: JSON.stringify(parseYaml(sized('down', 10))) });
      const [line] = res.body.trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(line).toMatchObject({ error: { code: 'ledger-unavailable' } });
      expect(line.verdict).toBeUndefined();
      decisions = await openDecisionStore(spec); // for afterEach
    });

    it('a waived finding does not hold back a reservation, and the evidence names the waiver', async () => {
      await app.close();
      const waiver = { rule: 'cn-national/cn.volume.contract-non-sensitive', reason: 'contract filed', approver: 'DPO', expires: '2027-12-31', entry: 1 };
      app = await testServer({ ledger, decisions, keys, waivers: [waiver], today: () => '2026-11-22' });
      const res = await reserve('w-1', 150_000);
      expect(res.statusCode).toBe(200);
      expect(res.json().verdict).toBe('fail'); // still reported as fail
      expect(res.headers['x-xborder-reserved']).toBe('true');
      const [row] = (await app.inject({ method: 'GET', url: '/v1/evidence', headers: auth })).body.trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(row.record.waived).toEqual([{ rule: waiver.rule, entry: 1, expires: '2027-12-31' }]);
      expect(row.record.reservation.entry).toMatchObject({ individuals: 150_000, recorded: true });
    });

    it('/readyz reports the ledger reachable', async () => {
      expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready', ledger: 'ok' });
    });
  });
}

for (const b of backends) {
  describe(`replicas agree on the pack set through ${b.name}`, () => {
    it('a reload on one replica is published; the other reloads its own files (NOTIFY on PostgreSQL, polling on both)', async () => {
      const spec = await b.spec();
      const copies = [0, 1].map(() => { const d = mkdtempSync(join(tmpdir(), 'xborder-replica-')); cpSync(join(ROOT, 'rules'), d, { recursive: true }); return d; });
      const replicas = await Promise.all(copies.map(async (dir) => {
        const packs = new PackHolder([dir]);
        await packs.reload();
        const decisions = await openDecisionStore(spec);
        const sync = new PackSync(packs, decisions);
        await sync.start(60_000); // long poll: on PostgreSQL the notification must do it
        return { packs, decisions, sync, app: await testServer({ packs, decisions, sync, keys }) };
      }));
      try {
        const [a, bb] = replicas as [typeof replicas[0], typeof replicas[0]];
        const before = a.packs.active!.digest;
        for (const dir of copies) {
          const f = join(dir, 'zone-tianjin', 'pack.yaml');
          writeFileSync(f, readFileSync(f, 'utf8').replace('negative list for outbound data (2024 edition)', 'negative list for outbound data (2024 edition, revised)'));
        }
        const res = await a.app.inject({ method: 'POST', url: '/v1/admin/reload', headers: auth });
        expect(res.statusCode).toBe(200);
        const after = res.json().digest;
        expect(after).not.toBe(before);
        if (b.name === 'SQLite') await bb.sync.poll();
        for (let i = 0; i < 50 && bb.packs.active!.digest !== after; i++) await new Promise((r) => setTimeout(r, 100));
        expect(bb.packs.active!.digest).toBe(after);
        expect((await bb.app.inject({ method: 'GET', url: '/readyz' })).json().packs.published).toMatchObject({ revision: 1, inSync: true });
      } finally {
        for (const r of replicas) { await r.app.close(); await r.sync.stop(); await r.decisions.close(); }
      }
    });
  });
}
