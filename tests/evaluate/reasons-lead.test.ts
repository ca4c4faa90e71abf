import { readdirSync, readFileSync } from 'node:fs';
import type { RuleResult } from 'json-rules-engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { leadAmong, leadOf, reasonsOf } from '../../src/evaluate/reasons.js';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import type { PackSet } from '../../dist/src/evaluate/pack-set.js';
import { checkValue } from '../../dist/src/evaluate/pipeline.js';
import { isError, type Verdict } from '../../dist/src/model/verdict.js';
import { parseSource } from '../../src/source/document.js';

/**
 * A finding points at one reason: leadAmong picks it from every reason (explain mode), leadOf from the engine's tree
 * without building them. Two ways to one answer: explain must never move a finding's path.
 */
type Leaf = { fact: string; path: string; operator: string; value: unknown; factResult?: unknown; result?: boolean };
const leaf = (name: string, result: boolean | undefined, value: unknown = 1): Leaf => {
  const [fact, path] = name.split('.') as [string, string];
  return { fact, path, operator: 'equal', value, factResult: 1, ...(result === undefined ? {} : { result }) };
};
const ruleResult = (conditions: object): RuleResult => ({ conditions }) as unknown as RuleResult;
const agree = (conditions: object, subject: string | undefined, operands: Record<string, unknown> = {}): void => {
  const among = leadAmong(reasonsOf(ruleResult(conditions), operands), subject);
  const of = leadOf(ruleResult(conditions), operands, subject);
  expect(of, JSON.stringify({ conditions, subject })).toEqual(among && { fact: among.fact, expected: among.expected });
};

describe('leadOf and leadAmong pick the same reason', () => {
  it('every tree of up to three leaves over held, failed and unevaluated leaves, with and without a subject', () => {
    const names = ['a.x', 'a.y', 'b.z'];
    const results = [true, false, undefined];
    const subjects = [undefined, 'a.x', 'b.z', 'c.absent'];
    const leaves = names.flatMap((n, i) => results.map((r) => leaf(n, r, i)));
    let trees = 0;
    for (const l1 of leaves) {
      for (const l2 of leaves) {
        for (const l3 of [undefined, ...leaves.slice(0, 5)]) {
          const members = l3 ? [l1, l2, l3] : [l1, l2];
          const shapes = [{ all: members }, { any: members }, { all: [l1, { not: l2 }, ...(l3 ? [{ any: [l3] }] : [])] }];
          for (const tree of shapes) for (const s of subjects) { agree(tree, s); trees++; }
        }
      }
    }
    expect(trees).toBeGreaterThan(3000);
    agree({ all: [] }, undefined);
    agree({ all: [] }, 'a.x');
  });
  it('an operand moved to the operands fact is shown as its list by both', () => {
    agree({ all: [leaf('a.x', true, { fact: 'operands', path: 'p~0' })] }, undefined, { 'p~0': ['one', 'two'] });
  });
});

describe('explain mode moves no finding', () => {
  let packs: PackSet;
  beforeAll(async () => { packs = await loadPacks(); });
  it('every example manifest: the same findings at the same paths with and without explain', async () => {
    const dir = new URL('../../examples/manifests/', import.meta.url);
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    const at = (r: unknown): string[] => (isError(r as Verdict) ? [] : (r as Verdict).findings.map((f) => `${f.rule} ${f.path}`));
    for (const f of files) {
      const m = parseSource(readFileSync(new URL(f, dir), 'utf8'), f).data;
      expect(at(await checkValue(m, packs, { explain: true })), f).toEqual(at(await checkValue(m, packs)));
    }
  });
});
