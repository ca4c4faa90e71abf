/** `pack test --min-coverage` and the deciding-path check, through the built CLI on a trimmed copy of the Beijing pack. */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, xborder } from '../helpers/cli.js';

let dir: string;
let head: string;
const suite = (cases: string): void => writeFileSync(join(dir, 'zone-beijing/tests.yaml'), `${head}cases:\n${cases}`);
const test = (...args: string[]): ReturnType<typeof xborder> => xborder(['pack', 'test', dir, ...args]);
// Every Beijing scenario is encoded in part (issue 10): naming one gives review through beijing.scenario.partial.
const PARTIAL = '  - name: "partial scenario"\n    patch: { purpose: { scenario: beijing.retail } }\n';
const partial = (expect: string): string => `${PARTIAL}    expect: { verdict: review, ${expect} }\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xborder-gates-'));
  for (const p of ['cn-national', 'cn-national-2022', 'zone-beijing']) cpSync(join(ROOT, 'rules', p), join(dir, p), { recursive: true });
  // Only the Beijing table runs: the national packs are context (their own tables are not under test here).
  for (const f of ['zone-beijing/two-zones-2026.pack.yaml', 'zone-beijing/two-zones-2026.tests.yaml', 'cn-national/tests.yaml', 'cn-national-2022/tests.yaml']) unlinkSync(join(dir, f));
  const text = readFileSync(join(dir, 'zone-beijing/tests.yaml'), 'utf8');
  head = text.slice(0, text.indexOf('\ncases:') + 1);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pack test --min-coverage', () => {
  it('fails a pack whose share of exercised rules is below the gate, and passes it at a lower gate', () => {
    suite(partial('rules: [beijing.scenario.partial]'));
    const low = test('--min-coverage', '50');
    expect(low.code).toBe(1);
    // The one case fires the partial-scenario review and the list-filing obligation but names only the review: 1 of
    // the pack's 29 rules that can fire is exercised (the obligation fired beside it, unnamed, is not); its 19 table
    // entries, its 5 reference-rule checks and its unspecified-entry check are rules too; beijing.exempt.unlisted,
    // with no complete scenario, cannot fire and is said apart.
    expect(low.stdout).toMatch(/zone-beijing-2024 2024\.7\.0: 1\/29 rules exercised; not exercised: .*beijing\.obligation\.list-filing; cannot fire \(not counted\): beijing\.exempt\.unlisted \(purpose\.scenario in \[\] never holds\)\n/);
    expect(low.stdout).toMatch(/coverage below --min-coverage 50%: .*zone-beijing-2024 3\.4%/);
    expect(test('--min-coverage', '0').code).toBe(0);
  });

  it('the bundled packs pass --min-coverage 100: a rule no manifest can make fire is said, not counted as untested', () => {
    const r = xborder(['pack', 'test', join(ROOT, 'rules'), '--min-coverage', '100']);
    expect(r.stdout).not.toContain('not exercised');
    expect(r.stdout).toMatch(/zone-tianjin-2024 \S+: (\d+)\/\1 rules exercised; cannot fire \(not counted\): tianjin\.exempt\.unlisted \(purpose\.scenario in \[\] never holds\)/);
    expect(r.code).toBe(0);
  });

  it('refuses a share outside 0–100', () => {
    expect(test('--min-coverage', '150').code).toBe(2);
  });
});

describe('deciding paths', () => {
  it('flags a case that names a rule but checks only the verdict, and fails it with --require-paths', () => {
    suite(partial('rules: [beijing.scenario.partial]'));
    const r = test();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/WEAK \S+tests\.yaml:\d+ partial scenario\n {5}names beijing\.scenario\.partial but checks only the verdict: state its deciding field, paths: \{ beijing\.scenario\.partial: "\/[^"]+" \}/);
    expect(test('--require-paths').code).toBe(1);
  });

  it('a stated path that matches passes; one that does not fails', () => {
    const flagged = test();
    const path = /paths: \{ beijing\.scenario\.partial: "([^"]+)" \}/.exec(flagged.stdout)?.[1] as string;
    suite(partial(`rules: [beijing.scenario.partial], paths: { beijing.scenario.partial: "${path}" }`));
    const ok = test('--require-paths');
    expect(ok.stdout).not.toMatch(/WEAK|FAIL/);
    expect(ok.code).toBe(0);
    suite(partial('rules: [beijing.scenario.partial], paths: { beijing.scenario.partial: "/recipient" }'));
    const bad = test();
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`finding beijing.scenario.partial: expected deciding path /recipient, got ${path}`);
  });

  it('a case that also asserts the mechanism is not flagged', () => {
    suite(partial('mechanism: contract-or-certification, rules: [beijing.scenario.partial]'));
    expect(test().stdout).not.toContain('WEAK');
  });
});
