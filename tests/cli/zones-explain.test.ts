import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ZONES } from '../../src/model/zones.js';
import schema from '../../schemas/manifest.schema.json' with { type: 'json' };

const run = (...args: string[]) => spawnSync('node', ['bin/xborder.js', ...args], { encoding: 'utf8' });
interface Row { zone: string; verdict: string; mechanism: string; deciding?: { rule: string; pack: string } }
/** The rows by zone; the exit code is the gate on the row of the zone the manifest states (1 when it fails). */
const zones = (file: string): Map<string, Row> => {
  const r = run('zones', `examples/manifests/${file}`, '--format', 'json');
  const rows = new Map((JSON.parse(r.stdout) as { zones: Row[] }).zones.map((z) => [z.zone, z]));
  const own = (parse(readFileSync(`examples/manifests/${file}`, 'utf8')) as { exporter: { zone?: string } }).exporter.zone ?? 'none';
  expect(r.status).toBe(rows.get(own)?.verdict === 'fail' ? 1 : 0);
  return rows;
};

describe('xborder zones', () => {
  it('Beijing retailer naming a partly encoded scenario: Beijing reviews, no zone exempts, and the scenarios are listed', () => {
    const z = zones('review-beijing-retail-partial-scenario.yaml');
    expect(z.get('none')).toMatchObject({ verdict: 'fail', mechanism: 'contract-or-certification' });
    expect(z.get('beijing')).toMatchObject({ verdict: 'review', mechanism: 'contract-or-certification', deciding: { rule: 'beijing.scenario.partial', pack: 'zone-beijing-2024' } });
    for (const row of z.values()) expect(row.verdict).not.toBe('pass');
    const listed = (z.get('beijing') as Row & { scenarios: { scenarios: { id: string }[] }[] }).scenarios.flatMap((l) => l.scenarios.map((s) => s.id));
    expect(listed).toContain('beijing.retail');
  });

  it('Beijing carmaker: the listed exterior-video entry requires an assessment', () => {
    const z = zones('fail-beijing-automotive-exterior-video.yaml');
    expect(z.get('beijing')).toMatchObject({ verdict: 'fail', mechanism: 'security-assessment', deciding: { rule: 'beijing.automotive.exterior-video' } });
    // Elsewhere the Beijing-only category is unknown: a person must review, never pass.
    expect(z.get('none')?.verdict).toBe('review');
    expect(z.get('tianjin')?.verdict).toBe('review');
  });

  it('Shanghai shipping: the Shanghai negative list also binds Lingang exporters, and neither exempts a partial scenario', () => {
    const z = zones('review-shanghai-shipping-partial-scenario.yaml');
    expect(z.get('shanghai')).toMatchObject({ verdict: 'review', deciding: { rule: 'shanghai.scenario.partial' } });
    expect(z.get('shanghai-lingang')).toMatchObject({ verdict: 'review', deciding: { rule: 'shanghai.scenario.partial' } });
    expect(z.get('zhejiang')).toMatchObject({ verdict: 'fail', mechanism: 'contract-or-certification' });
  });

  it('Lingang ICV after-sales data: the positive list relieves only its items; the Shanghai FTZ does not know them', () => {
    const z = zones('pass-lingang-icv-after-sales.yaml');
    expect(z.get('shanghai-lingang')).toMatchObject({ verdict: 'pass', mechanism: 'none' });
    expect(z.get('shanghai')?.verdict).toBe('review');
  });

  it('--as-of before the Beijing list moves Beijing back to national rules; text table in Chinese', () => {
    const r = run('zones', 'examples/manifests/review-beijing-retail-partial-scenario.yaml', '--as-of', '2024-08-29', '--lang', 'zh');
    expect(r.status).toBe(1); // the exporter is registered in Beijing, whose row now fails
    expect(r.stdout).toContain('试验区');
    expect(r.stdout).toMatch(/北京自贸试验区\s+\| 不通过\s+\| 标准合同或认证/);
  });
});

