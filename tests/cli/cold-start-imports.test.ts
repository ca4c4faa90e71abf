// Cold start (issue 17): checking one manifest without a trust store loads only what checking needs: no signing
// code, no pack test runner, no ledger, service or report/PDF code, none of their packages. A module hook lists
// every ES module the built CLI loads; a file of the bundle (dist/bundle/cli/, scripts/build-bundle.mjs) stands for
// the source modules esbuild put in it (dist/bundle/meta.json), so the test sees through the bundle.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT } from '../batch/helpers.js';

/** The source modules (paths under dist/src/) and the packages one run of the CLI loads. */
function loaded(args: string[]): { modules: string[]; packages: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'xborder-imports-'));
  const log = join(dir, 'modules.txt');
  writeFileSync(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }\n`);
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
  writeFileSync(log, '');
  const r = spawnSync('node', ['--import', pathToFileURL(join(dir, 'register.mjs')).href, BIN, ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, XBORDER_CACHE_DIR: join(tmpdir(), 'xborder-test-cache'), XBORDER_TRUST: '' },
  });
  expect(r.status, r.stderr).toBe(0);
  const metaFile = join(ROOT, 'dist/bundle/meta.json');
  const outputs = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> }).outputs : {};
  const modules = new Set<string>();
  const packages = new Set<string>();
  const add = (file: string): void => {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (pkg) packages.add(pkg[1]!);
    else if (file.includes('dist/src/')) modules.add(file.slice(file.indexOf('dist/src/') + 'dist/src/'.length));
  };
  for (const url of readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith('file:'))) {
    const file = decodeURIComponent(new URL(url).pathname);
    const bundled = file.startsWith(ROOT) ? outputs[file.slice(ROOT.length)] : undefined;
    if (bundled) for (const input of Object.keys(bundled.inputs)) add(input);
    else add(file);
  }
  return { modules: [...modules], packages: [...packages] };
}

describe('cold start imports', () => {
  it('check of one manifest loads no signing, pack-tool, ledger, service or report code, nor their packages', () => {
    const { modules, packages } = loaded(['check', '--quiet', '--no-config', join(FIXTURES, 'b-pass-trade.json')]);
    expect(modules).toContain('evaluate/check.js'); // the hook saw the checker
    expect(modules.filter((m) => /^(signing|packtest|packdiff)\//.test(m))).toEqual([]);
    expect(modules.filter((m) => /^(ledger\/(open|sqlite|postgres)|service\/(?!commands\.js)|console\/(?!commands\.js)|app\/(ledger|evidence|pack-diff|pack-signing|pack-coverage|zones|explain|validate)\.js)/.test(m))).toEqual([]);
    expect(packages.filter((p) => /^(fastify|@fastify\/.*|pino|better-sqlite3|pg|prom-client|playwright-core)$/.test(p))).toEqual([]);
  }, 60_000);
});
