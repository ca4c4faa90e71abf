import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { junit } from '../../src/report/junit.js';
import { escapeAttr, escapeText, sanitizeXml } from '../../src/report/xml.js';
import { all, ctx, errorResult, failVerdict, passVerdict, reviewVerdict, schemaError } from './fixtures.js';

// As a batch yields them: the documents of one file together (the review and the schema error share batch.yaml).
const batch = [passVerdict, failVerdict, reviewVerdict, schemaError, errorResult];

type Node = Record<string, unknown>;
// htmlEntities: fast-xml-parser decodes numeric references (&#10;) only with it.
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', htmlEntities: true, isArray: (name) => ['testsuite', 'testcase'].includes(name) });

const parse = (xml: string) => {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as { testsuites: Node & { testsuite: (Node & { testcase: Node[] })[] } };
};

describe('junit', () => {
  it('is well-formed XML with totals, one suite per file and one case per manifest', () => {
    const doc = parse(junit(batch, ctx()));
    const root = doc.testsuites;
    expect([root['@tests'], root['@failures'], root['@errors']]).toEqual(['5', '1', '2']);
    expect(root.testsuite.map((s) => [s['@name'], s['@tests'], s['@failures'], s['@errors']])).toEqual([
      ['manifests/small.yaml', '1', '0', '0'],
      ['manifests/sme 150k.yaml', '1', '1', '0'],
      ['manifests/batch.yaml', '2', '0', '1'], // the review and the schema error share a file
      ['manifests/broken.yaml', '1', '0', '1'],
    ]);
    const cases = root.testsuite.flatMap((s) => s.testcase);
    expect(cases.map((c) => [c['@name'], c['@classname']])).toEqual([
      ['tm-pass-001', 'manifests/small.yaml'],
      ['tm-2026-0042', 'manifests/sme 150k.yaml'],
      ['tm-review-7', 'manifests/batch.yaml'],
      ['tm-bad-2', 'manifests/batch.yaml'],
      ['manifests/broken.yaml', 'manifests/broken.yaml'],
    ]);
  });

  it('a suite is a run of consecutive results from one file: a file met again opens a new suite', () => {
    const suites = parse(junit(all, ctx())).testsuites.testsuite.map((s) => [s['@name'], s['@tests']]);
    expect(suites).toEqual([['manifests/small.yaml', '1'], ['manifests/sme 150k.yaml', '1'], ['manifests/batch.yaml', '1'], ['manifests/broken.yaml', '1'], ['manifests/batch.yaml', '1']]);
  });

  it('a failure carries every reason with rule, message, citation and position, and survives escaping', () => {
    const doc = parse(junit([failVerdict], ctx()));
    const failure = doc.testsuites.testsuite[0]?.testcase[0]?.failure as Node;
    expect(failure['@type']).toBe('fail');
    expect(failure['@message']).toBe('fail (contract-or-certification): cn.volume.contract-band: A standard contract or certification is required: 170,000 individuals since 1 January');
    const body = failure['#text'] as string;
    expect(body).toContain('[fail] cn.volume.contract-band: A standard contract or certification is required');
    expect(body).toContain('(CAC Provisions 2024 Art. 8) at manifests/sme 150k.yaml:31:16 /personalInformation/individuals');
    // The parser decodes entities: the original characters come back intact.
    expect(body).toContain('Tricky <&>"\' | pipe\nsecond line, 100% sure: yes (PIPL Art. 55) at manifests/sme 150k.yaml:40:3 /obligations/pia');
  });

  it('a review is a note below the gate and a failure at it', () => {
    const below = parse(junit([reviewVerdict], ctx())).testsuites;
    expect(below['@failures']).toBe('0');
    const c = below.testsuite[0]?.testcase[0] as Node;
    expect(c.failure).toBeUndefined();
    expect(c['system-out']).toContain('[review] cn.category.unknown: Unknown data category "x-custom" (GB/T 43697-2024) at manifests/batch.yaml /data/0/category');

    const at = parse(junit([reviewVerdict], ctx({ failOn: 'review' }))).testsuites;
    expect(at['@failures']).toBe('1');
    expect((at.testsuite[0]?.testcase[0]?.failure as Node)['@type']).toBe('review');
  });

  it('a review with mechanism none names the mechanism undetermined, in both languages', () => {
    const message = (lang: 'en' | 'zh') => (parse(junit([reviewVerdict], ctx({ failOn: 'review', lang }))).testsuites.testsuite[0]?.testcase[0]?.failure as Node)['@message'] as string;
    expect(message('en')).toMatch(/^review \(mechanism undetermined\): cn\.category\.unknown/);
    expect(message('zh')).toMatch(/^需人工审查（所需机制待定）：/);
    expect(message('zh')).not.toContain('无需');
  });

  it('a pass is an empty testcase', () => {
    const c = parse(junit([passVerdict], ctx())).testsuites.testsuite[0]?.testcase[0] as Node;
    expect(Object.keys(c).sort()).toEqual(['@classname', '@name']);
  });

  it('an invalid manifest is an <error> with every detail; control characters are made visible', () => {
    const xml = junit(batch, ctx());
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const cases = parse(xml).testsuites.testsuite.flatMap((s) => s.testcase);
    const bad = cases[3]?.error as Node;
    expect(bad['@type']).toBe('schema');
    expect(bad['#text']).toBe(
      'must have required property "exporter" at manifests/batch.yaml:1:1\n' +
        'must be a date\\u0001 with control char (use YYYY-MM-DD) at manifests/batch.yaml:4:7 /date',
    );
  });

  it('uses the zh messages when asked', () => {
    const failure = parse(junit([failVerdict], ctx({ lang: 'zh' }))).testsuites.testsuite[0]?.testcase[0]?.failure as Node;
    expect(failure['#text']).toContain('个人信息保护影响评估缺失 <&> | 竖线\n第二行（PIPL Art. 55）');
  });
});

describe('xml escaping', () => {
  it('escapes text and attributes', () => {
    expect(escapeText('a<b>&c"\'')).toBe('a&lt;b&gt;&amp;c"\'');
    expect(escapeAttr('a<b>&c"\'\n\t\r')).toBe('a&lt;b&gt;&amp;c&quot;&apos;&#10;&#9;&#13;');
  });
  it('makes characters XML 1.0 forbids visible, keeps valid ones', () => {
    expect(sanitizeXml('a\u0000b\u001Fc\uFFFEd')).toBe('a\\u0000b\\u001Fc\\uFFFEd');
    expect(sanitizeXml('lone \uD800 high, lone \uDC00 low')).toBe('lone \\uD800 high, lone \\uDC00 low');
    expect(sanitizeXml('tab\tnl\ncr\r 😀 中文')).toBe('tab\tnl\ncr\r 😀 中文');
  });
  it('attribute newlines round-trip through a parser', () => {
    const xml = `<a x="${escapeAttr('one\ntwo')}"/>`;
    expect(XMLValidator.validate(xml)).toBe(true);
    expect((parser.parse(xml) as { a: Node }).a['@x']).toBe('one\ntwo');
  });
});
