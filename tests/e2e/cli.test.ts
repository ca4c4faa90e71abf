import { mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';

const GOOD = 'examples/manifests/pass-sme-80k-below-threshold.yaml';
const good = readFileSync(GOOD, 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'xborder-cli-'));
const write = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('xborder check: bad input', () => {
  it('reports file:line:column and the field, exits 2, and still checks the other manifests', () => {
    const bad = write('bad-count.yaml', good.replace('individuals: 80000', 'individuals: -5'));
    const r = xborder(['check', bad, GOOD]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/bad-count\.yaml:\d+:\d+ \/personalInformation\/individuals must be >= 0/);
    expect(r.stdout).toContain('PASS');
    expect(r.stdout).toMatch(/2 checked: 1 pass, 0 review, 0 fail, 1 error/);
  });

  it('gives the error object in place of the verdict in JSON, in input order', () => {
    const bad = write('bad-field.yaml', good.replace('ciio: false', 'cio: false'));
    const r = xborder(['check', '--format', 'json', GOOD, bad]);
    expect(r.code).toBe(2);
    const [v, e] = JSON.parse(r.stdout);
    expect(v.verdict).toBe('pass');
    expect(e.error.code).toBe('schema');
    expect(e.source).toMatch(/bad-field\.yaml$/);
    const messages = e.error.details.map((d: { message: string; hint?: string }) => `${d.message} ${d.hint ?? ''}`).join('\n');
    expect(messages).toMatch(/unknown field "cio".*did you mean "ciio"/);
    expect(messages).toMatch(/missing required field "ciio"/);
    expect(e.error.line).toBeGreaterThan(0);
  });

  it('rejects an impossible date and a YAML syntax error with positions', () => {
    const date = write('bad-date.yaml', good.replace('date: 2026-05-06', 'date: 2026-02-30'));
    const syntax = write('bad-syntax.yaml', 'apiVersion: xborder/v1\nkind: [TransferManifest\n');
    const r = xborder(['check', date, syntax]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/bad-date\.yaml:5:7 \/date must be a real calendar date/);
    expect(r.stdout).toMatch(/bad-syntax\.yaml:\d+:\d+ /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps YAML 1.2: NO stays a string, so ciio: NO is rejected rather than read as false', () => {
    const r = xborder(['check', write('yaml11.yaml', good.replace('ciio: false', 'ciio: NO'))]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/\/exporter\/ciio must be of type boolean/);
  });

  it('refuses aliases in manifests', () => {
    const r = xborder(['check', write('alias.yaml', good.replace('region: CN-ZJ', 'region: &r CN-ZJ').replace('country: DE', 'country: *r'))]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/anchors \(&name\) are not allowed/);
  });

  it('reports a missing file and a usage error with exit 2', () => {
    expect(xborder(['check', 'no/such/file.yaml']).code).toBe(2);
    expect(xborder(['check', '--format', 'nope', GOOD]).code).toBe(2);
    expect(xborder(['check', '--as-of', '2026-13-01', GOOD]).code).toBe(2);
    const zones = xborder(['zones', '--as-of', '2026-02-30', GOOD]);
    expect(zones.code).toBe(2);
    expect(zones.stderr).toMatch(/--as-of.*must be a real date YYYY-MM-DD/);
    expect(zones.stderr).not.toMatch(/internal error/);
  });
});

describe('xborder check: options', () => {
  it('--lang zh prints Chinese', () => {
    const r = xborder(['check', '--lang', 'zh', 'examples/manifests/fail-sme-150k-singapore.yaml']);
    expect(r.stdout).toContain('不通过');
    expect(r.stdout).toContain('须订立并备案标准合同或通过个人信息保护认证');
  });

  it('--as-of overrides the manifest date for rule selection only: safeguards are judged on the transfer date', () => {
    const r = xborder(['check', '--format', 'json', '--as-of', '2027-05-01', 'examples/manifests/fail-assessment-expired.yaml']);
    // The assessment (valid to 2027-06-01) holds on 2027-05-01, but the transfer is on 2027-06-15: still expired
    // (shared/spec/verdict.md: --as-of overrides manifest.date for rule selection).
    expect(JSON.parse(r.stdout)).toMatchObject([{ asOf: '2027-05-01', verdict: 'fail', mechanism: 'security-assessment' }]);
  });

  it('reads a manifest from stdin', () => {
    const r = xborder(['check', '--format', 'json', '-'], { input: good });
    expect(JSON.parse(r.stdout)).toMatchObject([{ source: '<stdin>', verdict: 'pass' }]);
  });

  it('--explain adds every evaluated condition with its manifest field', () => {
    const [v] = JSON.parse(xborder(['check', '--format', 'json', '--explain', 'examples/manifests/fail-sme-150k-singapore.yaml']).stdout);
    const f = v.findings.find((x: { rule: string }) => x.rule === 'cn.volume.contract-non-sensitive');
    expect(f.reasons).toContainEqual({ fact: 'totals.individuals', operator: 'atLeast', expected: 100000, actual: 170000, held: true, path: '/personalInformation/individuals' });
  });

  it('never writes logs to stdout; pino JSON goes to stderr', () => {
    const r = xborder(['check', '--format', 'json', '--log-level', 'debug', GOOD]);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.parse(lines[0] ?? '{}')).toHaveProperty('level');
  });
});

