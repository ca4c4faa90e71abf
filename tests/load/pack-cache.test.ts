// The compiled-pack cache gives back exactly what the compiler built: Maps, open-ended dates (Infinity) and all.
// Packs decode on first use (issue 17), so a check pays for the packs that apply to its manifest; a corrupt
// entry is still a miss, or, when only found corrupt on first use, the set is compiled afresh.
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { readCache, writeCache } from '../../dist/src/load/pack-cache.js';
import type { PackSet } from '../../dist/src/evaluate/pack-set.js';
import { checkValue } from '../../dist/src/evaluate/pipeline.js';
import { mergePatch } from '../../src/packtest/merge-patch.js';
import { manifest, rng, zoneShapes } from '../../bench/corpus.js';
import { ROOT } from '../helpers/cli.js';

const canonical = (v: unknown): string => JSON.stringify(v, (_k, x) => (x instanceof Map ? [...x] : x === Infinity ? 'inf' : x));
/** The packs whose bodies were decoded (their `rules` is a plain value, no longer a getter). */
const decoded = (set: { packs: readonly object[] }): string[] => set.packs
  .filter((p) => !Object.getOwnPropertyDescriptor(p, 'rules')?.get).map((p) => (p as { meta: { id: string } }).meta.id);
const entryOf = (dir: string): string => join(dir, readdirSync(dir).find((f) => /^[0-9a-f]{64}\.json$/.test(f))!);

let fresh: PackSet;
beforeAll(async () => {
  fresh = await loadPacks();
});

const saved = process.env.XBORDER_CACHE_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.XBORDER_CACHE_DIR;
  else process.env.XBORDER_CACHE_DIR = saved;
});

/** A set loaded through a fresh cache directory: the first load writes the entry, the second reads it. */
async function cachedSet(): Promise<{ set: PackSet; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'xborder-cache-'));
  process.env.XBORDER_CACHE_DIR = dir;
  await loadPacks(undefined, { cache: true });
  return { set: await loadPacks(undefined, { cache: true }), dir };
}

describe('compiled-pack cache', () => {
  it('reads back the bundled packs equal to a fresh compile, each decoded only when first read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-cache-'));
    writeCache(dir, 'k'.repeat(64), fresh.packs);
    const back = readCache(dir, 'k'.repeat(64))!;
    expect(decoded({ packs: back })).toEqual([]);
    expect(back.map((p) => [p.meta.id, p.from, p.to, p.digest])).toEqual(fresh.packs.map((p) => [p.meta.id, p.from, p.to, p.digest]));
    expect(decoded({ packs: back })).toEqual([]); // head fields decode nothing
    expect(back[1]!.taxonomy).toEqual(fresh.packs[1]!.taxonomy);
    expect(decoded({ packs: back })).toEqual([fresh.packs[1]!.meta.id]);
    expect(back).toEqual(fresh.packs);
    expect(back.map((p) => Object.keys(p))).toEqual(fresh.packs.map((p) => Object.keys(p)));
    expect(canonical(back)).toBe(canonical(fresh.packs));
  });

  it('restores tagged values at any depth, in arrays and Map entries, and never sets a prototype', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-cache-'));
    const odd = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const packs = [{ a: [Infinity, -Infinity, { m: new Map<string, unknown>([['x', new Map([['y', Infinity]])], ['z', [1, Infinity]]]) }], odd, to: Infinity }];
    writeCache(dir, 'a'.repeat(64), packs as never);
    const back = readCache(dir, 'a'.repeat(64)) as unknown as typeof packs;
    expect(back[0]!.a).toEqual(packs[0]!.a);
    expect(back[0]!.to).toBe(Infinity);
    const o = back[0]!.odd as Record<string, unknown>;
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(o, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('treats an entry with another key, a bad header, bad head tags or a wrong length as a miss (compiled afresh)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-cache-'));
    const key = 'b'.repeat(64);
    writeCache(dir, key, [{ to: Infinity, t: new Map([['a', 1]]) }] as never);
    const file = join(dir, `${key}.json`);
    const text = readFileSync(file, 'utf8');
    const nl = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, nl)) as { key: string; packs: { tags: unknown; body: [number, number] }[] };
    expect(header.packs[0]!.tags).toEqual([[['to'], 'num']]);
    expect(readCache(dir, key)).toBeDefined();
    expect(readCache(dir, 'c'.repeat(64))).toBeUndefined();
    const variants = [
      ...[[[['__proto__'], 'num']], [[['to'], 'map']], [[[], 'num']], 'x'].map((tags) => ({ ...header, packs: [{ ...header.packs[0], tags }] })),
      { ...header, key: 'c'.repeat(64) },
      { ...header, packs: [{ ...header.packs[0], body: [1, header.packs[0]!.body[1]] }] },
      { ...header, packs: 'x' },
    ];
    for (const bad of variants) {
      writeFileSync(file, `${JSON.stringify(bad)}${text.slice(nl)}`);
      expect(readCache(dir, key)).toBeUndefined();
    }
    for (const cut of [text.slice(0, -1), `${text} `, text.slice(0, nl), '']) {
      writeFileSync(file, cut);
      expect(readCache(dir, key)).toBeUndefined();
    }
  });

  it('a body found corrupt on first use is recovered, or its first read throws (never a wrong value)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-cache-'));
    const key = 'd'.repeat(64);
    writeCache(dir, key, [{ digest: 'x', t: new Map([['a', 1]]) }, { digest: 'y', u: 2 }] as never);
    const file = join(dir, `${key}.json`);
    const text = readFileSync(file, 'utf8');
    // The first body's tag now names a path that holds no tagged value: same length, so the header still fits.
    const corrupt = text.replace('[["t"],"map"]', '[["q"],"map"]');
    expect(corrupt).not.toBe(text);
    writeFileSync(file, corrupt);
    const thrown = readCache(dir, key)!;
    expect(thrown[1]).toMatchObject({ u: 2 });
    expect(() => (thrown[0] as unknown as { t: unknown }).t).toThrow(/cache entry .* is corrupt/);
    const asked: number[] = [];
    const recovered = readCache(dir, key, (i) => (asked.push(i), { digest: 'x', t: new Map([['a', 9]]) }))!;
    expect((recovered[0] as unknown as { t: unknown }).t).toEqual(new Map([['a', 9]]));
    expect(asked).toEqual([0]);
    // A recovery that is not the same pack (another digest) is refused.
    const other = readCache(dir, key, () => ({ digest: 'z', t: new Map() }))!;
    expect(() => (other[0] as unknown as { t: unknown }).t).toThrow(/corrupt/);
  });
});

