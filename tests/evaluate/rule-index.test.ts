/**
 * The rule index (src/evaluate/rule-index.ts) only leaves out rules that cannot fire, and answers the far end of the
 * prior-unstated test as the engine would. Proof by comparison: every pack test case and a generated corpus of
 * national and zone manifests are checked with the index and without it (every rule of every applied pack goes to
 * the engine, each time); verdicts, findings, reasons (explain mode) and obligations must be identical.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { createPackSet, type PackSet } from '../../dist/src/evaluate/pack-set.js';
import { FactView, unitTest } from '../../dist/src/evaluate/rule-index.js';
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
  unindexed = createPackSet(indexed.packs, { index: false });
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
    // A leaf that is certainly false rules the unit out; one that cannot be evaluated never does.
    const leaf = { fact: 'exporter', path: 'ciio', operator: 'equals', value: true };
    const mayFire = (c: object, facts: Record<string, unknown>): boolean => unitTest(c, {}).mayFire(new FactView(facts));
    expect(mayFire({ all: [leaf] }, { exporter: { ciio: false } })).toBe(false);
    expect(mayFire({ all: [leaf] }, { exporter: { ciio: true } })).toBe(true);
    expect(mayFire({ all: [leaf] }, { exporter: {} })).toBe(true);
    expect(mayFire({ all: [leaf] }, {})).toBe(true);
    expect(mayFire({ all: [{ ...leaf, operator: 'atLeast', value: 5 }] }, { exporter: { ciio: 'x' } })).toBe(true);
    expect(mayFire({ all: [{ not: leaf }] }, { exporter: { ciio: true } })).toBe(false);
    // The whole tree: an `any` with no alternative left (guards see none of it), also below an `all`.
    const other = { fact: 'exporter', path: 'sector', operator: 'equals', value: 'banking' };
    expect(mayFire({ any: [leaf, other] }, { exporter: { ciio: false, sector: 'retail' } })).toBe(false);
    expect(mayFire({ any: [leaf, other] }, { exporter: { ciio: false, sector: 'banking' } })).toBe(true);
    expect(mayFire({ any: [leaf, other] }, { exporter: { ciio: false } })).toBe(true);
    expect(mayFire({ all: [{ not: { any: [leaf, other] } }] }, { exporter: { ciio: false, sector: 'banking' } })).toBe(false);
    // json-rules-engine holds an empty `any` true (prioritizeAndRun): so does the index.
    expect(mayFire({ any: [] }, {})).toBe(true);
    // A long list referred to through the operands fact is read from the operands, as the engine reads it.
    const ref = { fact: 'exporter', path: 'sector', operator: 'in', value: { fact: 'operands', path: 'p~0' } };
    expect(unitTest({ all: [ref] }, { 'p~0': ['banking'] }).mayFire(new FactView({ exporter: { sector: 'retail' } }))).toBe(false);
    expect(unitTest({ all: [ref] }, { 'p~0': ['banking'] }).mayFire(new FactView({ exporter: { sector: 'banking' } }))).toBe(true);
    expect(unitTest({ all: [ref] }, {}).mayFire(new FactView({ exporter: { sector: 'retail' } }))).toBe(true);
  });
  it('answers a unit only where every leaf evaluates, as the engine would', () => {
    const leaf = { fact: 'exporter', path: 'ciio', operator: 'equals', value: true };
    const other = { fact: 'exporter', path: 'sector', operator: 'equals', value: 'banking' };
    const fires = (c: object, facts: Record<string, unknown>): boolean | undefined => unitTest(c, {}).fires(new FactView(facts));
    expect(fires({ all: [leaf, other] }, { exporter: { ciio: true, sector: 'banking' } })).toBe(true);
    expect(fires({ all: [leaf, other] }, { exporter: { ciio: false, sector: 'banking' } })).toBe(false);
    // The engine evaluates every leaf, and one it cannot evaluate fails the run: no answer here, whatever the others say.
    expect(fires({ all: [leaf, other] }, { exporter: { ciio: false } })).toBeUndefined();
    expect(fires({ any: [leaf, other] }, { exporter: { ciio: true } })).toBeUndefined();
    expect(fires({ all: [{ ...leaf, operator: 'atLeast', value: 5 }] }, { exporter: { ciio: true } })).toBeUndefined();
    expect(fires({ all: [{ ...leaf, operator: 'noSuchOperator' }] }, { exporter: { ciio: true } })).toBeUndefined();
    expect(fires({ all: [{ not: leaf }] }, { exporter: { ciio: false } })).toBe(true);
    expect(fires({ any: [] }, {})).toBe(true);
  });
  it('the far end of the prior-unstated test needs no engine run on the bench corpus shapes', async () => {
    // With the index: one engine run per manifest (the actual facts). Without: a second for many unstated priors.
    const count = async (set: PackSet): Promise<number> => {
      const run = set.engines.run.bind(set.engines);
      let runs = 0;
      set.engines.run = (...args) => { runs++; return run(...args); };
      const r = rng(41);
      const zones = zoneShapes();
      for (let i = 0; i < 300; i++) await checkValue(manifest(r, i, { zones }), set);
      return runs;
    };
    const packs = indexed.packs;
    expect(await count(createPackSet(packs))).toBeLessThanOrEqual(300);
    expect(await count(createPackSet(packs, { index: false }))).toBeGreaterThan(350);
  });
});

/**
 * A split rule (src/compile/guards.ts branchesOf) fires exactly when the whole rule does. Outside explain mode the
 * verdict is identical; in explain mode a split rule's reasons are those of the alternative that fired.
 */
describe('rule branches', () => {
  it('the zone lists\' scenario and entry rules are split', async () => {
    // Every rule of the set (byOrdinal holds those of the packs a check has looked up so far: src/evaluate/pack-set.ts).
    const all = indexed.packs.flatMap((p) => p.rules);
    const split = all.filter((r) => r.branches).map((r) => `${r.pack}/${r.id}`);
    expect(split).toContain('zone-beijing-2026/beijing.scenario.partial');
    expect(split).toContain('zone-beijing-2026/beijing.entry.may-be-important');
    const partial = all.find((r) => r.pack === 'zone-beijing-2026' && r.id === 'beijing.scenario.partial')!;
    // Each branch keeps the rule's own guards and adds the scenario it needs.
    const { guardCount } = await import('../../dist/src/compile/guards.js');
    type Node = { all?: Node[]; fact?: string; path?: string };
    const top = (n: Node): Node[] => (n.all ? n.all.flatMap(top) : [n]);
    const whole = guardCount(partial.engineRule.conditions as never);
    for (const b of partial.branches!) {
      expect(guardCount(b.conditions as never)).toBeGreaterThan(whole);
      expect(top(b.conditions as Node).some((g) => g.fact === 'purpose' && g.path === 'scenario')).toBe(true);
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
