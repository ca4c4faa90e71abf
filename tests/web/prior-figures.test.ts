/**
 * The builder's earlier-this-year figures: one typed alone never makes the other 0. The builder wrote the figure left
 * empty as 0, so 20,000 typed alone declared no earlier sensitive transfers and the check passed a transfer that the
 * unstated figure could make need a contract (review when neither is given; the help text says so).
 */
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { checkValue } from '../../dist/src/evaluate/pipeline.js';
import { isError } from '../../dist/src/model/verdict.js';
import { getIn, setPrior, type Manifest } from '../../web/src/manifest.js';

const packs = await loadPacks();
/** 50,000 people's non-sensitive PI: a pass below the Art 5(4) threshold when nothing earlier is stated (0 and 0). */
const base: Manifest = {
  apiVersion: 'xborder/v1', kind: 'TransferManifest', id: 'web-1', date: '2026-03-15',
  exporter: { name: '上海示例贸易有限公司', region: 'CN-SH', ciio: false, sector: 'retail' },
  recipient: { name: 'Example Pte. Ltd.', country: 'SG', kind: 'company' },
  purpose: { basis: 'consent' },
  data: [{ id: 'customers', categories: ['pi.contact'], classification: 'general' }],
  personalInformation: { individuals: 50_000, sensitiveIndividuals: 0 },
  safeguards: { separateConsent: true, pia: { completedOn: '2026-02-01' } },
};
const prior = (m: Manifest) => getIn(m, ['personalInformation', 'priorThisYear']);
const check = async (m: Manifest) => {
  const r = await checkValue(m, packs, { today: '2026-12-07' });
  return isError(r) ? { error: r.error.message } : { verdict: r.verdict, rules: r.findings.map((f) => f.rule) };
};

describe('web builder: earlier-this-year figures', () => {
  it('one figure typed alone stays alone, and the check refuses the manifest naming the other (not a pass)', async () => {
    const m = setPrior(base, 'individuals', 20_000);
    expect(prior(m)).toEqual({ individuals: 20_000 });
    const r = await check(m);
    expect(r.verdict).toBeUndefined();
    expect(r.error).toMatch(/priorThisYear.*sensitiveIndividuals/);
  });
  it('control: both figures given (0 for none) is a pass; the earlier sensitive figure, when there was one, needs a contract', async () => {
    const both = setPrior(setPrior(base, 'individuals', 20_000), 'sensitiveIndividuals', 0);
    expect(prior(both)).toEqual({ individuals: 20_000, sensitiveIndividuals: 0 });
    expect((await check(both)).verdict).toBe('pass');
    expect((await check(setPrior(both, 'sensitiveIndividuals', 500))).verdict).toBe('fail');
  });
  it('both cleared: no priorThisYear, and the pass that depends on it is a review', async () => {
    const m = setPrior(setPrior(setPrior(base, 'individuals', 20_000), 'sensitiveIndividuals', 0), 'individuals', undefined);
    expect(prior(m)).toEqual({ sensitiveIndividuals: 0 });
    const cleared = setPrior(m, 'sensitiveIndividuals', undefined);
    expect(prior(cleared)).toBeUndefined();
    expect(await check(cleared)).toEqual({ verdict: 'review', rules: expect.arrayContaining(['xborder.prior-unstated']) });
  });
});
