import { describe, expect, it } from 'vitest';
import { expandList, listProblems, mergeEdition } from '../../dist/src/compile/expand-list.js';
import type { ExpandedPack, RulePack } from '../../dist/src/model/pack.js';
import { neverHolds } from '../../dist/src/packtest/run.js';

const KNOWN = new Set(['pi.basic', 'pi.contact', 'spi.identity', 'biz.logistics']);
const source = 'https://example.org/list';
const pack = (list: Partial<NonNullable<RulePack['list']>> = {}, rules: RulePack['rules'] = []): RulePack => ({
  apiVersion: 'xborder/pack/v1', kind: 'RulePack',
  metadata: {
    id: 'zone-x-2025', version: '1.0.0', lineage: 'zone-x', title: { en: 'x', zh: '某' }, issuer: { en: 'x', zh: '某' },
    instrument: { title: { en: 'x', zh: '某' } }, source, effective: { from: '2025-01-01' }, scope: { kind: 'zone', zone: 'shanghai' },
  },
  list: {
    kind: 'negative', name: { en: 'X list', zh: '某清单' }, citation: 'X list', source,
    scenarios: [{ id: 'shanghai.a', title: { en: 'A', zh: '甲' }, sector: 'shipping', wording: '甲', source, coverage: 'partial' }],
    entries: [{ id: 'shanghai.a.crew', scenario: 'shanghai.a', data: 'sensitive', matches: ['spi.identity'], title: { en: 'crew', zh: '船员' }, citation: 'X list', source }],
    ...list,
  },
  rules,
});

const rule = (p: ExpandedPack, id: string) => p.rules.find((r) => r.id === id);

