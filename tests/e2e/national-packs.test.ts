import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';
import { BASE_MANIFEST, manifestWith, yamlOf, type ManifestObject } from '../helpers/manifests.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const validateVerdict = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(require('../../schemas/verdict.schema.json'));

const tmp = mkdtempSync(join(tmpdir(), 'xborder-national-'));
const write = (name: string, m: ManifestObject): string => {
  const p = join(tmp, name);
  writeFileSync(p, yamlOf(m));
  return p;
};

/** The base manifest on `date` (its PIA early that year), with these safeguards added and further patches. */
const manifest = (date: string, safeguards: object = {}, ...patches: object[]): ManifestObject =>
  manifestWith(BASE_MANIFEST, { id: `tm-${date}`, date, personalInformation: { priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } }, safeguards: { pia: { completedOn: `${date.slice(0, 4)}-01-02` }, ...safeguards } }, ...patches);
const customers = (patch: object) => ({ data: [{ id: 'customers', categories: ['pi.basic', 'pi.contact'], classification: 'general', ...patch }] });

interface Text { en: string; zh: string }
interface V {
  verdict: string;
  findings: { rule: string; message: Text; action?: Text; citation: string; citationZh?: string }[];
  obligations: { rule: string; message: Text; citation: string; citationZh?: string }[];
  warnings?: { code: string; message: Text }[];
  packs: { id: string }[];
}

/** The one result of `check --format json` (an object today, an array of one under the November 2026 contract). */
const first = (stdout: string) => {
  const parsed = JSON.parse(stdout);
  return Array.isArray(parsed) ? parsed[0] : parsed;
};
const check = (file: string, today?: string): V => {
  const v = first(xborder(['check', '--format', 'json', file], today ? { env: { XBORDER_TODAY: today } } : {}).stdout);
  expect(validateVerdict(v), JSON.stringify(validateVerdict.errors)).toBe(true);
  return v as V;
};
const allText = (v: V, lang: 'en' | 'zh'): string =>
  [...v.findings.flatMap((f) => [f.message[lang], f.action?.[lang] ?? '']), ...v.obligations.map((o) => o.message[lang])].join('\n');

describe('legal numbers come from the pack in force (issue 9, bug 3)', () => {
  it('a 2023 manifest judged under cn-national-2022 speaks of a 2-year term only, in both languages', () => {
    const file = write('assessed-2023.yaml', manifest('2023-07-03', { securityAssessment: { ref: 'CAC-2021-9', issuedOn: '2021-06-01', validUntil: '2024-05-31' } }));
    const v = check(file);
    expect(v.packs.map((p) => p.id)).toEqual(['cn-national-2022']);
    expect(v.verdict).toBe('review');
    // PIPL Art 56's 3-year retention of the impact assessment report applied then too; it is not the assessment term.
    const retention = v.obligations.find((o) => o.rule === 'cn2022.obligation.pia-records');
    expect(retention?.message.en).toContain('at least 3 years');
    const others: V = { ...v, obligations: v.obligations.filter((o) => o !== retention) };
    const en = allText(others, 'en');
    const zh = allText(others, 'zh');
    expect(en).toContain('beyond its 2-year term');
    expect(en).not.toMatch(/3-year|3 years/);
    expect(zh).toContain('超过2年有效期');
    expect(zh).not.toMatch(/3年/);
  });

  it('the same reliance in 2027 under cn-national speaks of its 3-year term', () => {
    const file = write('assessed-2027.yaml', manifest('2027-07-01', { securityAssessment: { ref: 'CAC-2024-9', issuedOn: '2024-06-01', validUntil: '2030-06-01' } },
      { personalInformation: { individuals: 1200000 } }));
    const v = check(file);
    // The national pack in force (a CN-SH exporter also gets the city-wide Shanghai list from 2026-04-24).
    expect(v.packs.map((p) => p.id).filter((id) => id.startsWith('cn-'))).toEqual(['cn-national']);
    expect(allText(v, 'en')).toContain('beyond its 3-year term');
    expect(allText(v, 'zh')).toContain('超过3年有效期');
  });

  it('the filing deadline runs from effectiveOn and says so (Order 13 Art 7)', () => {
    const file = write('effective.yaml', manifest('2026-03-16', { standardContract: { signedOn: '2026-02-10', effectiveOn: '2026-03-02' } }));
    // Checked on the transfer date: the filing period still runs (checked after it, with no filing, it is overdue).
    const v = check(file, '2026-03-16');
    expect(v.verdict).toBe('pass');
    const filing = v.obligations.find((o) => o.rule === 'cn.obligation.file-contract');
    expect(filing?.message.en).toContain('by 2026-03-16 (10 working days after the contract takes effect)');
    expect(filing?.message.zh).toContain('标准合同生效之日起10个工作日内');
    expect(allText(v, 'en')).not.toMatch(/after signing/);
  });
});

