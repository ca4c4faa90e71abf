import { beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import type { PackSet } from '../../dist/src/evaluate/pack-set.js';
import { checkValue } from '../../dist/src/evaluate/pipeline.js';
import { gateOutcome, isError, type Verdict } from '../../dist/src/model/verdict.js';
import { BASE_MANIFEST, manifestWith } from '../helpers/manifests.js';
import { deriveFacts, PRIOR_DEPENDENT, withLedgerPrior } from '../../dist/src/evaluate/derive-facts.js';
import { derivationParams, selectPacks } from '../../dist/src/evaluate/select.js';
import { taxonomyFor } from '../../dist/src/evaluate/taxonomy.js';

/**
 * The thresholds count every transfer since 1 January (CAC 2024 Arts 5(4), 7, 8). A manifest that does not state its
 * earlier transfers (personalInformation.priorThisYear), checked without a ledger, says nothing about them: a verdict
 * they would make stricter is review (xborder.prior-unstated), never a pass or a mechanism lower than it may be.
 */
let packs: PackSet;
beforeAll(async () => { packs = await loadPacks(); });

const NONE_BEFORE = { personalInformation: { priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } } };
const UNSTATED = { personalInformation: { priorThisYear: null } };
const check = async (opts: Parameters<typeof checkValue>[2], ...patches: object[]): Promise<Verdict> => {
  const r = await checkValue(manifestWith(BASE_MANIFEST, ...patches), packs, { today: '2026-03-15', ...opts });
  if (isError(r)) throw new Error(r.error.message);
  return r;
};
const rules = (v: Verdict): string[] => v.findings.map((f) => f.rule);
const below = { personalInformation: { individuals: 80000 } };

describe('earlier transfers nobody stated', () => {
  it('80,000 people, Art 5(4): review without priorThisYear; pass when it says none, or when a ledger says so', async () => {
    const unknown = await check({}, below, UNSTATED);
    expect(unknown.verdict).toBe('review');
    expect(unknown.findings.find((f) => f.rule === 'xborder.prior-unstated')).toMatchObject({ outcome: 'review', path: '/personalInformation' });
    expect((await check({}, below, NONE_BEFORE)).verdict).toBe('pass');
    expect((await check({ ledgerPrior: { individuals: 0, sensitiveIndividuals: 0 } }, below, UNSTATED)).verdict).toBe('pass');
  });

  it('an Art 5(1) contract exemption holds whatever came before: pass, no finding', async () => {
    const v = await check({}, { purpose: { basis: 'contract', activity: 'international-trade' } }, UNSTATED);
    expect(v.verdict).toBe('pass');
    expect(rules(v)).not.toContain('xborder.prior-unstated');
  });

  it('a fail in the contract band says the contract may not be enough (the assessment line is 1,000,000 with earlier ones)', async () => {
    const v = await check({}, UNSTATED);
    expect(v.verdict).toBe('fail');
    expect(rules(v)).toEqual(expect.arrayContaining(['cn.volume.contract-non-sensitive', 'xborder.prior-unstated']));
  });

  it('a waived fail leaves the unknown to the gate: review, not pass (the waiver covers the missing PIA only)', async () => {
    const waiver = { rule: 'cn-national/cn.pia.missing', exporter: (BASE_MANIFEST.exporter as { name: string }).name, manifest: 'tm-base', reason: 'r', approver: 'a', expires: '2099-01-01', entry: 1 };
    const v = await check({ waivers: [waiver] }, below, UNSTATED, { safeguards: { pia: null } });
    expect(v.verdict).toBe('fail');
    expect(gateOutcome(v)).toBe('review');
    expect(rules(v)).toContain('xborder.prior-unstated');
  });

  it('a valid security assessment already meets any total: 80,000 people without priorThisYear pass (same as stated)', async () => {
    const assessed = { safeguards: { securityAssessment: { ref: 'CAC-2026-17', issuedOn: '2026-01-10', validUntil: '2029-01-09' } } };
    const v = await check({}, below, UNSTATED, assessed);
    expect(rules(v)).not.toContain('xborder.prior-unstated');
    expect(v.verdict).toBe((await check({}, below, NONE_BEFORE, assessed)).verdict);
    expect(v.verdict).toBe('pass');
  });

  it('no sector: earlier transfers could bring the automotive pack in (more than 100,000 people): review', async () => {
    const hr = { exporter: { sector: null }, purpose: { basis: 'hr', activity: 'other' }, personalInformation: { individuals: 3000 } };
    const unknown = await check({}, hr, UNSTATED);
    expect(unknown.verdict).toBe('review');
    expect(rules(unknown)).toContain('xborder.prior-unstated');
    expect((await check({}, hr, NONE_BEFORE)).verdict).toBe('pass');
  });

  it('2023 (rules counting from 1 January of the previous year): priorThisYear alone does not cover 2022', async () => {
    const contract = { date: '2023-08-01', personalInformation: { individuals: 20 }, safeguards: { pia: { completedOn: '2023-07-01' }, standardContract: { signedOn: '2023-07-03', filedOn: '2023-07-05' } } };
    const v = await check({}, contract, NONE_BEFORE);
    expect(v.verdict).toBe('review');
    expect(v.findings.find((f) => f.rule === 'xborder.prior-unstated')?.message.en).toContain('since 1 January 2022');
    // With the ledger the earlier transfers are known; what stays open is the total processed (Order 11 Art 4(2)).
    const ledger = await check({ ledgerPrior: { individuals: 0, sensitiveIndividuals: 0 } }, contract, NONE_BEFORE);
    expect(ledger.findings.map((f) => f.rule)).not.toContain('xborder.prior-unstated');
    expect(ledger.findings.filter((f) => f.outcome !== 'pass').map((f) => f.rule)).toEqual(['cn2022.volume.processed-unconfirmed']);
  });
});

