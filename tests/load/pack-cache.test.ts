// The compiled-pack cache gives back exactly what the compiler built: Maps, open-ended dates (Infinity) and all.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { readCache, writeCache } from '../../dist/src/load/pack-cache.js';

describe('compiled-pack cache', () => {
  it('reads back the bundled packs equal to a fresh compile', async () => {
    const fresh = await loadPacks();
    const dir = mkdtempSync(join(tmpdir(), 'xborder-cache-'));
    writeCache(dir, 'k'.repeat(64), fresh.packs);
    const back = readCache(dir, 'k'.repeat(64));
    expect(back).toEqual(fresh.packs);
    expect(JSON.stringify(back, (_k, v) => (v instanceof Map ? [...v] : v === Infinity ? 'inf' : v)))
      .toBe(JSON.stringify(fresh.packs, (_k, v) => (v instanceof Map ? [...v] : v === Infinity ? 'inf' : v)));
  });

  it('restores tagged values at any depth, in arrays and Map entries, and never sets a prototype', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-cache-'));
    const odd = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const packs = [{ a: [Infinity, -Infinity, { m: new Map<string, unknown>([['x', new Map([['y', Infinity]])], ['z', [1, Infinity]]]) }], odd }];
    writeCache(dir, 'a'.repeat(64), packs as never);
    const back = readCache(dir, 'a'.repeat(64)) as unknown as typeof packs;
    expect(back[0]!.a).toEqual(packs[0]!.a);
    const o = back[0]!.odd as Record<string, unknown>;
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(o, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('treats an entry whose tags do not lead to tagged values as a miss (compiled afresh)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-cache-'));
    const key = 'b'.repeat(64);
    writeCache(dir, key, [{ t: new Map([['a', 1]]) }] as never);
    const file = join(dir, `${key}.json`);
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { tags: [unknown[], string][] };
    expect(entry.tags).toEqual([[[0, 't'], 'map']]);
    for (const bad of [[[[0, '__proto__'], 'map']], [[[0, 't'], 'num']], [[[], 'map']], 'x']) {
      writeFileSync(file, JSON.stringify({ ...entry, tags: bad }));
      expect(readCache(dir, key)).toBeUndefined();
    }
  });
});
