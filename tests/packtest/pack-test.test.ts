import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) => spawnSync('node', ['bin/xborder.js', ...args], { encoding: 'utf8' });

/** A scratch folder with copies of these bundled pack folders (rules/<name>). */
function copyPacks(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'xborder-packtest-'));
  for (const n of names) cpSync(join('rules', n), join(dir, n), { recursive: true });
  return dir;
}

/** Replaces `from` by `to` in a copied file; `from` must be there, or the test would prove nothing. */
function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe('xborder pack test', () => {
  it('passes over every bundled pack with a summary and rule coverage', () => {
    const r = run('pack', 'test');
    expect(r.stdout).toMatch(/\d+ cases in \d+ files: \d+ passed, 0 failed/);
    expect(r.stdout).toContain('Rule coverage:');
    expect(r.stdout).toMatch(/zone-beijing-2024 2024\.7\.0: \d+\/29 rules exercised/);
    expect(r.status).toBe(0);
  });

  it('fails with a clear message when a case is broken', () => {
    const dir = copyPacks('cn-national', 'zone-hainan');
    // Claim the duty-free customer PI (labelled with the entry id, no scenario) passes: the verdict is fail, so the
    // case must fail and say why.
    edit(join(dir, 'zone-hainan', 'tests.yaml'), 'expect: { verdict: fail, mechanism: contract-or-certification, rules: [hainan.duty-free.customer-pi', 'expect: { verdict: pass, mechanism: contract-or-certification, rules: [hainan.duty-free.customer-pi');
    const r = run('pack', 'test', dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL .*zone-hainan\/tests\.yaml:\d+ customer PI labelled with the entry id/);
    expect(r.stdout).toContain('verdict: expected pass, got fail');
    expect(r.stdout).toMatch(/: \d+ passed, 1 failed/);
  });

  it('absentPacks fails a case where the named pack applies (two Fujian lists give the same finding)', () => {
    const dir = copyPacks('cn-national', 'zone-fujian');
    // On the FTZ list's first day both Fujian packs apply: claiming the FTZ pack is absent must fail the case.
    const file = join(dir, 'zone-fujian', 'ftz-negative-2025.tests.yaml');
    edit(file, 'packs: [cn-national, zone-fujian-pingtan-2025, zone-fujian-2025], paths: { fujian.list.unencoded: /exporter/zone } }\n  - name: "last day',
      'packs: [cn-national, zone-fujian-pingtan-2025], absentPacks: [zone-fujian-2025], paths: { fujian.list.unencoded: /exporter/zone } }\n  - name: "last day');
    const r = run('pack', 'test', dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL .*ftz-negative-2025\.tests\.yaml:\d+ on the issue date \(2025-12-25/);
    expect(r.stdout).toContain('expected pack zone-fujian-2025 not to apply');
    expect(r.stdout).toMatch(/: \d+ passed, 1 failed/);
  });

  it('rejects a case naming an unknown rule, with file:line:column', () => {
    const dir = copyPacks('cn-national', 'zone-chongqing');
    edit(join(dir, 'zone-chongqing', 'tests.yaml'), 'rules: [chongqing.scenario.partial, cn.volume', 'rules: [chongqing.scenario.partal, cn.volume');
    const r = run('pack', 'test', dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ERROR .*tests\.yaml:\d+:\d+ case "ICV scenario, PI the pack does not encode: review with the national contract" names unknown rule "chongqing.scenario.partal"/);
  });

  it('a test file that is not a pack-tests document (schema) exits 2, as its help says ("2 invalid packs or test files")', () => {
    const dir = copyPacks('cn-national', 'zone-chongqing');
    // A typo in an expectation key: the whole file was skipped and the run exited 1, like a failed assertion.
    edit(join(dir, 'zone-chongqing', 'tests.yaml'), 'expect: { verdict: review, mechanism: contract-or-certification, rules: [chongqing.scenario.partial, cn.volume', 'expect: { verdit: review, mechanism: contract-or-certification, rules: [chongqing.scenario.partial, cn.volume');
    for (const format of [[], ['--format', 'junit']]) {
      const r = run('pack', 'test', dir, ...format);
      expect(r.status).toBe(2);
      expect(`${r.stdout}${r.stderr}`).toMatch(/unknown field "verdit"/);
    }
  });

  it('refuses a case with the same input as another, whatever the order of its keys', () => {
    const dir = copyPacks('cn-national');
    const tests = join(dir, 'cn-national', 'tests.yaml');
    // Two new cases, the second the first's patch with its keys in another order (whatever cases the file holds).
    const text = readFileSync(tests, 'utf8');
    writeFileSync(tests, `${text}  - name: a date before any pack\n    patch: { date: 2021-06-02, safeguards: { pia: { completedOn: 2021-05-02 } } }\n    expect: { verdict: review }\n`
      + '  - name: the same input again\n    patch: { safeguards: { pia: { completedOn: 2021-05-02 } }, date: 2021-06-02 }\n    expect: { verdict: review }\n');
    const r = run('pack', 'test', join(dir, 'cn-national'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/tests\.yaml:\d+:\d+ duplicate case: same input as cases\[\d+\]/);
  });

  it('fails when a scenario marked complete has an entry no case exercises', () => {
    const dir = copyPacks('cn-national', 'zone-chongqing');
    edit(join(dir, 'zone-chongqing', 'pack.yaml'), 'coverage: partial, wording', 'coverage: complete, wording');
    edit(join(dir, 'zone-chongqing', 'pack.yaml'), 'unconfirmed: true, ', '');
    const tests = join(dir, 'zone-chongqing', 'tests.yaml');
    // Keep only the cases that never name the exterior-video entry.
    const text = readFileSync(tests, 'utf8');
    writeFileSync(tests, text.slice(0, text.indexOf('  - name: "important data chongqing.icv.exterior-video')));
    const r = run('pack', 'test', dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/entry "chongqing.icv.exterior-video" of complete scenario "chongqing.icv" has no test case/);
  });

  it('refuses a scenario marked complete that holds an unconfirmed entry (its source does not show the entry)', () => {
    const dir = copyPacks('cn-national', 'zone-chongqing');
    edit(join(dir, 'zone-chongqing', 'pack.yaml'), 'coverage: partial, wording', 'coverage: complete, wording');
    const r = run('pack', 'validate', dir);
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/scenario "chongqing.icv" is marked complete but holds an unconfirmed entry/);
  });
});

describe('xborder pack validate (broken fixtures)', () => {
  const cases: [string, RegExp][] = [
    ['contradictory', /contradictory\/pack\.yaml:\d+:\d+ contradictory entries: "chongqing.icv.exterior-video-again" \(requirement contract-or-certification\) and "chongqing.icv.exterior-video"/],
    ['unknown-zone', /unknown-zone\/pack\.yaml:\d+:\d+ unknown zone id "chengdu"/],
    ['no-citation', /no-citation\/pack\.yaml:\d+:\d+ .*missing required field "citation"/],
    ['english-zh', /english-zh\/pack\.yaml:\d+:\d+ rule "chongqing.icv.exterior-video" needs a Chinese message/],
    ['zone-exemption', /zone-exemption\/pack\.yaml:\d+:\d+ rule "chongqing.exempt.everything": a zone pack exempts only through its list table/],
    ['gap', /gap\/a\/pack\.yaml:\d+:\d+ gap in lineage "zone-chongqing": zone-chongqing-2025 ends 2026-01-01 but zone-chongqing-2027 starts 2027-01-01/],
  ];
  for (const [name, pattern] of cases) {
    it(`reports ${name}`, () => {
      const r = run('pack', 'validate', 'rules/cn-national', `tests/fixtures/packs/${name}`);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(pattern);
    });
  }

  it('accepts the bundled packs', () => {
    const r = run('pack', 'validate');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/17 packs valid/);
  });
});