describe('xborder explain (zone rules)', () => {
  it('shows pack version, source URL and effective dates for a zone rule', () => {
    const r = run('explain', 'beijing.automotive.exterior-video');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('zone-beijing-2024 2024.7.0');
    expect(r.stdout).toContain('zone-beijing-2026 2026.7.0');
    expect(r.stdout).toContain('In force:  2024-08-30 → 2026-05-10'); // the last day in force: the 2026 list starts on 2026-05-11
    expect(r.stdout).toContain('In force:  2026-05-11 → open');
    expect(r.stdout).toContain('Source:    https://hankunlaw.com/');
    expect(r.stdout).toContain('车外视频');
  });

  it('fills the pack\'s parameters into a rule\'s message and action; facts stay placeholders', () => {
    for (const lang of ['en', 'zh']) {
      const r = run('explain', 'cn.volume.contract-non-sensitive', '--lang', lang);
      expect(r.status).toBe(0);
      expect(r.stdout).not.toContain('{{param.');
      expect(r.stdout).toContain('{{totals.individuals}}');
      expect(r.stdout).toContain(lang === 'en' ? 'within 10 working days' : '10个工作日内');
    }
  });

  it('words a comparison of dates in time (before, not fewer than), with the date parameter named and filled', () => {
    const en = run('explain', 'gba.contract.macao-not-yet');
    expect(en.stdout).toContain('transfer.date is before "2024-09-10" (gbaMacaoFrom)');
    expect(en.stdout).toContain('apply only from 2024-09-10');
    expect(run('explain', 'gba.contract.macao-not-yet', '--lang', 'zh').stdout).toContain('transfer.date 早于 "2024-09-10"（参数 gbaMacaoFrom）');
    expect(run('explain', 'cn.volume.contract-non-sensitive').stdout).toContain('totals.individuals is at least 100000');
  });
});

describe('xborder explain --scenarios', () => {
  it('lists a zone\'s scenarios with coverage, in Chinese without sector ids', () => {
    const r = run('explain', '--scenarios', 'shanghai', '--lang', 'zh');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('shanghai.shipping.crew-management  【部分收录】  航运 · 国际航运：船员管理');
    expect(r.stdout).not.toMatch(/ shipping ·/);
  });

  // The 2024 Shanghai list's own Chinese scenario names, from the announcement (repost http://sazszy.com/news/xingyezixun/3691.html);
  // English names per MLex (https://www.mlex.com/mlex/articles/2296251/). Earlier packs carried back-translations.
  it('shows the Shanghai 2024 shipping scenarios in the list\'s own Chinese wording', () => {
    const r = run('explain', '--scenarios', 'shanghai', '--lang', 'zh');
    expect(r.stdout).toContain('shanghai.shipping.waterway-transport  【部分收录】  航运 · 国际航运：水路运输服务（水路运输服务）');
    expect(r.stdout).toContain('shanghai.shipping.port-operations  【部分收录】  航运 · 国际航运：港口作业生产（港口作业生产）');
    expect(r.stdout).not.toContain('港口运营');
  });

  it('lists each scenario\'s entries under it, and those of no scenario after (the ids findings tell users to label items with)', () => {
    const r = run('explain', '--scenarios', 'shanghai');
    const lines = r.stdout.split('\n');
    const crew = lines.findIndex((l) => l.startsWith('  shanghai.shipping.crew-management  [partial]'));
    expect(lines[crew + 1]).toMatch(/^ {6}shanghai\.shipping\.crew-sensitive-pi {2}sensitive PI {2}International shipping: crew identity documents/);
    expect(r.stdout).toMatch(/ {2}entries of no scenario:\n {6}shanghai\.shipping\.important-features {2}important data {2}/);
    expect(run('explain', '--scenarios', 'tianjin', '--lang', 'zh').stdout).toContain('      tianjin.industrial.electronic-information  重要数据  电子信息');
  });

  it('refuses a zone without a loaded list (exit 2), naming those that have one', () => {
    expect(run('explain', '--scenarios', 'atlantis').status).toBe(2);
    expect(run('explain', '--scenarios', 'atlantis').stderr).toBe('xborder: no loaded list for zone "atlantis" (zones with a loaded list: tianjin, beijing, shanghai, shanghai-lingang, hainan, zhejiang, chongqing, jiangsu, guangxi, fujian)\n');
  });

  it('a misspelt zone gets the "did you mean" a manifest\'s zone id gets, in either language', () => {
    const r = run('explain', '--scenarios', 'zhejang');
    expect([r.status, r.stderr]).toEqual([2, 'xborder: no loaded list for zone "zhejang"; did you mean "zhejiang"? (zones with a loaded list: tianjin, beijing, shanghai, shanghai-lingang, hainan, zhejiang, chongqing, jiangsu, guangxi, fujian)\n']);
    expect(run('explain', '--scenarios', 'zhejang', '--lang', 'zh').stderr).toBe('xborder: 未加载试验区 "zhejang" 的清单；是否要找 "zhejiang"？（已加载清单的试验区：tianjin、beijing、shanghai、shanghai-lingang、hainan、zhejiang、chongqing、jiangsu、guangxi、fujian）\n');
  });

  it('a list known only by name (Jiangsu) shows no scenario and says so', () => {
    const r = run('explain', '--scenarios', 'jiangsu');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('zone-jiangsu-2025');
    expect(r.stdout).toContain('no scenario encoded');
  });
});

