/**
 * `--lang zh` is Chinese throughout (issue 12): every example manifest through every format, `--explain`, the
 * summary and warnings on stderr, `zones` and `explain`. The human-readable text may not contain an ASCII word
 * of three or more lower-case letters, except inside URLs, file paths, JSON pointers and code spans, and except
 * identifiers a user types or looks up (rule, pack, scenario, taxonomy, fact and parameter ids, manifest ids,
 * the fields they name), which are listed below from the packs themselves.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT, xborder } from '../helpers/cli.js';

const dist = `${ROOT}dist/src/`;
const { loadPacks } = (await import(`${dist}index.js`)) as typeof import('../../src/index.js');
const { FACTS } = (await import(`${dist}compile/facts.js`)) as typeof import('../../src/compile/facts.js');
const { BUILTIN_RULES } = (await import(`${dist}evaluate/checker-findings.js`)) as typeof import('../../src/evaluate/checker-findings.js');
const set = await loadPacks();

const EXAMPLES = readdirSync(`${ROOT}examples/manifests`).sort().map((f) => `examples/manifests/${f}`);
const manifestSchema: unknown = JSON.parse(readFileSync(`${ROOT}schemas/manifest.schema.json`, 'utf8'));
/** Every field name the manifest format defines (its schema's `properties` keys, at any depth). */
function fieldNames(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return [];
  return Object.entries(schema).flatMap(([k, v]) => [
    ...(k === 'properties' && v && typeof v === 'object' ? Object.keys(v) : []),
    ...fieldNames(v),
  ]);
}
const FIELDS = new Set(fieldNames(manifestSchema));
const manifestIds = EXAMPLES.map((f) => String((parse(readFileSync(`${ROOT}${f}`, 'utf8')) as { id: string }).id));

/** Identifiers, not words: what a user types into a manifest, a waiver or a command, or looks up in a pack. */
const IDENTIFIERS = new Set<string>([
  'xborder', // the product's name
  ...BUILTIN_RULES, // the checker's own fail-closed findings' rule ids
  ...manifestIds,
  ...Object.keys(FACTS),
  ...set.packs.flatMap((p) => [
    p.meta.id,
    ...p.rules.flatMap((r) => [r.id, `${p.meta.id}/${r.id}`]),
    ...Object.keys(p.aliases),
    ...Object.keys(p.params),
    ...p.taxonomy.keys(),
    ...(p.list?.scenarios.map((s) => s.id) ?? []),
  ]),
  // The manifest's field names (dotted paths of them are matched below).
  ...FIELDS,
  // Commands and files a message tells the user to run or look at.
  'xborder zones', 'xborder explain --scenarios', 'node_modules', '.gitignore',
  // The categories the examples name (review-unknown-category names one no pack defines, and is told so).
  ...EXAMPLES.flatMap((f) => (parse(readFileSync(`${ROOT}${f}`, 'utf8')) as { data: { categories: string[] }[] }).data.flatMap((d) => d.categories)),
]);

/**
 * Text with what may hold ASCII removed: code spans, template placeholders ({{totals.individuals}}), quoted
 * literals (a manifest's own values, "contract"), command-line options, URLs, paths, JSON pointers; then identifiers.
 */
