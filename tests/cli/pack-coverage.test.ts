import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, xborder } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xborder-coverage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('xborder pack coverage', () => {
  it('json: every bundled zone list with published figures only where sourced', () => {
    const r = xborder(['pack', 'coverage', '--format', 'json']);
    expect(r.code).toBe(0);
    type L = { pack: string; published: Record<string, number | string | null>; encoded: { scenarios: number; fields: number | null } };
    const lists = (JSON.parse(r.stdout) as { lists: L[] }).lists;
    const byPack = new Map(lists.map((l) => [l.pack, l]));
    expect(byPack.get('zone-shanghai-2026')?.published).toMatchObject({ sectors: 4, scenarios: 9, subclasses: 29, fields: 109 });
    expect(byPack.get('zone-guangxi-2025')?.published).toMatchObject({ scenarios: null, fields: null, source: null });
    expect(byPack.get('zone-guangxi-2025')?.encoded.scenarios).toBe(0);
    expect(byPack.has('cn-national')).toBe(false);
  });

  it('text to a file with --output, for one pack directory', () => {
    const out = join(dir, 'c.txt');
    const r = xborder(['pack', 'coverage', 'rules/cn-national', 'rules/zone-zhejiang', '--output', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('scenarios    8 of 8  (0 complete, 8 partial)');
    expect(text).toContain('fields       0 of 134'); // both entries unconfirmed: neither counts as encoded
  });

  // Hunt (December 2026): the report written over a pack it had read replaced the national pack, exit 0.
  it('--output naming one of the packs it reads: exit 2, the pack untouched', () => {
    const rules = join(dir, 'rules');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const pack = join(rules, 'cn-national', 'pack.yaml');
    const before = readFileSync(pack, 'utf8');
    const r = xborder(['pack', 'coverage', rules, '--output', pack]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file this run reads');
    expect(readFileSync(pack, 'utf8')).toBe(before);
  });

  it('invalid packs: exit 2 and nothing on stdout', () => {
    const r = xborder(['pack', 'coverage', 'tests/fixtures/bad-packs']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
