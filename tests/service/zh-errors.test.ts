/**
 * ?lang=zh covers the service's refusals too, not only an invalid manifest's diagnostics: the 415, the query's
 * 400s (record=true with asOf among them), 401, 404, 503 and a batch line the ledger could not record. Each was
 * English whatever the query asked; English stays as it was without ?lang=zh.
 */
import { readFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { hashKey } from '../../src/service/auth.js';
import { ROOT } from '../helpers/cli.js';
import { testServer } from './helpers.js';

const text = readFileSync(join(ROOT, 'examples/manifests/pass-hr-3000-employees.yaml'), 'utf8');
const yaml = { 'content-type': 'application/yaml' };
const KEY = 'xbk_zh-errors';
const keys = [{ name: 'zh', hash: Buffer.from(hashKey(KEY).slice(7), 'hex') }];

describe('?lang=zh: the service refuses a request in Chinese', () => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await testServer({ keys }); });
  afterAll(() => app.close());

  /** The error body's message of a request, with ?lang=zh added to its query, and without. */
  const both = async (method: 'GET' | 'POST', url: string, headers: Record<string, string> = yaml, payload = text) => {
    const ask = async (u: string) => {
      const res = await app.inject({ method, url: u, headers, ...(method === 'POST' ? { payload } : {}) });
      return { status: res.statusCode, code: res.json().error.code as string, message: res.json().error.message as string };
    };
    return { zh: await ask(`${url}${url.includes('?') ? '&' : '?'}lang=zh`), en: await ask(url) };
  };

  it('415: a body of a content type the endpoint does not read', async () => {
    const r = await both('POST', '/v1/check', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.zh).toMatchObject({ status: 415, code: 'unsupported-media-type' });
    expect(r.zh.message).toBe('不支持的内容类型 "application/x-www-form-urlencoded"：请使用 application/json、application/yaml、application/x-yaml、text/yaml、text/x-yaml、text/plain（批量接口：application/x-ndjson）');
    expect(r.en.message).toBe('unsupported content type "application/x-www-form-urlencoded": send application/json, application/yaml, application/x-yaml, text/yaml, text/x-yaml, text/plain (the batch endpoint: application/x-ndjson)');
  });

  it('400: record=true with asOf, an unknown parameter, a bad date', async () => {
    const record = await both('POST', '/v1/check?record=true&asOf=2025-01-01');
    expect(record.zh).toMatchObject({ status: 400, code: 'bad-query', message: 'record=true 按出境本身的日期记入台账：请去掉 asOf' });
    expect(record.en.message).toBe('record=true reserves the transfer on its own date: leave out asOf');
    const unknown = await both('POST', '/v1/check?colour=red');
    expect(unknown.zh.message).toBe('未知的查询参数 colour（可用：asOf、lang、explain、record）');
    expect(unknown.en.message).toBe('unknown query parameter colour (known: asOf, lang, explain, record)');
    expect((await both('POST', '/v1/check?asOf=2025-02-30')).zh.message).toBe('asOf 须为真实存在的日期（YYYY-MM-DD），不晚于2100-12-31');
  });

  it('401, 404 and 400 no-ledger', async () => {
    const key = await both('POST', '/v1/ledger/records');
    expect(key.zh).toMatchObject({ status: 401, message: '该接口须提供 API 密钥（Authorization: Bearer <key>）' });
    expect(key.en.message).toBe('this endpoint needs an API key (Authorization: Bearer <key>)');
    const route = await both('GET', '/v1/nothing');
    expect(route.zh).toMatchObject({ status: 404, message: '没有接口 GET /v1/nothing' });
    expect(route.en.message).toBe('no route GET /v1/nothing');
    const totals = await both('GET', '/v1/ledger/totals?exporter=x&year=2025');
    expect(totals.zh).toMatchObject({ status: 400, code: 'no-ledger', message: '服务未使用台账（请以 --ledger 启动）' });
    expect(totals.en.message).toBe('the service runs without a ledger (start it with --ledger)');
  });
});

describe('?lang=zh: a ledger that fails is said in Chinese', () => {
  it('a check is 503 and a batch line is its error, both in Chinese; nothing leaks', async () => {
    const broken = new Error('connect ECONNREFUSED postgres://xborder:s3cret@db/xborder');
    const ledger = { totals: async () => { throw broken; }, record: async () => { throw broken; }, list: async () => [], close: async () => {} };
    const decisions = { transaction: async () => { throw broken; }, evidence: async () => [], close: async () => {}, packRevision: async () => undefined, publishPacks: async () => { throw broken; }, onPacksPublished: async () => async () => {} };
    const app = await testServer({ ledger, decisions, keys, maxEventLoopDelayMs: false } as never);
    try {
      const one = await app.inject({ method: 'POST', url: '/v1/check?lang=zh', headers: yaml, payload: text });
      expect(one.statusCode).toBe(503);
      expect(one.json().error.message).toBe('台账不可用，未记录任何内容，请稍后重试');
      const line = JSON.stringify((await import('yaml')).parse(text));
      for (const [lang, message] of [['zh', '台账不可用，未对该出境说明作出结论，也未记录任何内容，请重试该出境说明'], ['en', 'the ledger is unavailable; nothing was decided or recorded for this manifest, retry it']]) {
        const res = await app.inject({ method: 'POST', url: `/v1/check/batch?lang=${lang}`, headers: { 'content-type': 'application/x-ndjson' }, payload: `${line}\n` });
        expect(JSON.parse(res.body.trimEnd())).toMatchObject({ error: { code: 'ledger-unavailable', message } });
        expect(res.body).not.toContain('s3cret');
      }
    } finally {
      await app.close();
    }
  });
});

// Node's HTTP parser refuses raw UTF-8 in the request line before fastify routes it: fastify's default answer was
// {"error":"Bad Request","message":"Client Error","statusCode":400}, neither the service's shape nor a reason.
describe('a request line Node refuses (raw UTF-8 in the query): the service\'s error shape, in ?lang', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await testServer();
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  /** Sends raw bytes (no client would send them as written) and reads the whole answer. */
  const raw = (request: string): Promise<string> => new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    const s = connect(port, '127.0.0.1', () => s.write(Buffer.from(request, 'utf8')));
    s.on('data', (c) => chunks.push(c)).on('close', () => done(Buffer.concat(chunks).toString('utf8'))).on('error', fail);
  });
  const answer = async (target: string) => {
    const text = await raw(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const [head = '', body = ''] = text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toContain('Content-Type: application/json');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    return JSON.parse(body) as { error: { code: string; message: string } };
  };

  it('says what to percent-encode, in English or Chinese', async () => {
    const en = await answer('/v1/ledger/totals?exporter=上海示例&year=2026');
    expect(en).toEqual({ error: { code: 'bad-request', message: expect.stringMatching(/^the request address holds a character HTTP does not allow there .*percent-encode it as UTF-8, e\.g\. exporter=%E4%B8%8A%E6%B5%B7/) } });
    const zh = await answer('/v1/ledger/totals?exporter=上海示例&lang=zh');
    expect(zh.error.message).toMatch(/^请求地址含有 HTTP 不允许的字符/);
    // Percent-encoded, the same request reaches the route.
    const ok = await raw(`GET /v1/ledger/totals?exporter=${encodeURIComponent('上海示例')} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(ok).toContain('"code":"no-ledger"');
  });
});
