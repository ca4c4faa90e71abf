/** The structural diff covers zone-list rows: entries, scenarios and duties added, removed or changed, each by id. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { diffPackSets } from '../../src/packdiff/structure.js';
import type { RulePack } from '../../src/model/pack.js';

const beijing = (): RulePack => parse(readFileSync(new URL('../../rules/zone-beijing/pack.yaml', import.meta.url), 'utf8')) as RulePack;

describe('structural diff of list entries', () => {
  it('names each entry added, removed or changed (with the fields that changed), and scenario changes', () => {
    const base = beijing();
    const head = beijing();
    const list = head.list!;
    const [first, second] = list.entries;
    list.entries = list.entries.filter((e) => e.id !== first!.id); // removed
    list.entries.push({ ...second!, id: 'beijing.automotive.new-entry' }); // added
    const changed = list.entries.find((e) => e.id === second!.id)!;
    changed.matches = [...(changed.matches ?? []), 'biz.operations']; // changed
    list.scenarios[0]!.coverage = list.scenarios[0]!.coverage === 'complete' ? 'partial' : 'complete';
    const [pack] = diffPackSets([base], [head]);
    expect(pack?.status).toBe('changed');
    const rows = pack!.changes.map((c) => [c.section, c.id, c.change, c.fields]);
    expect(rows).toContainEqual(['list.entries', first!.id, 'removed', undefined]);
    expect(rows).toContainEqual(['list.entries', 'beijing.automotive.new-entry', 'added', undefined]);
    expect(rows).toContainEqual(['list.entries', second!.id, 'changed', ['matches']]);
    expect(rows).toContainEqual(['list.scenarios', list.scenarios[0]!.id, 'changed', ['coverage']]);
    expect(pack!.changes.filter((c) => c.section.startsWith('list'))).toHaveLength(4);
  });

  it('a parameter whose description alone changed is named with that field, without its (equal) values', () => {
    const national = (): RulePack => parse(readFileSync(new URL('../../rules/cn-national/pack.yaml', import.meta.url), 'utf8')) as RulePack;
    const head = national();
    const params = head.parameters as Record<string, { value: unknown; description?: unknown }>;
    const [id, p] = Object.entries(params).find(([, v]) => typeof v.value === 'number')!;
    params[id] = { ...p, description: { en: 'reworded', zh: '改写' } };
    const worded = diffPackSets([national()], [head])[0]!.changes.find((c) => c.id === id);
    expect(worded).toEqual({ section: 'parameters', id, change: 'changed', fields: ['description'] });
    params[id] = { ...p, value: (p.value as number) + 1 };
    const valued = diffPackSets([national()], [head])[0]!.changes.find((c) => c.id === id);
    expect(valued).toMatchObject({ fields: ['value'], from: p.value, to: (p.value as number) + 1 });
  });

  it('an unchanged list reports nothing', () => {
    expect(diffPackSets([beijing()], [beijing()])[0]).toMatchObject({ status: 'unchanged', changes: [] });
  });
});