describe('zone list tables', () => {
  it('a list with only partial scenarios compiles to an exemption that can never hold', () => {
    const out = expandList(pack());
    expect(JSON.stringify(rule(out, 'shanghai.exempt.unlisted')?.when)).toContain('{"fact":"purpose.scenario","in":[]}');
    expect(rule(out, 'shanghai.scenario.partial')).toMatchObject({ kind: 'exemption', outcome: 'review' });
    expect(out.taxonomy?.['shanghai.a.crew']).toMatchObject({ personal: 'spi', broader: ['spi.identity'] });
  });

  it('an unconfirmed personal entry reviews and its message asks, in both languages; a confirmed one says the list names it', () => {
    const entry = { id: 'shanghai.a.crew', scenario: 'shanghai.a', data: 'sensitive' as const, matches: ['spi.identity'], title: { en: 'crew', zh: '船员' }, citation: 'X list', source };
    const asked = rule(expandList(pack({ entries: [{ ...entry, unconfirmed: true }] })), 'shanghai.a.crew');
    expect(asked).toMatchObject({ outcome: 'review' });
    expect(asked?.message.en).toMatch(/do not show it lists this sensitive personal information: confirm against the published list/);
    expect(asked?.message.zh).toContain('未显示清单列有该敏感个人信息');
    expect(asked?.message.en).not.toMatch(/the X list lists/);
    expect(rule(expandList(pack()), 'shanghai.a.crew')?.message.en).toMatch(/^The data includes sensitive personal information the X list lists \(crew\)/);
  });

  it('pack test sees that exemption as one that cannot fire (not untested), and only that one', () => {
    const out = expandList(pack());
    expect(neverHolds(rule(out, 'shanghai.exempt.unlisted')!.when)).toBe('purpose.scenario in []');
    for (const r of out.rules.filter((x) => x.id !== 'shanghai.exempt.unlisted')) expect(neverHolds(r.when), r.id).toBeUndefined();
    const complete = expandList(pack({ scenarios: [{ id: 'shanghai.a', title: { en: 'A', zh: '甲' }, wording: '甲', source, coverage: 'complete' }] }));
    expect(neverHolds(rule(complete, 'shanghai.exempt.unlisted')!.when)).toBeUndefined();
    // Alternatives: only when every one is impossible; a negation is read as possible.
    expect(neverHolds({ any: [{ fact: 'a', in: [] }, { fact: 'b', equals: 1 }] })).toBeUndefined();
    expect(neverHolds({ any: [{ fact: 'a', in: [] }, { fact: 'b', includesAny: [] }] })).toBe('a in []; b includesAny []');
    expect(neverHolds({ not: { fact: 'a', in: [] } })).toBeUndefined();
  });

  it('a complete scenario exempts only with no item matching its entries, through their base ids, and nothing important or core', () => {
    const out = expandList(pack({ scenarios: [{ id: 'shanghai.a', title: { en: 'A', zh: '甲' }, wording: '甲', source, coverage: 'complete' }] }));
    const when = JSON.stringify(rule(out, 'shanghai.exempt.unlisted')?.when);
    expect(when).toContain('{"fact":"purpose.scenario","equals":"shanghai.a"}');
    expect(when).toContain('{"fact":"data.categories","includesNone":["shanghai.a.crew","spi.identity"]}');
    for (const guard of ['exporter.ciio', 'data.hasImportant', 'data.hasCore', 'data.unknownCategoryCount']) expect(when).toContain(guard);
    expect(rule(out, 'shanghai.scenario.partial')).toBeUndefined();
  });

  it('refuses a hand-written zone exemption, a complete scenario without entries, and a PI entry without base ids', () => {
    const bad = pack(
      { scenarios: [{ id: 'shanghai.b', title: { en: 'B', zh: '乙' }, wording: '乙', source, coverage: 'complete' }], entries: [{ id: 'shanghai.b.pi', data: 'personal', matches: [], title: { en: 'b', zh: '乙' }, citation: 'X', source }] },
      [{ id: 'shanghai.exempt.all', kind: 'exemption', title: { en: 'all', zh: '全部' }, when: { fact: 'exporter.ciio', equals: false }, message: { en: 'x', zh: '免' }, citation: 'Art 6' }],
    );
    const messages = listProblems(bad, KNOWN).map((p) => p.message).join('\n');
    expect(messages).toMatch(/a zone pack exempts only through its list table/);
    expect(messages).toMatch(/marked complete but has no entries/);
    expect(messages).toMatch(/needs the base ids it falls under/);
  });

  it('a scenario names a known sector: not "none", not a property every object has (the same test as a sector scope)', () => {
    for (const sector of ['none', 'constructor', 'shippin']) {
      const bad = pack({ scenarios: [{ ...pack().list!.scenarios[0]!, sector }] });
      expect(listProblems(bad, KNOWN)).toContainEqual({ pointer: '/list/scenarios/0/sector', message: `unknown sector id "${sector}"` });
    }
    expect(listProblems(pack(), KNOWN)).toEqual([]);
  });

  it('a list with no scenarios (known to exist, content not sourced) only ever says review, and exempts nothing', () => {
    for (const kind of ['negative', 'general-data'] as const) {
      const out = expandList(pack({ kind, scenarios: [], entries: [] }));
      expect(out.rules.map((r) => r.id)).toEqual(['shanghai.list.unencoded']);
      expect(rule(out, 'shanghai.list.unencoded')).toMatchObject({ kind: 'flag', outcome: 'review' });
      expect(JSON.stringify(rule(out, 'shanghai.list.unencoded')?.message)).toContain(source);
    }
  });

  it('an unencoded list or catalogue class binds CIIOs too (it may name their data important); only a valid assessment lifts it', () => {
    const list = rule(expandList(pack({ scenarios: [], entries: [] })), 'shanghai.list.unencoded');
    expect(list?.when).toEqual({ all: [{ fact: 'mechanisms.securityAssessment', notEquals: 'valid' }] });
    const catalogue = rule(expandList(pack({ kind: 'catalogue' })), 'shanghai.catalogue.unencoded');
    expect(catalogue?.when).toEqual({ all: [{ fact: 'mechanisms.securityAssessment', notEquals: 'valid' }] });
  });

  it('a new edition inherits, replaces and removes entries by id', () => {
    const parent = pack({ entries: [...pack().list!.entries, { id: 'shanghai.a.ops', data: 'important', matches: ['biz.logistics'], title: { en: 'ops', zh: '运营' }, citation: 'X', source }] });
    const child = pack({ remove: ['shanghai.a.ops'], entries: [], scenarios: [{ id: 'shanghai.c', title: { en: 'C', zh: '丙' }, wording: '丙', source, coverage: 'partial' }] });
    const merged = mergeEdition(parent, { ...child, extends: 'zone-x-2024' });
    expect(merged.list?.entries.map((e) => e.id)).toEqual(['shanghai.a.crew']);
    expect(merged.list?.scenarios.map((s) => s.id)).toEqual(['shanghai.a', 'shanghai.c']);
  });
});
