import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOOD, ROOT, STACK_FRAME, runCli, tempDir, writeTemp } from './cli-run.js';

/**
 * Pathological but small-enough files (under the 10 MB byte limit): millions of values, tens of thousands of keys.
 * The checker must refuse or check each in bounded memory and time, and finish the rest of the batch. The child
 * runs with a 256 MB heap: a regression to unbounded memory shows up as a crash here.
 */
const good = readFileSync(join(GOOD, 'sme-150k-singapore.yaml'), 'utf8');
const json = JSON.parse(readFileSync(join(GOOD, 'trade-docs.json'), 'utf8')) as Record<string, unknown>;
const MB10 = 10 * 1024 * 1024 - 4096;
const files: Record<string, string> = {};

beforeAll(() => {
  const dir = tempDir();
  files.wideYaml = writeTemp(dir, 'wide.yaml', `${good}x-wide: [${'1,'.repeat(MB10 / 2 - 1000)}1]\n`);
  files.wideJson = writeTemp(dir, 'wide.json', JSON.stringify({ ...json, 'x-wide': new Array(MB10 / 2 - 1000).fill(0) }));
  files.manyKeys = writeTemp(dir, 'many-keys.yaml', `${good}x-keys:\n${Array.from({ length: 600_000 }, (_, i) => `  k${i}: 1\n`).join('').slice(0, MB10 - good.length - 100)}`);
  files.longLines = writeTemp(dir, 'long-lines.yaml', `${good}x-text: ${'a'.repeat(60_000)}\n`.repeat(1));
  // Just under the value limit: valid, and checked.
  files.nearLimitYaml = writeTemp(dir, 'near-limit.yaml', `${good}x-wide: [${'1,'.repeat(48_000)}1]\n`);
  files.nearLimitKeys = writeTemp(dir, 'near-limit-keys.yaml', `${good}x-keys:\n${Array.from({ length: 24_000 }, (_, i) => `  k${i}: 1\n`).join('')}`);
  files.nearLimitJson = writeTemp(dir, 'near-limit.json', JSON.stringify({ ...json, 'x-wide': new Array(48_000).fill(0) }));
});

describe('resource bounds', () => {
  it('a batch of pathological files finishes in bounded memory and time, and the good file gets its verdict', async () => {
    const started = Date.now();
    const batch = [files.wideYaml!, files.wideJson!, files.manyKeys!, files.longLines!, files.nearLimitYaml!, files.nearLimitKeys!, files.nearLimitJson!, join(GOOD, 'trade-docs.json')];
    const run = await runCli(['check', ...batch, '--format', 'json'], { env: { NODE_OPTIONS: '--max-old-space-size=256' }, timeout: 60_000 });
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.code).toBe(2);
    const results = JSON.parse(run.stdout) as { source: string; verdict?: string; error?: { message: string } }[];
    expect(results.map((r) => r.error?.message ?? r.verdict)).toEqual([
      expect.stringMatching(/more than 50,000 values/),
      expect.stringMatching(/more than 50,000 values/),
      expect.stringMatching(/more than 50,000 values/),
      'fail', 'fail', 'fail', 'pass', 'pass',
    ]);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 90_000);

  it('every string in the manifest schema has a maxLength, every array a maxItems', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/manifest.schema.json'), 'utf8')) as unknown;
    const missing: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}/${i}`));
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      // Inside "if" only matches; it bounds nothing.
      if (path.includes('/if')) return;
      if (o.type === 'string' && o.maxLength === undefined) missing.push(`${path} maxLength`);
      if (o.type === 'array' && o.maxItems === undefined) missing.push(`${path} maxItems`);
      for (const [k, x] of Object.entries(o)) walk(x, `${path}/${k}`);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });
});
