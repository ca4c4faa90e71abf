import { closeSync, openSync, readFileSync, ftruncateSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// The built code: schemas are found relative to dist/ (npm test builds first).
import { prepareManifest } from '../../dist/src/evaluate/pipeline.js';
import { BAD, GOOD, ROOT, STACK_FRAME, runCli, tempDir, writeTemp } from './cli-run.js';

interface Case {
  /** What the message must say (the contract: what was expected). */
  says: RegExp;
  code: 'parse-error' | 'schema' | 'semantic' | 'read-error';
  /** Line and column in the report; false where no position means anything (whole-file refusals). */
  position?: false | [number, number];
  /** JSON pointer of the problem, when there is one. */
  path?: string;
}

/** Every file in tests/fixtures/bad must be listed here, so a new fixture cannot go unchecked. */
const CASES: Record<string, Case> = {
  'empty.yaml': { code: 'parse-error', says: /empty/, position: [1, 1] },
  'whitespace-only.yaml': { code: 'parse-error', says: /empty/, position: [1, 1] },
  'comments-only.yaml': { code: 'parse-error', says: /holds only comments, no document/, position: [1, 1] },
  'yaml-tabs.yaml': { code: 'parse-error', says: /[Tt]ab/, position: [6, 1] },
  'unclosed-bracket.yaml': { code: 'parse-error', says: /end with a \]/, position: [8, 5] },
  'unclosed-brace.json': { code: 'parse-error', says: /expected "," or "\]", found the end of the file/, position: [5, 1] },
  // Not yaml's "Nested mappings are not allowed in compact mappings" at the value of the key above.
  'over-indented-key.yaml': { code: 'parse-error', says: /^\/exporter\/sector "sector" is indented more than the key above it \("ciio", line 8\)/, position: [9, 5], path: '/exporter/sector' },
  'duplicate-key.yaml': { code: 'parse-error', says: /unique/, position: [9, 3] },
  'duplicate-key.json': { code: 'parse-error', says: /duplicate key "region"/, position: [6, 88], path: '/exporter/region' },
  'alias.yaml': { code: 'parse-error', says: /anchors \(&name\) are not allowed/, position: [5, 11] },
  'alias-bomb.yaml': { code: 'parse-error', says: /not allowed/, position: [3, 4] },
  'binary-garbage.yaml': { code: 'read-error', says: /binary file/ },
  'binary-no-nul.yaml': { code: 'read-error', says: /not UTF-8/, position: [1, 3] },
  'top-level-list.yaml': { code: 'schema', says: /must be of type object/, position: [1, 1], path: '' },
  'top-level-scalar.json': { code: 'schema', says: /must be of type object/, position: [1, 1], path: '' },
  'json-nan.json': { code: 'parse-error', says: /NaN is not a JSON number/, position: [5, 32], path: '/x-n' },
  'negative-count.yaml': { code: 'schema', says: />= 0/, position: [25, 16], path: '/personalInformation/individuals' },
  'fractional-count.yaml': { code: 'schema', says: /whole number/, position: [25, 16], path: '/personalInformation/individuals' },
  'string-count.yaml': { code: 'schema', says: /whole number \(got "150000"\)/, position: [25, 16], path: '/personalInformation/individuals' },
  'huge-count.yaml': { code: 'schema', says: /<= 2000000000.*larger than any real population/, position: [25, 16], path: '/personalInformation/individuals' },
  'infinite-count.yaml': { code: 'schema', says: /whole number/, position: [25, 16], path: '/personalInformation/individuals' },
  'impossible-date.yaml': { code: 'schema', says: /real calendar date.*2026-02-30/, position: [4, 7], path: '/date' },
  'unknown-field-cio.yaml': { code: 'schema', says: /unknown field "cio" \(did you mean "ciio"\?\)/, position: [8, 3], path: '/exporter/cio' },
  'wrong-api-version.yaml': { code: 'schema', says: /exactly "xborder\/v1" \(got "xborder\/v2"\)/, position: [1, 13], path: '/apiVersion' },
  'missing-sections.yaml': { code: 'schema', says: /missing required field "exporter"/, position: [1, 1], path: '' },
  'duplicate-item-ids.yaml': { code: 'semantic', says: /duplicate data item id "customers"/, position: [24, 9], path: '/data/1/id' },
  'country-name.yaml': { code: 'schema', says: /invalid format \(got "Singapore"\).*ISO 3166-1 alpha-2/, position: [12, 12], path: '/recipient/country' },
  'country-lowercase.yaml': { code: 'schema', says: /invalid format \(got "sg"\)/, position: [12, 12], path: '/recipient/country' },
  'proto-key.yaml': { code: 'parse-error', says: /key "__proto__" is not allowed/, position: [9, 14], path: '/exporter/__proto__' },
  'proto-key.json': { code: 'parse-error', says: /key "__proto__" is not allowed/, position: [9, 91], path: '/data/0/__proto__' },
  'proto-top.json': { code: 'parse-error', says: /key "__proto__" is not allowed/, position: [5, 25], path: '/__proto__' },
  'constructor-key.yaml': { code: 'parse-error', says: /key "constructor" is not allowed/, position: [9, 16], path: '/exporter/constructor' },
  'constructor-key.json': { code: 'parse-error', says: /key "constructor" is not allowed/, position: [6, 88], path: '/exporter/constructor' },
};

