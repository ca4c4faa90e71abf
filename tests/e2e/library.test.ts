import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check, checkText, isError, loadPacks, type CheckResult } from 'xborder';
import { parse } from 'yaml';

const text = readFileSync(new URL('../../examples/manifests/fail-sme-150k-singapore.yaml', import.meta.url), 'utf8');
const manifest = parse(text) as Record<string, unknown>;
const packs = await loadPacks();

describe("library API: import { loadPacks, check } from 'xborder'", () => {
  it('checks a parsed object and returns the same verdict as the CLI JSON (without positions)', async () => {
    const v = await check(manifest, packs);
    expect(isError(v)).toBe(false);
    expect(v).toMatchObject({ manifest: 'tm-2026-0042', source: '<memory>', verdict: 'fail', mechanism: 'contract-or-certification' });
  });

  it('checks text with positions', async () => {
    const v = await checkText(text, 'sme.yaml', packs);
    if (isError(v)) throw new Error('unexpected error');
    expect(v.findings[0]).toMatchObject({ path: '/personalInformation/individuals', line: 28, column: 16 });
  });

  it('returns an error result, never a verdict, for an invalid object', async () => {
    const r = await check({ ...manifest, exporter: { name: 'x', region: 'CN-SH' } }, packs);
    expect(isError(r)).toBe(true);
    if (isError(r)) expect(r.error.details?.map((d) => d.message)).toContain('/exporter missing required field "ciio"');
  });

  it('overlapping check() calls give the same results as sequential ones (no shared engine, issue #303)', async () => {
    const variants = Array.from({ length: 60 }, (_, i) => ({
      ...manifest,
      id: `tm-${i}`,
      personalInformation: { individuals: [50_000, 150_000, 1_500_000][i % 3], sensitiveIndividuals: i % 4 === 0 ? 20 : 0 },
      data: [{ id: 'c', categories: i % 4 === 0 ? ['pi.basic', 'spi.financial'] : ['pi.basic'], classification: 'general' }],
    }));
    const sequential: CheckResult[] = [];
    for (const m of variants) sequential.push(await check(m, packs));
    const concurrent = await Promise.all(variants.map((m) => check(m, packs)));
    expect(concurrent).toEqual(sequential);
    expect(new Set(sequential.map((r) => (isError(r) ? 'error' : r.mechanism)))).toEqual(new Set(['none', 'contract-or-certification', 'security-assessment']));
  });

  it('is deterministic and does not mutate its input', async () => {
    const before = JSON.stringify(manifest);
    const a = await check(manifest, packs);
    const b = await check(manifest, packs);
    expect(a).toEqual(b);
    expect(JSON.stringify(manifest)).toBe(before);
  });
});
