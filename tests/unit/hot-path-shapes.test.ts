// Helpers that keep V8's view of hot objects stable (one elements kind, one hidden class) must not change what they
// hold: a JSON pointer's segments, joined texts, and the compiled rules the evaluator reads.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinPointer, splitPointer } from '../../src/util/json-pointer.js';
import { joinMapped, objectArray } from '../../src/util/arrays.js';
import { loadPacks } from '../../dist/src/load/load-packs.js';

describe('JSON pointer segments', () => {
  it('splits the root into no segments and unescapes ~1 and ~0 (RFC 6901 order)', () => {
    expect(splitPointer('')).toEqual([]);
    expect(splitPointer('/')).toEqual(['']);
    expect(splitPointer('/data/0/categories')).toEqual(['data', '0', 'categories']);
    expect(splitPointer('/a~1b/~0c/~01')).toEqual(['a/b', '~c', '~1']);
    for (const p of ['', '/x', '/a~1b/~0c/~01/', '/data/12/name']) expect(joinPointer(splitPointer(p))).toBe(p);
  });
});

describe('array helpers', () => {
  it('joinMapped is map().join() without the array', () => {
    const xs = [{ t: 'a' }, { t: 'b' }, { t: 'c' }];
    expect(joinMapped(xs, (x) => x.t, '; ')).toBe('a; b; c');
    expect(joinMapped([xs[0]!], (x) => x.t, '; ')).toBe('a');
    expect(joinMapped([], (x: { t: string }) => x.t, '; ')).toBe('');
  });
  it('objectArray is a fresh empty array each time', () => {
    const a = objectArray<{ n: number }>();
    const b = objectArray<{ n: number }>();
    expect(a).toEqual([]);
    a.push({ n: 1 });
    expect(a).toEqual([{ n: 1 }]);
    expect(b).toEqual([]);
  });
});

describe('loaded rules', () => {
  it('have the same fields in the same order, from a fresh compile and from the cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-shape-'));
    const previous = process.env.XBORDER_CACHE_DIR;
    process.env.XBORDER_CACHE_DIR = dir;
    try {
      for (const pass of ['compiled', 'cached']) {
        const set = await loadPacks(undefined, { cache: true });
        const shapes = new Set(set.packs.flatMap((p) => p.rules.map((r) => Object.keys(r).join(','))));
        expect([...shapes], pass).toHaveLength(1);
        // Only absent optional fields became undefined: every set value is the compiler's.
        const anyRule = set.packs[0]!.rules[0]!;
        expect(anyRule.id).toBeTypeOf('string');
      }
    } finally {
      if (previous === undefined) delete process.env.XBORDER_CACHE_DIR;
      else process.env.XBORDER_CACHE_DIR = previous;
    }
  });
});
