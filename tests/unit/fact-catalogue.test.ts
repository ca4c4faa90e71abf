import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FACTS } from '../../src/compile/facts.js';
import { deriveFacts, type DerivationParams } from '../../src/evaluate/derive-facts.js';
import { Taxonomy } from '../../src/evaluate/taxonomy.js';
import type { Manifest } from '../../src/model/manifest.js';
import { parseSource } from '../../src/source/document.js';

/**
 * Issue 9: the fact catalogue (what a pack may test, checked when it loads) and deriveFacts (what a run computes)
 * are two lists of the same names. A fact in one only is a rule refused for no reason, or one that tests a missing
 * value; so both are pinned to each other here, with each value's type and closed set of values.
 */
const params: DerivationParams = { assessmentValidityYears: 3, certificationValidityYears: 3, contractFilingWorkingDays: 10, calendar: { holidays: new Set(), workdays: new Set(), years: new Set() } };
const taxonomy = new Taxonomy(new Map([['pi.basic', { personal: 'pi', title: { en: 'b', zh: 'b' } }], ['spi.health', { personal: 'spi', title: { en: 'h', zh: 'h' } }]]) as never);

const dir = new URL('../../examples/manifests/', import.meta.url);
const examples = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))
  .map((f) => parseSource(readFileSync(new URL(f, dir), 'utf8'), f).data as Manifest);

/** `group.field` for every field of every group, the way rules name them. */
const names = (facts: object): Map<string, unknown> =>
  new Map(Object.entries(facts).flatMap(([group, fields]) => Object.entries(fields as object).map(([k, v]) => [`${group}.${k}`, v] as const)));

const typeOf = (v: unknown): string => (Array.isArray(v) ? (v.every((x) => typeof x === 'string') ? 'string[]' : 'array') : typeof v);
const expectedType = { boolean: 'boolean', number: 'number', string: 'string', 'string[]': 'string[]', date: 'number' } as const;

describe('the fact catalogue is what deriveFacts returns', () => {
  it('the examples are read (a wrong folder would make every check below vacuous)', () => {
    expect(examples.length).toBeGreaterThan(20);
  });
  it('every catalogued fact is derived, and every derived fact is catalogued', () => {
    for (const m of examples) {
      const derived = [...names(deriveFacts(m, m.date, taxonomy, params).facts).keys()].sort();
      expect(derived, m.id).toEqual(Object.keys(FACTS).sort());
    }
  });
  it('each derived value has its catalogued type and, for a closed set, one of its values', () => {
    const seen = new Map<string, Set<unknown>>();
    for (const m of examples) {
      for (const [name, value] of names(deriveFacts(m, m.date, taxonomy, params).facts)) {
        const spec = FACTS[name]!;
        expect(typeOf(value), `${m.id}: ${name}`).toBe(expectedType[spec.type]);
        if (spec.values) expect(spec.values, `${m.id}: ${name}`).toContain(value);
        (seen.get(name) ?? seen.set(name, new Set()).get(name)!).add(value);
      }
    }
    // The tri-state GBA fact: the examples state it (no) and leave it out (unstated, the value that used to read as no).
    expect([...seen.get('mechanisms.gbaOnwardOutsideGba')!].sort()).toEqual(['no', 'unstated']);
  });
  it('the GBA onward-transfer fact: stated true → yes, false → no, left out → unstated (never no)', () => {
    const gba = examples.find((m) => m.safeguards?.gbaContract) ?? expect.fail('no GBA example');
    const onward = (v: boolean | undefined): string => {
      const { onwardOutsideGba: _, ...contract } = gba.safeguards!.gbaContract!;
      const m = { ...gba, safeguards: { ...gba.safeguards, gbaContract: v === undefined ? contract : { ...contract, onwardOutsideGba: v } } };
      return deriveFacts(m, m.date, taxonomy, params).facts.mechanisms.gbaOnwardOutsideGba;
    };
    expect([onward(true), onward(false), onward(undefined)]).toEqual(['yes', 'no', 'unstated']);
  });
  it('a certification under a national pack without a certificate term is beyond the term (fail closed), not within it', () => {
    const base = examples[0]!;
    const beyond = (years: number | undefined, validUntil: string): boolean => {
      const m = { ...base, date: '2029-01-10', safeguards: { ...base.safeguards, certification: { ref: 'CERT-1', validUntil } } };
      return deriveFacts(m, m.date, taxonomy, { ...params, certificationValidityYears: years }).facts.mechanisms.certificationBeyondTerm;
    };
    expect([beyond(3, '2032-01-10'), beyond(3, '2032-01-11')]).toEqual([false, true]);
    expect(beyond(undefined, '2029-06-01')).toBe(true);
  });
});