describe('other commands', () => {
  it('validate: exit 0 for valid manifests, 2 with positions for invalid ones', () => {
    expect(xborder(['validate', 'examples/manifests']).code).toBe(0);
    const r = xborder(['validate', write('v.yaml', good.replace('country: DE', 'country: Germany'))]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/v\.yaml:\d+:\d+ \/recipient\/country has an invalid format/);
  });

  it('validate walks a folder as check does: another kind is left out and counted, and so are hidden folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-validate-'));
    writeFileSync(join(dir, 'a.yaml'), good);
    writeFileSync(join(dir, 'tests.yaml'), 'kind: PackTests\ncases: []\n');
    mkdirSync(join(dir, '.drafts'));
    writeFileSync(join(dir, '.drafts', 'b.yaml'), good);
    for (const cmd of ['validate', 'check']) {
      const r = xborder([cmd, dir]);
      expect(r.stderr).toContain("xborder: skipped 1 YAML/JSON file in the folders that are not transfer manifests (another kind or apiVersion, or none of a manifest's fields)");
      expect(r.stderr).toContain('xborder: left out 1 folder and 0 YAML/JSON files of the folder walk');
      expect(r.code).toBe(0);
    }
    expect(xborder(['validate', dir]).stderr).toContain('1 validated: 1 valid, 0 invalid');
  });

  it('a folder walk leaves out YAML that has none of a manifest\'s fields (waivers, a CI workflow), never a mistyped manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-walk-'));
    writeFileSync(join(dir, 'a.yaml'), good);
    writeFileSync(join(dir, 'waivers.yaml'), '# accepted risks\nwaivers:\n  - rule: cn-national/cn.volume.contract-non-sensitive\n    manifest: tm-1\n');
    writeFileSync(join(dir, 'ci.yml'), 'name: gate\non: [push]\njobs:\n  check: { runs-on: ubuntu-latest }\n');
    // Still checked, and refused: a manifest whose apiVersion and kind are missing but which has its other fields.
    writeFileSync(join(dir, 'typo.yaml'), good.replace(/^apiVersion:.*\n/m, '').replace(/^kind:.*\n/m, '').replace(/^exporter:/m, 'exporter :'));
    const r = xborder(['check', dir]);
    expect(r.stderr).toContain('xborder: skipped 2 YAML/JSON files in the folders that are not transfer manifests');
    expect(r.stdout).toMatch(/typo\.yaml/);
    expect(r.code).toBe(2);
  });

  it('pack validate and pack test pass on the bundled rules', () => {
    expect(xborder(['pack', 'validate']).code).toBe(0);
    const t = xborder(['pack', 'test']);
    expect(t.stdout).toMatch(/cases in \d+ files: \d+ passed, 0 failed/);
    expect(t.stdout).toMatch(/cn-national 2024\.3\.\d+: (\d+)\/\1 rules exercised/);
    expect(t.code).toBe(0);
  });

  it('explain shows a rule in both languages with its citation and source', () => {
    const r = xborder(['explain', 'cn.volume.contract-non-sensitive']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CAC Provisions 2024 Art. 8');
    expect(r.stdout).toContain('当年累计10万人以上、不满100万人个人信息');
    expect(r.stdout).toContain('totals.individuals is at least 100000 (nonSensitiveContractThreshold)');
    expect(r.stdout).toContain('https://www.cac.gov.cn/');
    expect(xborder(['explain', 'cn.volume.contract-non-sensitiv']).stderr).toMatch(/did you mean "cn.volume.contract-non-sensitive"/);
  });
});
