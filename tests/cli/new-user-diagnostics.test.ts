import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, xborder } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xborder-positions-'));
const good = readFileSync(join(ROOT, 'examples/manifests/pass-hr-3000-employees.yaml'), 'utf8');
const goodJson = readFileSync(join(ROOT, 'examples/manifests/pass-ecommerce-orders-contract.json'), 'utf8');

/** The one result's region in a SARIF report. */
const sarifRegion = (stdout: string): unknown =>
  (JSON.parse(stdout) as { runs: { results: { locations: { physicalLocation: { region: unknown } }[] }[] }[] }).runs[0]!.results[0]!.locations[0]!.physicalLocation.region;

// An unknown field is the key's mistake: a report that points at its value (a whole block, in the JSON case)
// sends the reader to the wrong place.
describe('an unknown field is positioned at its key, in every format with positions', () => {
  const yaml = join(dir, 'unknown.yaml');
  writeFileSync(yaml, good.replace(/^ {2}ciio: false$/m, '  ciio: false\n  bogusField: 12'));
  const keyLine = good.split('\n').findIndex((l) => l === '  ciio: false') + 2;

  it('YAML, text', () => {
    const r = xborder(['check', '--no-config', yaml]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`unknown.yaml:${keyLine}:3 /exporter/bogusField unknown field "bogusField"`);
  });

  it('YAML, SARIF region', () => {
    const r = xborder(['check', '--no-config', '--format', 'sarif', yaml]);
    expect(r.code).toBe(2);
    expect(sarifRegion(r.stdout)).toEqual({ startLine: keyLine, startColumn: 3 });
  });

  it('JSON, a block value: at the key\'s opening quote', () => {
    const json = join(dir, 'unknown.json');
    const text = goodJson.replace(/("exporter":\s*\{)/, '$1\n    "bogus":   {"a": 1},');
    writeFileSync(json, text);
    const line = text.split('\n').findIndex((l) => l.includes('"bogus"')) + 1;
    const r = xborder(['check', '--no-config', '--format', 'sarif', json]);
    expect(r.code).toBe(2);
    expect(sarifRegion(r.stdout)).toEqual({ startLine: line, startColumn: 5 });
  });
});

// A quoted pattern the shell left to us that finds nothing is not a missing file: "no such file or directory"
// sends the user looking for a file named "*.yaml".
describe('a pattern that matches nothing says so, naming the pattern (exit 2)', () => {
  it('check, text and JSON', () => {
    const r = xborder(['check', '--no-config', 'no-such-folder/*.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('the pattern "no-such-folder/*.yaml" matched no files');
    expect(r.stdout).not.toContain('no such file');
    const j = xborder(['check', '--no-config', '--format', 'json', 'no-such-folder/*.yaml']);
    expect((JSON.parse(j.stdout) as { error: { message: string } }[])[0]!.error.message).toBe('the pattern "no-such-folder/*.yaml" matched no files');
  });
  it('files match, none of them a manifest', () => {
    const r = xborder(['check', '--no-config', 'docs/*.m?']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('the pattern "docs/*.m?" matched no .yaml, .yml or .json files');
  });
  it('validate, in Chinese', () => {
    const r = xborder(['validate', '--no-config', '--lang', 'zh', 'no-such-folder/*.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('模式 "no-such-folder/*.yaml" 没有匹配到任何文件');
  });
  it('a plain path that does not exist is still "no such file"', () => {
    const r = xborder(['check', '--no-config', 'no-such-manifest.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('no such file or directory');
  });
});

// "no ledger has been created here yet" does not say where "here" is: after `ledger record` in another folder, or
// with XBORDER_LEDGER set in one shell and not the next, the user needs the path that was looked at.
describe('the ledger commands name the ledger they looked for when there is none', () => {
  const empty = mkdtempSync(join(tmpdir(), 'xborder-noledger-'));
  it('show, default ledger: the relative path and where it resolves', () => {
    const r = spawnSync(process.execPath, [BIN, 'ledger', 'show'], { cwd: empty, encoding: 'utf8', env: { ...process.env, XBORDER_LEDGER: '' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`no ledger has been created at .xborder/ledger.db (${join(empty, '.xborder/ledger.db')}) yet`);
  });
  it('export, ledger from XBORDER_LEDGER', () => {
    const file = join(empty, 'from-env.db');
    const r = xborder(['ledger', 'export', '--format', 'json'], { env: { XBORDER_LEDGER: file } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no ledger has been created at ${file} yet`);
  });
  it('show --ledger naming an existing file that holds no ledger', () => {
    const file = join(empty, 'empty.db');
    writeFileSync(file, '');
    const r = xborder(['ledger', 'show', '--ledger', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no ledger has been created at ${file} yet`);
  });
});

// "2026/1/5" broke the date's pattern and its format, "USA" a country code's length and pattern: two lines each
// for one mistake. The most telling one is kept.
describe('one problem per wrongly shaped value', () => {
  it('a slashed date and a three-letter country: one line each, the telling one', () => {
    const file = join(dir, 'shapes.yaml');
    writeFileSync(file, good.replace(/^date: .*$/m, 'date: 2026/1/5').replace(/country: \w+/, 'country: USA'));
    const r = xborder(['check', '--no-config', file]);
    expect(r.code).toBe(2);
    const lines = r.stdout.split('\n').filter((l) => l.includes('shapes.yaml:'));
    expect(lines.filter((l) => l.includes(' /date '))).toEqual([expect.stringContaining('/date must be a real calendar date YYYY-MM-DD (got "2026/1/5")')]);
    expect(lines.filter((l) => l.includes(' /recipient/country '))).toEqual([expect.stringContaining('/recipient/country has an invalid format (got "USA")')]);
  });
});

// A region written as its name (广东, Guangdong Province) or a bare code is refused (the manifest needs the ISO code),
// with the code it most likely means.
describe('a region written another way gets the code it means', () => {
  for (const [written, code] of [['广东', 'CN-GD'], ['广东省', 'CN-GD'], ['Guangdong Province', 'CN-GD'], ['cn-sh', 'CN-SH'], ['新疆维吾尔自治区', 'CN-XJ']] as const) {
    it(`${written} → ${code}`, () => {
      const file = join(dir, `region-${code}.yaml`);
      writeFileSync(file, good.replace(/region: CN-\w\w/, `region: ${written}`));
      const r = xborder(['check', '--no-config', file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toContain(`/exporter/region has an invalid format (got "${written}") (did you mean "${code}"?)`);
    });
  }
  it('a name that is no region keeps the field\'s description', () => {
    const file = join(dir, 'region-none.yaml');
    writeFileSync(file, good.replace(/region: CN-\w\w/, 'region: Atlantis'));
    expect(xborder(['check', '--no-config', file]).stdout).toContain('(ISO 3166-2:CN code, e.g. CN-SH)');
  });
});
