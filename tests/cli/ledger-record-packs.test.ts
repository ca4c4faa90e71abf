// `ledger record` decides which exempt transfers count under the packs `check` would use (--pack, .xborder.yaml,
// --trust), not always the bundled ones, and reads manifests under the same size limit (XBORDER_MAX_BYTES).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const run = (cwd: string, args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XBORDER_LANG: 'en', XBORDER_TRUST: '', XBORDER_LEDGER: '', XBORDER_MAX_BYTES: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** A project with its own national pack that counts every exemption (exemptionsNotCounted: []) and an HR transfer. */
function project(config?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'xborder-ledger-packs-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'packs'));
  cpSync(join(ROOT, 'rules/cn-national'), join(dir, 'packs/cn-national'), { recursive: true });
  const pack = join(dir, 'packs/cn-national/pack.yaml');
  const text = readFileSync(pack, 'utf8');
  const bundled = /(exemptionsNotCounted:\n\s+value: )\[[^\]\n]+\]/;
  expect(text).toMatch(bundled);
  writeFileSync(pack, text.replace(bundled, '$1[]'));
  cpSync(join(ROOT, 'examples/manifests/pass-hr-3000-employees.yaml'), join(dir, 'hr.yaml'));
  if (config !== undefined) writeFileSync(join(dir, '.xborder.yaml'), config);
  return dir;
}

// The ledger keys the exporter by its normalised name (NFKC: full-width brackets become ASCII).
const EXEMPT = 'recorded tm-2026-0800 for 示例(中国)投资有限公司 2026: 3,000 individuals, exempt: recorded but not counted (year total 0; sensitive 0)\n';
const COUNTED = 'recorded tm-2026-0800 for 示例(中国)投资有限公司 2026: 3,000 individuals (year total 3,000; sensitive 0)\n';

