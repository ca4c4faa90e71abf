import type { FastifyInstance } from 'fastify';
import { PackHolder } from '../../src/service/packs.js';
import { buildServer, type ServiceOptions } from '../../src/service/server.js';

/** A service over the bundled packs, for fastify inject (no port). */
export async function testServer(opts: Partial<ServiceOptions> = {}): Promise<FastifyInstance> {
  const packs = opts.packs ?? new PackHolder([]);
  if (!packs.active) await packs.reload();
  // No load shedding unless a test asks for it: on a loaded CI machine the test process's own event loop lags past
  // the service's 1 s default and requests about something else would get 503 (tests/service/ops.test.ts tests it).
  return buildServer({ webDir: '/nonexistent', maxEventLoopDelayMs: false, ...opts, packs });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ROOT } from '../helpers/cli.js';

export interface Served { url: string; proc: ChildProcess; stderr: () => string; exited: Promise<number | null> }

/** `xborder serve --port 0 …` as a real process; resolves once it listens, with its URL. */
export function serveProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${err}`)), 30_000);
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /serving on (http:\/\/\S+)/.exec(err);
      if (m) { clearTimeout(timer); resolve({ url: m[1]!, proc, stderr: () => err, exited }); }
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code}:\n${err}`)); });
  });
}
