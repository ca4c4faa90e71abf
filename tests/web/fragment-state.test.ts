/** The playground's shareable state in the URL fragment: compressed (deflate-raw, base64url), with a plain fallback. */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeState, encodeState } from '../../web/src/fragment-state.js';

const pack = readFileSync(new URL('../../rules/cn-national/pack.yaml', import.meta.url), 'utf8');
const state = { uri: 'cn-national/pack.yaml', pack: pack.replace('value: 100000', 'value: 200000'), manifest: 'id: 示例\n' };

describe('fragment state', () => {
  afterEach(() => { vi.unstubAllGlobals(); });

  it('round-trips an edited national pack as z=<deflate-raw, base64url>, a fraction of the plain length', async () => {
    const q = await encodeState(state);
    expect(q).toMatch(/^z=[A-Za-z0-9_-]+$/);
    const plain = `s=${encodeURIComponent(JSON.stringify(state))}`;
    expect(q.length).toBeLessThan(plain.length / 4);
    expect(JSON.parse(inflateRawSync(Buffer.from(q.slice(2), 'base64url')).toString('utf8'))).toEqual(state); // what any tool can read
    expect(await decodeState(q)).toEqual(state);
  });

  it('without CompressionStream writes and reads the plain s= form; links of either form open', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    const q = await encodeState(state);
    expect(q.startsWith('s=')).toBe(true);
    expect(await decodeState(q)).toEqual(state);
    vi.unstubAllGlobals();
    expect(await decodeState(q)).toEqual(state);
  });

  it('a damaged or empty fragment opens the playground unedited', async () => {
    const q = await encodeState(state);
    expect(await decodeState(`${q.slice(0, 40)}`)).toEqual({});
    expect(await decodeState('s=%7Bnot-json')).toEqual({});
    expect(await decodeState(undefined)).toEqual({});
  });
});
