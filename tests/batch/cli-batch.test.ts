import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { corpusDir, FIXTURES, manifests, xborder } from './helpers.js';

const SUMMARY = /^\d+ checked: \d+ pass, \d+ review, \d+ fail(, \d+ error)?( \(review fails the gate\))?$/;
const ndjsonLines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l) as { source: string; verdict?: string; error?: { code: string } });

describe('xborder check: batches', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => { dir = corpusDir(240); }, 60_000);

  it('gives identical output, in sorted input order, with --jobs 2 and --jobs 1', () => {
    for (const format of ['ndjson', 'json', 'text', 'github', 'sarif']) {
      const one = xborder(['check', '--format', format, '--jobs', '1', dir]);
      const two = xborder(['check', '--format', format, '--jobs', '2', dir]);
      expect(two.code, format).toBe(one.code);
      expect(two.stdout, format).toBe(one.stdout);
      expect(one.stdout.length).toBeGreaterThan(0);
    }
    const sources = ndjsonLines(xborder(['check', '--format', 'ndjson', '--jobs', '2', dir]).stdout).map((r) => r.source);
    expect(sources).toHaveLength(240);
    expect(sources).toEqual([...sources].sort());
  });

  it('checks every line of NDJSON on stdin and reports a bad line in place (exit 2)', () => {
    const good = manifests(6).map((m) => JSON.stringify(m));
    const input = [...good.slice(0, 3), '{"apiVersion": "xborder/v1", "broken": ', ...good.slice(3)].join('\n') + '\n';
    for (const jobs of ['1', '2']) {
      const r = xborder(['check', '--format', 'ndjson', '--jobs', jobs, '-'], { input });
      expect(r.code).toBe(2);
      const results = ndjsonLines(r.stdout);
      expect(results.map((x) => x.source)).toEqual(['<stdin>:1', '<stdin>:2', '<stdin>:3', '<stdin>:4', '<stdin>:5', '<stdin>:6', '<stdin>:7']);
      expect(results[3]?.error?.code).toBe('parse-error');
      expect(results.filter((x) => x.verdict).length).toBe(6);
      expect(r.stderr.trim().split('\n').pop()).toMatch(/^7 checked: .*, 1 error$/);
    }
  });

  it('shows no progress when stderr is not a TTY', () => {
    const r = xborder(['check', '--format', 'ndjson', dir]);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toMatch(/ETA|\/s/);
    expect(r.stderr.trim()).toMatch(SUMMARY);
  });

  it('--output writes the report to the file and the summary to stderr', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'xborder-out-')), 'report.json');
    const r = xborder(['check', '--format', 'json', '--output', out, FIXTURES]);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('3 checked: 1 pass, 1 review, 1 fail');
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(true);
    const report = JSON.parse(readFileSync(out, 'utf8')) as unknown[];
    expect(report).toHaveLength(3);
  });

  it('--fail-on review fails the gate on a review verdict', () => {
    const file = join(FIXTURES, 'c-review-spi-zero.yaml');
    expect(xborder(['check', '--quiet', file]).code).toBe(0);
    const r = xborder(['check', '--fail-on', 'review', '--format', 'json', file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('1 checked: 0 pass, 1 review, 0 fail (review fails the gate)');
  });

  it('expands a quoted glob itself, sorted, and reports a pattern that matches nothing', () => {
    const r = xborder(['check', '--format', 'ndjson', 'tests/fixtures/batch/*.yaml', 'tests/fixtures/none-*.json']);
    const results = ndjsonLines(r.stdout);
    expect(results.map((x) => x.source)).toEqual(['tests/fixtures/batch/a-fail-sme-150k.yaml', 'tests/fixtures/batch/c-review-spi-zero.yaml', 'tests/fixtures/none-*.json']);
    expect(results[2]?.error?.code).toBe('read-error');
    expect(r.code).toBe(2);
  });
});

describe('xborder check: every --format for the fixtures', { timeout: 60_000 }, () => {
  const run = (format: string) => xborder(['check', '--format', format, FIXTURES]);

  it('text ends with the summary line', () => {
    const r = run('text');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL');
    expect(r.stdout.trim().split('\n').pop()).toBe('3 checked: 1 pass, 1 review, 1 fail');
    expect(r.stdout).not.toContain('\u001b['); // not a TTY: no colour
  });

  it('json is an array in input order; ndjson one object per line', () => {
    const json = JSON.parse(run('json').stdout) as { source: string; verdict: string }[];
    expect(json.map((r) => [r.source, r.verdict])).toEqual([
      ['tests/fixtures/batch/a-fail-sme-150k.yaml', 'fail'],
      ['tests/fixtures/batch/b-pass-trade.json', 'pass'],
      ['tests/fixtures/batch/c-review-spi-zero.yaml', 'review'],
    ]);
    expect(ndjsonLines(run('ndjson').stdout)).toEqual(json);
    // One manifest: still an array (contract, November 2026), so jq '.[]' works on a one-file change.
    const [single] = JSON.parse(xborder(['check', '--format', 'json', join(FIXTURES, 'b-pass-trade.json')]).stdout) as { verdict: string }[];
    expect(single?.verdict).toBe('pass');
  });

  it('sarif is SARIF 2.1.0 with a located result per fail/review finding', () => {
    const log = JSON.parse(run('sarif').stdout) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { region?: { startLine: number } } }[] }[] }[] };
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.ruleId).sort()).toEqual(['cn-national/cn.counts.sensitive-category-without-count', 'cn-national/cn.volume.contract-non-sensitive']);
    for (const r of results) expect(r.locations[0]?.physicalLocation.region?.startLine).toBeGreaterThan(0);
  });

  it('junit is well-formed XML, one suite per file', () => {
    const xml = run('junit').stdout;
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml) as { testsuites: Record<string, string> };
    expect([doc.testsuites['@tests'], doc.testsuites['@failures']]).toEqual(['3', '1']);
  });

  it('markdown has the summary table; github has one annotation per fail/review finding', () => {
    const md = run('markdown').stdout;
    expect(md).toContain('| Manifest | Verdict | Mechanism | Key reason |');
    expect(md).toContain('3 checked: 1 pass, 1 review, 1 fail');
    const gh = run('github').stdout.trim().split('\n');
    expect(gh).toEqual([
      expect.stringMatching(/^::error file=tests\/fixtures\/batch\/a-fail-sme-150k\.yaml,line=22,col=16,title=cn\.volume\.contract-non-sensitive::/),
      expect.stringMatching(/^::warning file=tests\/fixtures\/batch\/c-review-spi-zero\.yaml,line=21,col=25,title=cn\.counts\.sensitive-category-without-count::/),
    ]);
  });
});
