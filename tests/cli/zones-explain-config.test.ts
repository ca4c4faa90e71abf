import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

const run = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XBORDER_LANG: 'en', XBORDER_TRUST: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** A project whose .xborder.yaml names its own pack folder: the national pack and Beijing's list only. */
function project(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'xborder-project-'));
  mkdirSync(join(dir, 'packs'));
  for (const p of ['cn-national', 'zone-beijing']) cpSync(join(ROOT, 'rules', p), join(dir, 'packs', p), { recursive: true });
  cpSync(join(ROOT, 'examples/manifests/fail-sme-150k-singapore.yaml'), join(dir, 'm.yaml'));
  writeFileSync(join(dir, '.xborder.yaml'), config);
  return dir;
}

describe('zones and explain read .xborder.yaml as check does', () => {
  it('zones compares only the zones of the configuration\'s packs; --no-config goes back to the bundled rules', () => {
    const dir = project('packs: [packs/]\n');
    const r = run(dir, 'zones', '--format', 'json', 'm.yaml');
    expect(r.code).toBe(1); // m.yaml fails under the national rules, its own row (zone none)
    expect((JSON.parse(r.stdout) as { zones: { zone: string }[] }).zones.map((z) => z.zone)).toEqual(['none', 'beijing']);
    const bundled = run(dir, 'zones', '--format', 'json', '--no-config', 'm.yaml');
    expect((JSON.parse(bundled.stdout) as { zones: { zone: string }[] }).zones.map((z) => z.zone)).toContain('shanghai');
  });

  it('commands that apply no waivers never read the configuration\'s waivers file (a broken one stops only check)', () => {
    const dir = project('packs: [packs/]\nwaivers: waivers.yaml\n');
    writeFileSync(join(dir, 'waivers.yaml'), 'waivers: [ {\n');
    expect(run(dir, 'check', 'm.yaml').code).toBe(2);
    for (const args of [['zones', 'm.yaml'], ['explain', 'cn.volume.contract-non-sensitive'], ['validate', 'm.yaml']]) {
      const r = run(dir, ...args);
      expect([args[0], r.code]).toEqual([args[0], args[0] === 'zones' ? 1 : 0]); // zones: m.yaml's own row fails
      expect(r.stderr).not.toContain('waivers.yaml');
    }
  });

  it('explain knows only the configuration\'s lists, in the configuration\'s language', () => {
    const dir = project('packs: [packs/]\nlang: zh\n');
    const shanghai = run(dir, 'explain', '--scenarios', 'shanghai');
    expect(shanghai.code).toBe(2);
    expect(shanghai.stderr).toContain('未加载试验区 "shanghai" 的清单');
    expect(run(dir, 'explain', '--scenarios', 'beijing').code).toBe(0);
    expect(run(dir, 'explain', '--scenarios', 'shanghai', '--no-config').code).toBe(0);
  });

  it('the configuration\'s trust store refuses unsigned packs for zones and explain too', () => {
    const dir = project('trust: trust.yaml\n');
    writeFileSync(join(dir, 'trust.yaml'), 'apiVersion: xborder/trust/v1\nkind: TrustStore\nkeys: []\n'); // trusts no key
    for (const args of [['zones', 'm.yaml'], ['explain', 'cn.volume.contract-non-sensitive']]) {
      const r = run(dir, ...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/rule packs refused by the trust store/);
      expect(run(dir, ...args, '--no-config').code).toBe(args[0] === 'zones' ? 1 : 0);
    }
  });

  it('an unusable configuration is exit 2 with its position', () => {
    const dir = project('packs: 3\n');
    const r = run(dir, 'zones', 'm.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.xborder\.yaml:1:\d+/);
  });
});

describe('check with a configuration naming a format that is none', () => {
  it('exits 2 and says which format (it exited 2 in silence)', () => {
    const dir = project('format: [pdf]\n');
    const r = run(dir, 'check', 'm.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown --format "pdf"');
  });
});