describe('national pack corrections through the CLI', () => {
  it('core data without an assessment fails with mechanism security-assessment, not prohibited', () => {
    const file = write('core.yaml', manifest('2026-03-15', {}, customers({ classification: 'core' })));
    const r = xborder(['check', '--format', 'json', file]);
    expect(r.code).toBe(1);
    const v = first(r.stdout);
    expect([v.verdict, v.mechanism]).toEqual(['fail', 'security-assessment']);
  });

  it('an exemption listed in exemptionsNotCounted says it was applied; other exemptions do not', () => {
    const exempt = check(write('contract.yaml', manifest('2026-03-15', {}, { purpose: { basis: 'contract' } })));
    expect(exempt.verdict).toBe('pass');
    const warning = exempt.warnings?.find((w) => w.code === 'ledger.not-counted');
    expect(warning?.message.en).toMatch(/exemptionsNotCounted.*does not count/);
    expect(warning?.message.zh).toMatch(/不计入当年累计人数/);
    const below = check(write('below.yaml', manifest('2026-03-15', {}, { personalInformation: { individuals: 80000 } })));
    expect(below.verdict).toBe('pass');
    expect(below.warnings?.some((w) => w.code === 'ledger.not-counted') ?? false).toBe(false);
  });

  it('citations: English in `citation`, Chinese in `citationZh`, and --lang zh text shows the Chinese one', () => {
    const file = write('contract-band.yaml', manifest('2026-03-15'));
    const v = check(file);
    const band = v.findings.find((f) => f.rule === 'cn.volume.contract-non-sensitive');
    expect(band?.citation).toBe('CAC Provisions 2024 Art. 8');
    expect(band?.citationZh).toBe('《促进和规范数据跨境流动规定》第八条');
    const zh = xborder(['check', '--lang', 'zh', file]);
    expect(zh.stdout).toContain('《促进和规范数据跨境流动规定》第八条');
    expect(zh.stdout).not.toContain('CAC Provisions 2024 Art. 8');
    expect(xborder(['check', file]).stdout).toContain('CAC Provisions 2024 Art. 8');
  });

  it('accepts $schema, exporter.city, standardContract.effectiveOn and gbaContract; rejects a city that is not pinyin', () => {
    const ok = write('new-fields.yaml', manifest('2026-03-15', {
      standardContract: { signedOn: '2026-02-10', effectiveOn: '2026-02-10', filedOn: '2026-02-20' },
      gbaContract: { signedOn: '2026-02-10', filedOn: '2026-02-20', ref: 'GD-GBA-1' },
    }, { $schema: 'https://xborder.dev/schemas/manifest.schema.json', exporter: { city: 'guangzhou' } }));
    const r = xborder(['check', '--format', 'json', ok]);
    expect(r.code, r.stdout).toBe(0);
    expect(first(r.stdout).verdict).toBe('pass');
    const bad = write('bad-city.yaml', manifest('2026-03-15', {}, { exporter: { city: '广州' } }));
    const b = xborder(['check', '--format', 'json', bad]);
    expect(b.code).toBe(2);
    expect(first(b.stdout).error.details.map((d: { path: string }) => d.path)).toContain('/exporter/city');
  });
});

describe('assessment duties in the words of Order 11 Art 14 and Provisions Art 9 (legal review, December 2026)', () => {
  const obligation = (v: V, rule: string) => v.obligations.find((o) => o.rule === rule);

  it('re-declaration names every Art 14 ¶1 trigger, not only a change of purpose, scope or recipient (both editions)', () => {
    const v2026 = check(write('redeclare-2026.yaml', manifest('2026-03-16', { securityAssessment: { ref: 'CAC-2025-1', issuedOn: '2025-06-01', validUntil: '2028-06-01' } },
      { personalInformation: { individuals: 1200000 } })));
    const v2023 = check(write('redeclare-2023.yaml', manifest('2023-07-03', { securityAssessment: { ref: 'CAC-2023-2', issuedOn: '2023-06-01', validUntil: '2025-05-31' } })));
    for (const [v, rule] of [[v2026, 'cn.obligation.redeclare-assessment'], [v2023, 'cn2022.obligation.redeclare-assessment']] as const) {
      const o = obligation(v, rule);
      expect(o?.message.en).toMatch(/control of the exporter or of the recipient changes/);
      expect(o?.message.en).toMatch(/cybersecurity environment of the recipient's country or region change/);
      expect(o?.message.en).toMatch(/legal documents with the recipient change/);
      expect(o?.message.zh).toContain('实际控制权发生变化');
      expect(o?.message.zh).toContain('数据安全保护政策法规和网络安全环境发生变化');
      expect(o?.citation).toContain('Art. 14 ¶1(1)-(3)');
    }
    expect(obligation(v2026, 'cn.obligation.redeclare-assessment')?.message.zh).toContain('不得超出评估时明确的出境目的、方式、范围、种类和规模');
  });

  it('under the 2022 Measures a result past its 2 years needed a new declaration at least 60 working days before the term ended', () => {
    const v = check(write('term-2023.yaml', manifest('2023-07-03', { securityAssessment: { ref: 'CAC-2021-9', issuedOn: '2021-06-01', validUntil: '2024-05-31' } })));
    expect(v.packs.map((p) => p.id)).toEqual(['cn-national-2022']);
    const f = v.findings.find((x) => x.rule === 'cn2022.assessment.extension-unverified');
    expect(f?.message.en).toContain('at least 60 working days before the term ended');
    expect(f?.message.zh).toContain('应当在有效期届满60个工作日前重新申报评估');
    expect(f?.action?.zh).toContain('有效期届满60个工作日前');
    expect(f?.citation).toBe('Security Assessment Measures 2022 (CAC Order 11) Art. 14 ¶2');
    expect(allText(v, 'en')).toContain('continuing needed a new declaration made at least 60 working days before the term ended');
  });

  it('an extension under Art 9 is open only to a transfer that continues with nothing that requires a new declaration', () => {
    const v = check(write('extension-2027.yaml', manifest('2027-07-01', { securityAssessment: { ref: 'CAC-2024-9', issuedOn: '2024-06-01', validUntil: '2030-06-01' } },
      { personalInformation: { individuals: 1200000 } })));
    const f = v.findings.find((x) => x.rule === 'cn.assessment.extension-unverified');
    expect(f?.action?.en).toContain('nothing has happened that requires a new declaration');
    expect(f?.action?.en).toContain('within the last 60 working days before expiry');
    expect(f?.action?.zh).toContain('未发生需要重新申报评估情形');
    expect(f?.action?.zh).toContain('有效期届满前60个工作日内');
  });
});
