import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/xborder.js');
export const GOOD = join(ROOT, 'tests/fixtures/good');
export const BAD = join(ROOT, 'tests/fixtures/bad');
export const BAD_PACKS = join(ROOT, 'tests/fixtures/bad-packs');

export interface Run { code: number; stdout: string; stderr: string }

/** Runs the built CLI (npm test builds first) in the repository root, with a timeout so a hang fails the test. */
export function runCli(args: readonly string[], opts: { env?: NodeJS.ProcessEnv; input?: string; timeout?: number } = {}): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [BIN, ...args], {
      cwd: ROOT, env: { ...process.env, NO_COLOR: '1', XBORDER_LOG_LEVEL: 'silent', ...opts.env },
      maxBuffer: 64 * 1024 * 1024, timeout: opts.timeout ?? 60_000,
    }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      done({ code, stdout, stderr });
    });
    // The CLI may stop reading early (size limit): a broken pipe on our side is expected then, not a failure.
    child.stdin?.on('error', () => {});
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/**
 * The built CLI in `cwd`, synchronously, with a pinned clock and no ledger, configuration or language from the
 * test's environment, and a timeout so a hang fails the test instead of stalling it.
 */
export function cliIn(cwd: string, args: readonly string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 30_000, killSignal: 'SIGKILL',
    env: { ...process.env, XBORDER_LEDGER: undefined, XBORDER_LANG: undefined, NO_COLOR: '1', XBORDER_LOG_LEVEL: 'silent', XBORDER_TODAY: '2026-12-07', ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A stack frame in output means a crash leaked through. */
export const STACK_FRAME = /^\s+at .+[:(]/m;

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'xborder-harden-'));

export function writeTemp(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
