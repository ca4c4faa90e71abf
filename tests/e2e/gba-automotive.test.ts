import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';
import { BASE_MANIFEST, manifestWith, yamlOf, type ManifestObject } from '../helpers/manifests.js';

/**
 * Issue 13 items 3-4 through the built CLI: the GBA standard contracts (pack cn-gba, scope region CN-GD) and the
 * automotive sector pack (scope sector). One `check` run over a folder keeps the CLI start-up cost to one.
 */
const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const validateVerdict = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(require('../../schemas/verdict.schema.json'));

interface Text { en: string; zh: string }
interface V {
  manifest: string;
  verdict: string;
  mechanism: string;
  findings: { rule: string; outcome: string; message: Text; action?: Text; mechanism?: string }[];
  obligations: { rule: string }[];
  packs: { id: string }[];
}

const dir = mkdtempSync(join(tmpdir(), 'xborder-gba-'));
/** A Guangzhou company sends 300,000 people's PI to Hong Kong on Fri 20 March 2026; each case patches it. */
const GBA = manifestWith(BASE_MANIFEST, {
  date: '2026-03-20',
  exporter: { name: '广州示例科技有限公司', region: 'CN-GD', city: 'guangzhou' },
  recipient: { name: 'Example HK Ltd.', country: 'HK' },
  data: [{ id: 'members', categories: ['pi.basic', 'pi.contact'], classification: 'general' }],
  personalInformation: { individuals: 300000, priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } },
  safeguards: { pia: { completedOn: '2026-02-01' }, gbaContract: { signedOn: '2026-03-02', filedOn: '2026-03-16', ref: 'GD-GBA-1', onwardOutsideGba: false } },
});
const AUTO = manifestWith(BASE_MANIFEST, {
  exporter: { name: '上海示例汽车有限公司', sector: 'automotive' },
  recipient: { name: 'Example GmbH', country: 'DE' },
  purpose: { activity: 'manufacturing' },
  data: [{ id: 'owners', categories: ['pi.basic', 'pi.contact'], classification: 'general' }],
  personalInformation: { individuals: 100000, priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } },
  safeguards: { pia: { completedOn: '2026-02-01' }, standardContract: { signedOn: '2026-03-02', filedOn: '2026-03-05' } },
});
const members = (patch: object) => ({ data: [{ id: 'members', categories: ['pi.basic', 'pi.contact'], classification: 'general', ...patch }] });
const cases: Record<string, ManifestObject> = {
  'gz-filed': GBA,
  'gz-none': manifestWith(GBA, { safeguards: { gbaContract: null } }),
  'bj-filed': manifestWith(GBA, { exporter: { region: 'CN-BJ', city: 'beijing' } }),
  'gz-filed-11th': manifestWith(GBA, { safeguards: { gbaContract: { filedOn: '2026-03-17' } } }),
  'gz-unfiled-10th': manifestWith(GBA, { date: '2026-03-16', safeguards: { gbaContract: { filedOn: null } } }),
  'gz-unfiled-11th': manifestWith(GBA, { date: '2026-03-17', safeguards: { gbaContract: { filedOn: null } } }),
  'gz-ciio': manifestWith(GBA, { exporter: { ciio: true } }),
  'gz-important': manifestWith(GBA, members({ classification: 'important' })),
  'gz-sensitive-10000': manifestWith(GBA, members({ categories: ['pi.basic', 'spi.financial'] }), { personalInformation: { sensitiveIndividuals: 10000 } }),
  'gz-onward': manifestWith(GBA, { safeguards: { gbaContract: { onwardOutsideGba: true } } }),
  'gz-onward-unstated': manifestWith(GBA, { safeguards: { gbaContract: { onwardOutsideGba: null } } }),
  'auto-100000': AUTO,
  'auto-100001': manifestWith(AUTO, { personalInformation: { individuals: 100001 } }),
  'auto-video': manifestWith(AUTO, {
    data: [{ id: 'owners', categories: ['automotive.exterior-video'], classification: 'general' }],
    personalInformation: { individuals: 0, sensitiveIndividuals: 20 },
  }),
  'nosector-video': manifestWith(AUTO, {
    exporter: { sector: null },
    data: [{ id: 'owners', categories: ['automotive.exterior-video'], classification: 'general' }],
    personalInformation: { individuals: 0, sensitiveIndividuals: 20 },
  }),
  'nosector-100001': manifestWith(AUTO, { exporter: { sector: null }, personalInformation: { individuals: 100001 } }),
  'nosector-100000': manifestWith(AUTO, { exporter: { sector: null } }),
  'auto-video-uncounted': manifestWith(AUTO, {
    data: [{ id: 'owners', categories: ['automotive.exterior-video'], classification: 'general' }],
    personalInformation: { individuals: 0, sensitiveIndividuals: 0 },
  }),
};

