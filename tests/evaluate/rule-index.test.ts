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
import { isError } from '../../dist/src/model/verdict.js';

let indexed: PackSet;
let unindexed: PackSet;
let unsplit: PackSet;

beforeAll(async () => {
  indexed = await loadPacks();
  unsplit = createPackSet(indexed.packs.map((p) => ({ ...p, rules: p.rules.map(({ branches: _, ...r }) => r) })));
  unindexed = createPackSet(indexed.packs.map((p) => ({ ...p, rules: p.rules.map((r) => ({ ...r, guards: [], ...(r.branches ? { branches: r.branches.map((b) => ({ ...b, guards: [] })) } : {}) })) })));
});

function packTestCases(): { name: string; manifest: object; ledgerPrior?: { individuals: number; sensitiveIndividuals: number } }[] {
  const out: ReturnType<typeof packTestCases> = [];
  for (const dir of readdirSync(join(ROOT, 'rules'))) {
    for (const f of readdirSync(join(ROOT, 'rules', dir)).filter((x) => x.endsWith('tests.yaml'))) {
      const suite = parse(readFileSync(join(ROOT, 'rules', dir, f), 'utf8')) as { base: object; cases: { name?: string; manifest?: object; patch?: object; ledgerPrior?: never }[] };
      suite.cases.forEach((c, i) => out.push({ name: `${dir}/${f}#${c.name ?? i}`, manifest: (c.manifest ?? mergePatch(suite.base, c.patch ?? {})) as object, ledgerPrior: c.ledgerPrior }));
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
    const { guardsOf, guardTest } = await import('../../dist/src/compile/guards.js');
    const mayFire = (g: Parameters<typeof guardTest>[0], facts: Record<string, unknown>): boolean => guardTest(g)(facts);
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

/**
 * A split rule (src/compile/guards.ts branchesOf) fires exactly when the whole rule does. Outside explain mode the
 * verdict is identical; in explain mode a split rule's reasons are those of the alternative that fired.
 */
describe('rule branches', () => {
  it('the zone lists\' scenario and entry rules are split', () => {
    // Every rule of the set (byOrdinal holds those of the packs a check has looked up so far: src/evaluate/pack-set.ts).
    const all = indexed.packs.flatMap((p) => p.rules);
    const split = all.filter((r) => r.branches).map((r) => `${r.pack}/${r.id}`);
    expect(split).toContain('zone-beijing-2026/beijing.scenario.partial');
    expect(split).toContain('zone-beijing-2026/beijing.entry.may-be-important');
    const partial = all.find((r) => r.pack === 'zone-beijing-2026' && r.id === 'beijing.scenario.partial')!;
    // Each branch keeps the rule's own guards and adds the scenario it needs.
    for (const b of partial.branches!) {
      expect(b.guards.length).toBeGreaterThan(partial.guards.length);
      expect(b.guards.some((g) => g.fact === 'purpose' && g.path === 'scenario')).toBe(true);
    }
  });
  const sameAsUnsplit = async (m: object, ledgerPrior?: { individuals: number; sensitiveIndividuals: number }): Promise<void> => {
    expect(await checkValue(m, indexed, { ledgerPrior })).toEqual(await checkValue(m, unsplit, { ledgerPrior }));
  };
  it('change no verdict on any pack test case', async () => {
    for (const c of packTestCases()) await sameAsUnsplit(c.manifest, c.ledgerPrior);
  });
  it('change no verdict on 3,000 generated national and zone manifests', async () => {
    const r = rng(29);
    const zones = zoneShapes();
    for (let i = 0; i < 3000; i++) await sameAsUnsplit(manifest(r, i, { zones }));
  });
  it('explain shows the reasons of the alternative that fired', async () => {
    const zones = zoneShapes();
    const r = rng(5);
    let seen = 0;
    for (let i = 0; i < 3000 && seen < 20; i++) {
      const m = manifest(r, i, { zones });
      const v = await checkValue(m, indexed, { explain: true });
      if (isError(v)) throw new Error(v.error.message);
      const f = v.findings.find((x) => x.rule.endsWith('.scenario.partial'));
      if (!f) continue;
      seen++;
      const scenario = (f.reasons ?? []).filter((x) => x.fact === 'purpose.scenario');
      expect(scenario).toEqual([expect.objectContaining({ held: true, expected: (m as { purpose: { scenario: string } }).purpose.scenario })]);
    }
    expect(seen).toBe(20);
  });
});
