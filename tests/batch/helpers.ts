import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The bench corpus generator: seeded, varied, valid manifests.
import { manifest, rng } from '../../bench/corpus.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'xborder.js');
export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'batch');

export interface Run { code: number | null; stdout: string; stderr: string }

/** Runs the built CLI (npm run build first) with a private pack cache. */
export function xborder(args: readonly string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Run {
  const r = spawnSync('node', [BIN, ...args], {
    cwd: opts.cwd ?? ROOT, input: opts.input, encoding: 'utf8', maxBuffer: 1 << 28,
    env: { ...process.env, XBORDER_CACHE_DIR: join(tmpdir(), 'xborder-test-cache'), NO_COLOR: '1', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Manifest = Record<string, unknown>;

/** `n` generated manifests as objects (deterministic). */
export function manifests(n: number, seed = 7): Manifest[] {
  const r = rng(seed) as () => number;
  return Array.from({ length: n }, (_, i) => manifest(r, i) as Manifest);
}

/** A temp directory with `n` manifests, alternating JSON and YAML-flow (JSON is valid YAML) file names. */
export function corpusDir(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'xborder-batch-'));
  manifests(n).forEach((m, i) => {
    const sub = join(dir, `g${Math.floor(i / 50)}`);
    mkdirSync(sub, { recursive: true });
    const name = `m${String(i).padStart(4, '0')}.${i % 2 ? 'yaml' : 'json'}`;
    writeFileSync(join(sub, name), JSON.stringify(m, null, 2));
  });
  return dir;
}
