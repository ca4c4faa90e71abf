/** verdict.md: waived findings are shown as waived, never as pass, and do not count for the gate; the verdict stays. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

const dir = join(mkdtempSync(join(tmpdir(), 'xborder-waived-')), 'repo');
cpSync(join(ROOT, 'examples/ci/repo'), dir, { recursive: true });
// transfers/singapore-crm.yaml: its one failing finding is waived by waivers.yaml (#1, valid on this day).
const check = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, 'check', 'transfers/singapore-crm.yaml', '-q', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XBORDER_TODAY: '2026-11-22' } });
  return { code: r.status, stdout: r.stdout };
};

describe('a manifest whose every failing finding is waived', () => {
  it('text: headed FAIL (WAIVED), never a bare FAIL heading nor PASS; exit 0', () => {
    const r = check('--format', 'text');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe('  FAIL (WAIVED)  standard contract (filed) or certification required');
    expect(r.stdout).not.toMatch(/^ {2}(FAIL|PASS) {2}/m);
    expect(check('--format', 'text', '--lang', 'zh').stdout.split('\n')[1]).toMatch(/^ {2}不通过（已例外批准） {2}/);
  });

  it('markdown: the row and the section are marked waived (⚪), not ❌ and not ✅', () => {
    const r = check('--format', 'markdown');
    expect(r.stdout).toContain('| tm-2026-0042 | ⚪ fail \\(waived\\) |');
    expect(r.stdout).toContain('### ⚪ tm-2026-0042 \\(waived\\)');
    expect(r.stdout).not.toContain('❌ fail');
    // The gate passes, but a person accepted a risk: not all clear (✅) either.
    expect(r.stdout).toContain('**⚠️ Gate passed, by waivers**');
    expect(check('--format', 'markdown', '--lang', 'zh').stdout).toContain('**⚠️ 门禁通过（经例外批准）**');
    expect(check('--format', 'markdown', '--lang', 'zh').stdout).toContain('| tm-2026-0042 | ⚪ 不通过（已例外批准） |');
  });

  it('json: the verdict field stays fail (the contract), the finding carries waived', () => {
    const [v] = JSON.parse(check('--format', 'json').stdout) as { verdict: string; findings: { outcome: string; waived?: unknown }[] }[];
    expect(v!.verdict).toBe('fail');
    expect(v!.findings.filter((f) => f.outcome === 'fail').every((f) => f.waived)).toBe(true);
  });
});
