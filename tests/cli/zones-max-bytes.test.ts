/** `zones` reads its manifest with the same size limit as `check`: XBORDER_MAX_BYTES, else 10 MB. */
import { describe, expect, it } from 'vitest';
import type { AppIO } from '../../src/app/io.js';
import { zonesReport } from '../../src/app/zones.js';
import { loadPacks } from '../../src/load/load-packs.js';

const FILE = 'examples/manifests/fail-sme-150k-singapore.yaml';

const memoryIO = (env: Record<string, string>): { io: AppIO; out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), env, cwd: process.cwd(), isTTY: false, stderrIsTTY: false, readStdin: async () => '' } as AppIO;
  return { io, out, err };
};

describe('xborder zones: size limit', () => {
  it('refuses a manifest over XBORDER_MAX_BYTES (exit 2), as check does, and compares it under the default', async () => {
    const set = await loadPacks();
    const small = memoryIO({ XBORDER_MAX_BYTES: '200' });
    expect(await zonesReport(FILE, set, { format: 'json', lang: 'en' }, small.io)).toBe(2);
    expect(small.err.join('')).toMatch(/over the 200-byte limit/);
    expect(small.out).toEqual([]);
    const usual = memoryIO({});
    expect(await zonesReport(FILE, set, { format: 'json', lang: 'en' }, usual.io)).toBe(1); // compared; its own row fails
    expect(JSON.parse(usual.out.join('')).zones[0].zone).toBe('none');
  });
});
