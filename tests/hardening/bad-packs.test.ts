import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_PACKS, GOOD, ROOT, STACK_FRAME, runCli } from './cli-run.js';

/** Packs are untrusted input too: each bad pack stops the run before any manifest is checked. */
const CASES: Record<string, { says: RegExp; at: string }> = {
  'alias-bomb.pack.yaml': { says: /aliases expand to too much data/, at: ':37:10' },
  // Found by the pack mutation fuzzer: a self-referential alias made the data a loop and loading never ended.
  'alias-loop.pack.yaml': { says: /a YAML alias refers to the value that contains it \(a loop\)/, at: ':256:24' },
  'deep.pack.yaml': { says: /nesting deeper than 64 levels/, at: ':5:' },
  'duplicate-key.pack.yaml': { says: /Map keys must be unique/, at: ':125:5' },
  'duplicate-rule-id.pack.yaml': { says: /duplicate rule id "cn.important-data.assessment"/, at: ':171:9' },
  'empty.pack.yaml': { says: /the file is empty/, at: ':1:1' },
  'operand-type.pack.yaml': { says: /"atLeast" compares numbers or dates; "recipient.kind" is a string/, at: ':141:44' },
  'proto-key.pack.yaml': { says: /key "__proto__" is not allowed/, at: ':124:58' },
  'regex-operator.pack.yaml': { says: /unknown operator "matches"/, at: ':141:44' },
  'schema-broken.pack.yaml': { says: /must be one of: requirement.*did you mean "requirement"/, at: ':172:11' },
  'tabs.pack.yaml': { says: /Tabs are not allowed/, at: ':122:1' },
  'unknown-fact.pack.yaml': { says: /unknown fact "data.hasCores" \(did you mean "data.hasCore"\?\)/, at: ':124:19' },
  'unknown-operator.pack.yaml': { says: /unknown operator "equal" \(did you mean "equals"\?\)/, at: ':141:42' },
  'unknown-param.pack.yaml': { says: /unknown parameter "nonSensitiveContractTreshold"/, at: ':230:57' },
  // Found by the pack mutation fuzzer: a zone pack's alternative met a CIIO's security assessment (a false pass).
  'zone-alternative.pack.yaml': { says: /a zone pack cannot open another route to a mechanism \(kind alternative\)/, at: ':129:11' },
  'unknown-placeholder.pack.yaml': { says: /unknown placeholder \{\{data.coreItemz\}\}/, at: ':127:11' },
  // Found by the eleventh hunt: a zone pack scoped to another zone's region bound every exporter registered there
  // (a Hainan list for all of Guangdong), and a trust-store key allowed for that zone only could sign it.
  'zone-region.pack.yaml': { says: /zone hainan lies in region CN-HI, not CN-GD: a zone pack's region is its zone's own/, at: ':28:46' },
};

const MANIFEST = join(GOOD, 'trade-docs.json');

describe('bad rule packs: the checker refuses to run (exit 2, file:line:column), never a partial rule set', () => {
  it('every fixture in tests/fixtures/bad-packs has an expectation', () => {
    expect(readdirSync(BAD_PACKS).sort()).toEqual(Object.keys(CASES).sort());
  });
  for (const [name, c] of Object.entries(CASES)) {
    it.concurrent(name, async () => {
      const pack = join('tests/fixtures/bad-packs', name);
      // Alone, and beside the good bundled pack: one bad pack spoils the set, so nothing is checked either way.
      for (const packs of [['--pack', pack], ['--pack', 'rules', '--pack', pack]]) {
        const run = await runCli(['check', ...packs, MANIFEST, '--format', 'json']);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain('nothing was checked');
        expect(run.stderr).toContain(`${pack}${c.at}`);
        expect(run.stderr).toMatch(c.says);
        expect(run.stderr).not.toMatch(STACK_FRAME);
      }
      const validate = await runCli(['pack', 'validate', pack]);
      expect(validate.code).toBe(2);
      expect(validate.stderr).toMatch(c.says);
      expect(validate.stderr + validate.stdout).not.toMatch(STACK_FRAME);
    }, 60_000);
  }
  it('the bundled packs still load (the fixtures are edits of a valid pack)', async () => {
    const run = await runCli(['pack', 'validate']);
    expect(run.code).toBe(0);
  });
  it('no pack field is ever compiled to a regular expression', () => {
    // Pack text reaches only the compiler and evaluator; neither builds a RegExp, so a pack cannot supply a
    // catastrophically backtracking pattern. (Schema `pattern`s are ours, fixed in schemas/.)
    for (const dir of ['src/compile', 'src/evaluate']) {
      for (const f of readdirSync(join(ROOT, dir))) {
        const text = readFileSync(join(ROOT, dir, f), 'utf8');
        expect(text, `${dir}/${f}`).not.toMatch(/new RegExp|RegExp\(/);
      }
    }
    const schema = readFileSync(join(ROOT, 'schemas/rule-pack.schema.json'), 'utf8');
    expect(schema).not.toMatch(/"format":\s*"regex"/);
  });
});
