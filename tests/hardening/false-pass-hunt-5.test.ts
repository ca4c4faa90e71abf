import { beforeAll, describe, expect, it } from 'vitest';
// The built code (npm test builds first), as the other hardening tests.
import { loadPacks } from '../../dist/src/load/load-packs.js';
import type { PackSet } from '../../dist/src/evaluate/pack-set.js';
import { checkValue } from '../../dist/src/evaluate/pipeline.js';
import { isError, type Verdict } from '../../dist/src/model/verdict.js';
import { BASE_MANIFEST, manifestWith, yamlOf } from '../helpers/manifests.js';
import { runCli, tempDir, writeTemp } from './cli-run.js';

/**
 * False passes found by the fifth adversarial review (December 2026): the GBA contracts, the automotive pack beside
 * the zone lists, edition and year boundaries, and the prior-unstated test. Every `it` here failed before its fix.
 */
let bundled: PackSet;
beforeAll(async () => {
  bundled = await loadPacks();
});

const NOTHING_BEFORE = { personalInformation: { priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } } };

const check = async (opts: { asOf?: string }, ...patches: object[]): Promise<Verdict> => {
  const r = await checkValue(manifestWith(BASE_MANIFEST, NOTHING_BEFORE, ...patches), bundled, opts);
  if (isError(r)) throw new Error(`invalid test manifest: ${r.error.message}`);
  return r;
};
const rules = (v: Verdict): string[] => v.findings.map((f) => f.rule);

// priorThisYear is "this year" of manifest.date (shared/spec/manifest.md); --as-of moves the counting year
// (CAC 2024 Arts 5(4), 7, 8: "自当年1月1日起累计"). A manifest dated 5 January 2027 stating nothing before (true of
// 1-5 January 2027), checked as of 20 December 2026, was a pass on 50,000 people: the 2026 transfers before it were
// read as the declared 0, though nothing says what they were.
describe('priorThisYear of another year than the one --as-of counts in is not a statement about that year', () => {
  const january = { date: '2027-01-05', personalInformation: { individuals: 50_000 } };

  it('dated 2027-01-05, checked as of 2026-12-20: review with xborder.prior-unstated, not pass', async () => {
    const v = await check({ asOf: '2026-12-20' }, january);
    expect(v.verdict).toBe('review');
    expect(rules(v)).toContain('xborder.prior-unstated');
    expect(v.findings.find((f) => f.rule === 'xborder.prior-unstated')!.message.en).toContain('covers 2027 only');
  });

  it('dated 2026-12-20, checked as of 2027-01-05: review too (the 2027 transfers are not stated)', async () => {
    const v = await check({ asOf: '2027-01-05' }, { date: '2026-12-20', personalInformation: { individuals: 50_000 } });
    expect(v.verdict).toBe('review');
    expect(rules(v)).toContain('xborder.prior-unstated');
  });

  it('the other year\'s priorThisYear is not counted in the year of --as-of either', async () => {
    const v = await check({ asOf: '2026-12-20' }, january, { personalInformation: { priorThisYear: { individuals: 900_000, sensitiveIndividuals: 0 } } });
    expect(v.counts.individuals).toBe(50_000);
    expect(v.countsSource).toBe('none');
  });

  it('control: the same manifest in its own year passes, and an --as-of in the same year too', async () => {
    expect((await check({}, january)).verdict).toBe('pass');
    expect((await check({ asOf: '2027-03-01' }, january)).verdict).toBe('pass');
  });

  it('the CLI: check --as-of 2026-12-20 exits 1 under --fail-on review, not 0', async () => {
    const file = writeTemp(tempDir(), 'january.yaml', yamlOf(manifestWith(BASE_MANIFEST, NOTHING_BEFORE, january)));
    const r = await runCli(['check', '--format', 'json', '--fail-on', 'review', '--as-of', '2026-12-20', file]);
    expect((JSON.parse(r.stdout) as Verdict[])[0]!.verdict).toBe('review');
    expect(r.code).toBe(1);
  }, 60_000);
});

// The 2021 automotive provisions (Art 3 ¶6(1)-(3); shared/regulation/zone-lists.md §4) name vehicle-flow and logistics
// data, the flows of sensitive areas and the charging network's operating data important data, for every automotive
// data processor. The Beijing list reads those items under biz.logistics and biz.operations and reviews them
// (beijing.entry.may-be-important); the sector pack had no such check, so the same carmaker's shipment data passed
// under Art 3 everywhere else: in Guangzhou, in Shanghai, in Lingang once its list lapsed.
describe('an automotive processor\'s logistics and operating data is reviewed as possible important data outside Beijing too', () => {
  const noPI = (categories: string[], activity = 'manufacturing') => ({
    purpose: { basis: 'none', activity }, personalInformation: null, data: [{ id: 'ops', categories, classification: 'general' }],
  });

  it('Guangzhou carmaker, shipment data (biz.logistics), no PI: review, not pass', async () => {
    const v = await check({}, { exporter: { name: '广州示例汽车有限公司', region: 'CN-GD', city: 'guangzhou', sector: 'automotive' } }, noPI(['biz.logistics']));
    expect(v.verdict).toBe('review');
    expect(rules(v)).toContain('automotive.important.may-be-flow-or-charging-data');
  });

  it('Lingang ICV maker after the general-data list lapsed (June 2025), supply-chain data: review', async () => {
    const v = await check({}, { date: '2025-06-03', exporter: { zone: 'shanghai-lingang', sector: 'icv' }, safeguards: { pia: { completedOn: '2025-02-01' } } }, noPI(['biz.logistics', 'biz.operations']));
    expect(v.verdict).toBe('review');
    expect(rules(v)).toContain('automotive.important.may-be-flow-or-charging-data');
  });

  it('control: a retailer\'s shipment data still passes under Art 3', async () => {
    expect((await check({}, noPI(['biz.logistics']))).verdict).toBe('pass');
  });
});

