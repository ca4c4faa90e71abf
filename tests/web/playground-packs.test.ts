/** The playground's list of packs pairs each pack file with the test table `pack sign` covers, whatever its extension. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPacks } from '../../src/app/playground.js';

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
