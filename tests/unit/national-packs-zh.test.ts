import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FACTS } from '../../src/compile/facts.js';
import { placeholders } from '../../src/compile/templates.js';
import type { ExpandedPack } from '../../src/model/pack.js';

const PACKS = ['cn-national', 'cn-national-2022'];
const load = (id: string): ExpandedPack => parse(readFileSync(new URL(`../../rules/${id}/pack.yaml`, import.meta.url), 'utf8')) as ExpandedPack;

/** Every Chinese text a national pack can put in a verdict or in `explain`. */
function chineseTexts(pack: ExpandedPack): [string, string][] {
  const out: [string, string][] = [];
  for (const r of pack.rules) {
    for (const [field, t] of Object.entries({ title: r.title, message: r.message, action: r.action, description: r.description })) {
      if (t) out.push([`${r.id}.${field}`, t.zh]);
    }
  }
  for (const [key, t] of Object.entries(pack.messages ?? {})) if (t) out.push([`messages.${key}`, t.zh]);
  return out;
}

// Placeholders that render a machine value (an id from a closed list, a state) rather than a number or a date.
// data.unknownCategories is the user's own unknown ids, shown as written.
const MACHINE_FACTS = Object.entries(FACTS)
  .filter(([name, f]) => (f.type === 'string' && f.values) || name === 'data.categories' || name === 'exporter.sector' || name === 'exporter.zone')
  .map(([name]) => name);

describe('Chinese text of the national packs never contains machine values (zone-lists.md §5.10)', () => {
  for (const id of PACKS) {
    const pack = load(id);
    const ids = new Set([
      ...Object.values(FACTS).flatMap((f) => f.values ?? []),
      ...Object.keys(pack.taxonomy ?? {}),
      ...pack.rules.map((r) => r.id),
    ]);
    it(`${id}: no id-valued placeholder and no literal id in zh`, () => {
      const problems: string[] = [];
      for (const [where, zh] of chineseTexts(pack)) {
        for (const p of placeholders(zh)) if (MACHINE_FACTS.includes(p)) problems.push(`${where}: {{${p}}}`);
        const bare = zh.replace(/\{\{[^}]*\}\}/g, '');
        for (const token of bare.match(/[A-Za-z][A-Za-z0-9.-]*/g) ?? []) if (ids.has(token)) problems.push(`${where}: ${token}`);
      }
      expect(problems).toEqual([]);
    });
    it(`${id}: every rule citation is bilingual`, () => {
      expect(pack.rules.filter((r) => typeof r.citation === 'string').map((r) => r.id)).toEqual([]);
    });
  }
});