describe('ledger record: the packs of the run', () => {
  it('counts an exemption the --pack national pack does not leave out, where the bundled pack leaves it out', () => {
    const dir = project();
    const bundled = run(dir, ['ledger', 'record', 'hr.yaml', '--ledger', 'bundled.db']);
    expect([bundled.code, bundled.stderr]).toEqual([0, '']);
    expect(bundled.stdout).toBe(EXEMPT);
    const own = run(dir, ['ledger', 'record', 'hr.yaml', '--ledger', 'own.db', '--pack', 'packs/']);
    expect([own.code, own.stderr]).toEqual([0, '']);
    expect(own.stdout).toBe(COUNTED);
    expect(run(dir, ['ledger', 'export', '--ledger', 'own.db']).stdout).toContain(',2026,1,3000,0,0,0\r\n');
  });

  it('uses the packs and the language of .xborder.yaml; --no-config goes back to the bundled rules', () => {
    const dir = project('packs: [packs/]\nlang: zh\n');
    const r = run(dir, ['ledger', 'record', 'hr.yaml', '--ledger', 'config.db']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe('已记录 tm-2026-0800（示例(中国)投资有限公司，2026年）：3,000 人（全年累计 3,000 人；敏感 0 人）\n');
    const bundled = run(dir, ['ledger', 'record', 'hr.yaml', '--ledger', 'bundled.db', '--no-config', '--lang', 'en']);
    expect(bundled.stdout).toBe(EXEMPT);
  });

  it('refuses packs the trust store refuses: nothing recorded, no ledger created, exit 2', () => {
    const dir = project('trust: trust.yaml\n');
    writeFileSync(join(dir, 'trust.yaml'), 'apiVersion: xborder/trust/v1\nkind: TrustStore\nkeys: []\n'); // trusts no key (a missing one is the configuration's error)
    const r = run(dir, ['ledger', 'record', 'hr.yaml', '--ledger', 'trusted.db']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/rule packs refused by the trust store/);
    expect(existsSync(join(dir, 'trusted.db'))).toBe(false);
    const flag = run(dir, ['ledger', 'record', 'hr.yaml', '--ledger', 'trusted.db', '--no-config', '--trust', 'nosuch-trust.yaml']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('trust store nosuch-trust.yaml not found or not readable');
    expect(run(dir, ['ledger', 'record', 'hr.yaml', '--ledger', 'trusted.db', '--no-config']).code).toBe(0);
  });

  it('refuses a manifest over XBORDER_MAX_BYTES (exit 2), as check does; --max-bytes overrides it', () => {
    const dir = project();
    const env = { XBORDER_MAX_BYTES: '200' };
    const r = run(dir, ['ledger', 'record', 'hr.yaml', '--ledger', 'size.db'], env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^xborder ledger: hr\.yaml: file is [\d,]+ bytes, over the 200-byte limit \(--max-bytes\)\n$/);
    expect(run(dir, ['check', 'hr.yaml'], env).code).toBe(2);
    const zh = run(dir, ['ledger', 'record', 'hr.yaml', '--ledger', 'size.db', '--lang', 'zh'], env);
    expect(zh.stderr).toMatch(/^xborder ledger: hr\.yaml: 文件大小 [\d,]+ 字节，超过 200 字节的上限（--max-bytes）\n$/);
    expect(run(dir, ['ledger', 'record', 'hr.yaml', '--ledger', 'size.db', '--max-bytes', '100000'], env).code).toBe(0);
    const bad = run(dir, ['ledger', 'record', 'hr.yaml', '--ledger', 'size.db', '--max-bytes', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('xborder ledger: --max-bytes must be a positive whole number of bytes\n');
  });

  it('records into, and shows, the ledger of .xborder.yaml that check reads (not .xborder/ledger.db), with the flag first', () => {
    const dir = project('ledger: data/shared.db\n');
    mkdirSync(join(dir, 'data'));
    const rec = run(dir, ['ledger', 'record', 'hr.yaml'], { XBORDER_LEDGER: join(dir, 'env.db') });
    expect(rec.code).toBe(0);
    expect(existsSync(join(dir, 'data/shared.db'))).toBe(true);
    expect(existsSync(join(dir, 'env.db'))).toBe(false);
    expect(existsSync(join(dir, '.xborder'))).toBe(false);
    for (const cmd of [['ledger', 'show'], ['ledger', 'export', '--format', 'json']]) {
      const r = run(dir, cmd);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout).toContain('示例(中国)投资有限公司');
      expect(r.stdout).toMatch(cmd[1] === 'show' ? /\b3,000\b/ : /"uncountedIndividuals": 3000\b/); // the bundled packs leave the HR exemption uncounted
    }
    // check reads the same ledger: recording the transfer again in another manifest would count it once.
    expect(run(dir, ['check', 'hr.yaml', '--format', 'json']).stdout).toContain('"countsSource": "ledger"');
    const flag = run(dir, ['ledger', 'record', 'hr.yaml', '--ledger', 'other.db']);
    expect(flag.code).toBe(0);
    expect(existsSync(join(dir, 'other.db'))).toBe(true);
    expect(run(dir, ['ledger', 'show', '--no-config']).code).toBe(2); // no .xborder/ledger.db here
  });

  it('records nothing and creates no ledger when no file is a valid manifest (exit 2); a valid one beside them is recorded', () => {
    const dir = project();
    writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: xborder/v1\nkind: TransferManifest\nid: x\n');
    const r = run(dir, ['ledger', 'record', 'bad.yaml', '--ledger', 'none.db']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('bad.yaml: not a valid manifest');
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
    const both = run(dir, ['ledger', 'record', 'bad.yaml', 'hr.yaml', '--ledger', 'some.db']);
    expect(both.code).toBe(2);
    expect(both.stdout).toContain('recorded tm-2026-0800');
    expect(existsSync(join(dir, 'some.db'))).toBe(true);
  });
});
