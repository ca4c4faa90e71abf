/**
 * The volume bands (src/evaluate/headroom.ts): a headroom warning just below each threshold the national pack defines,
 * and the not-counted warning when the ledger's uncounted exempt transfers would cross one.
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

const warnings = async (patch: object, uncounted?: { individuals: number; sensitiveIndividuals: number }): Promise<string[]> => {
  const priorFor = uncounted ? async () => ({ individuals: 0, sensitiveIndividuals: 0, uncounted }) : undefined;
  const v = await checkValue(manifestWith(BASE_MANIFEST, patch), bundled, { priorFor });
  if (isError(v)) throw new Error(v.error.message);
  return ((v as Verdict).warnings ?? []).map((w) => w.code);
};

describe('volume bands', () => {
  it('warn just below each threshold: contract, assessment, sensitive assessment', async () => {
    expect(await warnings({ personalInformation: { individuals: 95000, sensitiveIndividuals: 0 } })).toContain('headroom.contract');
    expect(await warnings({ personalInformation: { individuals: 960000, sensitiveIndividuals: 0 } })).toContain('headroom.assessment');
    const sensitive = await warnings({ data: [{ id: 'h', categories: ['spi.health'], classification: 'general' }], personalInformation: { individuals: 0, sensitiveIndividuals: 9600 } });
    expect(sensitive).toContain('headroom.sensitive-assessment');
    expect(await warnings({ personalInformation: { individuals: 50000, sensitiveIndividuals: 0 } })).not.toContain('headroom.contract');
  });
  it('say the verdict depends on uncounted exempt transfers only when counting them crosses a band, the sensitive one from 1 too', async () => {
    const base = { personalInformation: { individuals: 50000, sensitiveIndividuals: 0 } };
    expect(await warnings(base, { individuals: 60000, sensitiveIndividuals: 0 })).toContain('ledger.not-counted');
    expect(await warnings(base, { individuals: 40000, sensitiveIndividuals: 0 })).not.toContain('ledger.not-counted');
    expect(await warnings(base, { individuals: 0, sensitiveIndividuals: 1 })).toContain('ledger.not-counted');
  });
});
