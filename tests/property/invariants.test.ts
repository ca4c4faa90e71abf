import fc from 'fast-check';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import type { PackSet } from '../../dist/src/evaluate/pack-set.js';
import type { Manifest } from '../../dist/src/model/manifest.js';
import { checkText } from '../../dist/src/evaluate/pipeline.js';
import { MECHANISM_RANK, isError, type CheckResult, type Verdict } from '../../dist/src/model/verdict.js';
import { FC_PARAMS, breakSchema, manifest, shuffleKeys } from './arbitraries.js';

let packs: PackSet;
beforeAll(async () => { packs = await loadPacks(); });

const check = (m: unknown, uri = 'm.json'): Promise<CheckResult> =>
  checkText(uri.endsWith('.yaml') ? stringify(m) : JSON.stringify(m, null, 1), uri, packs);

async function verdictOf(m: unknown): Promise<Verdict> {
  const r = await check(m);
  if (isError(r)) throw new Error(`generated manifest is invalid: ${r.error.message}`);
  return r;
}

/** What a verdict decides, without where it was found (positions move when keys move). */
const essence = (v: Verdict) => ({
  verdict: v.verdict, mechanism: v.mechanism, counts: v.counts,
  findings: v.findings.map((f) => [f.rule, f.outcome, f.mechanism, f.message.en, f.path]),
  obligations: v.obligations.map((o) => o.rule), exempted: v.exempted,
});

const prop = (name: string, arb: fc.Arbitrary<unknown[]> | fc.Arbitrary<unknown>, body: (...a: never[]) => Promise<void>): void => {
  it(name, async () => {
    await fc.assert(fc.asyncProperty(arb as fc.Arbitrary<unknown>, body as (a: unknown) => Promise<void>), FC_PARAMS);
  }, 120_000);
};

describe('random valid manifests get a verdict satisfying the invariants', () => {
  prop('always a verdict (the arbitrary produces schema-valid manifests)', manifest, async (m: Manifest) => {
    const v = await verdictOf(m);
    expect(['pass', 'review', 'fail']).toContain(v.verdict);
    // Every fail or review is explained; a pass names the rule that made it pass.
    expect(v.findings.length).toBeGreaterThan(0);
    if (v.verdict !== 'pass') expect(v.findings.some((f) => f.outcome === v.verdict)).toBe(true);
  });

  prop('deterministic', manifest, async (m: Manifest) => {
    expect(essence(await verdictOf(m))).toEqual(essence(await verdictOf(m)));
  });

  prop('independent of key order', fc.tuple(manifest, fc.nat()), async ([m, seed]: [Manifest, number]) => {
    expect(essence(await verdictOf(shuffleKeys(m, seed)))).toEqual(essence(await verdictOf(m)));
  });

  prop('independent of order and concurrency in a batch', fc.array(manifest, { minLength: 2, maxLength: 6 }), async (ms: Manifest[]) => {
    const alone: unknown[] = [];
    for (const m of ms) alone.push(essence(await verdictOf(m)));
    const reversed = [];
    for (const m of [...ms].reverse()) reversed.push(essence(await verdictOf(m)));
    const concurrent = (await Promise.all(ms.map((m) => verdictOf(m)))).map(essence);
    expect(reversed.reverse()).toEqual(alone);
    expect(concurrent).toEqual(alone);
  });

  prop('adding an unrelated general non-personal item never turns fail into pass', manifest, async (m: Manifest) => {
    const before = await verdictOf(m);
    const after = await verdictOf({ ...m, data: [...m.data, { id: 'unrelated-ops', categories: ['biz.operations'], classification: 'general' }] });
    if (before.verdict === 'fail') expect(after.verdict).not.toBe('pass');
    if (before.verdict !== 'pass') expect(after.verdict).not.toBe('pass');
  });

  prop('raising a count never lowers the required mechanism',
    fc.tuple(manifest, fc.constantFrom('individuals', 'sensitiveIndividuals'), fc.integer({ min: 1, max: 1_000_000 })),
    async ([m, field, delta]: [Manifest, 'individuals' | 'sensitiveIndividuals', number]) => {
      if (!m.personalInformation) return;
      const pi = m.personalInformation;
      const raised = { ...m, personalInformation: { ...pi, [field]: Math.min(2_000_000_000, pi[field] + delta) } };
      const before = await verdictOf(m);
      const after = await verdictOf(raised);
      expect(MECHANISM_RANK[after.mechanism]).toBeGreaterThanOrEqual(MECHANISM_RANK[before.mechanism]);
    });

  prop('removing a safeguard never turns fail into pass',
    fc.tuple(manifest, fc.constantFrom('separateConsent', 'pia', 'standardContract', 'certification', 'securityAssessment', 'authorityApproval')),
    async ([m, key]: [Manifest, string]) => {
      if (!m.safeguards || !(key in m.safeguards)) return;
      const { [key]: _removed, ...rest } = m.safeguards as Record<string, unknown>;
      const before = await verdictOf(m);
      const after = await verdictOf({ ...m, safeguards: rest });
      if (before.verdict === 'fail') expect(after.verdict).not.toBe('pass');
      if (before.verdict === 'review') expect(after.verdict).not.toBe('pass');
    });

  prop('counts above every threshold never pass without a security assessment', manifest, async (m: Manifest) => {
    if (!m.personalInformation) return;
    const big = { ...m, safeguards: { ...m.safeguards, securityAssessment: undefined }, personalInformation: { ...m.personalInformation, individuals: 1_500_000, sensitiveIndividuals: 20_000 } };
    const v = await verdictOf(JSON.parse(JSON.stringify(big)));
    if (v.verdict === 'pass') expect(v.exempted?.length ?? 0).toBeGreaterThan(0);
  });
});

describe('random invalid manifests always get an error, never a verdict', () => {
  prop('schema-breaking mutations', fc.tuple(manifest, breakSchema), async ([m, mutate]: [Manifest, (m: Manifest) => unknown]) => {
    for (const uri of ['m.json', 'm.yaml']) {
      const r = await check(mutate(m), uri);
      expect(isError(r), JSON.stringify(r).slice(0, 300)).toBe(true);
    }
  });
});
