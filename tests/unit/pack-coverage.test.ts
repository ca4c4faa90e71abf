import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCoverage, listCoverage, withReadmeFigures } from '../../src/app/pack-coverage.js';
import { compilePack } from '../../src/compile/compile-pack.js';
import { expandList } from '../../src/compile/expand-list.js';
import { loadPacks } from '../../src/load/load-packs.js';
import type { RulePack } from '../../src/model/pack.js';

const source = 'https://example.org/list';
const figures = 'https://example.org/figures';
const pack = (list: Partial<NonNullable<RulePack['list']>>, catalogue = false): RulePack => ({
  apiVersion: 'xborder/pack/v1', kind: 'RulePack',
  metadata: {
    id: 'zone-x-2025', version: '1.0.0', lineage: 'zone-x', title: { en: 'x', zh: '某' }, issuer: { en: 'x', zh: '某' },
    instrument: { title: { en: 'x', zh: '某' } }, source, effective: { from: '2025-01-01' }, scope: { kind: 'zone', zone: 'shanghai', region: 'CN-SH' },
  },
  list: {
    kind: catalogue ? 'catalogue' : 'negative', name: { en: 'X list', zh: '某清单' }, citation: 'X list', source,
    scenarios: [
      { id: 'shanghai.a', title: { en: 'A', zh: '甲' }, sector: 'shipping', wording: '甲', source, coverage: 'complete', fields: 1 },
      { id: 'shanghai.b', title: { en: 'B', zh: '乙' }, sector: 'shipping', wording: '乙', source: figures, coverage: 'partial' },
    ],
    entries: [
      { id: 'shanghai.a.crew', scenario: 'shanghai.a', data: 'sensitive', matches: ['spi.identity'], title: { en: 'crew', zh: '船员' }, citation: 'X', source },
      { id: 'shanghai.ops', data: 'important', matches: [], title: { en: 'ops', zh: '运营' }, citation: 'X', source: 'https://example.org/ops' },
    ],
    ...list,
  },
});
const coverage = (p: RulePack) => listCoverage([compilePack(expandList(p), 'x.yaml')])[0]!;

describe('pack coverage', () => {
  it('counts what the list encodes and shows only the published figures a source states', () => {
    const c = coverage(pack({ published: { scenarios: 6, fields: 84, source: figures } }));
    expect(c.published).toEqual({ sectors: null, scenarios: 6, subclasses: null, fields: 84, source: figures });
    expect(c.encoded).toEqual({ sectors: 1, scenarios: 2, complete: 1, partial: 1, subclasses: null, fields: 2, entries: 2 });
    expect(c.scenarios.map((s) => [s.id, s.encodedFields, s.publishedFields])).toEqual([['shanghai.a', 1, 1], ['shanghai.b', 0, null]]);
    expect(c.scenarios.map((s) => [s.title, s.titleZh])).toEqual([['A', '甲'], ['B', '乙']]);
    expect(c.sources).toEqual(['https://example.org/figures', 'https://example.org/list', 'https://example.org/ops']);
    const text = formatCoverage([c], 'text');
    expect(text).toContain('scenarios    2 of 6  (1 complete, 1 partial)');
    expect(text).toContain('sectors      1 of unknown');
    expect(text).toContain('shanghai.b  [partial]  fields 0 of unknown');
  });

  it('a list with no published figures says unknown everywhere; a catalogue counts its entries as sub-classes', () => {
    const c = coverage(pack({}, true));
    expect(c.published).toEqual({ sectors: null, scenarios: null, subclasses: null, fields: null, source: null });
    expect(c.encoded.subclasses).toBe(2);
    expect(c.encoded.fields).toBeNull();
    expect(formatCoverage([c], 'markdown')).toContain('| 2 of unknown | 1 / 1 | 2 of unknown | — of unknown |');
    expect(JSON.parse(formatCoverage([c], 'json')).lists[0].pack).toBe('zone-x-2025');
  });

  it('docs/coverage.md and the README\'s zone figures are those of the bundled packs (regenerate: npm run docs:coverage)', async () => {
    const lists = listCoverage((await loadPacks()).packs);
    const doc = readFileSync(new URL('../../docs/coverage.md', import.meta.url), 'utf8');
    expect(doc, 'docs/coverage.md is stale: run `npm run docs:coverage`').toBe(formatCoverage(lists, 'markdown'));
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme, 'README.md zone figures are stale: run `npm run docs:coverage`').toBe(withReadmeFigures(readme, lists));
  });

  it('refuses a README without the coverage markers instead of dropping the figures', () => {
    expect(() => withReadmeFigures('# x\n', [])).toThrow(/coverage:start/);
  });
});
