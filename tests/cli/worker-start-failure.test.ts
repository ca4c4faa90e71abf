import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * A copy of the built install whose worker thread cannot start: its entry posts an init error (packs that do not
 * load), or is missing altogether. The shared dist/ is left alone (other tests run on it at the same time).
 */
function brokenInstall(worker: 'init-error' | 'missing'): string {
  const dir = mkdtempSync(join(tmpdir(), 'xborder-install-'));
  for (const p of ['bin', 'dist', 'rules', 'schemas', 'package.json']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  // The worker entry the installed CLI starts: the bundled one (scripts/build-bundle.mjs), beside its chunks.
  const entry = join(dir, 'dist/bundle/cli/worker.js');
  if (worker === 'missing') rmSync(entry);
  else writeFileSync(entry, "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ type: 'init-error', message: 'cannot load packs (test)' });\n");
  return dir;
}

const manifest = JSON.stringify(parse(readFileSync(join(ROOT, 'examples/manifests/fail-sme-150k-singapore.yaml'), 'utf8')));
const NDJSON = `${Array.from({ length: 5 }, (_, i) => manifest.replace('"tm-2026-0042"', `"tm-${i}"`)).join('\n')}\n`;

describe('a worker thread that cannot start', () => {
  for (const worker of ['init-error', 'missing'] as const) {
    it(`(${worker}) leaves a whole report: every input checked by the others, the document closed, exit 2 with a message`, () => {
      const dir = brokenInstall(worker);
      const run = (format: string) => spawnSync(process.execPath, [join(dir, 'bin/xborder.js'), 'check', '--no-config', '-j', '2', '--format', format, '-'], {
        cwd: dir, input: NDJSON, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XBORDER_NO_CACHE: '1', XBORDER_LANG: 'en' },
      });
      const json = run('json');
      expect(json.status).toBe(2);
      const results = JSON.parse(json.stdout) as { manifest: string; verdict: string }[];
      expect(results.map((r) => r.manifest)).toEqual(['tm-0', 'tm-1', 'tm-2', 'tm-3', 'tm-4']);
      expect(results.every((r) => r.verdict === 'fail')).toBe(true);
      expect(json.stderr).toMatch(/xborder: 1 worker thread\(s\) could not start \(.+\); the other threads checked every input/);
      expect(json.stderr).not.toMatch(/internal error/);
      const sarif = run('sarif');
      expect(sarif.status).toBe(2);
      expect((JSON.parse(sarif.stdout) as { runs: { results: unknown[] }[] }).runs[0]?.results.length).toBeGreaterThan(0);
    }, 60_000);
  }
});
