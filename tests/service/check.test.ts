import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROOT } from '../helpers/cli.js';
import { testServer } from './helpers.js';

const manifest = (name: string) => readFileSync(join(ROOT, 'examples/manifests', name), 'utf8');

describe('POST /v1/check', () => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await testServer(); });
  afterAll(() => app.close());

  it('returns the verdict object for YAML text, with the verdict in a header', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml' }, payload: manifest('fail-app-1-2m-users.yaml') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ source: '<request>', verdict: 'fail' });
    expect(res.headers['x-xborder-verdict']).toBe('fail');
  });

  it('takes a JSON object through the project parser (duplicate keys are an error, with line and column)', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/json' }, payload: '{"id": "a",\n "id": "b"}' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ line: 2 });
  });

  it('answers an invalid manifest with 422 and the diagnostics (pointer, line, column, message)', async () => {
    const text = manifest('pass-hr-3000-employees.yaml').replace(/^date: .*$/m, 'date: not-a-date');
    const res = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml' }, payload: text });
    expect(res.statusCode).toBe(422);
    const d = res.json().error.details[0];
    expect(d).toMatchObject({ path: '/date' });
    expect(d.line).toBe(text.split('\n').findIndex((l) => l.startsWith('date:')) + 1);
    expect(typeof d.column).toBe('number');
  });

  it('answers an invalid manifest in Chinese with ?lang=zh, as the CLI prints it', async () => {
    const text = manifest('pass-hr-3000-employees.yaml').replace(/^recipient:/m, 'recipientx:');
    const res = await app.inject({ method: 'POST', url: '/v1/check?lang=zh', headers: { 'content-type': 'application/yaml' }, payload: text });
    expect(res.statusCode).toBe(422);
    const messages = (res.json().error.details as { message: string }[]).map((d) => d.message);
    expect(messages).toContain('/ 缺少必填字段 "recipient"');
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('?lang=zh: the error message of a diagnostic with a hint is Chinese too, not English or half of each', async () => {
    for (const body of ['', '{"apiVersion":"xborder/v1","apiVersion":"xborder/v1"}']) {
      const res = await app.inject({ method: 'POST', url: '/v1/check?lang=zh', headers: { 'content-type': 'application/json' }, payload: body });
      const { message, details } = res.json().error as { message: string; details: { message: string; hint: string }[] };
      expect(message, body).toBe(`${details[0]!.message}（${details[0]!.hint}）`);
      expect(message, body).not.toMatch(/ (is|the|key|a) /);
    }
  });

  it('refuses a bad asOf, lang, explain or unknown query parameter with 400 and a JSON body', async () => {
    for (const q of ['asOf=2024-13-01', 'asOf=2024-02-30', 'lang=fr', 'explain=yes', 'colour=red']) {
      const res = await app.inject({ method: 'POST', url: `/v1/check?${q}`, headers: { 'content-type': 'application/yaml' }, payload: manifest('pass-hr-3000-employees.yaml') });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('bad-query');
    }
  });

  it('explain adds the evaluated conditions (reasons) to findings', async () => {
    const text = manifest('fail-app-1-2m-users.yaml');
    const plain = (await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml' }, payload: text })).json();
    const explained = (await app.inject({ method: 'POST', url: '/v1/check?explain=true&asOf=2025-06-01', headers: { 'content-type': 'application/yaml' }, payload: text })).json();
    expect(plain.findings.some((f: { reasons?: unknown }) => f.reasons !== undefined)).toBe(false);
    expect(explained.findings.some((f: { reasons?: unknown }) => f.reasons !== undefined)).toBe(true);
  });

  it('refuses other content types with 415 and non-UTF-8 bodies with 422', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'image/png' }, payload: 'x' });
    expect(res.statusCode).toBe(415);
    // The answer says which types a body may have (curl --data-binary sends a form type).
    expect(res.json().error).toMatchObject({ code: 'unsupported-media-type', message: expect.stringMatching(/^unsupported content type "image\/png": send application\/json, application\/yaml, .*text\/plain/) });
    const bad = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml' }, payload: Buffer.from([0x61, 0xff, 0x0a]) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('read-error');
  });

  it('unknown routes are 404 with a JSON error', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/nothing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not-found');
  });
});

describe('GET /healthz and the web console folder', () => {
  it('serves index.html at / when the web folder exists, and the API beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    const app = await testServer({ webDir: dir });
    try {
      const root = await app.inject({ method: 'GET', url: '/' });
      expect(root.statusCode).toBe(200);
      expect(root.body).toContain('<title>console</title>');
      expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toMatchObject({ status: 'ok' });
      // A console route reloaded in the browser gets the page; API paths and non-page requests keep JSON 404s.
      const page = await app.inject({ method: 'GET', url: '/rules/cn-national', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>console</title>');
      expect((await app.inject({ method: 'GET', url: '/v1/nothing', headers: { accept: 'text/html' } })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/missing.js' })).json().error.code).toBe('not-found');
    } finally {
      await app.close();
    }
  });
});