let byId: Map<string, V>;
let exitCode: number;
beforeAll(() => {
  // Each case its own exporter: one run's transfers of one exporter and year are counted together (xborder.run-undercount).
  for (const [id, m] of Object.entries(cases)) writeFileSync(join(dir, `${id}.yaml`), yamlOf(manifestWith(m, { id, exporter: { name: `${(m.exporter as { name: string }).name} ${id}` } })));
  const r = xborder(['check', '--format', 'json', dir]);
  exitCode = r.code;
  const all = JSON.parse(r.stdout) as V[];
  for (const v of all) expect(validateVerdict(v), JSON.stringify(validateVerdict.errors)).toBe(true);
  byId = new Map(all.map((v) => [v.manifest, v]));
});
const get = (id: string): V => byId.get(id) ?? expect.fail(`no verdict for ${id}`);
const rules = (v: V): string[] => v.findings.map((f) => f.rule);
const outcome = (v: V, rule: string): string | undefined => v.findings.find((f) => f.rule === rule)?.outcome;

describe('Greater Bay Area standard contracts (issue 13 item 3)', () => {
  it('Guangzhou → Hong Kong, 300,000 people, GBA contract filed: pass through the GBA route', () => {
    const v = get('gz-filed');
    expect([v.verdict, v.mechanism]).toEqual(['pass', 'contract-or-certification']);
    expect(outcome(v, 'gba.contract.in-place')).toBe('pass');
    const band = v.findings.find((f) => f.rule === 'cn.volume.contract-non-sensitive');
    expect(band?.outcome).toBe('pass');
    expect(band?.message.en).toContain('Met by: GBA standard contract filed');
    expect(band?.message.zh).toContain('已通过以下途径满足：大湾区标准合同已备案');
    expect(v.packs.map((p) => p.id)).toEqual(['cn-national', 'cn-gba']);
    expect(v.obligations.map((o) => o.rule)).toContain('gba.obligation.no-onward-transfer');
  });
  it('without it: fail, naming the national route and the GBA contract', () => {
    const v = get('gz-none');
    expect([v.verdict, v.mechanism]).toEqual(['fail', 'contract-or-certification']);
    expect(outcome(v, 'cn.volume.contract-non-sensitive')).toBe('fail');
    expect(outcome(v, 'gba.contract.available')).toBe('fail');
    const actions = v.findings.map((f) => f.action?.en ?? '').join('\n');
    expect(actions).toContain('Sign the CAC standard contract');
    expect(actions).toContain('sign the GBA standard contract with the recipient and file it with the Guangdong CAC within 10 working days');
  });
  it('the same from Beijing gets the national route only', () => {
    const v = get('bj-filed');
    expect([v.verdict, v.mechanism]).toEqual(['fail', 'contract-or-certification']);
    expect(rules(v).filter((r) => r.startsWith('gba.'))).toEqual([]);
    expect(v.packs.map((p) => p.id)).toEqual(['cn-national']);
  });
  it('filed on the 10th working day passes; on the 11th is review; unfiled: pending on the 10th, fail on the 11th', () => {
    expect(get('gz-filed-11th').verdict).toBe('review');
    expect(outcome(get('gz-filed-11th'), 'gba.contract.filed-late')).toBe('review');
    // Unfiled on the 10th: pending while the period runs (checked that day); checked once it is over with still no
    // filing recorded, the filing was missed (gba.contract.filing-missed).
    const unfiled = (today: string): V => (JSON.parse(xborder(['check', '--format', 'json', join(dir, 'gz-unfiled-10th.yaml')], { env: { XBORDER_TODAY: today } }).stdout) as V[])[0]!;
    expect(unfiled('2026-03-16').verdict).toBe('pass');
    expect(unfiled('2026-03-16').obligations.map((o) => o.rule)).toContain('gba.obligation.file-contract');
    expect(outcome(unfiled('2026-12-07'), 'gba.contract.filing-missed')).toBe('fail');
    expect(get('gz-unfiled-11th').verdict).toBe('fail');
    expect(outcome(get('gz-unfiled-11th'), 'gba.contract.filing-overdue')).toBe('fail');
  });
  it('never where the national rules need a security assessment: CIIO, important data, 10,000 sensitive', () => {
    for (const id of ['gz-ciio', 'gz-important', 'gz-sensitive-10000']) {
      const v = get(id);
      expect([id, v.verdict, v.mechanism]).toEqual([id, 'fail', 'security-assessment']);
      expect(rules(v), id).not.toContain('gba.contract.in-place');
    }
  });
  it('onward transfer outside the GBA closes the route', () => {
    const v = get('gz-onward');
    expect(v.verdict).toBe('fail');
    expect(outcome(v, 'gba.contract.onward-outside-gba')).toBe('fail');
  });
  it('onward transfer unstated: review naming the field to state, never pass (it used to read as "no")', () => {
    const v = get('gz-onward-unstated');
    expect([v.verdict, v.mechanism]).toEqual(['review', 'contract-or-certification']);
    expect(rules(v)).not.toContain('gba.contract.in-place');
    const f = v.findings.find((x) => x.rule === 'gba.contract.onward-unstated') ?? expect.fail('no onward-unstated finding');
    expect(f.outcome).toBe('review');
    expect((f as { path?: string }).path).toBe('/safeguards/gbaContract/onwardOutsideGba');
    for (const text of [f.message.en, f.message.zh]) expect(text).toContain('/safeguards/gbaContract/onwardOutsideGba');
    expect(f.action?.en).toContain('onwardOutsideGba: false');
    // YAML booleans, not quoted strings (the schema rejects "false").
    expect(f.action?.zh).toContain('safeguards.gbaContract.onwardOutsideGba：数据仅在粤港澳大湾区（内地九市及香港、澳门）内流动的，填为 `false`；');
    expect(f.action?.zh).toContain('填为 `true`');
    expect(f.action?.zh).not.toMatch(/"(false|true)"/);
    const band = v.findings.find((x) => x.rule === 'cn.volume.contract-non-sensitive');
    expect(band?.outcome).toBe('review');
    expect(band?.message.en).toContain('Not met until a person confirms the other route: Onward transfer outside the Greater Bay Area not stated (gba.contract.onward-unstated)');
  });
  it('a requirement made review by the GBA route says so, not that a zone list may exempt it (no zone here)', () => {
    const band = get('gz-filed-11th').findings.find((x) => x.rule === 'cn.volume.contract-non-sensitive');
    expect(band?.outcome).toBe('review');
    expect(band?.message.en).toContain('(gba.contract.filed-late)');
    expect(band?.message.en).not.toContain('zone list');
    expect(band?.message.zh).toContain('另一途径须经人工确认：大湾区标准合同逾期备案');
    expect(band?.message.zh).not.toContain('试验区清单');
  });
});

