/** The tally's typed-array store (src/batch/tally-store.ts): exact, whatever the hashes do. */
import { describe, expect, it } from 'vitest';
import { Arena, Days, KeySet, Refs } from '../../src/batch/tally-store.js';

describe('KeySet', () => {
  it('tells apart two keys of the same hash (FNV-1a 3376860818), byte for byte', () => {
    const s = new KeySet(new Arena());
    expect(s.add('tm-305689')).toBe(true);
    expect(s.has('tm-1015826')).toBe(false);
    expect(s.add('tm-1015826')).toBe(true);
    expect(s.add('tm-305689')).toBe(false);
    expect(s.has('tm-1015826')).toBe(true);
  });

  it('holds 100,000 keys, non-ASCII and NUL-joined too, through every growth of its table', () => {
    const s = new KeySet(new Arena());
    const key = (i: number) => ['杭州小微电子商务有限公司', `tm-${i}`, '2026-03-02', i % 7, 0].join('\0');
    for (let i = 0; i < 100_000; i++) expect(s.add(key(i))).toBe(true);
    for (let i = 0; i < 100_000; i += 997) expect(s.has(key(i))).toBe(true);
    expect(s.has(key(100_000))).toBe(false);
    expect(s.has(key(5).replace('2026', '2025'))).toBe(false);
  });

  it('tells apart strings that differ only in a lone surrogate (UTF-8 would write both as U+FFFD)', () => {
    const s = new KeySet(new Arena());
    expect(s.add('a\uD800')).toBe(true);
    expect(s.add('a\uD801')).toBe(true);
    expect(s.add('a\uFFFD')).toBe(true);
    expect(s.add(JSON.stringify('a\uD800'))).toBe(true); // the same text, without the marker byte
    expect(s.has('a\uD800')).toBe(true);
    expect(s.has('a\uD802')).toBe(false);
    expect(s.add('😀')).toBe(true);
    expect(s.has('\uD83D')).toBe(false);
  });
});

describe('Refs and Days', () => {
  it('give back the id and source as given, and days start with no transfer and no pass', () => {
    const refs = new Refs(new Arena());
    const a = refs.add({ id: 'tm-1', source: '出境说明/a.yaml' });
    for (let i = 0; i < 5_000; i++) refs.add({ id: `x${i}`, source: `s${i}` });
    expect(refs.get(a)).toEqual({ id: 'tm-1', source: '出境说明/a.yaml' });
    const odd = refs.add({ id: 'tm-\uD800', source: '😀.yaml' });
    expect(refs.get(odd)).toEqual({ id: 'tm-\uD800', source: '😀.yaml' });
    expect(refs.get(a + 4_000)).toEqual({ id: 'x3999', source: 's3999' });
    const days = new Days();
    let e = 0;
    for (let i = 0; i < 3_000; i++) e = days.add(i);
    expect([days.day[e], days.next[e], days.count[e], days.first[e], days.slackI[e], days.hasPass(e)]).toEqual([2_999, -1, 0, -1, Infinity, false]);
  });
});
