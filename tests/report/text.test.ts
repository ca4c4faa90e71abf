import { describe, expect, it } from 'vitest';
import { textBlock } from '../../src/report/text.js';
import { json } from '../../src/report/json.js';
import { ctx, passVerdict, reviewVerdict } from './fixtures.js';
import type { Verdict } from '../../src/model/verdict.js';

// A 2019 manifest: no pack in force, so the checker decided review with mechanism none.
const noPack: Verdict = {
  ...reviewVerdict,
  findings: [{ rule: 'xborder.no-pack-in-force', pack: 'xborder', outcome: 'review', message: { en: 'No rule pack is in force on 2019-05-01.', zh: '2019-05-01无有效规则包。' }, citation: 'xborder', path: '/date' }],
};
const headline = (v: Verdict, lang: 'en' | 'zh'): string => textBlock(v, ctx({ lang })).split('\n')[1]!.trim();

describe('text report headline', () => {
  it('a review with mechanism none says the mechanism is undetermined, not that none is required', () => {
    expect(headline(noPack, 'en')).toBe('REVIEW  mechanism undetermined');
    expect(headline(noPack, 'zh')).toBe('需人工审查  所需机制待定');
    expect(headline(reviewVerdict, 'en')).not.toContain('no mechanism required');
  });

  it('a pass with mechanism none still says no mechanism is required', () => {
    expect(headline(passVerdict, 'en')).toBe('PASS  no mechanism required');
    expect(headline(passVerdict, 'zh')).toBe('通过  无需申报评估、订立标准合同或认证');
  });

  it('a fail with mechanism none says a duty is unmet, not only that no mechanism is required', () => {
    const dutyUnmet: Verdict = { ...passVerdict, verdict: 'fail', mechanism: 'none' };
    expect(headline(dutyUnmet, 'en')).toBe('FAIL  no mechanism required, but a duty is not met');
    expect(headline(dutyUnmet, 'zh')).toBe('不通过  无需申报评估、订立标准合同或认证，但有义务未履行');
  });

  it('the JSON contract keeps mechanism "none"', () => {
    const out = JSON.parse(json([noPack], ctx())) as { results?: { mechanism: string }[] } | { mechanism: string }[];
    const first = Array.isArray(out) ? out[0] : (out.results ?? [])[0];
    expect(first?.mechanism).toBe('none');
  });
});
