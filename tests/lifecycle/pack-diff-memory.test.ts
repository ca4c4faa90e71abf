/**
 * `pack diff` in bounded memory (issue 16): the live heap while 2,500 manifests are replayed under both pack sets
 * peaks no higher than for 500 (plus the list of paths, a few bytes each). Keeping the results would cost
 * kilobytes per manifest. The 100,000-manifest figure is in the lead's report (bench, not the test suite).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const run = promisify(execFile);

const measure = async (n: number): Promise<{ code: number; manifests: number; peak: number }> => {
  const { stdout } = await run(process.execPath, ['--expose-gc', join(ROOT, 'tests', 'lifecycle', 'pack-diff-memory.mjs'), String(n)], { cwd: ROOT, maxBuffer: 1 << 24 });
  return JSON.parse(stdout) as { code: number; manifests: number; peak: number };
};

describe('pack diff memory', () => {
  it('the live heap for 2,500 manifests is within 4 MB of that for 400', async () => {
    const [small, large] = [await measure(400), await measure(2500)];
    expect([small.manifests, large.manifests]).toEqual([400, 2500]);
    expect(large.code).toBe(0);
    expect(large.peak - small.peak, JSON.stringify({ small: small.peak, large: large.peak })).toBeLessThan(4 * 1024 * 1024);
  }, 600_000);
});
