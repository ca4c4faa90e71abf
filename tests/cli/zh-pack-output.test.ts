/**
 * `pack validate|test|coverage --lang zh` for zone administrators: every bad-pack fixture, the trust store's refusals,
 * failing and weak test cases and the coverage report come out in Chinese, with the exit codes of the English run.
 * As in tests/cli/zh-output.test.ts, running text may hold no ASCII word of three or more lower-case letters except
 * in quoted values, paths, URLs, pointers and the ids an author types (pack, rule, fact, parameter, taxonomy,
 * scenario, zone and message ids, the pack formats' field names, test-case names, which are the packs' own data).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, xborder } from '../helpers/cli.js';

const dist = `${ROOT}dist/src/`;
const { loadPacks } = (await import(`${dist}index.js`)) as typeof import('../../src/index.js');
const { FACTS } = (await import(`${dist}compile/facts.js`)) as typeof import('../../src/compile/facts.js');
const { MESSAGE_KEYS } = (await import(`${dist}model/pack.js`)) as typeof import('../../src/model/pack.js');
const { ZONES } = (await import(`${dist}model/zones.js`)) as typeof import('../../src/model/zones.js');
const { SECTOR_TITLES } = (await import(`${dist}model/sectors.js`)) as typeof import('../../src/model/sectors.js');
const set = await loadPacks();

/** Every property name a JSON schema defines, at any depth. */
function fieldNames(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return [];
  return Object.entries(schema).flatMap(([k, v]) => [...(k === 'properties' && v && typeof v === 'object' ? Object.keys(v) : []), ...fieldNames(v)]);
}
const schemaFields = (name: string): string[] => fieldNames(JSON.parse(readFileSync(`${ROOT}schemas/${name}.schema.json`, 'utf8')));
const FIELDS = new Set([
  ...schemaFields('rule-pack'), ...schemaFields('pack-tests'),
  // trust.yaml's fields (docs/pack-admin-guide.md)
  'keys', 'name', 'publicKey', 'lineages', 'zones', 'validFrom', 'validTo', 'revoked', 'state',
]);

const TEST_FILES = readdirSync(`${ROOT}rules`).flatMap((d) => readdirSync(`${ROOT}rules/${d}`).filter((f) => /^(tests|.+\.tests)\.yaml$/.test(f)).map((f) => `${ROOT}rules/${d}/${f}`));
/** Test-case names: the packs' own text, written in English by their authors. */
const CASE_NAMES = TEST_FILES.flatMap((f) => (parse(readFileSync(f, 'utf8')) as { cases: { name: string }[] }).cases.map((c) => c.name))
  .sort((a, b) => b.length - a.length);

const IDENTIFIERS = new Set<string>([
  'xborder', ...Object.keys(FACTS), ...MESSAGE_KEYS, ...ZONES, ...Object.keys(SECTOR_TITLES), ...FIELDS,
  ...set.packs.flatMap((p) => [
    p.meta.id, p.meta.lineage, ...p.rules.map((r) => r.id), ...Object.keys(p.aliases), ...Object.keys(p.params), ...p.taxonomy.keys(),
    ...(p.list?.scenarios.map((s) => s.id) ?? []),
  ]),
  'cac', 'other', // key names in the trust stores below
  'guangxi.no-such-rule', // the rule id a failing case below names
]);

