/**
 * The rule index (src/compile/guards.ts) only leaves out rules that cannot fire. Proof by comparison: every pack
 * test case and a generated corpus of national and zone manifests are checked with the guards and without them
 * (every rule of every applied pack goes to the engine); verdicts, findings, reasons (explain mode) and
 * obligations must be identical.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { createPackSet, type PackSet } from '../../dist/src/evaluate/pack-set.js';
import { checkValue } from '../../dist/src/evaluate/pipeline.js';
import { mergePatch } from '../../src/packtest/merge-patch.js';
import { manifest, rng, zoneShapes } from '../../bench/corpus.js';
import { ROOT } from '../helpers/cli.js';

let indexed: PackSet;
let unindexed: PackSet;

beforeAll(async () => {
  indexed = await loadPacks();
  unindexed = createPackSet(indexed.packs.map((p) => ({ ...p, rules: p.rules.map((r) => ({ ...r, guards: [] })) })));
});

function packTestCases(): { name: string; manifest: object; ledgerPrior?: { individuals: number; sensitiveIndividuals: number } }[] {
  const out = [];
  for (const dir of readdirSync(join(ROOT, 'rules'))) {
    for (const f of readdirSync(join(ROOT, 'rules', dir)).filter((x) => x.endsWith('tests.yaml'))) {
      const suite = parse(readFileSync(join(ROOT, 'rules', dir, f), 'utf8')) as { base: object; cases: { name?: string; manifest?: object; patch?: object; ledgerPrior?: never }[] };
      suite.cases.forEach((c, i) => out.push({ name: `${dir}/${f}#${c.name ?? i}`, manifest: c.manifest ?? mergePatch(suite.base, c.patch ?? {}), ledgerPrior: c.ledgerPrior }));
    }
  }
  return out;
}

async function same(m: object, ledgerPrior?: { individuals: number; sensitiveIndividuals: number }): Promise<void> {
  const opts = { explain: true, ledgerPrior };
  expect(await checkValue(m, indexed, opts)).toEqual(await checkValue(m, unindexed, opts));
}

describe('rule index', () => {
  it('changes nothing on any pack test case', async () => {
    const cases = packTestCases();
    expect(cases.length).toBeGreaterThan(150);
    for (const c of cases) await same(c.manifest, c.ledgerPrior);
  });
  it('changes nothing on 3,000 generated national and zone manifests', async () => {
    const r = rng(17);
    const zones = zoneShapes();
    for (let i = 0; i < 3000; i++) await same(manifest(r, i, { zones }));
  });
  it('leaves rules out: most manifests send a fraction of the applied rules to the engine', async () => {
    const { guardsOf, mayFire } = await import('../../dist/src/compile/guards.js');
    const national = indexed.packs.find((p) => p.meta.id === 'cn-national')!;
    expect(national.rules.every((r) => JSON.stringify(r.guards) === JSON.stringify(guardsOf(r.engineRule.conditions as never)))).toBe(true);
    // A guard that is certainly false skips the rule; one that cannot be evaluated never does.
    const g = [{ fact: 'exporter', path: 'ciio', operator: 'equals' as const, value: true, negate: false }];
    expect(mayFire(g, { exporter: { ciio: false } })).toBe(false);
    expect(mayFire(g, { exporter: { ciio: true } })).toBe(true);
    expect(mayFire(g, { exporter: {} })).toBe(true);
    expect(mayFire([{ ...g[0]!, operator: 'atLeast' as const, value: 5 }], { exporter: { ciio: 'x' } })).toBe(true);
    expect(mayFire([{ ...g[0]!, negate: true }], { exporter: { ciio: true } })).toBe(false);
  });
});
