import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, tempDir, writeTemp } from './cli-run.js';

/**
 * Issue 11 item 7: opening the ledger ran the migration, so check --ledger could not read a ledger it may not
 * write. Root ignores file modes, so as root the read-only user is `nobody`; otherwise the folder is made read-only.
 */
const asRoot = process.getuid?.() === 0;
const dir = tempDir();
const ro = join(dir, 'ro');
mkdirSync(ro, { mode: 0o755 });
chmodSync(dir, 0o755);
const db = join(ro, 'ledger.db');
const manifest = (id: string, individuals: number): string => writeTemp(dir, `${id}.yaml`, `apiVersion: xborder/v1
kind: TransferManifest
id: ${id}
date: 2026-03-01
exporter: { name: Read Only Co., uscc: 91310115MA1K4XXXX1, region: CN-SH, ciio: false }
recipient: { name: Demo Pte. Ltd., country: SG, kind: company }
purpose: { basis: consent }
data: [{ id: customers, categories: [pi.basic], classification: general }]
personalInformation: { individuals: ${individuals}, sensitiveIndividuals: 0 }
safeguards: { separateConsent: true, pia: { completedOn: 2026-01-01 } }
`);

function readOnlyRun(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XBORDER_LOG_LEVEL: 'silent' },
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('a ledger the checker may read but not write', () => {
  afterAll(() => { chmodSync(ro, 0o755); });

  it('check --ledger reads it (no migration, no write access) and counts what it holds', async () => {
    expect((await runCli(['ledger', 'record', '--ledger', db, manifest('tm-1', 60000)])).stdout).toMatch(/recorded tm-1/);
    if (!asRoot) chmodSync(ro, 0o555);
    const r = readOnlyRun(['check', '--format', 'json', '--ledger', db, manifest('tm-2', 50000)]);
    expect(r.stderr).not.toMatch(/cannot open ledger/);
    const [v] = [JSON.parse(r.stdout)].flat() as { verdict: string; counts: { individuals: number } }[];
    expect(v).toMatchObject({ verdict: 'fail', counts: { individuals: 110000 } });
    expect(r.code).toBe(1);
    // ledger show and export only read too.
    expect(readOnlyRun(['ledger', 'show', '--ledger', db]).stdout).toMatch(/91310115MA1K4XXXX1\s+2026\s+1\s+60,000/);
    expect(readOnlyRun(['ledger', 'export', '--format', 'json', '--ledger', db]).stdout).toMatch(/"individuals": 60000/);
  }, 60_000);

  it('ledger record into it reports the problem clearly and records nothing', () => {
    const r = readOnlyRun(['ledger', 'record', '--ledger', db, manifest('tm-3', 10)]);
    expect(r.stderr).toMatch(/readonly|read-only/i);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });

  it('a ledger that does not exist is unavailable (review, exit 2), and check does not create it', () => {
    const missing = join(dir, 'nowhere', 'ledger.db');
    const r = readOnlyRun(['check', '--format', 'json', '--ledger', missing, manifest('tm-4', 10)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ledger\.db does not exist; check never creates a ledger/);
    expect([JSON.parse(r.stdout)].flat()[0]).toMatchObject({ verdict: 'review' });
    expect(spawnSync('test', ['-e', missing]).status).not.toBe(0);
  });
});
