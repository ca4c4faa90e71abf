import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { sarif, toUriReference } from '../../src/report/sarif.js';
import { BUILTIN_RULES } from '../../src/evaluate/checker-findings.js';
import { homepageOf } from '../../src/util/package.js';
import { all, ctx, failVerdict, passVerdict, reviewVerdict } from './fixtures.js';

// ajv-formats is CommonJS: under NodeNext the default import is module.exports, whose `.default` is the plugin.
const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default;

// The vendored schema declares draft 2020-12 (see tests/fixtures/sarif-2.1.0.schema.md).
const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-2.1.0.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

interface Log {
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; helpUri?: string; shortDescription: { text: string }; help: { text: string }; properties: Record<string, string> }[] } };
    invocations: { executionSuccessful: boolean; exitCode: number }[];
    results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } }; logicalLocations?: { name: string; fullyQualifiedName: string }[] }[] }[];
  }[];
}

const render = (results = all, over = {}) => JSON.parse(sarif(results, ctx(over))) as Log;
const run0 = (log: Log) => {
  const run = log.runs[0];
  if (!run) throw new Error('no run');
  return run;
};

describe('sarif', () => {
  it.each([
    ['all fixtures, en', all, {}],
    ['all fixtures, zh', all, { lang: 'zh' }],
    ['only passes', [passVerdict], {}],
    ['empty batch', [], {}],
  ] as const)('is valid SARIF 2.1.0: %s', (_n, results, over) => {
    const ok = validate(JSON.parse(sarif(results, ctx(over))));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check is real: a broken log is rejected', () => {
    const log = render() as unknown as { runs: { results: { level: string }[] }[] };
    const first = log.runs[0]?.results[0];
    if (first) first.level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('describes every pack rule, the checker\'s own rules and invalid-manifest, with valid indices', () => {
    const run = run0(render());
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([
      'cn-national/cn.obligation.pia', 'cn-national/cn.volume.below-thresholds', 'cn-national/cn.volume.contract-band',
      ...BUILTIN_RULES.map((id) => `xborder/${id}`), 'xborder/invalid-manifest',
    ]);
    // A rule no loaded pack has (only a hand-built fixture can name one) is named by ruleId alone: no dangling index.
    for (const r of run.results) {
      if (r.ruleId === 'cn-national/cn.category.unknown') expect(r.ruleIndex).toBeUndefined();
      else expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
    }
    const band = run.tool.driver.rules[2];
    expect(band?.helpUri).toBe('https://www.cac.gov.cn/2024-03/22/c_1712776611775634.htm');
    expect(band?.help.text).toBe('Contract band (100k–1M individuals)\nCitation: CAC Provisions 2024 Art. 8\nSource: https://www.cac.gov.cn/2024-03/22/c_1712776611775634.htm');
    expect(band?.properties).toEqual({ pack: 'cn-national', packVersion: '2024.3.0', citation: 'CAC Provisions 2024 Art. 8' });
    expect(run.tool.driver).toMatchObject({ name: 'xborder', version: '0.1.0' });
  });

  it('one result per fail/review finding and per error detail, in input order', () => {
    const run = run0(render());
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['cn-national/cn.volume.contract-band', 'error'],
      ['cn-national/cn.obligation.pia', 'error'],
      ['cn-national/cn.category.unknown', 'warning'],
      ['xborder/invalid-manifest', 'error'],
      ['xborder/invalid-manifest', 'error'],
      ['xborder/invalid-manifest', 'error'],
    ]);
  });

  it('locations: relative uri, region only when known, JSON pointer as logical location', () => {
    const [band, , review, parse] = run0(render()).results;
    expect(band?.locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'manifests/sme%20150k.yaml' }, region: { startLine: 31, startColumn: 16 } },
      logicalLocations: [{ name: '/personalInformation/individuals', fullyQualifiedName: 'tm-2026-0042/personalInformation/individuals' }],
    });
    expect(review?.locations[0]?.physicalLocation.region).toBeUndefined();
    expect(parse?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'manifests/broken.yaml' }, region: { startLine: 3, startColumn: 7 },
    });
  });

  it('two packs sharing a rule id get two descriptors, and each finding points at its own pack\'s (issue 9 bug 2)', () => {
    const twin = (pack: string, version: string) => ({ id: 'beijing.automotive.exterior-video', pack, packVersion: version, title: { en: `video ${pack}`, zh: `视频 ${pack}` }, citation: `list ${pack}` });
    const rules = new Map([twin('zone-beijing-2024', '2024.1.0'), twin('zone-beijing-2026', '2026.1.0')].map((r) => [`${r.pack}/${r.id}`, r]));
    const finding = { ...failVerdict.findings[0]!, rule: 'beijing.automotive.exterior-video', pack: 'zone-beijing-2024' };
    const run = run0(JSON.parse(sarif([{ ...failVerdict, findings: [finding] }], ctx({ rules }))) as Log);
    const result = run.results[0]!;
    expect(result.ruleId).toBe('zone-beijing-2024/beijing.automotive.exterior-video');
    expect(run.tool.driver.rules[result.ruleIndex]).toMatchObject({ id: 'zone-beijing-2024/beijing.automotive.exterior-video', properties: { pack: 'zone-beijing-2024', packVersion: '2024.1.0' } });
  });

  it('messages follow ctx.lang and carry the citation', () => {
    const en = run0(render([failVerdict])).results[0]?.message.text;
    const zh = run0(render([failVerdict], { lang: 'zh' })).results[0]?.message.text;
    expect(en).toBe('A standard contract or certification is required: 170,000 individuals since 1 January (CAC Provisions 2024 Art. 8)');
    expect(zh).toBe('需要标准合同或认证：自 1 月 1 日起 170,000 人（CAC Provisions 2024 Art. 8）');
    expect(run0(render([failVerdict], { lang: 'zh' })).tool.driver.rules[0]?.shortDescription.text).toBe('出境前个人信息保护影响评估');
  });

  it('executionSuccessful is false exactly when a manifest was invalid', () => {
    expect(run0(render()).invocations[0]).toEqual({ executionSuccessful: false, exitCode: 2 });
    expect(run0(render([failVerdict, reviewVerdict])).invocations[0]).toEqual({ executionSuccessful: true, exitCode: 1 });
    expect(run0(render([])).invocations[0]).toEqual({ executionSuccessful: true, exitCode: 0 });
  });

  it('is deterministic', () => {
    expect(sarif(all, ctx())).toBe(sarif(all, ctx()));
  });

  it.each([
    ['a/b.yaml', 'a/b.yaml'],
    ['a\\b.yaml', 'a/b.yaml'],
    ['清单/数据.yaml', '%E6%B8%85%E5%8D%95/%E6%95%B0%E6%8D%AE.yaml'],
    ['x#1?.yaml', 'x%231%3F.yaml'],
    ['c:odd.yaml', './c:odd.yaml'],
  ])('toUriReference(%j) = %j', (input, out) => {
    expect(toUriReference(input)).toBe(out);
  });
});

