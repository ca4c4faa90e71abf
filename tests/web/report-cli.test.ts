/** `xborder report`: the printable report as HTML, and as PDF through Chromium where it is installed. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MECHANISM_TEXT, OUTCOME_MEANING } from '../../src/report/labels.js';
import { BIN, ROOT, xborder, type Run } from '../helpers/cli.js';
import { hasChromium, hasPdftotext, pdfText } from './browser.js';

const EXAMPLE = 'examples/manifests/fail-sme-150k-singapore.yaml';

/** The built CLI run in `cwd` (where .xborder.yaml is looked for). */
const xborderIn = (cwd: string, args: readonly string[]): Run => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'C' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

/** A copy of the sample repository (examples/ci/repo: .xborder.yaml with waivers) with more configuration. */
function project(extra = ''): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'xborder-report-project-')), 'repo');
  cpSync(join(ROOT, 'examples/ci/repo'), dir, { recursive: true });
  writeFileSync(join(dir, '.xborder.yaml'), `${readFileSync(join(dir, '.xborder.yaml'), 'utf8')}${extra}`);
  return dir;
}

describe('xborder report', () => {
  it('writes a Chinese HTML report with lang="zh-CN", the year-to-date figures against each threshold and the materials', () => {
    const r = xborder(['report', EXAMPLE, '--lang', 'zh']);
    expect(r.code).toBe(1); // written; the verdict (fail) fails the gate, as check says
    expect(r.stdout).toContain('<html lang="zh-CN">');
    expect(r.stdout).toMatch(/自当年1月1日起累计人数（含本次）<\/th><td class="rp-num rp-total">170,000 人/);
    expect(r.stdout).toMatch(/100,000 人<\/td><td class="rp-num">170,000 人<\/td><td class="rp-nowrap">已达到/);
    expect(r.stdout).toMatch(/1,000,000 人<\/td><td class="rp-num">170,000 人<\/td><td class="rp-nowrap">未达到/);
    expect(r.stdout).toContain('《促进和规范数据跨境流动规定》第八条');
    expect(r.stdout).toContain('个人信息保护影响评估报告');
    expect(r.stdout).toMatch(/cn-national<\/code> 2024\.\d+\.\d+/); // the pack in force, whatever its patch version
  });

  it('follows check\'s exit codes once the report is written: a failing verdict is exit 1, a review only with --fail-on review', () => {
    const r = xborder(['report', EXAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('rp-route rp-fail');
    expect(xborder(['check', EXAMPLE, '--no-config', '-q']).code).toBe(1);
    const review = join(ROOT, 'examples/manifests/review-automotive-110k-owners.yaml');
    const reviewed = xborder(['report', review]);
    expect(reviewed.code).toBe(0);
    expect(reviewed.stdout).toContain('<html');
    expect(xborder(['report', review, '--fail-on', 'review']).code).toBe(1);
    expect(xborder(['report', join(ROOT, 'examples/manifests/pass-ciio-hotel-booking.yaml'), '--fail-on', 'review']).code).toBe(0);
  });

  it('without Chromium, no PDF is exit 2 with a message in the run\'s language; the HTML is written next to it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-report-'));
    const r = xborder(['report', EXAMPLE, '--pdf', join(dir, 'out.pdf')], { env: { XBORDER_CHROMIUM: join(dir, 'no-chromium') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`xborder: no PDF written: no Chromium found (set XBORDER_CHROMIUM or install chromium); the HTML report is in ${join(dir, 'out.html')}`);
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false);
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toContain('<html lang="en">');
    const zh = xborder(['report', EXAMPLE, '--lang', 'zh', '--pdf', join(dir, 'zh.pdf')], { env: { XBORDER_CHROMIUM: join(dir, 'no-chromium') } });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain(`xborder: 未生成 PDF：找不到 Chromium（请设置 XBORDER_CHROMIUM 或安装 chromium）；HTML 报告已写入 ${join(dir, 'zh.html')}`);
  });

  it('an unreadable or invalid manifest is exit 2 with its position, in the run\'s language, and no report', () => {
    const missing = xborder(['report', 'tests/fixtures/does-not-exist.yaml', '--lang', 'zh']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe('xborder: tests/fixtures/does-not-exist.yaml: 文件不存在或无法读取\n');
    const dir = mkdtempSync(join(tmpdir(), 'xborder-report-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(join(ROOT, EXAMPLE), 'utf8').replace('country: SG', 'country: XX'));
    const r = xborder(['report', bad, '--lang', 'zh']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+ \/recipient\/country "XX" 不是已分配的 ISO 3166-1 国家或地区代码/);
  });

  it('a report that cannot be written, or a date that is not one, is exit 2', () => {
    const r = xborder(['report', EXAMPLE, '-o', '/nonexistent-folder/report.html', '--lang', 'zh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('xborder: 无法将报告写入 /nonexistent-folder/report.html：文件夹 /nonexistent-folder 不存在（xborder 不会创建文件夹）；未检查任何内容\n');
    expect(xborder(['report', EXAMPLE, '--as-of', '2026-02-30']).code).toBe(2);
  });

  it('never writes the report over the manifest it reports on (--output, or the HTML beside --pdf): exit 2, untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-report-'));
    const m = join(dir, 'm.yaml');
    cpSync(join(ROOT, EXAMPLE), m);
    const before = readFileSync(m, 'utf8');
    const r = xborder(['report', m, '--output', m]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(`the report file ${m} is also a manifest to check`)]);
    expect(readFileSync(m, 'utf8')).toBe(before);
  });

  it('honours .xborder.yaml as check does: its trust store refuses unsigned packs, and neither checks nor reports', () => {
    const dir = project('trust: trust.yaml\n');
    writeFileSync(join(dir, 'trust.yaml'), 'apiVersion: xborder/trust/v1\nkind: TrustStore\nkeys: []\n'); // trusts no key (a missing one is the configuration's error)
    const check = xborderIn(join(dir, 'transfers'), ['check', 'singapore-crm.yaml']);
    const report = xborderIn(join(dir, 'transfers'), ['report', 'singapore-crm.yaml']);
    expect(check.code).toBe(2);
    expect(report.code).toBe(2);
    expect(report.stdout).toBe('');
    for (const r of [check, report]) expect(r.stderr).toMatch(/rule packs refused by the trust store; nothing was checked\.\n.*\[unsigned\]/);
    // --no-config leaves the file (and its trust store) out, as for check.
    // (Without the file's waiver the verdict fails the gate: written, exit 1.)
    expect(xborderIn(join(dir, 'transfers'), ['report', 'singapore-crm.yaml', '--no-config']).code).toBe(1);
  });

  it('honours the configuration\'s waivers, lang and packs: the same verdict as check, its waiver shown', () => {
    const dir = project();
    writeFileSync(join(dir, '.xborder.yaml'), `${readFileSync(join(dir, '.xborder.yaml'), 'utf8').replace('lang: en', 'lang: zh')}packs: [${join(ROOT, 'rules/cn-national')}]\n`);
    const r = xborderIn(join(dir, 'transfers'), ['report', 'singapore-crm.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<html lang="zh-CN">');
    expect(r.stdout).toContain('已例外批准：Li Wei, Data Protection Officer批准，有效期至2027-03-31');
    expect(r.stdout).toContain('cn-national</code>');
    expect(r.stdout).not.toContain('zone-shanghai');
    const check = JSON.parse(xborderIn(join(dir, 'transfers'), ['check', 'singapore-crm.yaml', '-f', 'json', '-q']).stdout) as { verdict: string; packs: { id: string }[] }[];
    expect(r.stdout).toContain(`rp-route rp-${check[0]!.verdict}`);
    expect(check[0]!.packs.map((p) => p.id)).toEqual(['cn-national']);
    // A --lang given on the command line wins over the file's.
    expect(xborderIn(join(dir, 'transfers'), ['report', 'singapore-crm.yaml', '--lang', 'en']).stdout).toContain('<html lang="en">');
  });

  it('an unusable configuration is exit 2 with its position, in the file\'s language when the file says one', () => {
    const dir = project();
    writeFileSync(join(dir, 'waivers.yaml'), 'waivers:\n  - rule: x\n    reason: r\n    approver: a\n    expires: 2026-02-30\n');
    writeFileSync(join(dir, '.xborder.yaml'), 'lang: zh\nwaivers: waivers.yaml\n');
    const r = xborderIn(dir, ['report', 'transfers/singapore-crm.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^xborder: waivers\.yaml:2:5 \/waivers\/0 缺少必填字段 "exporter"\n[\s\S]*waivers\.yaml:5:14 \/waivers\/0\/expires 须为真实存在的日期（YYYY-MM-DD）/);
  });

  it('says the route and the verdict in the words of src/report/labels.ts, as every other report', () => {
    const r = xborder(['report', EXAMPLE, '--lang', 'zh']);
    expect(r.stdout).toContain(`<p class="rp-mechanism">${MECHANISM_TEXT['contract-or-certification'].zh}</p>`);
    expect(r.stdout).toContain(OUTCOME_MEANING.fail.zh);
  });

  it.skipIf(!hasChromium || !hasPdftotext)('prints the Chinese report to PDF with the figures in Chinese', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-report-'));
    const pdf = join(dir, 'report.pdf');
    const r = xborder(['report', EXAMPLE, '--lang', 'zh', '--pdf', pdf]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // printed; the verdict fails the gate
    const text = pdfText(pdf);
    expect(text).toContain('数据出境合规报告');
    expect(text).toMatch(/170,000\s*人/);
    expect(text.replace(/\s+/g, '')).toContain(MECHANISM_TEXT['contract-or-certification'].zh);
    expect(text).toContain('上海示例贸易有限公司');
  });
});
