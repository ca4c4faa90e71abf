// Cold start (issue 17): checking one manifest without a trust store loads neither the signing code nor the pack
// test runner. A module hook lists every ES module the CLI loads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT } from '../batch/helpers.js';

function loadedModules(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'xborder-imports-'));
  const log = join(dir, 'modules.txt');
  writeFileSync(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }\n`);
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
  writeFileSync(log, '');
  const r = spawnSync('node', ['--import', pathToFileURL(join(dir, 'register.mjs')).href, BIN, ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, XBORDER_CACHE_DIR: join(tmpdir(), 'xborder-test-cache'), XBORDER_TRUST: '' },
  });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('cold start imports', () => {
  it('check of one manifest loads no signing code and no pack test runner', () => {
    const mods = loadedModules(['check', '--quiet', join(FIXTURES, 'b-pass-trade.json')]);
    expect(mods.some((m) => m.includes('/dist/src/evaluate/check.js'))).toBe(true); // the hook saw the checker
    expect(mods.filter((m) => /\/dist\/src\/(signing|packtest)\//.test(m))).toEqual([]);
  }, 60_000);
});
