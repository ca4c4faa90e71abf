import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePacks } from '../../src/compile/build-pack-set.js';
import { FACTS } from '../../src/compile/facts.js';
import { OPERAND_SHAPE, OPERATOR_IMPLS } from '../../src/compile/operators.js';
import { render } from '../../src/compile/templates.js';
import { Taxonomy } from '../../src/evaluate/taxonomy.js';
import { zoneChain } from '../../src/model/zones.js';
import { parseSource } from '../../src/source/document.js';

/**
 * Property: no name that Object.prototype carries (toString, valueOf, constructor, __proto__, hasOwnProperty…)
 * is ever found by a lookup keyed by pack text. Each must be refused as unknown, exactly like a typo.
 */
const NAMES = Object.getOwnPropertyNames(Object.prototype);
const national = readFileSync(new URL('../../rules/cn-national/pack.yaml', import.meta.url), 'utf8');
const beijing = readFileSync(new URL('../../rules/zone-beijing/pack.yaml', import.meta.url), 'utf8');
const messages = (...texts: string[]): string[] =>
  compilePacks(texts.map((t, i) => parseSource(t, `p${i}.yaml`, { allowAliases: true }))).diagnostics.map((d) => d.message);

const edit = (text: string, from: string, to: string): string => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

describe('pack lookups read own properties only (every Object.prototype name)', () => {
  it('covers the names that broke validation', () => {
    expect(NAMES).toEqual(expect.arrayContaining(['toString', 'valueOf', 'constructor', '__proto__', 'hasOwnProperty']));
  });
  for (const name of NAMES) {
    it(name, () => {
      const cases: [string, RegExp][] = [
        [edit(national, 'atLeast: { param: sensitiveAssessmentThreshold }', `notEquals: { param: ${name} }`), new RegExp(`unknown parameter "${name}"`)],
        [edit(national, '{ fact: data.hasCore, equals: true }', `{ fact: ${name}, equals: true }`), new RegExp(`unknown fact "${name}"`)],
        [edit(national, '{ fact: data.hasCore, equals: true }', `{ fact: exporter.${name}, equals: true }`), new RegExp(`unknown fact "exporter.${name}"`)],
        [edit(national, 'subject: exporter.ciio', `subject: ${name}`), new RegExp(`unknown fact "${name}"`)],
        [edit(national, '({{prior.individuals}} before', `({{${name}}} before`), new RegExp(`unknown placeholder \\{\\{${name}\\}\\}`)],
        [edit(national, '({{prior.individuals}} before', `({{param.${name}}} before`), new RegExp(`unknown placeholder \\{\\{param.${name}\\}\\}`)],
        [edit(national, '{ fact: data.hasCore, equals: true }', `{ fact: data.categories, includes: ${name} }`), new RegExp(`unknown taxonomy id "${name}"`)],
      ];
      for (const [text, says] of cases) expect(messages(text)).toContainEqual(expect.stringMatching(says));
      // As an operator key (the parser itself refuses `__proto__` and `constructor` keys).
      const asKey = edit(national, '{ fact: data.hasCore, equals: true }', `{ fact: data.hasCore, ${name}: true }`);
      if (name === '__proto__' || name === 'constructor') expect(() => messages(asKey)).toThrow(/is not allowed/);
      else expect(messages(asKey)).toContainEqual(expect.stringMatching(new RegExp(`unknown (operator|field) "${name}"`)));
      expect(messages(national, edit(beijing, 'zone: beijing }', `zone: ${name} }`))).toContainEqual(expect.stringMatching(/scope\/zone|zone id/));
      // Run-time catalogues and the merged taxonomy.
      expect(FACTS[name]).toBeUndefined();
      expect((OPERATOR_IMPLS as Record<string, unknown>)[name]).toBeUndefined();
      expect((OPERAND_SHAPE as Record<string, unknown>)[name]).toBeUndefined();
      const taxonomy = new Taxonomy(new Map());
      expect([taxonomy.has(name), taxonomy.expand(name), taxonomy.personal(name)]).toEqual([false, [name], 'none']);
      expect(zoneChain(name)).toEqual([name]);
      expect(render(`{{${name}}}`, 'en', (n) => (FACTS[n] ? 'x' : undefined))).toBe(`{{${name}}}`);
    });
  }
  it('compiled parameters have no prototype either', () => {
    const { packs } = compilePacks([parseSource(national, 'p.yaml', { allowAliases: true })]);
    const params = packs![0]!.params as Record<string, unknown>;
    for (const name of NAMES) expect(params[name], name).toBeUndefined();
  });
});
