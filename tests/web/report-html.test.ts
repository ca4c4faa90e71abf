/** The report markup escapes what it prints and reads thresholds from pack parameters. */
import { describe, expect, it } from 'vitest';
import { reportBody } from '../../src/console/report-html.js';
import { thresholdsOf } from '../../src/console/thresholds.js';
import type { Verdict } from '../../src/model/verdict.js';

const verdict: Verdict = {
  manifest: 'm<1>', source: 'x', asOf: '2026-03-15', verdict: 'review', mechanism: 'none',
  counts: { individuals: 99999, sensitiveIndividuals: 0 },
  findings: [{ rule: 'r', pack: 'p', outcome: 'review', message: { en: '<script>alert(1)</script>', zh: '<b>' }, citation: 'Art "1"', path: '/data' }],
  obligations: [], packs: [{ id: 'cn-national', version: '1', digest: 'sha256:abc' }],
};

describe('report markup', () => {
  it('escapes every value taken from the verdict and the manifest', () => {
    const html = reportBody(verdict, { thresholds: [], materials: [], summary: { exporter: 'A & <B>' } }, 'en');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('A &amp; &lt;B&gt;');
    expect(html).toContain('m&lt;1&gt;');
  });

  it('marks a threshold reached only at or above its value (100,000 or more)', () => {
    const th = thresholdsOf({ nonSensitiveContractThreshold: { value: 100000, description: { en: 'contract', zh: '合同' } } });
    const at = (n: number) => reportBody({ ...verdict, counts: { individuals: n, sensitiveIndividuals: 0 } }, { thresholds: th, materials: [] }, 'en');
    expect(at(99999)).toMatch(/99,999<\/td><td class="rp-nowrap">no</);
    expect(at(100000)).toMatch(/100,000<\/td><td class="rp-nowrap">yes</);
  });

  it('says no filing is required only when the route is none; a route without listed materials says so', () => {
    expect(reportBody(verdict, { thresholds: [], materials: [] }, 'en')).toContain('No filing is required');
    const contract = reportBody({ ...verdict, mechanism: 'contract-or-certification' }, { thresholds: [], materials: [] }, 'en');
    expect(contract).not.toContain('No filing is required');
    expect(contract).toContain('The rule packs list no materials for this route');
  });

  it('takes every numeric …Threshold parameter, sensitive ones against sensitive individuals', () => {
    const th = thresholdsOf({
      sensitiveAssessmentThreshold: { value: 10000, description: { en: 's', zh: 's' } },
      nonSensitiveAssessmentThreshold: { value: 1000000, description: { en: 'a', zh: 'a' } },
      assessmentValidityYears: { value: 3, description: { en: 'v', zh: 'v' } },
      oddThreshold: { value: 'x', description: { en: 'o', zh: 'o' } },
    });
    expect(th.map((t) => [t.name, t.counts])).toEqual([
      ['nonSensitiveAssessmentThreshold', 'individuals'], ['sensitiveAssessmentThreshold', 'sensitiveIndividuals'],
    ]);
  });
});