/** The ASCII words left in running text once values, paths, URLs, pointers, key ids and identifiers are taken out. */
function asciiWords(text: string): string[] {
  const rest = text
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\bxborder\.[\w.-]+/g, ' ') // the checker's own rule ids (xborder.no-pack-in-force)
    .replace(/\{\{[^}\n]*\}\}/g, ' ')
    .replace(/\bed25519:[0-9a-f]+/g, ' ')
    .replace(/"[^"\n\u3000-\u9fff\uff00-\uffef]*(?:"|…)/g, ' ')
    .replace(/\[[a-z-]+\]/g, ' ') // a refusal's reason code: [trust-store], [tampered]
    .replace(/(?:^|\s)--[a-z][a-z-]*/g, ' ')
    .replace(/\bhttps?:\/\/[^\s)）,，;；"'<>]+/g, ' ')
    .replace(/(?:^|[\s(（:：])(?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.(?:ya?ml|json|pem|md)(?::\d+)*(?=$|[\s)）,，;；：])/g, ' ')
    .replace(/(?<![\w/])(?:\/[\w.~-]*)+/g, ' ');
  const out: string[] = [];
  for (const m of rest.matchAll(/[A-Za-z][\w.\/-]*[A-Za-z0-9]|[A-Za-z]/g)) {
    const bare = m[0].replace(/\[\d+\]$/, '').replace(/[.-]+$/, '');
    if (IDENTIFIERS.has(bare) || bare.split('.').every((s) => FIELDS.has(s.replace(/\[\d+\]$/, '')))) continue;
    if (/[a-z]{3,}/.test(bare)) out.push(m[0]);
  }
  return out;
}

/** Each offending word with its line; test-case names are taken out first (they are the packs' data). */
const offences = (text: string): string[] => {
  let rest = text;
  for (const name of CASE_NAMES) rest = rest.split(name).join(' ');
  return rest.split('\n').flatMap((line) => asciiWords(line).map((w) => `${w}  ←  ${line.trim().slice(0, 200)}`));
};
const humanStderr = (s: string): string => s.split('\n').filter((l) => !l.startsWith('{')).join('\n');

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'xborder-zh-pack-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pack commands --lang zh', () => {
  it('the checker itself: ids, values, paths and reason codes are not words; English sentences are', () => {
    expect(asciiWords('rules/cn-national/pack.yaml:4:1 规则标识 "cn.x" 重复（另见 rules[2]）')).toEqual([]);
    expect(asciiWords('/tmp/t/trust.yaml: [trust-store] 信任库 /tmp/t/trust.yaml 不存在或无法读取')).toEqual([]);
    expect(asciiWords('x.pack.yaml:4:1 unknown operator "matches"')).toEqual(['unknown', 'operator']);
    expect(offences('断言不足 rules/zone-guangxi/tests.yaml:18 below the national thresholds: the unencoded list makes it review, never pass')).toEqual([]);
  });

  const BAD = readdirSync(`${ROOT}tests/fixtures/bad-packs`).sort();
  for (const f of BAD) {
    it(`pack validate ${f}: exit 2, every problem in Chinese`, () => {
      const path = `tests/fixtures/bad-packs/${f}`;
      const en = xborder(['pack', 'validate', path]);
      const zh = xborder(['pack', 'validate', '--lang', 'zh', path]);
      expect(en.code).toBe(2);
      expect(zh.code).toBe(2);
      expect(zh.stdout).toBe('');
      expect(zh.stderr).toContain('规则包无效');
      // The same problems at the same places: only the sentences change.
      const places = (s: string): string[] => [...s.matchAll(/^\s+(\S+:\d+:\d+) /gm)].map((m) => m[1]!);
      expect(places(zh.stderr)).toEqual(places(en.stderr));
      expect(places(zh.stderr).length).toBeGreaterThan(0);
      expect(offences(humanStderr(zh.stderr))).toEqual([]);
    });
  }

  it('XBORDER_LANG=zh is the default, --lang en overrides it', () => {
    const path = 'tests/fixtures/bad-packs/unknown-fact.pack.yaml';
    expect(xborder(['pack', 'validate', path], { env: { XBORDER_LANG: 'zh' } }).stderr).toContain('未知的事实 "data.hasCores"（是否应为 "data.hasCore"？）');
    expect(xborder(['pack', 'validate', '--lang', 'en', path], { env: { XBORDER_LANG: 'zh' } }).stderr)
      .toBe(xborder(['pack', 'validate', path], { env: { XBORDER_LANG: '' } }).stderr);
  });

  it('pack validate on the bundled rules: Chinese lines, exit 0', () => {
    const zh = xborder(['pack', 'validate', '--lang', 'zh']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^有效 {2}cn-national 2024\.\d+\.\d+ {2}\d+ 条规则 {2}有效期 2024-03-22 → /m);
    expect(zh.stdout).toMatch(/^\d+ 个规则包均有效\n$/m);
    expect(offences(zh.stdout)).toEqual([]);
  });

  it('pack test on the bundled rules: Chinese headings and summary, the exit code and JUnit XML of the English run', () => {
    const en = xborder(['pack', 'test']);
    const zh = xborder(['pack', 'test', '--lang', 'zh']);
    expect(zh.code).toBe(en.code);
    expect(zh.stdout).toContain('\n规则覆盖情况：\n');
    expect(zh.stdout).toMatch(/\n\d+ 个测试文件共 \d+ 个用例：\d+ 个通过，0 个失败/);
    // Every bundled case that names a rule states its deciding path (the weak label is checked on a copy below).
    expect(zh.stdout).not.toMatch(/^(WEAK|FAIL|断言不足|失败) /m);
    expect(offences(zh.stdout)).toEqual([]);
    const junitEn = xborder(['pack', 'test', '--format', 'junit', 'rules/zone-guangxi', 'rules/cn-national']);
    const junitZh = xborder(['pack', 'test', '--format', 'junit', '--lang', 'zh', 'rules/zone-guangxi', 'rules/cn-national']);
    expect(junitZh.stdout).toBe(junitEn.stdout);
    expect(junitZh.code).toBe(junitEn.code);
    expect(junitZh.stderr).toMatch(/个用例：/);
    // Tianjin's unlisted exemption cannot fire (no complete scenario): said apart, not counted against the gate.
    const tianjin = xborder(['pack', 'test', '--min-coverage', '100', '--lang', 'zh', 'rules/zone-tianjin', 'rules/cn-national']);
    expect(tianjin.code).toBe(0);
    expect(tianjin.stdout).toMatch(/zone-tianjin-2024 \S+：(\d+) 条规则中有 \1 条经测试用例覆盖；不可能触发（不计入）：tianjin\.exempt\.unlisted（purpose\.scenario in \[\] 永不成立）\n/);
    // Without the national table, the national pack's rules that Tianjin's cases never reach are below the gate.
    const copy = join(dir, 'coverage');
    for (const p of ['cn-national', 'zone-tianjin']) cpSync(`${ROOT}rules/${p}`, join(copy, p), { recursive: true });
    rmSync(join(copy, 'cn-national/tests.yaml'));
    const belowEn = xborder(['pack', 'test', '--min-coverage', '100', copy]);
    const below = xborder(['pack', 'test', '--min-coverage', '100', '--lang', 'zh', copy]);
    expect(belowEn.code).toBe(1);
    expect(below.code).toBe(1);
    expect(below.stdout).toMatch(/^覆盖率低于 --min-coverage 100%：cn-national \d+\.\d%$/m);
  });

  it('pack test with failing cases, an unknown rule and --min-coverage: the same exit code (1), Chinese problems', () => {
    const rules = join(dir, 'failing');
    for (const p of ['cn-national', 'zone-guangxi']) cpSync(`${ROOT}rules/${p}`, join(rules, p), { recursive: true });
    const file = join(rules, 'zone-guangxi/tests.yaml');
    writeFileSync(file, readFileSync(file, 'utf8')
      .replace('expect: { verdict: review, rules: [guangxi.list.unencoded,', 'expect: { verdict: pass, rules: [guangxi.list.unencoded,')
      .replace('expect: { verdict: fail, mechanism: contract-or-certification, rules: [cn.volume.contract-non-sensitive, guangxi.list.unencoded] }',
        'expect: { verdict: fail, mechanism: security-assessment, rules: [cn.volume.contract-non-sensitive, guangxi.list.unencoded], absent: [cn.volume.contract-non-sensitive] }')
      .replace('expect: { verdict: pass, absent: [guangxi.list.unencoded] }', 'expect: { verdict: pass, absent: [guangxi.list.unencoded], rules: [guangxi.no-such-rule] }')
      .replace('expect: { verdict: review, rules: [guangxi.list.unencoded], paths: { guangxi.list.unencoded: /exporter/zone } }', 'expect: { verdict: review, rules: [guangxi.list.unencoded] }'));
    const args = ['pack', 'test', '--min-coverage', '100', join(rules, 'cn-national'), join(rules, 'zone-guangxi')];
    const en = xborder(args);
    const zh = xborder([...args, '--lang', 'zh']);
    expect(en.code).toBe(1);
    expect(zh.code).toBe(1);
    expect(en.stdout).toMatch(/^FAIL /m);
    expect(en.stdout).toMatch(/^ERROR /m);
    expect(zh.stdout).toMatch(/^失败 .*zone-guangxi\/tests\.yaml:\d+ /m);
    expect(zh.stdout).toContain('结论：预期 "pass"，实际为 "review"（guangxi.list.unencoded（需人工审查）、cn.exempt.below-threshold（通过））');
    expect(zh.stdout).toContain('机制：预期 "security-assessment"，实际为 "contract-or-certification"');
    expect(zh.stdout).toContain('出现了不应有的发现或义务 cn.volume.contract-non-sensitive');
    expect(zh.stdout).toMatch(/^错误 .*引用了未知的规则 "guangxi\.no-such-rule"/m);
    expect(en.stdout).toMatch(/^WEAK .*zone-guangxi\/tests\.yaml:\d+ /m);
    expect(zh.stdout).toMatch(/^断言不足 .*zone-guangxi\/tests\.yaml:\d+ /m);
    expect(offences(zh.stdout + humanStderr(zh.stderr))).toEqual([]);
    // The English report is the same report: as many FAIL and ERROR lines.
    const count = (s: string, re: RegExp): number => s.match(re)?.length ?? 0;
    expect(count(zh.stdout, /^失败 /gm)).toBe(count(en.stdout, /^FAIL /gm));
    expect(count(zh.stdout, /^错误 /gm)).toBe(count(en.stdout, /^ERROR /gm));
  });

  it('pack coverage: Chinese text and markdown, the same JSON, exit 2 on bad packs as in English', () => {
    const text = xborder(['pack', 'coverage', '--lang', 'zh']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('北京');
    expect(text.stdout).toMatch(/^ {2}场景 {6}已收录 \d+，已公布 (\d+|未知)（完整收录 \d+，部分收录 \d+）$/m);
    expect(text.stdout).toMatch(/^共 \d+ 份清单；已收录 \d+ 个条目；完整收录的场景 \d+ 个\n$/m);
    expect(offences(text.stdout)).toEqual([]);
    const md = xborder(['pack', 'coverage', '--lang', 'zh', '--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| 清单 | 规则包 | 有效期 |');
    expect(offences(md.stdout)).toEqual([]);
    expect(xborder(['pack', 'coverage', '--lang', 'zh', '--format', 'json']).stdout).toBe(xborder(['pack', 'coverage', '--format', 'json']).stdout);
    const bad = xborder(['pack', 'coverage', '--lang', 'zh', 'tests/fixtures/bad-packs']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(offences(humanStderr(bad.stderr))).toEqual([]);
  });

  it('the trust store refuses: each reason in Chinese, exit 2', () => {
    const keys = join(dir, 'keys');
    mkdirSync(keys);
    for (const k of ['nat', 'other']) expect(xborder(['pack', 'keygen', '--out', join(keys, k)]).code).toBe(0);
    const rules = join(dir, 'signed');
    for (const p of ['cn-national', 'cn-gba']) cpSync(`${ROOT}rules/${p}`, join(rules, p), { recursive: true });
    expect(xborder(['pack', 'sign', join(rules, 'cn-national'), '--key', join(keys, 'nat.key.pem')]).code).toBe(0);
    const store = (name: string, text: string): string => {
      const f = join(keys, name);
      writeFileSync(f, text);
      return f;
    };
    const head = 'apiVersion: xborder/trust/v1\nkind: TrustStore\nstate: accepted.json\nkeys:\n';
    const stores = [
      join(keys, 'missing.yaml'),
      store('malformed.yaml', 'apiVersion: xborder/trust/v0\nkeys: []\n'),
      store('no-key.yaml', `${head}  - { name: cac }\n`),
      store('no-pem.yaml', `${head}  - { name: cac, publicKey: missing.pem, lineages: [cn-national] }\n`),
      store('nothing.yaml', `${head}  - { name: cac, publicKey: nat.pub.pem }\n`),
      store('bad-date.yaml', `${head}  - { name: cac, publicKey: nat.pub.pem, lineages: [cn-national], validFrom: 2026-13-01 }\n`),
      store('bad-list.yaml', `${head}  - { name: cac, publicKey: nat.pub.pem, lineages: cn-national }\n`),
      store('other.yaml', `${head}  - { name: other, publicKey: other.pub.pem, lineages: [cn-national, cn-gba] }\n`),
      store('refused.yaml', `${head}  - { name: cac, publicKey: nat.pub.pem, lineages: [cn-gba], revoked: true, validTo: 2020-01-01, validFrom: 2099-01-01 }\n`),
    ];
    // The national pack changed after signing; the GBA pack never signed.
    const tests = join(rules, 'cn-national/tests.yaml');
    writeFileSync(tests, `${readFileSync(tests, 'utf8')}\n`);
    const seen = new Set<string>();
    for (const trust of stores) {
      const args = ['pack', 'validate', join(rules, 'cn-national'), join(rules, 'cn-gba'), '--trust', trust];
      const en = xborder(args);
      const zh = xborder([...args, '--lang', 'zh']);
      expect(en.code, trust).toBe(2);
      expect(zh.code, trust).toBe(2);
      expect(zh.stderr, trust).toContain('规则包未通过信任库验证');
      for (const [, reason] of zh.stderr.matchAll(/\[([a-z-]+)\]/g)) seen.add(reason!);
      expect(offences(humanStderr(zh.stderr)), trust).toEqual([]);
      // pack verify gives the same reasons, in Chinese under --lang zh (REFUSED/ok stay: scripts read them).
      const verify = xborder(['pack', 'verify', rules, '--trust', trust, '--lang', 'zh']);
      expect(verify.code, trust).toBe(2);
      expect(offences(`${verify.stdout.replace(/^(REFUSED|ok) /gm, '')}${humanStderr(verify.stderr)}`), trust).toEqual([]);
    }
    expect([...seen].sort()).toEqual(['key-expired', 'key-not-allowed', 'key-not-yet-valid', 'key-revoked', 'tampered', 'trust-store', 'unsigned', 'untrusted-key']);
  }, 120_000);
});
