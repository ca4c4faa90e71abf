/** Every command follows the exit-code contract: 0 ok, 1 gate, 2 usage or input error (issue 9, bug 1). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';

const ledger = (): string => join(mkdtempSync(join(tmpdir(), 'xborder-exit-')), 'ledger.db');

describe('ledger subcommands exit 2 on errors, through the built CLI', () => {
  it('ledger show --year abc', () => {
    const r = xborder(['ledger', 'show', '--year', 'abc', '--ledger', ledger()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--year must be a four-digit year');
  });
  it('ledger record <missing file>', () => {
    const r = xborder(['ledger', 'record', 'no/such/manifest.yaml', '--ledger', ledger()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/manifest.yaml');
  });
  it('ledger show on an unreachable PostgreSQL', () => {
    const r = xborder(['ledger', 'show', '--ledger', 'postgres://127.0.0.1:1/x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot open ledger/);
  });
  it('ledger export --format xml is a usage error (commander does not exit on its own)', () => {
    const r = xborder(['ledger', 'export', '--format', 'xml', '--ledger', ledger()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xml/);
  });
  it('ledger record of a good manifest exits 0, and ledger show then lists it', () => {
    const db = ledger();
    expect(xborder(['ledger', 'record', 'examples/manifests/pass-sme-150k-contract-filed.yaml', '--ledger', db]).code).toBe(0);
    const shown = xborder(['ledger', 'show', '--ledger', db]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toBe('no transfers recorded\n');
  });
});

describe('other commands', () => {
  it('an unknown option or command is exit 2; --help and --version are 0', () => {
    expect(xborder(['check', '--no-such-option', 'x.yaml']).code).toBe(2);
    expect(xborder(['no-such-command']).code).toBe(2);
    expect(xborder(['--help']).code).toBe(0);
    expect(xborder(['--version']).code).toBe(0);
  });
  it('explain of an unknown rule is 2; a rule shared by two packs is named by pack/id', () => {
    expect(xborder(['explain', 'no.such.rule']).code).toBe(2);
    const both = xborder(['explain', 'beijing.automotive.exterior-video']);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain('zone-beijing-2024/beijing.automotive.exterior-video');
    const one = xborder(['explain', 'zone-beijing-2024/beijing.automotive.exterior-video']);
    expect(one.stdout).toContain('zone-beijing-2024/');
    expect(one.stdout).not.toContain('zone-beijing-2026/');
  });
});
