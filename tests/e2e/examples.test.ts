import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT, xborder } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const verdictSchema = require('../../schemas/verdict.schema.json');
const validateVerdict = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(verdictSchema);

/** The mechanism each bundled example must get; the verdict is the file name's prefix. */
const MECHANISM: Record<string, string> = {
  'fail-app-1-2m-users.yaml': 'security-assessment',
  'fail-assessment-expired.yaml': 'security-assessment',
  'fail-beijing-automotive-exterior-video.yaml': 'security-assessment',
  'pass-guangzhou-hk-gba-contract.yaml': 'contract-or-certification',
  'review-automotive-110k-owners.yaml': 'contract-or-certification',
  'review-beijing-retail-partial-scenario.yaml': 'contract-or-certification',
  'pass-lingang-icv-after-sales.yaml': 'none',
  'review-shanghai-shipping-partial-scenario.yaml': 'contract-or-certification',
  'fail-ciio-bank-5k-analytics.yaml': 'security-assessment',
  'fail-clinic-12k-health-records.yaml': 'security-assessment',
  'fail-manufacturer-notified-important-data.yaml': 'security-assessment',
  'fail-sme-150k-singapore.yaml': 'contract-or-certification',
  'fail-sme-80k-plus-500-bank-cards.yaml': 'contract-or-certification',
  'fail-us-court-subpoena.yaml': 'prohibited',
  'pass-ciio-hotel-booking.yaml': 'none',
  'pass-ecommerce-orders-contract.json': 'none',
  'pass-emergency-medical-record.yaml': 'none',
  'pass-hr-3000-employees.yaml': 'none',
  'pass-manufacturer-drawings-no-pi.yaml': 'none',
  'pass-reexport-foreign-orders.yaml': 'none',
  'pass-sme-150k-contract-filed.yaml': 'contract-or-certification',
  'pass-sme-80k-below-threshold.yaml': 'none',
  'review-merged-foreign-and-domestic.yaml': 'contract-or-certification',
  'review-unknown-category.yaml': 'none',
};

const dir = `${ROOT}examples/manifests`;
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

describe('bundled examples through the built CLI', () => {
  it('has an expectation for every example and at least 12 of them', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    const unknown = files.filter((f) => !(f in MECHANISM) && !f.startsWith('pass-') && !f.startsWith('fail-') && !f.startsWith('review-'));
    expect(unknown).toEqual([]);
  });

  for (const file of files.filter((f) => f in MECHANISM)) {
    it(`${file} → ${file.split('-')[0]} / ${MECHANISM[file]}`, () => {
      const expected = file.split('-')[0] as 'pass' | 'fail' | 'review';
      const r = xborder(['check', '--format', 'json', `examples/manifests/${file}`]);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack traces
      const [v] = JSON.parse(r.stdout);
      expect(validateVerdict(v), JSON.stringify(validateVerdict.errors)).toBe(true);
      expect(v.verdict).toBe(expected);
      expect(v.mechanism).toBe(MECHANISM[file]);
      expect(r.code).toBe(expected === 'fail' ? 1 : 0);
      // Every fail/review has a finding explaining it; every finding names a field with a position and a citation.
      expect(v.findings.length).toBeGreaterThan(0);
      if (expected !== 'pass') expect(v.findings.some((f: { outcome: string }) => f.outcome === expected)).toBe(true);
      for (const f of v.findings) {
        expect(f.citation).not.toBe('');
        expect(f.message.zh).not.toBe('');
        if (f.pack !== 'xborder') expect(f.line).toBeGreaterThan(0);
      }
    });
  }

  it('checks the whole directory in sorted order with one summary and exit 1 (some fail)', () => {
    const r = xborder(['check', '--format', 'json', 'examples/manifests/']);
    expect(r.code).toBe(1);
    const all = JSON.parse(r.stdout) as { source: string; verdict: string }[];
    expect(all.map((v) => v.source)).toEqual(files.map((f) => `examples/manifests/${f}`));
    for (const v of all) expect(validateVerdict(v)).toBe(true);
    // Each example is another company's transfer: checked in one run, the same exporter's transfers would count
    // together (xborder.run-undercount), so the variants name different exporters.
    expect(r.stderr).toMatch(/^25 checked: 10 pass, 6 review, 9 fail$/m);
  });

  it('--fail-on review makes a review verdict fail the gate', () => {
    expect(xborder(['check', 'examples/manifests/review-unknown-category.yaml']).code).toBe(0);
    expect(xborder(['check', '--fail-on', 'review', 'examples/manifests/review-unknown-category.yaml']).code).toBe(1);
  });
});
