/** Report conventions of issue 12 through the built CLI: --only, colour, --explain in text and markdown, --help. */
import { describe, expect, it } from 'vitest';
import { markdown, COMMENT_LIMIT } from '../../src/report/markdown.js';
import { ctx, failVerdict, passVerdict } from '../report/fixtures.js';
import { xborder } from '../helpers/cli.js';

const EXAMPLES = 'examples/manifests';
const ESC = '\u001b[';

describe('--only', () => {
  it('writes only the chosen verdicts, counts every one, and keeps the exit code', () => {
    const all = xborder(['check', EXAMPLES, '--format', 'ndjson']);
    const only = xborder(['check', EXAMPLES, '--format', 'ndjson', '--only', 'fail,review']);
    const verdicts = only.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { verdict: string }).verdict);
    expect(new Set(verdicts)).toEqual(new Set(['fail', 'review']));
    expect(verdicts.length).toBeLessThan(all.stdout.trim().split('\n').length);
    expect(only.stderr).toBe(all.stderr); // the summary counts everything
    expect(only.code).toBe(all.code);
    expect(xborder(['check', EXAMPLES, '--only', 'maybe']).code).toBe(2);
  });

  it('leaves the counts of every format as they are: markdown and JUnit used to count only what they listed', () => {
    const only = ['--only', 'fail,review'];
    const summary = xborder(['check', EXAMPLES, '--format', 'json']).stderr.trim(); // "25 checked: 10 pass, …"
    const [, checked, , , fail] = /^(\d+) checked: (\d+) pass, (\d+) review, (\d+) fail/.exec(summary) ?? [];
    expect(Number(checked)).toBeGreaterThan(Number(fail)); // some pass, so --only leaves some out
    expect(xborder(['check', EXAMPLES, ...only]).stdout.trim().split('\n').at(-1)).toBe(summary);
    const md = xborder(['check', EXAMPLES, '--format', 'markdown', ...only]);
    expect(md.stdout.split('\n')[2]).toContain(`— ${summary}`);
    expect(md.stdout).toMatch(new RegExp(`> \\d+ of ${checked} manifests are counted above but not listed \\(--only\\)`));
    expect(md.stdout).not.toContain('left out to fit');
    const junit = xborder(['check', EXAMPLES, '--format', 'junit', ...only]).stdout;
    expect(junit).toContain(`<testsuites name="xborder" tests="${checked}" failures="${fail}" errors="0">`);
    expect(junit.match(/<testcase /g)?.length).toBeLessThan(Number(checked));
    // A CI test report counts <testcase> elements: the left-out results that fail the gate are one failing case, or
    // `--only pass` over failures showed a green report of an exit-1 run.
    const passOnly = xborder(['check', EXAMPLES, '--format', 'junit', '--only', 'pass']);
    expect(passOnly.code).toBe(1);
    expect(passOnly.stdout).toMatch(new RegExp(`<testcase name="not-listed" classname="xborder">\\s*<failure message="${fail} results that fail the gate are not listed here \\(--only\\)`));
    expect(passOnly.stdout.match(/<failure /g)).toHaveLength(1);
    expect(xborder(['check', `${EXAMPLES}/pass-hr-3000-employees.yaml`, '--format', 'junit', '--only', 'fail']).stdout).not.toContain('not-listed');
    const sarif = (s: string): unknown => (JSON.parse(s) as { runs: { invocations: unknown }[] }).runs[0]?.invocations;
    expect(sarif(xborder(['check', EXAMPLES, '--format', 'sarif', ...only]).stdout)).toEqual(sarif(xborder(['check', EXAMPLES, '--format', 'sarif']).stdout));
  });
});

describe('colour', () => {
  const one = `${EXAMPLES}/fail-sme-150k-singapore.yaml`;
  it('none on a pipe; --color and FORCE_COLOR force it; --no-color and NO_COLOR refuse it', () => {
    expect(xborder(['check', one]).stdout).not.toContain(ESC);
    expect(xborder(['check', one, '--color']).stdout).toContain(ESC);
    expect(xborder(['check', one], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toContain(ESC);
    expect(xborder(['check', one, '--no-color'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
  });
});

describe('--explain in text and markdown', () => {
  it('lists the evaluated conditions with the manifest field', () => {
    const one = `${EXAMPLES}/fail-sme-150k-singapore.yaml`;
    const text = xborder(['check', one, '--explain']).stdout;
    expect(text).toMatch(/✓ totals\.individuals .* \/personalInformation\/individuals/);
    expect(xborder(['check', one]).stdout).not.toMatch(/✓ totals\.individuals/);
    expect(xborder(['check', one, '--explain', '--format', 'markdown']).stdout).toMatch(/- `totals\.individuals/);
  });
});

describe('markdown fits a pull-request comment', () => {
  it('failures first, never over the limit, and says how many were left out', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ ...(i % 2 ? failVerdict : passVerdict), manifest: `tm-${i}`, source: `m/${i}.yaml` }));
    const out = markdown(many, ctx());
    expect(out.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(out).toMatch(/manifests are left out to fit a pull-request comment/);
    const rows = out.split('\n').filter((l) => l.startsWith('| tm-'));
    expect(rows[0]).toContain('❌');
    const firstPass = rows.findIndex((r) => r.includes('✅'));
    expect(firstPass === -1 || rows.slice(firstPass).every((r) => r.includes('✅'))).toBe(true);
    expect(markdown([failVerdict], ctx())).not.toMatch(/left out/);
  });
});

describe('--help', () => {
  it('every command shows examples, exit codes and the environment', () => {
    for (const cmd of [['check'], ['validate'], ['explain'], ['zones'], ['pack', 'test'], ['pack', 'validate'], ['ledger', 'record'], ['ledger', 'show'], ['ledger', 'export']]) {
      const r = xborder([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain('Exit codes:');
      expect(r.stdout).toContain('XBORDER_LOG_LEVEL');
    }
  });
});

describe('pack test --format junit', () => {
  it('one suite per test file and one case per test, valid XML, summary on stderr; a failing case is a <failure>', async () => {
    const { XMLParser } = await import('fast-xml-parser');
    const r = xborder(['pack', 'test', '--format', 'junit']);
    expect(r.code).toBe(0);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(r.stdout) as { testsuites: { '@_tests': string; testsuite: unknown[] } };
    expect(Number(xml.testsuites['@_tests'])).toBeGreaterThan(100);
    expect(r.stderr).toMatch(/cases in \d+ files: \d+ passed, 0 failed/);
    const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = join(mkdtempSync(join(tmpdir(), 'xborder-junit-')), 'cn-national');
    cpSync('rules/cn-national', dir, { recursive: true });
    const tests = join(dir, 'tests.yaml');
    writeFileSync(tests, readFileSync(tests, 'utf8').replace(/verdict: pass/, 'verdict: fail'));
    const bad = xborder(['pack', 'test', dir, '--format', 'junit']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/<failure message="verdict: expected fail/);
  });
});
