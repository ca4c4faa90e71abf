import { beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import type { PackSet } from '../../dist/src/evaluate/pack-set.js';
import { checkValue } from '../../dist/src/evaluate/pipeline.js';
import { isError, type Verdict } from '../../dist/src/model/verdict.js';
import { closestFew } from '../../src/validate/suggest.js';
import { BASE_MANIFEST, manifestWith } from '../helpers/manifests.js';

let packs: PackSet;
beforeAll(async () => { packs = await loadPacks(); });

async function check(categories: string[]): Promise<Verdict> {
  // Below the thresholds, with a PIA and consent: a pass with known categories.
  const r = await checkValue(manifestWith(BASE_MANIFEST, { data: [{ id: 'customers', categories, classification: 'general' }], personalInformation: { individuals: 80000, priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } } }), packs);
  if (isError(r)) throw new Error(r.error.message);
  return r;
}
const unknownFinding = (v: Verdict) => v.findings.find((f) => f.rule === 'cn.taxonomy.unknown-category');

// A typo in a category id (pi.contct) reads "no applied rule pack defines these categories": the user has to go
// and read the taxonomy to find the id meant. The suggestion names it; the verdict stays review.
describe('an unknown category id gets the closest defined ids in its finding', () => {
  it('control: the same manifest with the right id passes', async () => {
    expect((await check(['pi.basic', 'pi.contact'])).verdict).toBe('pass');
  });
  it('a typo: the id meant, in both languages; still review', async () => {
    const v = await check(['pi.basic', 'pi.contct']);
    expect(v.verdict).toBe('review');
    const f = unknownFinding(v)!;
    expect(f.outcome).toBe('review');
    expect(f.message.en).toMatch(/: pi\.contct\. Did you mean pi\.contact \(for pi\.contct\)\?$/);
    expect(f.message.zh).toContain('是否应为 pi.contact（对应 pi.contct）？');
  });
  it('two typos and an id near nothing: one suggestion per typo, none for the other', async () => {
    const v = await check(['pi.basc', 'pi.contct', 'zzzz.qqqq']);
    expect(v.verdict).toBe('review');
    expect(unknownFinding(v)!.message.en).toMatch(/Did you mean pi\.basic \(for pi\.basc\); pi\.contact \(for pi\.contct\)\?$/);
  });
  it('nothing near: the pack\'s message alone', async () => {
    const v = await check(['pi.basic', 'zzzz.qqqq']);
    expect(v.verdict).toBe('review');
    expect(unknownFinding(v)!.message.en).not.toMatch(/Did you mean/);
  });
});

describe('closestFew', () => {
  it('at most 3, nearest first, ties by name; none past the distance limit', () => {
    expect(closestFew('pi.abcd', ['pi.abce', 'pi.abcf', 'pi.abcg', 'pi.abcd1', 'pi.xyzw'])).toEqual(['pi.abcd1', 'pi.abce', 'pi.abcf']);
    expect(closestFew('pi.abcd', ['zz.qqqqqq'])).toEqual([]);
  });
});