// Order 13 Art 7 and the GBA guidelines' filing clause: file within 10 working days of the contract taking effect. A
// transfer made inside the period passed "with an obligation to file by the deadline" (shared/spec/verdict.md), even
// when the manifest's own filedOn, after the transfer, is past that deadline: the obligation the pass rested on is
// stated as missed. A contract filed late before the transfer is review (cn.contract.filed-late, gba.contract.filed-late);
// filed late after it, it is the same late filing.
describe('a contract the manifest says was filed late is not a pass because the transfer came first', () => {
  it('standard contract effective Mon 2026-03-02, transfer Tue 03-10, filed Tue 03-17 (11th working day): review', async () => {
    const v = await check({}, { date: '2026-03-10', safeguards: { standardContract: { signedOn: '2026-03-02', filedOn: '2026-03-17', ref: 'SC-1' } } });
    expect(v.verdict).toBe('review');
    expect(rules(v)).toContain('cn.contract.filed-late');
  });

  it('GBA contract, Guangzhou to Hong Kong, the same dates: review', async () => {
    const v = await check({}, {
      date: '2026-03-10', exporter: { name: '广州示例科技有限公司', region: 'CN-GD', city: 'guangzhou' }, recipient: { name: 'Example HK Ltd.', country: 'HK' },
      safeguards: { gbaContract: { signedOn: '2026-03-02', filedOn: '2026-03-17', ref: 'GD-GBA-1', onwardOutsideGba: false } },
    });
    expect(v.verdict).toBe('review');
    expect(rules(v)).toContain('gba.contract.filed-late');
    expect(rules(v)).not.toContain('gba.contract.filing-pending');
  });

  it('control: filed after the transfer but on the 10th working day (03-16) passes, both routes', async () => {
    const sc = await check({}, { date: '2026-03-10', safeguards: { standardContract: { signedOn: '2026-03-02', filedOn: '2026-03-16', ref: 'SC-1' } } });
    expect(sc.verdict).toBe('pass');
    const gba = await check({}, {
      date: '2026-03-10', exporter: { name: '广州示例科技有限公司', region: 'CN-GD', city: 'guangzhou' }, recipient: { name: 'Example HK Ltd.', country: 'HK' },
      safeguards: { gbaContract: { signedOn: '2026-03-02', filedOn: '2026-03-16', ref: 'GD-GBA-1', onwardOutsideGba: false } },
    });
    expect(gba.verdict).toBe('pass');
  });
});

// Certification is valid 3 years (shared/regulation/cn-cross-border.md §2.3, the 2025 Certification Measures), and the
// manifest gives only its validUntil: a certificate valid until 2030 for a transfer in March 2026 was issued after
// the transfer, so it was not in place on the date (shared/spec/verdict.md: a mechanism counts when in place on the
// transfer date). It passed as "date <= validUntil".
describe('a certification valid for longer than its term after the transfer was not in place on the transfer date', () => {
  it('150,000 people on 2026-03-15, certification valid until 2030-01-01 only: review, not pass', async () => {
    const v = await check({}, { date: '2026-03-15', safeguards: { certification: { ref: 'CERT-1', validUntil: '2030-01-01' } } });
    expect(v.verdict).toBe('review');
    expect(rules(v)).toContain('cn.certification.issued-after-transfer');
  });

  it('control: valid until 2029-03-15 (exactly 3 years) passes', async () => {
    expect((await check({}, { date: '2026-03-15', safeguards: { certification: { ref: 'CERT-1', validUntil: '2029-03-15' } } })).verdict).toBe('pass');
  });
});

// "Necessary to perform a statutory duty" is a condition of the Network Data Security Management Regulations Art 35(6),
// in force 1 January 2025 (shared/regulation/cn-cross-border.md §2.6: "adds (6)"); the 2024 Provisions' Art 5 has no
// such exemption. The rule ran from 22 March 2024, so 300,000 people sent in 2024 on a declared legal duty passed with
// no contract.
describe('the statutory-duty exemption does not apply before the NDSMR took effect', () => {
  const duty = (date: string) => ({ date, purpose: { basis: 'legal-duty', activity: 'other' }, personalInformation: { individuals: 300_000 }, safeguards: { pia: { completedOn: '2024-06-03' } } });

  it('2024-12-31, basis legal-duty, 300,000 people, no contract: fail (contract or certification), not pass', async () => {
    const v = await check({}, duty('2024-12-31'));
    expect(v.verdict).toBe('fail');
    expect(rules(v)).not.toContain('cn.exempt.statutory-duty');
  });

  it('control: from 2025-01-01 it is exempt', async () => {
    const v = await check({}, duty('2025-01-01'));
    expect(v.verdict).toBe('pass');
    expect(rules(v)).toContain('cn.exempt.statutory-duty');
  });
});
