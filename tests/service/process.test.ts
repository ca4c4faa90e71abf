import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/service/auth.js';
import { ROOT, xborder } from '../helpers/cli.js';
import { PG_URL, freshPgSchema } from '../ledger/helpers.js';
import { openLedger } from '../../src/ledger/open.js';
import { EXPORTER, sized } from './fixtures.js';
import { serveProcess, type Served } from './helpers.js';

const KEY = 'xbk_process-test';
const keysFile = join(mkdtempSync(join(tmpdir(), 'xborder-keys-')), 'keys');
writeFileSync(keysFile, `# test keys\nplatform ${hashKey(KEY)}\n`);
const auth = { authorization: `Bearer ${KEY}` };
const running: Served[] = [];
afterAll(() => { for (const s of running) s.proc.kill('SIGKILL'); });
const start = async (args: string[]) => { const s = await serveProcess(args); running.push(s); return s; };

describe('xborder serve as a process', () => {
  it('serves checks on a free loopback port, reloads on SIGHUP keeping the last good packs, and stops gracefully on SIGTERM', async () => {
    const rules = mkdtempSync(join(tmpdir(), 'xborder-rules-'));
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const s = await start(['--pack', rules, '--keys', keysFile, '--log-level', 'info']);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${s.url}/healthz`)).json() as object).toMatchObject({ status: 'ok' });
    const readyz = async () => (await (await fetch(`${s.url}/readyz`)).json()) as { packs: { digest: string } };
    const digest = (await readyz()).packs.digest;
    const check = () => fetch(`${s.url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: sized('p-1', 10) });
    expect(((await (await check()).json()) as { verdict: string }).verdict).toBe('pass');

    const pack = join(rules, 'cn-national', 'pack.yaml');
    writeFileSync(pack, `${readFileSync(pack, 'utf8')}\n  broken: [\n`);
    s.proc.kill('SIGHUP');
    await new Promise((r) => setTimeout(r, 1500));
    expect(s.stderr()).toMatch(/reload failed; the last good rule packs keep serving/);
    expect((await readyz()).packs.digest).toBe(digest);
    expect((await check()).status).toBe(200);

    // A request in flight when SIGTERM arrives still gets its answer; then the process exits 0.
    const inFlight = check();
    await new Promise((r) => setTimeout(r, 5));
    s.proc.kill('SIGTERM');
    expect((await inFlight).status).toBe(200);
    expect(await s.exited).toBe(0);
    expect(s.stderr()).not.toContain(KEY);
  });

  it('refuses to start with a key file holding plain keys (exit 2), without echoing the key', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'xborder-keys-')), 'keys');
    writeFileSync(bad, `platform ${KEY}\n`);
    const r = xborder(['serve', '--port', '0', '--keys', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/entry 1 is not "name sha256/);
    expect(r.stderr).not.toContain(KEY);
  });
});

const backends = [
  { name: 'SQLite', spec: async () => join(mkdtempSync(join(tmpdir(), 'xborder-svc-')), 'ledger.db') },
  ...(PG_URL ? [{ name: 'PostgreSQL', spec: () => freshPgSchema(PG_URL ?? '') }] : []),
];

for (const b of backends) {
  describe(`check-and-reserve under contention on ${b.name}`, () => {
    it('2 server processes × 8 clients on one exporter: exact totals, no threshold overrun, intact evidence chain', async () => {
      const spec = await b.spec();
      const servers = await Promise.all([0, 1].map(() => start(['--ledger', spec, '--create-ledger', '--keys', keysFile, '--rate-limit', '0'])));
      // Each request: 30,000 individuals under its own id. 3 fit under 100,000 (90,000); the 4th would not.
      const PER_CLIENT = 3;
      const outcomes = await Promise.all(Array.from({ length: 16 }, async (_, c) => {
        const url = servers[c % 2]!.url;
        const out: number[] = [];
        for (let i = 0; i < PER_CLIENT; i++) {
          const res = await fetch(`${url}/v1/check?record=true`, { method: 'POST', headers: { 'content-type': 'application/yaml', ...auth }, body: sized(`c${c}-${i}`, 30_000) });
          out.push(res.status);
          await res.arrayBuffer();
        }
        return out;
      }));
      const statuses = outcomes.flat();
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 409)).toHaveLength(16 * PER_CLIENT - 3);
      const ledger = await openLedger(spec);
      try {
        expect(await ledger.totals(EXPORTER, 2026, 2026)).toEqual({ individuals: 90_000, sensitiveIndividuals: 0 });
        expect((await ledger.list())[0]).toMatchObject({ transfers: 3 });
      } finally { await ledger.close(); }
      const verify = await (await fetch(`${servers[0]!.url}/v1/evidence/verify`, { headers: auth })).json();
      expect(verify).toMatchObject({ intact: true, checked: 16 * PER_CLIENT, head: { seq: expect.any(Number) } });
      for (const s of servers) s.proc.kill('SIGTERM');
      expect(await Promise.all(servers.map((s) => s.exited))).toEqual([0, 0]);
      const cli = xborder(['evidence', 'verify', '--ledger', spec]);
      expect(cli.stdout).toContain(`intact: ${16 * PER_CLIENT} records`);
      expect(cli.code).toBe(0);
    });
  });
}
