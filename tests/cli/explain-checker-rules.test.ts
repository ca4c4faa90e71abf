import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../../src/evaluate/checker-findings.js';
import { checkerRules } from '../../src/report/sarif.js';

const run = (...args: string[]) => spawnSync('node', ['bin/xborder.js', ...args], { encoding: 'utf8' });

// A user reads a rule id in a report (xborder.prior-unstated) and asks explain: every built-in id is explained,
// from the SARIF rule table's text, so a new id in BUILTIN_RULES needs no wiring here.
describe('xborder explain: the checker\'s own rules', () => {
  const table = new Map(checkerRules().map((r) => [r.id, r]));

  it.each([...BUILTIN_RULES])('%s: both languages, the SARIF title, exit 0', (id) => {
    const r = run('explain', id);
    expect(r.status, r.stderr).toBe(0);
    const info = table.get(id)!;
    expect(r.stdout).toContain(`xborder/${id}  (checker rule: review)`);
    expect(r.stdout).toContain(info.title.en);
    expect(r.stdout).toContain(info.title.zh);
    expect(r.stdout).toContain('xborder: fail-closed policy');
  });

  it.each([...BUILTIN_RULES])('%s --lang zh: Chinese only', (id) => {
    const r = run('explain', `xborder/${id}`, '--lang', 'zh');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(table.get(id)!.title.zh);
    expect(r.stdout).not.toContain(table.get(id)!.title.en);
  });

  it('prior-unstated says what it means and what to do, in both languages (the SARIF fullDescription\'s text)', () => {
    const r = run('explain', 'xborder.prior-unstated');
    expect(r.stdout).toContain(table.get('xborder.prior-unstated')!.description!.en);
    expect(r.stdout).toContain('State them (0 when there were none), or check with --ledger.');
    expect(run('explain', 'xborder.prior-unstated', '--lang', 'zh').stdout).toContain('或使用 --ledger 检查');
  });

  it('invalid-manifest (the SARIF id of an unreadable manifest) is explained too; a typo still exits 2 with a suggestion', () => {
    const ok = run('explain', 'xborder/invalid-manifest');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Manifest could not be read or is invalid');
    const typo = run('explain', 'xborder.prior-unstatd');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('did you mean "xborder.prior-unstated"?');
  });
});
