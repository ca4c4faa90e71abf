import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, xborder } from '../helpers/cli.js';

/**
 * cn-national and `zone` copied to a temporary folder, with the first `written` in the zone's pack.yaml replaced by
 * `typo`: where it was (line, and column of `written`), for the pack command's message.
 */
function withTypo(zone: string, written: string, typo: string): { dir: string; file: string; line: number; column: number } {
  const dir = mkdtempSync(join(tmpdir(), 'xborder-typo-'));
  for (const p of ['cn-national', zone]) cpSync(join(ROOT, 'rules', p), join(dir, p), { recursive: true });
  const file = join(dir, zone, 'pack.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(written, typo));
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(written)) + 1;
  return { dir, file, line, column: (lines[line - 1] ?? '').indexOf(written) + 1 };
}

/** A Beijing list entry naming a misspelt scenario: the pack command says where, and what it likely meant. */
function misspeltScenario(command: string): void {
  const { dir, line } = withTypo('zone-beijing', 'scenario: beijing.automotive,', 'scenario: beijing.automotiv,');
  const r = xborder(['pack', command, dir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(new RegExp(`zone-beijing/pack\\.yaml:${line}:\\d+ unknown scenario "beijing\\.automotiv" \\(did you mean "beijing\\.automotive"\\?\\)`));
}

/**
 * A Hainan list entry whose matches misspell a national id: one problem, where the entry is written, with what it
 * likely meant; not again at the rules and taxonomy rows the table expands to (they have no place in the file).
 */
function misspeltMatch(command: string): void {
  const { dir, file, line, column } = withTypo('zone-hainan', 'biz.research], source', 'biz.reserch], source');
  const r = xborder(['pack', command, dir]);
  expect(r.code).toBe(2);
  expect(r.stderr.split('\n').filter((l) => l.includes('reserch'))).toEqual([
    `  ${file}:${line}:${column} unknown taxonomy id "biz.reserch" (did you mean "biz.research"?)`,
  ]);
}

// A zone pack given alone lists the national taxonomy's ids as unknown: say how to give it its base.
describe('pack validate <zone pack alone>', () => {
  it('exit 2, the problems, then how to validate it with the national pack; that command passes', () => {
    const r = xborder(['pack', 'validate', 'rules/zone-beijing']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown taxonomy id "biz.logistics"');
    expect(r.stderr).toMatch(/xborder: biz\.logistics, .* are ids of the national taxonomy: a zone or sector pack extends the national pack, so validate it with its base, e\.g\. `xborder pack validate rules\/cn-national rules\/zone-beijing` or every bundled pack: `xborder pack validate rules\/`\n$/);
    expect(xborder(['pack', 'validate', 'rules/zone-beijing', '--lang', 'zh']).stderr).toContain('请连同其基础一起验证');
    const withBase = xborder(['pack', 'validate', 'rules/cn-national', 'rules/zone-beijing']);
    expect(withBase.code).toBe(0);
  });

  it('a list entry naming a misspelt scenario gets "did you mean" with its position', () => misspeltScenario('validate'));

  it('a list entry\'s misspelt matches id is one problem, with its position and "did you mean"', () => misspeltMatch('validate'));

  it('no such hint for a pack whose problems are not the national ids', () => {
    const r = xborder(['pack', 'validate', 'tests/fixtures/bad-packs']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('with its base');
  });
});

// `pack test` and `pack coverage` load the packs as `pack validate` does, so they give the same hint for their own command.
describe.each([
  { command: 'test', en: 'test it', zh: '请连同其基础一起测试' },
  { command: 'coverage', en: 'report its coverage', zh: '请连同其基础一起统计覆盖情况' },
])('pack $command <zone pack alone>', ({ command, en, zh }) => {
  it('exit 2, the problems, then one line on how to give it its base, in both languages; that command passes', () => {
    const r = xborder(['pack', command, 'rules/zone-beijing']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => l.includes('unknown taxonomy id "biz.logistics"')).length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.includes('with its base'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(new RegExp(`^xborder: biz\\.logistics, .* are ids of the national taxonomy: a zone or sector pack extends the national pack, so ${en} with its base, e\\.g\\. \`xborder pack ${command} rules/cn-national rules/zone-beijing\` or every bundled pack: \`xborder pack ${command} rules/\`$`));
    const zhLast = xborder(['pack', command, 'rules/zone-beijing', '--lang', 'zh']).stderr.trimEnd().split('\n').at(-1);
    expect(zhLast).toContain(zh);
    expect(zhLast).toContain(`\`xborder pack ${command} rules/cn-national rules/zone-beijing\``);
    expect(xborder(['pack', command, 'rules/cn-national', 'rules/zone-beijing']).code).toBe(0);
  });

  it('a list entry naming a misspelt scenario gets "did you mean" with its position', () => misspeltScenario(command));

  it('a list entry\'s misspelt matches id is one problem, with its position and "did you mean"', () => misspeltMatch(command));

  it('no such hint for a pack whose problems are not the national ids', () => {
    const r = xborder(['pack', command, 'tests/fixtures/bad-packs']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('with its base');
  });
});

// The commands that check with the packs --pack (or the configuration's packs:) names give the same hint, in flags.
describe.each([
  ['check', 'examples/manifests/pass-sme-80k-below-threshold.yaml'],
  ['zones', 'examples/manifests/pass-sme-80k-below-threshold.yaml'],
  ['explain', 'cn.volume.contract-non-sensitive'],
])('%s --pack <zone pack alone>', (command, arg) => {
  it('exit 2, the problems, then the --pack flags that give it its base; with them it runs', () => {
    const r = xborder([command, '--no-config', '--pack', 'rules/zone-hainan', arg]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => l.includes('unknown taxonomy id "pi.basic"')).length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^xborder: .*pi\.basic.* of the national taxonomy: a zone or sector pack extends the national pack, so name its base beside it \(--pack, or packs: in \.xborder\.yaml\), e\.g\. `--pack rules\/cn-national --pack rules\/zone-hainan`, or leave --pack out for every bundled pack$/);
    expect(xborder([command, '--no-config', '--pack', 'rules/zone-hainan', '--lang', 'zh', arg]).stderr).toContain('请同时指定其基础规则包');
    expect(xborder([command, '--no-config', '--pack', 'rules/cn-national', '--pack', 'rules/zone-hainan', arg]).code).not.toBe(2);
  });
});