// A second opinion through the public API only: the same manifest checked with a ledger saying "nothing before" and
// with one saying "more than any threshold". xborder.prior-unstated must appear exactly when the second is stricter
// (a rule failing or reviewing that did not, the sector question, a higher mechanism not in place), unless the first already fails
// at the security assessment. This also checks that the far-end run, which re-fires only the rules reading changed
// facts (check.ts refire), answers as a whole run does.
describe('prior-unstated agrees with two ledger runs on generated manifests', () => {
  const mech = (v: Verdict): number => ({ none: 0, 'contract-or-certification': 1, 'security-assessment': 2, prohibited: 3 })[v.mechanism];
  const open = (v: Verdict): Set<string> => new Set(v.findings.filter((f) => f.outcome !== 'pass').map((f) => f.rule));
  it('on 400 generated manifests (national, zone and sector shapes, with and without priorThisYear)', async () => {
    const fc = (await import('fast-check')).default;
    const { manifest } = await import('../property/arbitraries.js');
    let flagged = 0;
    await fc.assert(fc.asyncProperty(manifest, async (generated) => {
      if (!generated.personalInformation) return;
      const m = { ...generated, personalInformation: { individuals: generated.personalInformation.individuals, sensitiveIndividuals: generated.personalInformation.sensitiveIndividuals } };
      const run = async (ledgerPrior?: { individuals: number; sensitiveIndividuals: number }): Promise<Verdict> => {
        const r = await checkValue(m, packs, { today: '2026-03-15', ...(ledgerPrior ? { ledgerPrior } : {}) });
        if (isError(r)) throw new Error(r.error.message);
        return r;
      };
      const [unknown, zero, far] = [await run(), await run({ individuals: 0, sensitiveIndividuals: 0 }), await run({ individuals: 1e12, sensitiveIndividuals: 1e12 })];
      const farOpen = open(far);
      const zeroOpen = open(zero);
      // A higher mechanism asks more only if it is not in place: a rule failing or reviewing, or a duty, it adds.
      const zeroDuties = new Set(zero.obligations.map((o) => o.rule));
      const stricter = [...farOpen].some((r) => !zeroOpen.has(r)) || (mech(far) > mech(zero) && far.obligations.some((o) => !zeroDuties.has(o.rule)));
      const settled = zero.verdict === 'fail' && mech(zero) >= 2;
      const has = unknown.findings.some((f) => f.rule === 'xborder.prior-unstated');
      if (has) flagged++;
      expect(has, JSON.stringify({ zero: [...zeroOpen], far: [...farOpen], zm: zero.mechanism, fm: far.mechanism })).toBe(stricter && !settled);
    }), { seed: 20261207, numRuns: 400 });
    expect(flagged).toBeGreaterThan(20);
  }, 120_000);
});

// The far-end test derives only the facts that depend on earlier totals again (withLedgerPrior), and re-fires only
// the rules reading those that changed: both rest on PRIOR_DEPENDENT naming every fact a ledger prior can change.
describe('withLedgerPrior is deriveFacts with another ledger prior', () => {
  const leaves = (facts: object): Map<string, unknown> =>
    new Map(Object.entries(facts).flatMap(([g, fields]) => Object.entries(fields as object).map(([k, v]) => [`${g}.${k}`, v] as const)));
  it('on 300 generated manifests, for no ledger, a zero one and one above every threshold', async () => {
    const fc = (await import('fast-check')).default;
    const { manifest } = await import('../property/arbitraries.js');
    const priors = [{ individuals: 0, sensitiveIndividuals: 0 }, { individuals: 1e12, sensitiveIndividuals: 1e12 }, { individuals: 5, sensitiveIndividuals: 0 }];
    let changedSeen = 0;
    fc.assert(fc.property(manifest, fc.constantFrom(...priors), fc.option(fc.constantFrom(...priors), { nil: undefined }), (m, ledger, first) => {
      const { national, targeted, zones } = selectPacks(packs.packs, m.date, m.exporter.zone, m.exporter.region, m.exporter.sector, { items: m.data, scenario: m.purpose.scenario });
      if (!national) return;
      const taxonomy = taxonomyFor([national, ...targeted, ...zones]);
      const params = derivationParams(national);
      const before = deriveFacts(m, m.date, taxonomy, params, first);
      const direct = deriveFacts(m, m.date, taxonomy, params, ledger);
      const derived = withLedgerPrior(before, m, ledger);
      expect(derived).toEqual(direct);
      expect([...leaves(derived.facts).keys()]).toEqual([...leaves(direct.facts).keys()]); // same key order too
      const [a, b] = [leaves(before.facts), leaves(direct.facts)];
      const changed = [...a.keys()].filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k)));
      if (changed.length) changedSeen++;
      expect(PRIOR_DEPENDENT).toEqual(expect.arrayContaining(changed));
    }), { seed: 20261207, numRuns: 300 });
    expect(changedSeen).toBeGreaterThan(100);
  });
});
