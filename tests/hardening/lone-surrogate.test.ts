/**
 * A lone UTF-16 surrogate in a manifest (a JSON `\ud800` escape is valid JSON syntax; a YAML `\ud800` escape; a library
 * caller's object) is refused where it is, like any invalid field: no UTF-8 text can hold it, and canonical JSON
 * refuses it, so the ledger's transfer digest called the ledger unavailable (review) and `ledger record` exited 2
 * with no position, and the service answered 503 "ledger unavailable" for the evidence digest.
 */
import { describe, expect, it } from 'vitest';
import { checkValue } from '../../src/evaluate/pipeline.js';
import { loadPacks } from '../../src/load/load-packs.js';
import { isError } from '../../src/model/verdict.js';
import { BASE_MANIFEST, manifestWith } from '../helpers/manifests.js';
import { runCli, tempDir, writeTemp } from './cli-run.js';
import { testServer } from '../service/helpers.js';

// JSON.stringify writes a lone surrogate as its \u escape, as a hand-written manifest would.
const lone = (name: string) => JSON.stringify(manifestWith(BASE_MANIFEST, { recipient: { name } }), null, 2);

describe('a lone surrogate in a manifest', { timeout: 60_000 }, () => {
  it('check: exit 2 naming file, line, column and field; the other manifest of the run is still checked', async () => {
    const dir = tempDir();
    const bad = writeTemp(dir, 'bad.json', lone('Example\ud800 Pte. Ltd.'));
    const good = writeTemp(dir, 'good.json', lone('Example Pte. Ltd. 😀'));
    const r = await runCli(['check', bad, good, '--format', 'json', '--no-config']);
    expect(r.code).toBe(2);
    const [first, second] = JSON.parse(r.stdout) as { source: string; verdict?: string; error?: { path: string; line: number; column: number; message: string } }[];
    expect(first?.error).toMatchObject({ path: '/recipient/name', line: expect.any(Number), column: expect.any(Number) });
    expect(first?.error?.message).toContain('lone UTF-16 surrogate');
    expect([second?.source.endsWith('good.json'), second?.verdict]).toEqual([true, 'fail']);
  });

  it('in a YAML escape, or in a library caller object: refused the same way', async () => {
    const dir = tempDir();
    const yaml = writeTemp(dir, 'bad.yaml', 'apiVersion: xborder/v1\nkind: TransferManifest\nid: tm-y\ndate: 2026-03-15\n'
      + 'exporter: { name: "Acme", region: CN-SH, ciio: false }\nrecipient: { name: "Ex\\udc00", country: SG, kind: company }\n'
      + 'purpose: { basis: consent }\ndata: [{ id: crm, categories: [pi.basic], classification: general }]\n'
      + 'personalInformation: { individuals: 10, sensitiveIndividuals: 0 }\n');
    const r = await runCli(['validate', yaml, '--no-config']);
    expect([r.code, /bad\.yaml:6:\d+ \/recipient\/name holds a lone UTF-16 surrogate/.test(r.stdout + r.stderr)]).toEqual([2, true]);
    const packs = await loadPacks();
    const v = await checkValue(manifestWith(BASE_MANIFEST, { data: [{ id: 'crm', categories: ['pi.basic'], classification: 'general', description: 'x\udfff' }] }), packs);
    expect(isError(v) && v.error.message).toMatch(/\/data\/0\/description holds a lone UTF-16 surrogate/);
  });

  it('a well-formed pair (an emoji written as two escapes) is text like any other', async () => {
    const packs = await loadPacks();
    const v = await checkValue(JSON.parse(lone('Example \ud83d\ude00')), packs);
    expect(isError(v)).toBe(false);
  });

  it('the service answers 422 with the field, not 503 ledger-unavailable', async () => {
    const app = await testServer();
    const res = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/json' }, payload: lone('Ex\ud800') });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('/recipient/name');
    await app.close();
  });
});
