import type { FastifyInstance } from 'fastify';
import { PackHolder } from '../../src/service/packs.js';
import { buildServer, type ServiceOptions } from '../../src/service/server.js';

/** A service over the bundled packs, for fastify inject (no port). */
export async function testServer(opts: Partial<ServiceOptions> = {}): Promise<FastifyInstance> {
  const packs = opts.packs ?? new PackHolder([]);
  if (!packs.active) await packs.reload();
  return buildServer({ webDir: '/nonexistent', ...opts, packs });
}
