/**
 * The volume bands (src/evaluate/headroom.ts): a headroom warning just below each threshold the national pack defines;
 * and the review when the ledger's uncounted exempt transfers, counted, would ask more (xborder.exemptions-uncounted).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import type { PackSet } from '../../dist/src/evaluate/pack-set.js';
import { checkValue } from '../../dist/src/evaluate/pipeline.js';
import { isError, type Verdict } from '../../dist/src/model/verdict.js';
import { BASE_MANIFEST, manifestWith } from '../helpers/manifests.js';

let bundled: PackSet;
beforeAll(async () => {
  bundled = await loadPacks();
});

type Totals = { individuals: number; sensitiveIndividuals: number };
const verdictOf = async (patch: object, uncounted?: Totals): Promise<Verdict> => {
  const priorFor = uncounted ? async () => ({ individuals: 0, sensitiveIndividuals: 0, uncounted }) : undefined;
  const v = await checkValue(manifestWith(BASE_MANIFEST, patch), bundled, { priorFor });
  if (isError(v)) throw new Error(v.error.message);
  return v as Verdict;
};
const warnings = async (patch: object): Promise<string[]> => ((await verdictOf(patch)).warnings ?? []).map((w) => w.code);

describe('volume bands', () => {
  it('warn just below each threshold: contract, assessment, sensitive assessment', async () => {
    expect(await warnings({ personalInformation: { individuals: 95000, sensitiveIndividuals: 0 } })).toContain('headroom.contract');
    expect(await warnings({ personalInformation: { individuals: 960000, sensitiveIndividuals: 0 } })).toContain('headroom.assessment');
    const sensitive = await warnings({ data: [{ id: 'h', categories: ['spi.health'], classification: 'general' }], personalInformation: { individuals: 0, sensitiveIndividuals: 9600 } });
    expect(sensitive).toContain('headroom.sensitive-assessment');
    expect(await warnings({ personalInformation: { individuals: 50000, sensitiveIndividuals: 0 } })).not.toContain('headroom.contract');
  });
});

describe('exempt transfers the ledger does not count (exemptionsNotCounted, unconfirmed)', () => {
  const uncountedReview = async (patch: object, uncounted: Totals): Promise<boolean> =>
    (await verdictOf(patch, uncounted)).findings.some((f) => f.rule === 'xborder.exemptions-uncounted' && f.outcome === 'review');
  const base = { personalInformation: { individuals: 50000, sensitiveIndividuals: 0 } };
  it('review when counting them crosses a band: 50,000 + 50,000 reaches 100,000 (Art 8), 49,999 does not', async () => {
    expect(await uncountedReview(base, { individuals: 50000, sensitiveIndividuals: 0 })).toBe(true);
    expect(await uncountedReview(base, { individuals: 49999, sensitiveIndividuals: 0 })).toBe(false);
  });
  it('one uncounted person with sensitive PI needs a contract (the 2024 rules have no sensitive floor)', async () => {
    expect(await uncountedReview(base, { individuals: 0, sensitiveIndividuals: 1 })).toBe(true);
  });
  it('nothing when counting them keeps the band and route already in place (150,000 + 50,000, a filed contract)', async () => {
    const covered = { safeguards: { standardContract: { signedOn: '2026-01-05', filedOn: '2026-01-10' } } };
    expect((await verdictOf(covered, { individuals: 50000, sensitiveIndividuals: 0 })).findings.map((f) => [f.rule, f.outcome]))
      .toEqual([['cn.volume.contract-non-sensitive', 'pass']]);
    // The same 50,000 that bring it to 1,000,000 (a security assessment) do decide it.
    expect(await uncountedReview({ ...covered, personalInformation: { individuals: 950000 } }, { individuals: 50000, sensitiveIndividuals: 0 })).toBe(true);
  });
});
