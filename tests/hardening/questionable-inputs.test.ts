import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOOD, runCli, tempDir, writeTemp } from './cli-run.js';

/** Issue 11, questionable inputs: decided in docs/questionable-inputs.md. Each was accepted (mostly as pass) before. */
const base = readFileSync(join(GOOD, 'sme-150k-singapore.yaml'), 'utf8');
const PIA = '  pia: { completedOn: 2026-02-01 }';
const dir = tempDir();
const variant = (name: string, from: string, to: string): string => {
  expect(base).toContain(from);
  return writeTemp(dir, `${name}.yaml`, base.replace(from, to));
};
const run = async (file: string) => {
  const r = await runCli(['check', '--format', 'json', file]);
  return { code: r.code, v: [JSON.parse(r.stdout)].flat()[0] as { verdict?: string; status?: string; findings?: { rule: string }[]; error?: { message: string; details?: { message: string }[] } } };
};
const messages = (v: Awaited<ReturnType<typeof run>>['v']): string => [v.error?.message, ...(v.error?.details ?? []).map((d) => d.message)].join('\n');

describe('impossible or meaningless inputs are validation errors (exit 2), never a verdict', () => {
  const cases: [string, string, string, RegExp][] = [
    ['filed-before-signed', PIA, `${PIA}\n  standardContract: { signedOn: 2026-01-10, filedOn: 2026-01-05 }`, /filed \(2026-01-05\) before it is signed \(2026-01-10\)/],
    ['signed-1900', PIA, `${PIA}\n  standardContract: { signedOn: 1900-01-10, filedOn: 1900-01-12 }`, /signedOn 1900-01-10 cannot be a date of this safeguard/],
    ['assessment-9999', PIA, `${PIA}\n  securityAssessment: { ref: CAC-1, issuedOn: 2025-06-01, validUntil: 9999-12-31 }`, /validUntil 9999-12-31 cannot be a date/],
    ['certification-9999', PIA, `${PIA}\n  certification: { ref: C-1, validUntil: 9999-12-31 }`, /validUntil 9999-12-31 cannot be a date/],
    ['assessment-expires-before-issued', PIA, `${PIA}\n  securityAssessment: { ref: CAC-1, issuedOn: 2025-06-01, validUntil: 2025-05-01 }`, /expires \(2025-05-01\) before it is issued/],
    ['country-XX', 'country: SG', 'country: XX', /"XX" is not an assigned ISO 3166-1 country code/],
    ['country-ZZ', 'country: SG', 'country: ZZ', /"ZZ" is not an assigned ISO 3166-1 country code/],
    ['region-CN-XX', 'region: CN-SH', 'region: CN-XX', /"CN-XX" is not an ISO 3166-2:CN region code/],
  ];
  for (const [name, from, to, says] of cases) {
    it(name, async () => {
      const { code, v } = await run(variant(name, from, to));
      expect(code).toBe(2);
      expect(v.verdict).toBeUndefined();
      expect(messages(v)).toMatch(says);
    }, 60_000);
  }
  it('real codes stay valid: XK (Kosovo), HK as a recipient, CN-XZ (Xizang) as a region', async () => {
    for (const [from, to] of [['country: SG', 'country: XK'], ['country: SG', 'country: HK'], ['region: CN-SH', 'region: CN-XZ']] as const) {
      const { v } = await run(variant(to.replace(/\W/g, ''), from, to));
      expect(v.verdict, to).toBe('fail');
    }
  }, 60_000);
});

describe('zone beijing with region CN-SH: a review finding (the zone list is city-wide), not a validation error', () => {
  it('is review with xborder.zone-region-mismatch; the matching region is not', async () => {
    const mismatch = await run(variant('bj-sh', '  region: CN-SH', '  region: CN-SH\n  zone: beijing'));
    expect(mismatch.v.verdict).not.toBe('pass'); // review at least; the national rules may make it fail
    expect(mismatch.v.findings?.map((f) => f.rule)).toContain('xborder.zone-region-mismatch');
    const match = await run(variant('bj-bj', '  region: CN-SH', '  region: CN-BJ\n  zone: beijing'));
    expect(match.v.findings?.map((f) => f.rule)).not.toContain('xborder.zone-region-mismatch');
  }, 60_000);
  it('xborder zones compares each zone as if registered there (its region too), so no row is a mismatch', async () => {
    const r = await runCli(['zones', '--format', 'json', join(GOOD, 'sme-150k-singapore.yaml')]);
    const rows = (JSON.parse(r.stdout) as { zones: { zone: string; verdict: string; deciding?: { rule: string } }[] }).zones;
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.map((x) => x.deciding?.rule)).not.toContain('xborder.zone-region-mismatch');
    expect(r.code).toBe(rows.find((x) => x.zone === 'none')?.verdict === 'fail' ? 1 : 0); // the gate on its own row
  }, 60_000);
});
