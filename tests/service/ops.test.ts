import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROOT, xborder } from '../helpers/cli.js';
import { hashKey } from '../../src/service/auth.js';
import { PackHolder } from '../../src/service/packs.js';
import { testServer } from './helpers.js';

const manifest = (name: string) => readFileSync(join(ROOT, 'examples/manifests', name), 'utf8');
const asLine = (name: string) => JSON.stringify(JSON.parse(manifest(name)));
const KEY = 'xbk_test-key-1';
const keys = [{ name: 'ops', hash: Buffer.from(hashKey(KEY).slice(7), 'hex') }];

describe('POST /v1/check/batch', () => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await testServer(); });
  afterAll(() => app.close());

  it('answers NDJSON in input order; a bad line is that line\'s error and the others still come', async () => {
    const good = asLine('pass-ecommerce-orders-contract.json');
    const payload = [good, '{"id": "broken"', good, '{"apiVersion": 3}'].join('\n') + '\n';
    const res = await app.inject({ method: 'POST', url: '/v1/check/batch', headers: { 'content-type': 'application/x-ndjson' }, payload });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = res.body.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.source)).toEqual(['<request>:1', '<request>:2', '<request>:3', '<request>:4']);
    expect(lines[0].verdict).toBe('pass');
    expect(lines[1].error).toBeDefined();
    expect(lines[2].verdict).toBe('pass');
    expect(lines[3].error.code).toBe('schema');
  });

  it('?lang=zh gives the error lines in Chinese; verdict lines stay bilingual', async () => {
    const payload = [asLine('pass-ecommerce-orders-contract.json'), '{"apiVersion": 3}'].join('\n') + '\n';
    const res = await app.inject({ method: 'POST', url: '/v1/check/batch?lang=zh', headers: { 'content-type': 'application/x-ndjson' }, payload });
    const lines = res.body.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].findings[0].message.en).toBeDefined();
    expect(lines[1].error.details.map((d: { message: string }) => d.message)).toContain('/ 缺少必填字段 "exporter"');
  });
});

