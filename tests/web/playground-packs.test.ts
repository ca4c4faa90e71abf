/** The playground's list of packs pairs each pack file with the test table `pack sign` covers, whatever its extension. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPacks, runPlayground } from '../../src/app/playground.js';

describe('playground pack list', () => {
  it('finds tests.yml beside pack.yml, and x.tests.yaml beside x.pack.yaml, never the pack file itself', async () => {
    const root = mkdtempSync(join(tmpdir(), 'xborder-playground-'));
    mkdirSync(join(root, 'a'));
    mkdirSync(join(root, 'b'));
    writeFileSync(join(root, 'a', 'pack.yml'), 'metadata: { id: a }\n');
    writeFileSync(join(root, 'a', 'tests.yml'), 'pack: a\n');
    writeFileSync(join(root, 'b', 'x.pack.yaml'), 'metadata: { id: x }\n');
    writeFileSync(join(root, 'b', 'x.tests.yaml'), 'pack: x\n');
    const packs = await bundledPacks(root);
    expect(packs.map((p) => [p.id, p.pack.uri, p.tests?.uri, p.tests?.text])).toEqual([
      ['a', join('a', 'pack.yml'), join('a', 'tests.yml'), 'pack: a\n'],
      ['x', join('b', 'x.pack.yaml'), join('b', 'x.tests.yaml'), 'pack: x\n'],
    ]);
  });
});

describe('playground coverage', () => {
  it('counts a pack\'s rules as `pack test` does: a rule no manifest can make fire is out of the count', async () => {
    const bundled = await bundledPacks();
    const beijing = bundled.find((p) => p.id === 'zone-beijing-2024');
    expect(beijing?.tests).toBeDefined();
    const played = await runPlayground({ pack: beijing!.pack, tests: beijing!.tests }, bundled);
    expect(played.diagnostics).toEqual([]);
    // The golden `pack test` output (tests/cli/golden.test.ts): "29/29 rules exercised; cannot fire (not counted): beijing.exempt.unlisted".
    const golden = readFileSync(new URL('../fixtures/golden/pack-test.txt', import.meta.url), 'utf8');
    const line = /zone-beijing-2024 \S+: (\d+)\/(\d+) rules exercised; cannot fire \(not counted\): beijing\.exempt\.unlisted/.exec(golden);
    expect(line).not.toBeNull();
    expect(played.coverage?.find((c) => c.pack === 'zone-beijing-2024')).toEqual({ pack: 'zone-beijing-2024', exercised: Number(line![1]), rules: Number(line![2]) });
  });
});
