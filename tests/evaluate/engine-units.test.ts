/**
 * What the engine is given for each rule (src/evaluate/pack-set.ts unitsOf). json-rules-engine deep-copies a rule's
 * conditions and event into every rule result, so an engine rule carries nothing the run does not read: the event
 * is its type alone, while the compiled rule keeps its full event. Verdicts stay those of the full rules: the
 * equivalence suites of tests/evaluate/rule-index.test.ts run over these units.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { createPackSet, type PackSet } from '../../dist/src/evaluate/pack-set.js';
import { checkValue } from '../../dist/src/evaluate/pipeline.js';
import { manifest, rng, zoneShapes } from '../../bench/corpus.js';
import { isError } from '../../dist/src/model/verdict.js';

let set: PackSet;
beforeAll(async () => {
  set = await loadPacks();
  for (const p of set.packs) for (const r of p.rules) set.ordinals.get(r); // reach every pack's units
});

describe('engine units', () => {
  it('carry the event type alone, and the compiled rules keep their full event', () => {
    expect(set.units.length).toBeGreaterThan(100);
    for (const [ordinal, units] of set.units.entries()) {
      const rule = set.byOrdinal[ordinal]!;
      for (const u of units) expect(u.rule.event).toEqual({ type: rule.engineRule.event.type });
      expect(rule.engineRule.event.params).toEqual({ rule: rule.id });
    }
  });
  it('decide as engine rules with the full event do, on generated manifests (explain mode)', async () => {
    const full = createPackSet(set.packs);
    for (const p of full.packs) for (const r of p.rules) full.ordinals.get(r);
    for (const [ordinal, units] of full.units.entries()) {
      const event = full.byOrdinal[ordinal]!.engineRule.event;
      for (const u of units) (u as { rule: object }).rule = { ...u.rule, event };
    }
    expect(full.units.flat().every((u) => u.rule.event.params !== undefined)).toBe(true);
    const r = rng(6);
    const zones = zoneShapes();
    let findings = 0;
    for (let i = 0; i < 1000; i++) {
      const m = manifest(r, i, { zones });
      const got = await checkValue(m, set, { explain: true });
      expect(got).toEqual(await checkValue(m, full, { explain: true }));
      if (!isError(got)) findings += got.findings.length;
    }
    expect(findings).toBeGreaterThan(1000);
  });
});