// informationUri pointed at npm, where xborder is not published (a name there could be anyone's package).
describe('sarif tool.driver.informationUri', () => {
  it('is the project address the caller gives (package.json homepage or repository), and valid SARIF', () => {
    const log = JSON.parse(sarif(all, ctx({ toolUri: 'https://example.org/xborder' })));
    expect(log.runs[0].tool.driver.informationUri).toBe('https://example.org/xborder');
    expect(validate(log)).toBe(true);
  });
  it('is left out without one, never npm', () => {
    const text = sarif(all, ctx());
    expect(text).not.toContain('npmjs');
    expect(JSON.parse(text).runs[0].tool.driver).not.toHaveProperty('informationUri');
  });
});

describe('homepageOf (package.json)', () => {
  it.each([
    [{ homepage: 'https://xborder.example/docs', repository: 'github:a/b' }, 'https://xborder.example/docs'],
    [{ repository: { type: 'git', url: 'git+https://github.com/acme/xborder.git' } }, 'https://github.com/acme/xborder'],
    [{ repository: 'git@gitlab.com:acme/xborder.git' }, 'https://gitlab.com/acme/xborder'],
    [{ repository: 'acme/xborder' }, 'https://github.com/acme/xborder'],
    [{ repository: 'gitlab:acme/xborder' }, 'https://gitlab.com/acme/xborder'],
    [{ homepage: 'not a url', repository: 'ftp://x.example/y' }, undefined],
    [{}, undefined],
  ])('%j → %s', (pkg, want) => {
    expect(homepageOf(pkg)).toBe(want);
  });
});