describe('automotive sector pack (issue 13 item 4)', () => {
  it('100,000 people is not more than 100,000; 100,001 is review (unconfirmed reading), never pass', () => {
    expect(get('auto-100000').verdict).toBe('pass');
    expect(rules(get('auto-100000'))).not.toContain('automotive.important.pi-volume');
    const v = get('auto-100001');
    expect(v.verdict).toBe('review');
    expect(outcome(v, 'automotive.important.pi-volume')).toBe('review');
    expect(v.packs.map((p) => p.id)).toEqual(['cn-national', 'sector-automotive']);
  });
  it('exterior video with faces or plates needs a security assessment', () => {
    const v = get('auto-video');
    expect([v.verdict, v.mechanism]).toEqual(['fail', 'security-assessment']);
    expect(outcome(v, 'automotive.important.exterior-video')).toBe('fail');
  });
  it('a sensitive category counted as 0 people: the review names the category (it is not an spi.* id)', () => {
    const f = get('auto-video-uncounted').findings.find((x) => x.rule === 'cn.counts.sensitive-category-without-count');
    expect(f?.outcome).toBe('review');
    expect(f?.message.en).toContain('(automotive.exterior-video)');
    expect(f?.message.zh).toContain('（automotive.exterior-video）');
  });
  it('no sector, but automotive data: the pack applies (it used to be an unknown category)', () => {
    const v = get('nosector-video');
    expect([v.verdict, v.mechanism]).toEqual(['fail', 'security-assessment']);
    expect(outcome(v, 'automotive.important.exterior-video')).toBe('fail');
    expect(rules(v)).not.toContain('cn.taxonomy.unknown-category');
    expect(v.packs.map((p) => p.id)).toEqual(['cn-national', 'sector-automotive']);
  });
  it('no sector and more than 100,000 people: review, the sector decides (it used to pass); 100,000: pass', () => {
    const v = get('nosector-100001');
    expect(v.verdict).toBe('review');
    // The sector pack whose rule decided the review is named with its version and digest (evidence).
    expect(v.packs.map((p) => p.id)).toEqual(['cn-national', 'sector-automotive']);
    expect(get('nosector-100000').packs.map((p) => p.id)).toEqual(['cn-national']);
    const f = v.findings.find((x) => x.rule === 'xborder.sector-unstated') ?? expect.fail('no sector-unstated finding');
    expect((f as { path?: string }).path).toBe('/exporter/sector');
    expect(f.message.en).toContain('does not give exporter.sector');
    expect(f.message.en).toContain('automotive.important.pi-volume');
    expect(f.message.zh).toContain('汽车');
    expect(f.message.zh).not.toMatch(/automotive|icv/);
    expect(get('nosector-100000').verdict).toBe('pass');
    expect(rules(get('nosector-100000'))).not.toContain('xborder.sector-unstated');
  });
  it('the run fails the gate (some verdicts fail)', () => {
    expect(exitCode).toBe(1);
  });
});
