/** `xborder serve --config`: the project configuration the CLI uses (packs, ledger, waivers, trust, failOn), flags over it. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProjectFileError } from '../../src/app/project-files.js';
import { serveSettings } from '../../src/service/settings.js';
import { projectSettings } from '../../src/app/project-settings.js';
import { ROOT, xborder } from '../helpers/cli.js';
import { serveProcess, type Served } from './helpers.js';

/** A copy of the sample repository (examples/ci/repo: .xborder.yaml with failOn and waivers) with more settings. */
function project(extra = ''): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'xborder-serve-config-')), 'repo');
  cpSync(join(ROOT, 'examples/ci/repo'), dir, { recursive: true });
  writeFileSync(join(dir, '.xborder.yaml'), `${readFileSync(join(dir, '.xborder.yaml'), 'utf8')}${extra}`);
  // The packs folder and trust store the settings name: a configured file that does not exist is an error.
  mkdirSync(join(dir, 'rules'));
  writeFileSync(join(dir, 'trust.yaml'), '');
  return dir;
}
const env = {};

describe('serve settings from .xborder.yaml', () => {
  it('reads packs, ledger, waivers, trust and failOn, resolving paths against the file\'s folder', () => {
    const dir = project('packs: [rules]\nledger: state/ledger.db\ntrust: trust.yaml\n');
    const s = serveSettings({ pack: [] }, { cwd: join(dir, 'transfers'), env });
    expect(s).toMatchObject({
      configFile: join(dir, '.xborder.yaml'), packs: [join(dir, 'rules')], ledger: join(dir, 'state/ledger.db'),
      trust: { file: join(dir, 'trust.yaml') }, failOn: 'fail',
    });
    expect(s.waivers.map((w) => w.rule)).toEqual(['cn-national/cn.volume.contract-non-sensitive', 'cn-national/cn.volume.contract-sensitive', 'cn-national/cn.volume.assessment-non-sensitive']);
  });

  it('flags win over the file; --no-config ignores it; without a file the defaults hold (no ledger, review gate)', () => {
    const dir = project('packs: [rules]\nledger: state/ledger.db\n');
    const flags = { pack: ['/p'], ledger: '/l.db', failOn: 'review' as const, waivers: join(dir, 'waivers.yaml'), trust: '/t.yaml' };
    expect(serveSettings(flags, { cwd: dir, env })).toMatchObject({ packs: ['/p'], ledger: '/l.db', failOn: 'review', trust: { file: '/t.yaml' } });
    expect(serveSettings({ pack: [], config: false }, { cwd: dir, env })).toEqual({ packs: [], waivers: [], failOn: 'review' });
    const empty = mkdtempSync(join(tmpdir(), 'xborder-no-config-'));
    expect(serveSettings({ pack: [] }, { cwd: empty, env: { XBORDER_TRUST: '/env-trust.yaml' } })).toEqual({ packs: [], waivers: [], failOn: 'review', trust: { file: '/env-trust.yaml' } });
  });

  it('an invalid configuration is every problem with its line and column', () => {
    const dir = project('ledgr: typo.db\n');
    let err: unknown;
    try { serveSettings({ pack: [] }, { cwd: dir, env }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ProjectFileError);
    const lines = readFileSync(join(dir, '.xborder.yaml'), 'utf8').split('\n');
    expect((err as Error).message).toMatch(new RegExp(`\\.xborder\\.yaml:${lines.indexOf('ledgr: typo.db') + 1}:\\d+ /ledgr unknown field`));
  });
});

describe('one resolution of the project settings (check, report, serve)', () => {
  it('flags over the file over the environment; the file\'s lang and failOn only when no flag says', () => {
    const dir = project('packs: [rules]\nledger: state/ledger.db\ntrust: trust.yaml\nexclude: [old/]\n');
    writeFileSync(join(dir, '.xborder.yaml'), readFileSync(join(dir, '.xborder.yaml'), 'utf8').replace('lang: en', 'lang: zh'));
    const io = { cwd: join(dir, 'transfers'), env: { XBORDER_TRUST: '/env.yaml' } };
    expect(projectSettings({}, io)).toMatchObject({
      configFile: join(dir, '.xborder.yaml'), packs: [join(dir, 'rules')], ledger: join(dir, 'state/ledger.db'),
      trust: { file: join(dir, 'trust.yaml') }, failOn: 'fail', lang: 'zh', exclude: [{ base: dir, patterns: ['old/'] }],
    });
    expect(projectSettings({ pack: ['/p'], ledger: '/l', trust: '/t', failOn: 'review', lang: 'en', exclude: ['x/'] }, io))
      .toMatchObject({ packs: ['/p'], ledger: '/l', trust: { file: '/t' }, failOn: 'review', lang: 'en', exclude: [{ base: dir, patterns: ['old/'] }, { base: io.cwd, patterns: ['x/'] }] });
    const none = projectSettings({ config: false }, io);
    expect(none).toEqual({ config: {}, packs: [], waivers: [], warnings: [], trust: { file: '/env.yaml' }, exclude: [] });
    // serve keeps its own default gate (review) on the same resolution.
    expect(serveSettings({ pack: [], config: false }, io)).toMatchObject({ failOn: 'review', trust: { file: '/env.yaml' } });
  });
});

describe('xborder serve start-up errors in the run\'s language', () => {
  it('--lang zh, or the configuration\'s lang, says why the service did not start in Chinese (exit 2)', () => {
    const r = xborder(['serve', '--port', '0', '--no-config', '--checks-need-key', '--lang', 'zh'], { env: { XBORDER_API_KEYS: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('xborder: 使用了 --checks-need-key，但没有任何 API 密钥（--keys 或 XBORDER_API_KEYS）\n');
    // A ledger path that does not exist (a typo) would be a new, empty ledger: refused unless --create-ledger.
    const typo = xborder(['serve', '--port', '0', '--no-config', '--ledger', 'no-such-dir-xb/ledgr.db']);
    expect([typo.code, typo.stderr]).toEqual([2, expect.stringMatching(/no-such-dir-xb\/ledgr\.db does not exist; serve creates a ledger only with --create-ledger/)]);
    const typoZh = xborder(['serve', '--port', '0', '--no-config', '--ledger', 'no-such-dir-xb/ledgr.db', '--lang', 'zh']);
    expect(typoZh.stderr).toContain('仅在使用 --create-ledger 时创建台账');
    // A pinned clock that is not a date: refused at start, as check refuses it (it would be ignored per request).
    const clock = xborder(['serve', '--port', '0', '--no-config'], { env: { XBORDER_TODAY: '2026-13-01' } });
    expect([clock.code, clock.stderr]).toEqual([2, expect.stringContaining('XBORDER_TODAY must be a real date YYYY-MM-DD, 2100-12-31 or earlier (got "2026-13-01")')]);
    const keys = xborder(['serve', '--port', '0', '--no-config', '--keys', 'no-such-keys.txt', '--lang', 'zh']);
    expect([keys.code, keys.stderr]).toEqual([2, 'xborder: --keys no-such-keys.txt: 文件不存在或无法读取\n']);
    const bad = xborder(['serve', '--port', '0', '--no-config', '--pack', 'tests/fixtures/bad-packs/unknown-fact.pack.yaml', '--lang', 'zh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^xborder: 规则包无效，服务未启动。\n  tests\/fixtures\/bad-packs\/unknown-fact\.pack\.yaml:\d+:\d+ /);
    // The file is valid and says lang: zh; its waivers file is not.
    const dir = project();
    writeFileSync(join(dir, '.xborder.yaml'), 'lang: zh\nwaivers: waivers.yaml\n');
    writeFileSync(join(dir, 'waivers.yaml'), 'waivers:\n  - { rule: cn-national/x, manifest: m, reason: r, approver: a, expires: 2026-02-30 }\n');
    const cfg = xborder(['serve', '--port', '0', '--config', join(dir, '.xborder.yaml')]);
    expect(cfg.code).toBe(2);
    expect(cfg.stderr).toMatch(/waivers\.yaml:2:\d+ \/waivers\/0\/expires 须为真实存在的日期/);
    // Packs the trust store refuses: said as a refusal (with the trust store's reason per pack), not as invalid packs.
    for (const [lang, heading] of [['en', 'rule packs refused by the trust store; the service did not start.'], ['zh', '规则包未通过信任库验证，服务未启动。']]) {
      const refused = xborder(['serve', '--port', '0', '--no-config', '--trust', 'no-such-trust.yaml', '--lang', lang!]);
      expect(refused.code).toBe(2);
      expect(refused.stderr.split('\n').slice(0, 2).join('\n')).toMatch(new RegExp(`^xborder: ${heading!.replace(/[.]/g, '\\.')}\n  \\[trust-store\\] (?:trust store|信任库) no-such-trust\\.yaml `));
    }
  });
});

describe('xborder serve --config as a process', () => {
  const running: Served[] = [];
  afterAll(() => { for (const s of running) s.proc.kill('SIGKILL'); });

  it('uses the configured ledger (evidence) and waivers; a broken configuration stops the start with exit 2', async () => {
    const dir = project('ledger: state/ledger.db\n');
    mkdirSync(join(dir, 'state'));
    const s = await serveProcess(['--config', join(dir, '.xborder.yaml'), '--create-ledger'], { XBORDER_TODAY: '2026-11-22' });
    running.push(s);
    expect(s.stderr()).toContain(`configuration ${join(dir, '.xborder.yaml')}`);
    expect(await (await fetch(`${s.url}/readyz`)).json()).toMatchObject({ ledger: 'ok' });
    const res = await fetch(`${s.url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: readFileSync(join(dir, 'transfers/singapore-crm.yaml')) });
    expect(res.headers.get('x-xborder-decision')).toMatch(/^[0-9a-f-]{36}$/);
    const v = (await res.json()) as { verdict: string; findings: { rule: string; waived?: { entry: number } }[] };
    expect(v.verdict).toBe('fail'); // waived, never pass
    expect(v.findings.find((f) => f.rule === 'cn.volume.contract-non-sensitive')?.waived).toMatchObject({ entry: 1 });
    s.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);

    writeFileSync(join(dir, '.xborder.yaml'), 'failOn: sometimes\n');
    await expect(serveProcess(['--config', join(dir, '.xborder.yaml')])).rejects.toThrow(/exited with 2[\s\S]*\.xborder\.yaml:1:\d+/);
  }, 60_000);
});