describe('operations endpoints', () => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await testServer({ keys }); });
  afterAll(() => app.close());

  it('/readyz reports the pack-set digest; /metrics counts requests and verdicts', async () => {
    const ready = (await app.inject({ method: 'GET', url: '/readyz' })).json();
    expect(ready).toMatchObject({ status: 'ready', ledger: 'none' });
    expect(ready.packs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml' }, payload: manifest('fail-app-1-2m-users.yaml') });
    const m = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(m).toMatch(/xborder_verdicts_total\{outcome="fail"\} 1/);
    expect(m).toMatch(/xborder_http_requests_total\{method="POST",route="\/v1\/check",status="200"\} 1/);
    expect(m).toContain('xborder_http_request_duration_seconds_bucket');
    expect(m).toContain(`xborder_pack_set_info{digest="${ready.packs.digest}"} 1`);
  });

  it('/openapi.json describes every route the server has, and /docs renders it without external resources', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    for (const p of ['/v1/check', '/v1/check/batch', '/v1/admin/reload', '/healthz', '/readyz', '/metrics']) expect(spec.paths[p], p).toBeDefined();
    const docs = await app.inject({ method: 'GET', url: '/docs' });
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.body).toContain('POST /v1/check/batch');
    expect(docs.body).not.toMatch(/(src|href)="https?:/);
  });

  it('reload needs a key: none is 401, a wrong one is 401, a right one reloads', async () => {
    expect((await app.inject({ method: 'POST', url: '/v1/admin/reload' })).statusCode).toBe(401);
    const wrong = await app.inject({ method: 'POST', url: '/v1/admin/reload', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('unauthorized');
    const ok = await app.inject({ method: 'POST', url: '/v1/admin/reload', headers: { authorization: `Bearer ${KEY}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().digest).toMatch(/^sha256:/);
  });
});

describe('limits', () => {
  it('413 for a body over the limit, with a JSON error body', async () => {
    const app = await testServer({ bodyLimit: 100 });
    try {
      const res = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml' }, payload: 'x'.repeat(200) });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBeDefined();
    } finally { await app.close(); }
  });

  it('429 past the rate limit, per key', async () => {
    const app = await testServer({ rateLimit: { max: 2, timeWindowMs: 60_000 }, keys });
    try {
      const get = (auth?: string) => app.inject({ method: 'GET', url: '/openapi.json', headers: auth ? { authorization: auth } : {} });
      expect((await get()).statusCode).toBe(200);
      expect((await get()).statusCode).toBe(200);
      const limited = await get();
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate-limited');
      expect((await get(`Bearer ${KEY}`)).statusCode).toBe(200); // a key has its own budget
    } finally { await app.close(); }
  });

  it('checks can require a key', async () => {
    const app = await testServer({ keys, checksNeedKey: true });
    try {
      const post = (auth?: string) => app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml', ...(auth ? { authorization: auth } : {}) }, payload: manifest('fail-app-1-2m-users.yaml') });
      expect((await post()).statusCode).toBe(401);
      expect((await post(`Bearer ${KEY}`)).statusCode).toBe(200);
    } finally { await app.close(); }
  });
});

describe('reload', () => {
  it('keeps serving the last good pack set when the new packs are broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-packs-'));
    cpSync(join(ROOT, 'rules'), dir, { recursive: true });
    const packs = new PackHolder([dir]);
    await packs.reload();
    const app = await testServer({ packs, keys });
    try {
      const before = packs.active!.digest;
      const packFile = join(dir, 'cn-national', 'pack.yaml');
      writeFileSync(packFile, `${readFileSync(packFile, 'utf8')}\nnot: [valid\n`);
      const res = await app.inject({ method: 'POST', url: '/v1/admin/reload', headers: { authorization: `Bearer ${KEY}` } });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('invalid-packs');
      expect(res.json().error.details.join('\n')).toContain('pack.yaml');
      expect(packs.active!.digest).toBe(before);
      const check = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml' }, payload: manifest('fail-app-1-2m-users.yaml') });
      expect(check.json().verdict).toBe('fail');
    } finally { await app.close(); }
  });
});

describe('failure modes', () => {
  it('sheds load with 503 and a JSON body when the event loop lags', async () => {
    const app = await testServer({ maxEventLoopDelayMs: 50 });
    try {
      const until = Date.now() + 1200;
      while (Date.now() < until) { /* block the event loop */ }
      await new Promise((r) => setTimeout(r, 50));
      const res = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml' }, payload: 'x' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('overloaded');
      expect(res.headers['retry-after']).toBeDefined();
    } finally { await app.close(); }
  });

  it('an unreachable ledger: /readyz is 503, a check is 503 (never a verdict without its record), and nothing leaks', async () => {
    const broken = new Error('connect ECONNREFUSED postgres://xborder:s3cret@db/xborder');
    const ledger = { totals: async () => { throw broken; }, prior: async () => { throw broken; }, record: async () => { throw broken; }, list: async () => [], close: async () => {} };
    const decisions = { transaction: async () => { throw broken; }, evidence: async () => [], close: async () => {}, packRevision: async () => undefined, publishPacks: async () => { throw broken; }, onPacksPublished: async () => async () => {} };
    const lines: string[] = [];
    const { pino } = await import('pino');
    const logger = pino({ level: 'info' }, { write: (l: string) => { lines.push(l); } });
    const app = await testServer({ ledger, decisions, logger, keys, maxEventLoopDelayMs: false });
    try {
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'not-ready', ledger: 'unreachable' });
      const text = manifest('pass-hr-3000-employees.yaml');
      const res = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml', authorization: `Bearer ${KEY}` }, payload: text });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('ledger-unavailable');
      expect(res.body).not.toContain('s3cret');
      const log = lines.join('');
      expect(log).toContain('ledger write failed');
      expect(log).not.toContain(KEY);
      for (const secret of ['s3cret', text.split('\n').find((l) => l.includes('name:'))!.trim()]) expect(log).not.toContain(secret);
    } finally { await app.close(); }
  });
});

describe('packs, rules and zones', () => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await testServer(); });
  afterAll(() => app.close());

  it('/v1/packs lists the loaded packs with digests; /v1/rules/{pack}/{id} explains one, 404 for an unknown one', async () => {
    const packs = (await app.inject({ method: 'GET', url: '/v1/packs' })).json();
    const national = packs.packs.find((p: { id: string }) => p.id === 'cn-national');
    expect(national.digest).toMatch(/^sha256:/);
    expect(national.rules).toBeGreaterThan(5);
    const rule = await app.inject({ method: 'GET', url: '/v1/rules/cn-national/cn.exempt.below-threshold' });
    expect(rule.statusCode).toBe(200);
    expect(rule.json()).toMatchObject({ pack: 'cn-national', id: 'cn.exempt.below-threshold' });
    expect(rule.json().title.zh).toBeTruthy();
    expect((await app.inject({ method: 'GET', url: '/v1/rules/cn-national/no.such.rule' })).statusCode).toBe(404);
  });

  it('/v1/zones answers the rows of `xborder zones --format json`', async () => {
    const file = join(ROOT, 'examples/manifests/pass-lingang-icv-after-sales.yaml');
    const cli = xborder(['zones', '--format', 'json', file]);
    const res = await app.inject({ method: 'POST', url: '/v1/zones', headers: { 'content-type': 'application/yaml' }, payload: readFileSync(file) });
    expect(res.statusCode).toBe(200);
    expect(res.json().zones).toEqual(JSON.parse(cli.stdout).zones);
    expect((await app.inject({ method: 'POST', url: '/v1/zones', headers: { 'content-type': 'application/yaml' }, payload: 'id: [' })).statusCode).toBe(422);
  });
});

describe('request logs', () => {
  it('name the method, path and request id, never the query string (an exporter name), headers or the client address', async () => {
    const { pino } = await import('pino');
    const { Writable } = await import('node:stream');
    const { REQUEST_LOG_SERIALIZERS } = await import('../../src/service/server.js');
    let out = '';
    const sink = new Writable({ write(chunk, _enc, done) { out += String(chunk); done(); } });
    const logger = pino({ level: 'info', serializers: REQUEST_LOG_SERIALIZERS }, sink);
    const app = await testServer({ logger });
    const res = await app.inject({ method: 'GET', url: `/v1/ledger/totals?exporter=${encodeURIComponent('杭州示例有限公司')}&year=2026`, headers: { authorization: 'Bearer secret-key' } });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    await app.close();
    expect(out).toContain('"path":"/v1/ledger/totals"');
    for (const leak of ['杭州', '%E6%9D%AD', 'exporter=', 'secret-key', 'remoteAddress', '127.0.0.1']) expect(out).not.toContain(leak);
  });
});