const N = 100_000;
/** Big or generated inputs are written at test time instead of being committed. */
const GENERATED: Record<string, { text?: (good: string) => string; sparseBytes?: number; args?: string[]; env?: NodeJS.ProcessEnv } & Case> = {
  // 100,000 brackets are also 100,000 values: the value count (streamed, before any tree) refuses these first.
  'deep-flow.yaml': { text: () => `apiVersion: xborder/v1\nx-deep: ${'['.repeat(N)}${']'.repeat(N)}\n`, code: 'parse-error', says: /more than 50,000 values/, position: [2, 50006] },
  'deep-flow-within-count.yaml': { text: () => `apiVersion: xborder/v1\nx-deep: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, code: 'parse-error', says: /nesting deeper than 64 levels/, position: [2, 72] },
  'deep-block.yaml': { text: () => `apiVersion: xborder/v1\nx-deep:\n  ${'- '.repeat(N)}x\n`, code: 'parse-error', says: /nesting deeper than 64 levels/, position: [3, 129] },
  'deep-map.yaml': { text: () => `apiVersion: xborder/v1\nx-deep: ${'{a: '.repeat(N)}1${'}'.repeat(N)}\n`, code: 'parse-error', says: /more than 50,000 values/ },
  'deep.json': { text: () => `{"apiVersion": "xborder/v1", "x-deep": ${'['.repeat(N)}${']'.repeat(N)}}\n`, code: 'parse-error', says: /nesting deeper than 64 levels/, position: [1, 103] },
  'deep-object.json': { text: () => `{"apiVersion": "xborder/v1", "x-deep": ${'{"a":'.repeat(N)}1${'}'.repeat(N)}}\n`, code: 'parse-error', says: /nesting deeper than 64 levels/ },
  // 20 MB in a free-text field: under a raised size limit it reaches the parser, which refuses the string itself.
  'big-string.yaml': {
    text: (good) => good.replace('description: customer master data for CRM', `description: "${'A'.repeat(20 * 1024 * 1024)}"`),
    args: ['--max-bytes', String(64 * 1024 * 1024)], code: 'parse-error', says: /longer than the 65,536-character limit/, position: [17, 16],
  },
  'big-string-default-limit.yaml': {
    text: (good) => good.replace('description: customer master data for CRM', `description: "${'A'.repeat(20 * 1024 * 1024)}"`),
    code: 'read-error', says: /over the 10,485,760-byte limit/, position: false,
  },
  // 1 GB, sparse: refused by its size before any byte is read.
  'oversize.yaml': { sparseBytes: 1024 ** 3, code: 'read-error', says: /1,073,741,824 bytes, over the 10,485,760-byte limit/, position: false },
  'over-env-limit.yaml': { text: (good) => `${good}${'# padding\n'.repeat(300)}`, env: { XBORDER_MAX_BYTES: '2000' }, code: 'read-error', says: /over the 2,000-byte limit/, position: false },
  'over-flag-limit.yaml': { text: (good) => `${good}${'# padding\n'.repeat(300)}`, args: ['--max-bytes', '2000'], env: { XBORDER_MAX_BYTES: '100000' }, code: 'read-error', says: /over the 2,000-byte limit/, position: false },
  'second-document.yaml': { text: (good) => `${good}---\n${good}`, code: 'parse-error', says: /one YAML document/, position: [30, 1] },
  'proto-under-extension.yaml': { text: (good) => `${good}x-ext:\n  nested: { __proto__: { polluted: true } }\n`, code: 'parse-error', says: /key "__proto__" is not allowed/, path: '/x-ext/nested/__proto__' },
};

const goodYaml = readFileSync(join(GOOD, 'sme-150k-singapore.yaml'), 'utf8');
const GOOD_FILE = join(GOOD, 'trade-docs.json');
const generatedPaths = new Map<string, string>();

beforeAll(() => {
  const dir = tempDir();
  for (const [name, c] of Object.entries(GENERATED)) {
    if (c.sparseBytes) {
      const p = join(dir, name);
      const fd = openSync(p, 'w');
      ftruncateSync(fd, c.sparseBytes);
      closeSync(fd);
      generatedPaths.set(name, p);
    } else generatedPaths.set(name, writeTemp(dir, name, c.text!(goodYaml)));
  }
});

interface Reported { source: string; manifest?: string; verdict?: string; error?: { code: string; message: string; line?: number; column?: number; path?: string } }

async function expectRefused(file: string, c: Case, extra: { args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  const started = Date.now();
  const run = await runCli(['check', file, GOOD_FILE, '--format', 'json', '--log-level', 'debug', ...(extra.args ?? [])], { env: extra.env });
  expect(run.code).toBe(2);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stdout).not.toMatch(STACK_FRAME);
  expect(run.stderr).not.toMatch(/internal error|RangeError|Maximum call stack/);
  const results = JSON.parse(run.stdout) as Reported[];
  expect(results).toHaveLength(2);
  const [bad, good] = results as [Reported, Reported];
  // The bad file gets an error in its place and no verdict ...
  expect(bad.verdict).toBeUndefined();
  expect(bad.error?.code).toBe(c.code);
  expect(bad.error?.message).toMatch(c.says);
  if (c.path !== undefined) expect(bad.error?.path).toBe(c.path);
  if (Array.isArray(c.position)) expect([bad.error?.line, bad.error?.column]).toEqual(c.position);
  else if (c.position === undefined) expect(bad.error?.line).toBeGreaterThan(0);
  // ... and the good manifest in the same run still gets its verdict.
  expect(good.error).toBeUndefined();
  expect(good.manifest).toBe('tm-good-0002');
  expect(good.verdict).toBe('pass');
  expect(Date.now() - started).toBeLessThan(30_000);

  // The text report names the file and the position, in the "file:line:column /pointer message" style.
  const text = await runCli(['check', file, '--format', 'text', ...(extra.args ?? [])], { env: extra.env });
  expect(text.code).toBe(2);
  expect(text.stdout + text.stderr).not.toMatch(STACK_FRAME);
  const shown = relative(ROOT, file).startsWith('..') ? file : relative(ROOT, file);
  const at = Array.isArray(c.position) ? `${shown}:${c.position[0]}:${c.position[1]}` : shown;
  expect(text.stdout).toContain(at);
}

describe('bad manifests: exit 2, a clear positioned message, no stack, the rest of the batch still checked', () => {
  it('every fixture in tests/fixtures/bad has an expectation', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(BAD).filter((f) => !f.startsWith('README')).sort()).toEqual(Object.keys(CASES).sort());
  });
  for (const [name, c] of Object.entries(CASES)) {
    it.concurrent(name, () => expectRefused(join(BAD, name), c), 60_000);
  }
  for (const [name, c] of Object.entries(GENERATED)) {
    it.concurrent(`${name} (generated)`, () => expectRefused(generatedPaths.get(name)!, c, c), 60_000);
  }
  it('all bad files in one batch: every one an error, the good one a verdict, exit 2', async () => {
    // Cases that need their own limits are left out: under the defaults they are valid manifests.
    const generated = Object.entries(GENERATED).filter(([, c]) => !c.args && !c.env).map(([n]) => generatedPaths.get(n)!);
    const files = [...Object.keys(CASES).map((n) => join(BAD, n)), GOOD_FILE, ...generated];
    const run = await runCli(['check', ...files, '--format', 'json']);
    expect(run.code).toBe(2);
    const results = JSON.parse(run.stdout) as Reported[];
    expect(results).toHaveLength(files.length);
    expect(results.filter((r) => r.verdict !== undefined).map((r) => r.manifest)).toEqual(['tm-good-0002']);
  }, 120_000);
  it('a bad --max-bytes or XBORDER_MAX_BYTES is a usage error (exit 2), not a silent default', async () => {
    for (const run of [
      await runCli(['check', GOOD_FILE, '--max-bytes', 'lots']),
      await runCli(['check', GOOD_FILE, '--max-bytes', '-5']),
      await runCli(['check', GOOD_FILE], { env: { XBORDER_MAX_BYTES: '10MB' } }),
    ]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/max-bytes|XBORDER_MAX_BYTES/i);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    }
  });
  it('standard input over the limit is refused without being buffered whole', async () => {
    const run = await runCli(['check', '-', '--format', 'json', '--max-bytes', '1000'], { input: 'x'.repeat(5 * 1024 * 1024) });
    expect(run.code).toBe(2);
    expect((JSON.parse(run.stdout) as Reported[])[0]?.error?.message).toMatch(/over the 1,000-byte limit/);
  });
});

describe('good inputs that look odd still parse', () => {
  it('a byte-order mark and CRLF line endings', async () => {
    const run = await runCli(['check', join(GOOD, 'bom-crlf.yaml'), '--format', 'json']);
    expect(run.code).toBe(0);
    const [r] = JSON.parse(run.stdout) as Reported[];
    expect(r?.manifest).toBe('tm-good-bom-crlf');
    expect(r?.verdict).toBe('pass');
  });
  it('JSON with a BOM, CRLF and escaped keys', () => {
    const text = '\uFEFF' + readFileSync(GOOD_FILE, 'utf8').replace(/\n/g, '\r\n').replace('"kind"', '"\\u006bind"');
    expect(prepareManifest(text, 'x.json').ok).toBe(true);
  });
});

describe('prototype keys', () => {
  it('are refused and leave Object.prototype untouched', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const name of ['proto-key.yaml', 'proto-key.json', 'proto-top.json', 'constructor-key.yaml', 'constructor-key.json']) {
      const r = prepareManifest(readFileSync(join(BAD, name), 'utf8'), name);
      expect(r.ok).toBe(false);
    }
    const nested = prepareManifest(`${goodYaml}x-ext:\n  a: { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } }\n`, 'n.yaml');
    expect(nested.ok).toBe(false);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});