export function asciiWords(text: string): string[] {
  let rest = text;
  for (const phrase of [...IDENTIFIERS].filter((i) => i.includes(' '))) rest = rest.split(phrase).join(' ');
  rest = rest
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\{\{[^}\n]*\}\}/g, ' ')
    .replace(/\bsha256:[0-9a-f]+…?/g, ' ')
    .replace(/"[^"\n\u3000-\u9fff\uff00-\uffef]*(?:"|…)/g, ' ')
    .replace(/(?:^|\s)--[a-z][a-z-]*(?:[= ][\w.=-]*)?/g, ' ')
    .replace(/\bhttps?:\/\/[^\s)）,，;；"'<>]+/g, ' ')
    .replace(/(?:^|[\s(（:：])(?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.(?:ya?ml|json|sarif|xml|md|db|csv)(?::\d+)*(?=$|[\s)）,，;；：])/g, ' ')
    .replace(/(?<![\w/])(?:\/[\w.~-]*)+/g, ' ');
  const out: string[] = [];
  for (const m of rest.matchAll(/[A-Za-z][\w.\/-]*[A-Za-z0-9]|[A-Za-z]/g)) {
    const token = m[0];
    const bare = token.replace(/[.-]+$/, '');
    if (IDENTIFIERS.has(bare) || IDENTIFIERS.has(`.${bare}`) || bare.split('.').every((s) => FIELDS.has(s))) continue;
    if (/[a-z]{3,}/.test(token)) out.push(token);
  }
  return out;
}

/** Each offending word with the line it is on, so a failure says where to look. */
const offences = (text: string): string[] =>
  text.split('\n').flatMap((line) => asciiWords(line).map((w) => `${w}  ←  ${line.trim().slice(0, 160)}`));

/** stderr without pino's JSON log lines (logs are for machines; their messages stay English by design). */
const humanStderr = (s: string): string => s.split('\n').filter((l) => !l.startsWith('{')).join('\n');

/** The human-readable strings of each machine format; the keys around them are the contract, not text. */
const TEXT_OF: Record<string, (out: string) => string> = {
  text: (s) => s,
  markdown: (s) => s.replace(/\\(.)/g, '$1'), // backslash escapes are markup, not text
  github: (s) => s.replace(/^::\w+ [^\n]*?::/gm, ''),
  junit: (s) => [...s.matchAll(/message="([^"]*)"|>([^<]+)</g)].map((m) => m[1] ?? m[2]).join('\n')
    .replace(/&(quot|apos|lt|gt|#10|#9|#13);/g, (_, e: string) => ({ quot: '"', apos: "'", lt: '<', gt: '>', '#10': '\n', '#9': '\t', '#13': '\r' })[e]!).replace(/&amp;/g, '&'),
  sarif: (s) => {
    const texts: string[] = [];
    const walk = (v: unknown, key = ''): void => {
      if (typeof v === 'string' && ['text', 'markdown', 'justification'].includes(key)) texts.push(v);
      else if (Array.isArray(v)) v.forEach((x) => walk(x));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(JSON.parse(s));
    return texts.join('\n');
  },
  json: (s) => zhStrings(JSON.parse(s)),
  ndjson: (s) => s.trim().split('\n').map((l) => zhStrings(JSON.parse(l))).join('\n'),
};

/** JSON results are bilingual: the Chinese side is every `zh` and `citationZh` string. */
function zhStrings(v: unknown): string {
  const texts: string[] = [];
  const walk = (x: unknown, key = ''): void => {
    if (typeof x === 'string' && (key === 'zh' || key === 'citationZh')) texts.push(x);
    else if (Array.isArray(x)) x.forEach((y) => walk(y));
    else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) walk(y, k);
  };
  walk(v);
  return texts.join('\n');
}

describe('--lang zh: Chinese throughout, no ASCII machine ids in running text', () => {
  it('the checker itself: code spans, URLs, paths and listed identifiers are not words; ids and words are', () => {
    expect(asciiWords('见 `xborder zones` 与 https://example.com/a-b 及 examples/manifests/x.yaml:3:4 /purpose/scenario')).toEqual([]);
    expect(asciiWords('规则 cn.volume.contract-non-sensitive 与 cn-national/cn.exempt.emergency')).toEqual([]);
    expect(asciiWords('所属行业（retail）')).toEqual(['retail']);
    expect(asciiWords('机制 contract-or-certification')).toEqual(['contract-or-certification']);
    expect(asciiWords('1 checked: 0 pass')).toEqual(['checked', 'pass']);
  });

  for (const format of Object.keys(TEXT_OF)) {
    for (const explain of format === 'text' || format === 'markdown' ? [false, true] : [false]) {
      it(`check --format ${format}${explain ? ' --explain' : ''} over every example manifest`, () => {
        const r = xborder(['check', '--lang', 'zh', '--format', format, ...(explain ? ['--explain'] : []), ...EXAMPLES]);
        expect(r.code, r.stderr).toBe(1);
        expect(offences(TEXT_OF[format]!(r.stdout))).toEqual([]);
        expect(offences(humanStderr(r.stderr))).toEqual([]);
      });
    }
  }

  it('a checker finding (no national pack in force in 2019) cites the fail-closed rule in Chinese', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xborder-zh-')), 'old.json');
    const m = JSON.parse(readFileSync(`${ROOT}examples/manifests/pass-ecommerce-orders-contract.json`, 'utf8')) as { date: string };
    writeFileSync(file, JSON.stringify({ ...m, date: '2019-05-01' }));
    const r = xborder(['check', '--lang', 'zh', file]);
    expect(r.stdout).toContain('xborder 从严原则');
    expect(r.stdout).not.toContain('fail-closed policy');
    expect(offences(r.stdout.split(file).join('').split('xborder.no-pack-in-force').join(''))).toEqual([]);
  });

  // The built app's operations in-process for the long lists (one process per rule would take minutes); the
  // same functions `xborder zones` and `xborder explain` call, and one run of each through the CLI besides.
  const captured = () => {
    const out: string[] = [];
    const io = { stdout: (s: string) => void out.push(s), stderr: (s: string) => void out.push(s), env: {} } as unknown as import('../../src/app/io.js').AppIO;
    return { io, text: () => out.join('') };
  };

  // Input errors: every bad-input fixture but those whose message is the third-party YAML parser's own sentence.
  const YAML_PARSER_MESSAGES = ['unclosed-bracket.yaml'];
  const BAD = readdirSync(`${ROOT}tests/fixtures/bad`).filter((f) => !YAML_PARSER_MESSAGES.includes(f)).sort().map((f) => `tests/fixtures/bad/${f}`);
  for (const f of BAD) for (const [, id] of readFileSync(`${ROOT}${f}`, 'latin1').matchAll(/^\s*"?id"?: "?([\w-]+)/gm)) IDENTIFIERS.add(id!);
  for (const format of ['text', 'markdown', 'github', 'junit', 'sarif']) {
    it(`check --format ${format}: input errors (unreadable, unparsable, invalid manifests)`, () => {
      const r = xborder(['check', '--lang', 'zh', '--format', format, ...BAD]);
      expect(r.code, r.stderr).toBe(2);
      expect(offences(TEXT_OF[format]!(r.stdout))).toEqual([]);
      expect(offences(humanStderr(r.stderr))).toEqual([]);
    });
  }

  it('stderr: a missing ledger, an invalid configuration, expired and unused waivers, an empty folder', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'xborder-zh-')), 'repo');
    cpSync(`${ROOT}examples/ci/repo`, dir, { recursive: true });
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, 'check', '--lang', 'zh', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XBORDER_TODAY: '2026-11-22' } });
    const waivers = run(['transfers', '--format', 'json']); // an expired waiver, an unused one
    expect(waivers.status).toBe(1);
    expect(waivers.stderr).toContain('已于 2026-06-30 到期');
    const ledger = run(['transfers', '--ledger', 'missing.db', '--format', 'json']);
    const empty = run([join(dir, 'transfers', 'none'), '--format', 'json']);
    mkdirSync(join(dir, 'nothing'));
    const nothing = run(['nothing']);
    writeFileSync(join(dir, '.xborder.yaml'), 'failOn: sometimes\n');
    const config = run(['transfers']);
    for (const r of [waivers, ledger, empty, nothing, config]) {
      expect(r.status).not.toBe(0);
      expect(humanStderr(r.stderr).trim()).not.toBe('');
      expect(offences(humanStderr(r.stderr))).toEqual([]);
    }
  });

  it('zones for every example manifest', async () => {
    const { zonesReport } = (await import(`${dist}app/zones.js`)) as typeof import('../../src/app/zones.js');
    for (const file of EXAMPLES) {
      const c = captured();
      expect(await zonesReport(`${ROOT}${file}`, set, { format: 'text', lang: 'zh' }, c.io), file).toBeLessThan(2); // 1: its own zone's row fails
      expect(offences(c.text()), file).toEqual([]);
    }
    const r = xborder(['zones', '--lang', 'zh', EXAMPLES[0]!]);
    expect(r.code, r.stderr).toBe(xborder(['check', EXAMPLES[0]!]).code); // the gate of its own row, as check's
    expect(offences(r.stdout)).toEqual([]);
    for (const bad of ['tests/fixtures/bad/yaml-tabs.yaml', 'tests/fixtures/bad/top-level-scalar.json', 'no-such-manifest.yaml']) {
      const e = xborder(['zones', '--lang', 'zh', bad]);
      expect(e.code, bad).toBe(2);
      expect(offences(humanStderr(e.stderr)), bad).toEqual([]);
    }
  });

  it('explain for every rule, and the scenarios of every zone', async () => {
    const { explainRule, explainScenarios } = (await import(`${dist}app/explain.js`)) as typeof import('../../src/app/explain.js');
    const found: string[] = [];
    for (const p of set.packs) {
      for (const rule of p.rules) {
        const c = captured();
        expect(explainRule(`${p.meta.id}/${rule.id}`, set, c.io, 'zh')).toBe(0);
        found.push(...offences(c.text()).map((o) => `${p.meta.id}/${rule.id}: ${o}`));
      }
    }
    expect(found).toEqual([]);
    const zones = [...new Set(set.packs.flatMap((p) => (p.meta.scope.kind === 'zone' ? [p.meta.scope.zone] : [])))];
    for (const zone of zones) {
      const c = captured();
      expect(explainScenarios(zone, set, 'zh', c.io)).toBe(0);
      expect(offences(c.text()), zone).toEqual([]);
    }
    const r = xborder(['explain', '--lang', 'zh', 'cn.volume.contract-non-sensitive']);
    expect(r.code, r.stderr).toBe(0);
    expect(offences(r.stdout)).toEqual([]);
  });
});
