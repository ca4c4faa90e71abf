/** `xborder report`: the printable report as HTML, and as PDF through Chromium where it is installed. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';
import { hasChromium, hasPdftotext, pdfText } from './browser.js';

const EXAMPLE = 'examples/manifests/fail-sme-150k-singapore.yaml';

describe('xborder report', () => {
  it('writes a Chinese HTML report with lang="zh-CN", the year-to-date figures against each threshold and the materials', () => {
    const r = xborder(['report', EXAMPLE, '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<html lang="zh-CN">');
    expect(r.stdout).toMatch(/自当年1月1日起累计人数（含本次）<\/th><td class="rp-num rp-total">170,000 人/);
    expect(r.stdout).toMatch(/100,000 人<\/td><td class="rp-num">170,000 人<\/td><td class="rp-nowrap">已达到/);
    expect(r.stdout).toMatch(/1,000,000 人<\/td><td class="rp-num">170,000 人<\/td><td class="rp-nowrap">未达到/);
    expect(r.stdout).toContain('《促进和规范数据跨境流动规定》第八条');
    expect(r.stdout).toContain('个人信息保护影响评估报告');
    expect(r.stdout).toContain('cn-national</code> 2024.3.0');
  });

  it('without Chromium writes the HTML next to the requested PDF and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-report-'));
    const r = xborder(['report', EXAMPLE, '--pdf', join(dir, 'out.pdf')], { env: { XBORDER_CHROMIUM: join(dir, 'no-chromium') } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no Chromium found');
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false);
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toContain('<html lang="en">');
  });

  it('an invalid manifest is exit 2 with its position, and no report', () => {
    const r = xborder(['report', 'tests/fixtures/does-not-exist.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it.skipIf(!hasChromium || !hasPdftotext)('prints the Chinese report to PDF with the figures in Chinese', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-report-'));
    const pdf = join(dir, 'report.pdf');
    const r = xborder(['report', EXAMPLE, '--lang', 'zh', '--pdf', pdf]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = pdfText(pdf);
    expect(text).toContain('数据出境合规报告');
    expect(text).toMatch(/170,000\s*人/);
    expect(text).toContain('订立并备案标准合同，或通过个人信息保护认证');
    expect(text).toContain('上海示例贸易有限公司');
  });
});