describe('compiled-pack cache through loadPacks', () => {
  it('a manifest decodes the packs that can apply to it, and the set runs them as a fresh compile does', async () => {
    const { set } = await cachedSet();
    expect(decoded(set)).toEqual([]);
    const national = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/batch/b-pass-trade.json'), 'utf8')) as object;
    expect(await checkValue(national, set, { explain: true })).toEqual(await checkValue(national, fresh, { explain: true }));
    expect(decoded(set)).toEqual(['cn-national']);
    // Every rule gets one ordinal, and the rules of every pack are there once all are reached.
    expect(set.rules.size).toBe(fresh.rules.size);
    const all = set.packs.flatMap((p) => p.rules);
    const ns = all.map((rule) => set.ordinals.get(rule)!);
    expect(new Set(ns).size).toBe(fresh.packs.reduce((n, p) => n + p.rules.length, 0));
    expect(set.byOrdinal).toHaveLength(all.length);
    all.forEach((rule, i) => {
      const n = ns[i]!;
      expect(set.byOrdinal[n]).toBe(rule);
      expect(set.units[n]!.map((u) => u.ordinal)).toEqual(set.units[n]!.map(() => n));
    });
    // A rule of another set has none, even once every pack is reached.
    expect(set.ordinals.get(fresh.packs[0]!.rules[0]!)).toBeUndefined();
  });

  it('gives the verdicts of a fresh compile on every pack test case and 1,000 generated manifests', async () => {
    const { set } = await cachedSet();
    const cases: { manifest: object; ledgerPrior?: { individuals: number; sensitiveIndividuals: number } }[] = [];
    for (const dir of readdirSync(join(ROOT, 'rules'))) {
      for (const f of readdirSync(join(ROOT, 'rules', dir)).filter((x) => x.endsWith('tests.yaml'))) {
        const suite = parse(readFileSync(join(ROOT, 'rules', dir, f), 'utf8')) as { base: object; cases: { manifest?: object; patch?: object; ledgerPrior?: never }[] };
        for (const c of suite.cases) cases.push({ manifest: (c.manifest ?? mergePatch(suite.base, c.patch ?? {})) as object, ledgerPrior: c.ledgerPrior });
      }
    }
    expect(cases.length).toBeGreaterThan(150);
    const r = rng(29);
    const zones = zoneShapes();
    for (let i = 0; i < 1000; i++) cases.push({ manifest: manifest(r, i, { zones }) });
    for (const c of cases) {
      const opts = { explain: true, ledgerPrior: c.ledgerPrior };
      expect(await checkValue(c.manifest, set, opts)).toEqual(await checkValue(c.manifest, fresh, opts));
    }
  }, 120_000);

  it('compiles afresh and rewrites the entry when a pack body is found corrupt on first use', async () => {
    const { set: first, dir } = await cachedSet();
    expect(decoded(first)).toEqual([]);
    const file = entryOf(dir);
    const text = readFileSync(file, 'utf8');
    // Break the national pack's body without changing its length: the header still matches, the body does not parse.
    const nl = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, nl)) as { packs: { head: { meta: { id: string } }; body: [number, number] }[] };
    const at = nl + 1 + header.packs.find((p) => p.head.meta.id === 'cn-national')!.body[0];
    expect(text[at]).toBe('{');
    writeFileSync(file, `${text.slice(0, at)}[${text.slice(at + 1)}`);
    const set = await loadPacks(undefined, { cache: true });
    expect(decoded(set)).toEqual([]);
    expect(canonical(set.packs)).toBe(canonical(fresh.packs));
    // The entry was written again from the fresh compile: whole, as the first load wrote it.
    expect(readFileSync(entryOf(dir), 'utf8')).toBe(text);
  });

  it('a stale entry (a pack edited) is not read: the edit is compiled', async () => {
    const rules = mkdtempSync(join(tmpdir(), 'xborder-rules-'));
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'xborder-cache-'));
    process.env.XBORDER_CACHE_DIR = dir;
    const before = await loadPacks([rules], { cache: true });
    const version = before.packs.find((p) => p.meta.id === 'cn-national')!.meta.version;
    const pack = join(rules, 'cn-national', 'pack.yaml');
    const text = readFileSync(pack, 'utf8');
    expect(text).toContain(`  version: ${version}\n`);
    writeFileSync(pack, text.replace(`  version: ${version}\n`, `  version: ${version}9\n`));
    const after = await loadPacks([rules], { cache: true });
    expect(after.packs.find((p) => p.meta.id === 'cn-national')!.meta.version).toBe(`${version}9`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(2);
  });

  it('a pack file that is not UTF-8 is still a read error where it was read (the key hashes bytes, never a hit)', async () => {
    const rules = mkdtempSync(join(tmpdir(), 'xborder-rules-'));
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'xborder-cache-'));
    process.env.XBORDER_CACHE_DIR = dir;
    const pack = join(rules, 'cn-national', 'pack.yaml');
    writeFileSync(pack, Buffer.concat([readFileSync(pack), Buffer.from([0x23, 0xff, 0x0a])]));
    const err = await loadPacks([join(rules, 'cn-national'), join(rules, 'no-such-folder')], { cache: true }).catch((e: unknown) => e) as { diagnostics: { message: string; location: { uri: string } }[] };
    expect(err.diagnostics.map((d) => [d.location.uri.endsWith('pack.yaml') ? 'pack.yaml' : d.location.uri.split('/').pop(), d.message.split(' (')[0]]))
      .toEqual([['pack.yaml', 'not UTF-8 text'], ['no-such-folder', 'pack path not found']]);
    await expect(loadPacks([join(rules, 'cn-national')], { cache: true })).rejects.toThrow(/not UTF-8/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toEqual([]);
  });
});

describe('the cache directory', () => {
  it('is used only when private to the user: a directory others can write is no cache (its entries would decide verdicts and run code)', async () => {
    const { chmodSync } = await import('node:fs');
    const { cacheDir } = await import('../../dist/src/load/pack-cache.js');
    const shared = mkdtempSync(join(tmpdir(), 'xborder-shared-'));
    chmodSync(shared, 0o777);
    expect(cacheDir({ XBORDER_CACHE_DIR: shared })).toBeUndefined();
    chmodSync(shared, 0o775);
    expect(cacheDir({ XBORDER_CACHE_DIR: shared })).toBeUndefined();
    chmodSync(shared, 0o700);
    expect(cacheDir({ XBORDER_CACHE_DIR: shared })).toBe(shared);
    const missing = join(shared, 'not-yet');
    expect(cacheDir({ XBORDER_CACHE_DIR: missing })).toBe(missing);
    expect(cacheDir({ XBORDER_CACHE_DIR: shared, XBORDER_NO_CACHE: '1' })).toBeUndefined();
  });
});
