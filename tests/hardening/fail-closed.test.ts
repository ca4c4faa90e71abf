import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// The built code: schemas are found relative to dist/ (npm test builds first).
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { createPackSet, type PackSet } from '../../dist/src/evaluate/pack-set.js';
import type { CompiledPack, CompiledRule } from '../../dist/src/compile/compile-pack.js';
import { checkText } from '../../dist/src/evaluate/pipeline.js';
import { isError, type CheckResult, type Verdict } from '../../dist/src/model/verdict.js';
import { GOOD } from './cli-run.js';

/**
 * Fault injection at the PackSet seam: a compiled pack is copied and one rule's engine condition (or the engine
 * itself) is replaced with something that cannot be evaluated. Every fault must give `review`, never `pass`.
 * The manifest used passes cleanly without the fault, so a `pass` here would mean the fault was swallowed.
 */
const PASSING = readFileSync(join(GOOD, 'trade-docs.json'), 'utf8');
let bundled: PackSet;

beforeAll(async () => {
  bundled = await loadPacks();
});

const national = (): CompiledPack => bundled.packs.find((p) => p.meta.id === 'cn-national')!;

/** The national pack plus one extra rule with the given engine condition. */
function withRule(condition: Record<string, unknown>): PackSet {
  const pack = national();
  const template = pack.rules[0]!;
  const rule: CompiledRule = {
    ...template, id: 'test.fault', index: pack.rules.length, kind: 'flag', outcome: 'fail',
    engineRule: { name: 'test.fault', conditions: { all: [condition as never] }, event: { type: 'check', params: { rule: 'test.fault' } } },
  };
  return createPackSet([{ ...pack, rules: [...pack.rules, rule] }]);
}

function expectReview(r: CheckResult): Verdict {
  expect(isError(r)).toBe(false);
  const v = r as Verdict;
  expect(v.verdict).toBe('review');
  expect(v.findings.map((f) => f.rule)).toContain('xborder.evaluation-error');
  return v;
}

describe('fail closed: a fault in evaluation gives review, never pass', () => {
  it('control: without a fault the manifest passes', async () => {
    const r = (await checkText(PASSING, 'trade-docs.json', bundled)) as Verdict;
    expect(r.verdict).toBe('pass');
  });
  it('an operator meeting the wrong type (string fact, atLeast) throws and gives review', async () => {
    const v = expectReview(await checkText(PASSING, 't.json', withRule({ fact: 'recipient', path: 'kind', operator: 'atLeast', value: 5 })));
    expect(v.findings[0]?.message.en).toMatch(/atLeast: expected a number/);
  });
  it('a missing fact path gives review', async () => {
    const v = expectReview(await checkText(PASSING, 't.json', withRule({ fact: 'data', path: 'noSuchFlag', operator: 'equals', value: true })));
    expect(v.findings[0]?.message.en).toMatch(/missing/);
  });
  it('a missing fact group gives review', async () => {
    expectReview(await checkText(PASSING, 't.json', withRule({ fact: 'noSuchGroup', path: 'x', operator: 'equals', value: true })));
  });
  it('a rule naming an operator the engine does not know (cannot be evaluated) gives review', async () => {
    expectReview(await checkText(PASSING, 't.json', withRule({ fact: 'recipient', path: 'kind', operator: 'matches', value: '^(a+)+$' })));
  });
  it('an exception thrown inside the engine gives review', async () => {
    const set = createPackSet([national()]);
    const engines = { run: async () => { throw new Error('injected engine fault'); } };
    const v = expectReview(await checkText(PASSING, 't.json', { ...set, engines } as unknown as PackSet));
    expect(v.findings[0]?.message.en).toContain('injected engine fault');
  });
  it('an exception thrown synchronously by a fact value gives review', async () => {
    // Facts whose every property access throws: the path resolver meets them during evaluation.
    const set = createPackSet([national()]);
    const throwing = (group: object): object => Object.defineProperties({}, Object.fromEntries(Object.keys(group).map((k) => [k, {
      enumerable: true, get(): never { throw new Error('fact getter fault'); },
    }])));
    const engines = {
      run: (rules: unknown, facts: Record<string, object>, more: Record<string, unknown>) =>
        set.engines.run(rules as never, Object.fromEntries(Object.entries(facts).map(([g, v]) => [g, throwing(v)])), more),
    };
    const v = expectReview(await checkText(PASSING, 't.json', { ...set, engines } as unknown as PackSet));
    expect(v.findings[0]?.message.en).toContain('fact getter fault');
  });
  it('a rule missing from the pack set\'s ordinals gives review', async () => {
    const set = createPackSet([national()]);
    expectReview(await checkText(PASSING, 't.json', { ...set, ordinals: new Map() } as unknown as PackSet));
  });
  it('a rule that fires but was never compiled gives review', async () => {
    const set = createPackSet([national()]);
    expectReview(await checkText(PASSING, 't.json', { ...set, byOrdinal: [] } as unknown as PackSet));
  });
  it('no pack in force on the date gives review', async () => {
    const r = (await checkText(PASSING.replace('2026-04-01', '2020-01-01'), 't.json', bundled)) as Verdict;
    expect(r.verdict).toBe('review');
    expect(r.findings.map((f) => f.rule)).toContain('xborder.no-pack-in-force');
  });
  it('no rule deciding at all gives review', async () => {
    const empty = createPackSet([{ ...national(), rules: [] }]);
    const r = (await checkText(PASSING, 't.json', empty)) as Verdict;
    expect(r.verdict).toBe('review');
    expect(r.findings.map((f) => f.rule)).toContain('xborder.no-decision');
  });
  it('after a fault the engine pool still evaluates the next manifest correctly', async () => {
    const set = withRule({ fact: 'data', path: 'noSuchFlag', operator: 'equals', value: true });
    await checkText(PASSING, 't.json', set);
    expectReview(await checkText(PASSING, 't.json', set));
    expect(((await checkText(PASSING, 't.json', bundled)) as Verdict).verdict).toBe('pass');
  });
  // Ledger: `check` does not read a ledger yet (src/cli/check.ts has no --ledger), so "a ledger that cannot be
  // read" has no path into a verdict to test; see tests/ledger for the ledger's own error handling.
});
