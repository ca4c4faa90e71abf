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

  it('says no filing is required only when the route is none and the verdict not review; a route without listed materials says so', () => {
    const review = reportBody(verdict, { thresholds: [], materials: [] }, 'en');
    expect(review).not.toContain('No filing is required');
    expect(review).toContain('mechanism undetermined');
    expect(review).toContain('The route is not determined yet');
    expect(reportBody(verdict, { thresholds: [], materials: [] }, 'zh')).toContain('所需机制待定');
    const pass = reportBody({ ...verdict, verdict: 'pass' }, { thresholds: [], materials: [] }, 'en');
    expect(pass).toContain('No filing is required');
    expect(pass).not.toContain('undetermined');
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

describe('one source of labels (src/report/labels.ts) for every report and the web console', () => {
  it('the printable report says each route and verdict in the words of labels.ts, in both languages', async () => {
    const { MECHANISM_TEXT, OUTCOME_MEANING, OUTCOME_TEXT, mechanismHeadline } = await import('../../src/report/labels.js');
    for (const lang of ['en', 'zh'] as const) {
      for (const mechanism of Object.keys(MECHANISM_TEXT) as (keyof typeof MECHANISM_TEXT)[]) {
        for (const outcome of Object.keys(OUTCOME_MEANING) as (keyof typeof OUTCOME_MEANING)[]) {
          const html = reportBody({ ...verdict, mechanism, verdict: outcome }, { thresholds: [], materials: [] }, lang);
          expect(html).toContain(`<p class="rp-mechanism">${mechanismHeadline(outcome, mechanism)[lang]}</p>`);
          expect(html).toContain(OUTCOME_MEANING[outcome][lang]);
          expect(OUTCOME_MEANING[outcome][lang].startsWith(OUTCOME_TEXT[outcome][lang])).toBe(true);
        }
      }
    }
  });

  it('the web console\'s headings are the reports\' (web/src/i18n.ts, bundled by Vite, imports them)', async () => {
    const { HEADINGS } = await import('../../src/report/labels.js');
    const { T } = await import('../../web/src/i18n.js');
    expect({ verdict: T.verdict, route: T.mechanism, reasons: T.reasons, next: T.next, duties: T.duties, warnings: T.warnings, field: T.field })
      .toEqual({ verdict: HEADINGS.verdict, route: HEADINGS.route, reasons: HEADINGS.reasons, next: HEADINGS.next, duties: HEADINGS.duties, warnings: HEADINGS.warnings, field: HEADINGS.field });
    const html = reportBody(verdict, { thresholds: [], materials: [] }, 'zh');
    for (const h of [HEADINGS.route, HEADINGS.reasons]) expect(html).toContain(`<h2>${h.zh}</h2>`);
  });

  it('shows a waived finding as waived, with who accepted the risk and until when', () => {
    const waived: Verdict = { ...verdict, findings: [{ ...verdict.findings[0]!, waived: { entry: 1, approver: 'Li Wei', expires: '2027-03-31', reason: 'filing under way' } }] };
    expect(reportBody(waived, { thresholds: [], materials: [] }, 'en')).toContain('<div class="rp-waived">waived by Li Wei until 2027-03-31: filing under way</div>');
  });
});

describe('report context from the loaded packs', () => {
  it('takes the national thresholds from the loaded pack (never rereads the pack file) and the summary from the manifest', async () => {
    const { loadPacks, bundledRules } = await import('../../src/load/load-packs.js');
    const { reportContext } = await import('../../src/console/report-command.js');
    const set = await loadPacks([bundledRules()]);
    // The files are gone as far as the report can tell: everything must come from the loaded objects.
    const moved = { ...set, packs: set.packs.map((p) => ({ ...p, uri: '/nonexistent/pack.yaml' })) };
    const v: Verdict = { ...verdict, mechanism: 'contract-or-certification', packs: [{ id: 'cn-national', version: '1', digest: 'x' }] };
    const m = { exporter: { name: 'A Co.' }, recipient: { name: 'B Ltd.', country: 'SG' }, date: '2026-03-15' } as Parameters<typeof reportContext>[1];
    const ctx = reportContext(v, m, moved as typeof set, '2026-12-06');
    expect(ctx.thresholds.map((t) => [t.name, t.value])).toContainEqual(['nonSensitiveContractThreshold', 100000]);
    expect(ctx.thresholds.every((t) => t.description.zh.length > 0)).toBe(true);
    expect(ctx.materials.length).toBeGreaterThan(0);
    expect(ctx.summary).toEqual({ exporter: 'A Co.', recipient: 'B Ltd.', country: 'SG', date: '2026-03-15' });
  });
});
