/** The playground's endpoints: bundled packs with their test tables; an edited pack compiled with the others. */
import { describe, expect, it } from 'vitest';
import { testServer } from '../service/helpers.js';

describe('playground API', () => {
  it('lists the bundled packs with their test tables, and runs an edit without storing it', async () => {
    const app = await testServer();
    const packs = (await app.inject({ method: 'GET', url: '/v1/playground/packs' })).json() as { id: string; pack: { uri: string; text: string }; tests?: { uri: string; text: string } }[];
    const national = packs.find((p) => p.id === 'cn-national');
    expect(national?.pack.uri).toBe('cn-national/pack.yaml');
    expect(national?.tests?.uri).toBe('cn-national/tests.yaml');

    const run = async (text: string) => (await app.inject({
      method: 'POST', url: '/v1/playground',
      payload: { pack: { uri: national!.pack.uri, text }, tests: national!.tests, manifest: 'apiVersion: xborder/v1\nkind: TransferManifest\nid: a\ndate: 2026-03-15\nexporter: { name: A, region: CN-SH, ciio: false, sector: retail }\nrecipient: { name: B, country: SG, kind: company }\npurpose: { basis: consent }\ndata: [{ id: d, categories: [pi.contact], classification: general }]\npersonalInformation: { individuals: 150000, sensitiveIndividuals: 0, priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } }\nsafeguards: { separateConsent: true, pia: { completedOn: 2026-02-01 } }\n' },
    })).json() as { diagnostics: unknown[]; tests?: { ok: boolean }[]; coverage?: { pack: string; exercised: number }[]; verdict?: { verdict: string; mechanism: string } };

    const same = await run(national!.pack.text);
    expect(same.diagnostics).toEqual([]);
    expect(same.tests?.every((c) => c.ok)).toBe(true);
    expect(same.coverage?.map((c) => c.pack)).toContain('cn-national');
    expect(same.coverage?.every((c) => c.exercised > 0)).toBe(true);   // only the packs the table exercises
    expect(same.verdict).toMatchObject({ verdict: 'fail', mechanism: 'contract-or-certification' });

    const raised = await run(national!.pack.text.replace('value: 100000', 'value: 200000'));
    expect(raised.verdict).toMatchObject({ verdict: 'pass', mechanism: 'none' });
    expect(raised.tests?.some((c) => !c.ok)).toBe(true);

    const again = await run(national!.pack.text);   // the edit was not kept
    expect(again.verdict).toMatchObject({ verdict: 'fail' });

    const broken = await run('metadata: [');
    expect(broken.tests).toBeUndefined();
    expect(broken.diagnostics.length).toBeGreaterThan(0);
    await app.close();
  });

  it('checks the manifest by the service\'s clock, as /v1/check does: an assessment dated after today is not in place', async () => {
    const app = await testServer({ today: () => '2026-01-20' });
    const national = ((await app.inject({ method: 'GET', url: '/v1/playground/packs' })).json() as { id: string; pack: { uri: string; text: string } }[]).find((p) => p.id === 'cn-national')!;
    // 50,000 people's PI in March 2026, the impact assessment dated 1 February: a month after the service's today.
    const manifest = 'apiVersion: xborder/v1\nkind: TransferManifest\nid: a\ndate: 2026-03-15\nexporter: { name: A, region: CN-SH, ciio: false, sector: retail }\nrecipient: { name: B, country: SG, kind: company }\npurpose: { basis: consent }\ndata: [{ id: d, categories: [pi.contact], classification: general }]\npersonalInformation: { individuals: 50000, sensitiveIndividuals: 0, priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } }\nsafeguards: { separateConsent: true, pia: { completedOn: 2026-02-01 } }\n';
    const played = (await app.inject({ method: 'POST', url: '/v1/playground', payload: { pack: national.pack, manifest } })).json() as { verdict?: { verdict: string; findings: { rule: string; outcome: string }[] } };
    const checked = (await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml' }, payload: manifest })).json() as { verdict: string };
    expect(checked.verdict).toBe('fail');
    expect(played.verdict?.verdict).toBe('fail');
    expect(played.verdict?.findings).toContainEqual(expect.objectContaining({ rule: 'cn.pia.missing', outcome: 'fail' }));
    await app.close();
  });

  it('refuses a body without a pack', async () => {
    const app = await testServer();
    const r = await app.inject({ method: 'POST', url: '/v1/playground', payload: { manifest: 'x' } });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'bad-request' } });
    await app.close();
  });
});

describe('playground packs', () => {
  it('names each pack by its parsed metadata.id, wherever metadata sits and however the id is quoted', async () => {
    const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { bundledPacks } = await import('../../src/app/playground.js');
    const { ROOT } = await import('../helpers/cli.js');
    const root = mkdtempSync(join(tmpdir(), 'xborder-playground-'));
    cpSync(join(ROOT, 'rules/cn-national'), join(root, 'cn-national'), { recursive: true });
    const file = join(root, 'cn-national/pack.yaml');
    // Same pack, written differently: parameters (with their own indented `id:`-free keys) first, the id quoted.
    const text = readFileSync(file, 'utf8');
    const [head, rest] = [text.slice(0, text.indexOf('metadata:')), text.slice(text.indexOf('metadata:'))];
    writeFileSync(file, `${head}taxonomyNote:\n  id: not-the-pack\n${rest.replace('id: cn-national\n', 'id: "cn-national"\n')}`);
    const packs = await bundledPacks(root);
    expect(packs.map((p) => [p.id, p.pack.uri])).toEqual([['cn-national', 'cn-national/pack.yaml']]);
    writeFileSync(file, 'metadata: [');
    expect((await bundledPacks(root)).map((p) => p.id)).toEqual(['cn-national/pack.yaml']);
  });
});
