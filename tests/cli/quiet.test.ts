import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';

// docs/ci-gate.md: --quiet hides the summary line on stderr; it never changes a report, so a text report on
// stdout keeps the summary it ends with (the one line of totals a CI log shows).
const FILE = 'examples/manifests/fail-sme-150k-singapore.yaml';
const SUMMARY = /1 checked: 0 pass, 0 review, 1 fail/;

describe('check --quiet', () => {
  it('text on stdout: the report, summary included, is the same as without --quiet; stderr is empty', () => {
    const loud = xborder(['check', '--no-config', FILE]);
    const quiet = xborder(['check', '--no-config', '--quiet', FILE]);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toBe(loud.stdout);
    expect(quiet.stdout.trimEnd().split('\n').at(-1)).toMatch(SUMMARY);
    expect(quiet.stderr).toBe('');
  });

  it('another format: the summary line on stderr is shown without --quiet and hidden with it', () => {
    expect(xborder(['check', '--no-config', '--format', 'json', FILE]).stderr).toMatch(SUMMARY);
    const quiet = xborder(['check', '--no-config', '--format', 'json', '--quiet', FILE]);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe('');
    expect(JSON.parse(quiet.stdout)).toHaveLength(1);
  });
});
