// V8's code of the schema validators is kept between runs (src/load/code-cache.ts). A kept entry must never run
// other code than the file's: V8 checks only the source's length, so the entry's name follows the text.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const MODULE = pathToFileURL(join(ROOT, 'dist/src/load/code-cache.js')).href;

/** Loads `file` in a new process through the code cache in `dir`; returns what its export returns. */
function run(dir: string, file: string): string {
  const r = spawnSync('node', ['--input-type=module', '-e', `const { requireWithCodeCache } = await import(${JSON.stringify(MODULE)});
process.stdout.write(String(requireWithCodeCache(${JSON.stringify(dir)}, ${JSON.stringify(file)})()));`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

const entries = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.v8'));

describe('validator code cache', () => {
  it('runs the file as require would, writes an entry once, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-code-'));
    const file = join(dir, 'v.cjs');
    writeFileSync(file, 'const x = require("node:path").basename(__filename); module.exports = () => `${x} ${typeof exports}`;\n');
    expect(run(dir, file)).toBe('v.cjs object');
    expect(entries(dir)).toHaveLength(1);
    const [entry] = entries(dir);
    const written = statSync(join(dir, entry!)).mtimeMs;
    expect(run(dir, file)).toBe('v.cjs object');
    expect(statSync(join(dir, entry!)).mtimeMs).toBe(written); // a hit writes nothing
  });

  it('never runs the code of an earlier text of the same length', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-code-'));
    const file = join(dir, 'v.cjs');
    writeFileSync(file, 'module.exports = function f() { return 1; };\n');
    expect(run(dir, file)).toBe('1');
    writeFileSync(file, 'module.exports = function f() { return 2; };\n');
    expect(run(dir, file)).toBe('2');
    expect(entries(dir)).toHaveLength(2);
  });

  it('a corrupt entry is rejected by V8: the file still runs, and the entry is written again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-code-'));
    const file = join(dir, 'v.cjs');
    writeFileSync(file, 'module.exports = () => 3;\n');
    expect(run(dir, file)).toBe('3');
    const entry = join(dir, entries(dir)[0]!);
    writeFileSync(entry, 'not V8 code');
    expect(run(dir, file)).toBe('3');
    expect(statSync(entry).size).toBeGreaterThan('not V8 code'.length);
  });
});

describe('the CLI keeps V8 code in the cache directory', () => {
  const check = (env: Record<string, string>) => spawnSync('node', [join(ROOT, 'bin/xborder.js'), 'check', '--no-config', join(ROOT, 'tests/fixtures/batch/b-pass-trade.json')], {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XBORDER_TRUST: '', ...env },
  });

  it('of commander, json-rules-engine and the validators: written by the first run, reused as they are after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-code-'));
    const first = check({ XBORDER_CACHE_DIR: dir });
    expect(first.status, first.stderr).toBe(0);
    const written = entries(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]);
    // commander, json-rules-engine, the manifest's validator and the packs' (the first run compiled the packs)
    expect(written).toHaveLength(4);
    const again = check({ XBORDER_CACHE_DIR: dir });
    expect(again.stdout).toBe(first.stdout);
    expect(entries(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs])).toEqual(written);
    const none = mkdtempSync(join(tmpdir(), 'xborder-code-'));
    const off = check({ XBORDER_CACHE_DIR: none, XBORDER_NO_CACHE: '1' });
    expect(off.stdout).toBe(first.stdout);
    expect(readdirSync(none)).toEqual([]);
  });
});
