/** Hand-built results covering every shape a formatter must handle. */
import type { CheckResult, ErrorResult, Verdict } from '../../src/model/verdict.js';
import type { FormatContext, RuleInfo } from '../../src/report/types.js';

const packs = [{ id: 'cn-national', version: '2024.3.0', digest: 'sha256:abc' }];

export const passVerdict: Verdict = {
  manifest: 'tm-pass-001',
  source: 'manifests/small.yaml',
  asOf: '2026-03-15',
  verdict: 'pass',
  mechanism: 'none',
  counts: { individuals: 500, sensitiveIndividuals: 0 },
  findings: [
    {
      rule: 'cn.volume.below-thresholds',
      pack: 'cn-national',
      outcome: 'pass',
      mechanism: 'none',
      message: { en: 'Below every threshold', zh: '低于所有阈值' },
      citation: 'CAC Provisions 2024 Art. 5(4)',
      path: '/personalInformation/individuals',
      line: 12,
      column: 16,
    },
  ],
  obligations: [],
  packs,
};

export const failVerdict: Verdict = {
  manifest: 'tm-2026-0042',
  source: 'manifests/sme 150k.yaml',
  asOf: '2026-03-15',
  verdict: 'fail',
  mechanism: 'contract-or-certification',
  counts: { individuals: 170000, sensitiveIndividuals: 0 },
  findings: [
    {
      rule: 'cn.volume.contract-band',
      pack: 'cn-national',
      outcome: 'fail',
      mechanism: 'contract-or-certification',
      message: {
        en: 'A standard contract or certification is required: 170,000 individuals since 1 January',
        zh: '需要标准合同或认证：自 1 月 1 日起 170,000 人',
      },
      citation: 'CAC Provisions 2024 Art. 8',
      path: '/personalInformation/individuals',
      line: 31,
      column: 16,
    },
    {
      rule: 'cn.obligation.pia',
      pack: 'cn-national',
      outcome: 'fail',
      message: {
        en: 'Tricky <&>"\' | pipe\nsecond line, 100% sure: yes',
        zh: '个人信息保护影响评估缺失 <&> | 竖线\n第二行',
      },
      citation: 'PIPL Art. 55',
      path: '/obligations/pia',
      line: 40,
      column: 3,
    },
  ],
  obligations: [],
  packs,
};

export const reviewVerdict: Verdict = {
  manifest: 'tm-review-7',
  source: 'manifests/batch.yaml',
  asOf: '2026-03-15',
  verdict: 'review',
  mechanism: 'none',
  counts: { individuals: 0, sensitiveIndividuals: 0 },
  findings: [
    {
      rule: 'cn.category.unknown',
      pack: 'cn-national',
      outcome: 'review',
      message: { en: 'Unknown data category "x-custom"', zh: '未知数据类别 "x-custom"' },
      citation: 'GB/T 43697-2024',
      path: '/data/0/category',
      // no line/column: SARIF omits region, GitHub omits line/col
    },
  ],
  obligations: [],
  packs,
};

export const errorResult: ErrorResult = {
  source: 'manifests/broken.yaml',
  error: {
    code: 'parse-error',
    message: 'Unexpected token at line 3',
    line: 3,
    column: 7,
    path: '',
  },
};

export const schemaError: ErrorResult = {
  source: 'manifests/batch.yaml',
  manifest: 'tm-bad-2',
  error: {
    code: 'schema',
    message: 'must have required property "exporter"',
    path: '',
    details: [
      { message: 'must have required property "exporter"', path: '', line: 1, column: 1 },
      { message: 'must be a date\u0001 with control char', path: '/date', line: 4, column: 7, hint: 'use YYYY-MM-DD' },
    ],
  },
};

export const all: CheckResult[] = [passVerdict, failVerdict, reviewVerdict, errorResult, schemaError];

const rule = (id: string, en: string, zh: string, citation: string, source?: string): RuleInfo => ({
  id, pack: 'cn-national', packVersion: '2024.3.0', title: { en, zh }, citation, ...(source ? { source } : {}),
});

export const rules: ReadonlyMap<string, RuleInfo> = new Map(
  [
    rule('cn.volume.contract-band', 'Contract band (100k–1M individuals)', '标准合同区间', 'CAC Provisions 2024 Art. 8',
      'https://www.cac.gov.cn/2024-03/22/c_1712776611775634.htm'),
    rule('cn.volume.below-thresholds', 'Below every threshold', '低于所有阈值', 'CAC Provisions 2024 Art. 5(4)'),
    rule('cn.obligation.pia', 'PIA before export', '出境前个人信息保护影响评估', 'PIPL Art. 55'),
    // cn.category.unknown is deliberately absent: the formatter must still describe it.
  ].map((r) => [`${r.pack}/${r.id}`, r]),
);

export const ctx = (over: Partial<FormatContext> = {}): FormatContext => ({
  lang: 'en', color: false, rules, failOn: 'fail', toolVersion: '0.1.0', ...over,
});