const zoneManifest = (zone: string, region: string, date = '2026-03-01') => ({
  apiVersion: 'xborder/v1', kind: 'TransferManifest', id: `tm-${zone}`, date,
  exporter: { name: 'x', region, zone, ciio: false }, recipient: { name: 'y', country: 'VN', kind: 'company' },
  purpose: { basis: 'consent' }, data: [{ id: 'c', categories: ['pi.basic'], classification: 'general' }],
  personalInformation: { individuals: 5000, sensitiveIndividuals: 0, priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } },
  safeguards: { separateConsent: true, pia: { completedOn: '2021-11-01' } },
});
type V = { verdict: string; findings: { rule: string }[]; warnings?: { code: string; message: { zh: string } }[] };
const checkOne = (manifest: object): V => {
  const r = spawnSync('node', ['bin/xborder.js', 'check', '--format', 'json', '-'], { input: JSON.stringify(manifest), encoding: 'utf8' });
  const out = JSON.parse(r.stdout) as V | V[];
  return (Array.isArray(out) ? out[0] : out) as V; // json is an array per the contract; stdin output may still be one object
};

describe('a zone without an encoded list', () => {
  it('no list of the zone binds on the date (Zhejiang before 10 Apr 2025): a warning, and the national rules decide', () => {
    const v = checkOne(zoneManifest('zhejiang', 'CN-ZJ', '2025-03-01'));
    expect(v.verdict).toBe('pass');
    expect(v.warnings?.map((w) => w.code)).toContain('zone-list-not-encoded');
    expect(v.warnings?.find((w) => w.code === 'zone-list-not-encoded')?.message.zh).toContain('浙江自贸试验区');
  });

  it('a list whose existence alone is sourced (Jiangsu): review naming the list, never the national pass', () => {
    const v = checkOne(zoneManifest('jiangsu', 'CN-JS'));
    expect(v.verdict).toBe('review');
    expect(v.findings.map((f) => f.rule)).toContain('jiangsu.list.unencoded');
    expect(v.warnings?.map((w) => w.code) ?? []).not.toContain('zone-list-not-encoded');
  });

  it('a pack that knows the list exists but not its content (Guangxi): review, never the national pass', () => {
    const v = checkOne(zoneManifest('guangxi', 'CN-GX'));
    expect(v.verdict).toBe('review');
    expect(v.findings.map((f) => f.rule)).toContain('guangxi.list.unencoded');
    expect(v.warnings?.map((w) => w.code) ?? []).not.toContain('zone-list-not-encoded');
  });
});

describe('zone ids', () => {
  it('match the manifest schema', () => {
    const props = (schema as { properties: { exporter: { properties: { zone: { enum: string[] } } } } }).properties.exporter.properties.zone.enum;
    expect([...ZONES]).toEqual(props);
  });
});
