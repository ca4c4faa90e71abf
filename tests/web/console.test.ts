/**
 * The web console as a person uses it, in a real Chromium against a real `xborder serve` on a loopback port.
 * Skipped (not failed) where /usr/bin/chromium is absent; `.ci/run` installs it with fonts-noto-cjk and poppler-utils.
 * Screenshots go to test-artifacts/console/ (ignored by git, kept as CI artifacts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, xborder } from '../helpers/cli.js';
import { serveProcess, type Served } from '../service/helpers.js';
import { CHROMIUM, hasChromium, hasPdftotext, pdfText } from './browser.js';

const SHOTS = join(ROOT, 'test-artifacts/console');
/** A real browser and server on a shared, busy machine: each step waits on a recompile of every pack. */
const BROWSER_TIMEOUT = 240_000;
/** Waits for what the page shows after a request (the default of 1 s is too short on a busy machine). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 60_000 });
const EXAMPLE = join(ROOT, 'examples/manifests/fail-sme-150k-singapore.yaml');

describe.skipIf(!hasChromium)('web console in Chromium', () => {
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    served = await serveProcess(['--host', '127.0.0.1']);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  }, 180_000); // a server process and a browser start here: on 2 busy cores (the whole suite) that once took over 60 s
  afterAll(async () => {
    await browser?.close();
    served?.proc.kill('SIGTERM');
    await served?.exited;
  });

  const open = async (locale: string): Promise<Page> => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text())) errors.push(m.text()); });
    await page.goto(`${served.url}/`);
    (page as Page & { errors: string[] }).errors = errors;
    return page;
  };
  const verdict = (page: Page) => page.getByTestId('verdict');
  /** The playground's state, decoded from the page's fragment (z=: deflate-raw, base64url). */
  const fragmentState = async (page: Page): Promise<{ pack?: string }> => {
    const q = new URLSearchParams(page.url().split('?')[1] ?? '');
    const z = q.get('z');
    return z === null ? {} : (JSON.parse(inflateRawSync(Buffer.from(z, 'base64url')).toString('utf8')) as { pack?: string });
  };
  const seriousViolations = async (page: Page): Promise<string[]> => {
    const { AxeBuilder } = await import('@axe-core/playwright');
    const r = await new AxeBuilder({ page }).analyze();
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };

  it('builds a 150,000-person Singapore transfer: fail, contract or certification, the Art 8 reason; then in Chinese', async () => {
    const page = await open('en-US');
    expect(await page.locator('h1').innerText()).toBe('xborder: outbound data transfer check');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByLabel('Company name').fill('Shanghai Example Trading Co.');
    await page.getByLabel('Province of registration').selectOption('CN-SH');
    await page.getByLabel('Recipient name').fill('Example Pte. Ltd.');
    await page.getByLabel('Country or region').fill('SG');
    await page.getByRole('checkbox', { name: /^basic: name/ }).check();
    await page.getByRole('checkbox', { name: /^contact: phone/ }).check();
    await page.getByLabel('Individuals (non-sensitive PI)').fill('150000');
    await poll(() => verdict(page).getAttribute('data-verdict')).toBe('fail');
    expect(await verdict(page).getAttribute('data-mechanism')).toBe('contract-or-certification');
    const art8 = verdict(page).locator('.finding', { hasText: 'CAC Provisions 2024 Art. 8' });
    await poll(() => art8.count()).toBe(1);
    expect(await art8.innerText()).toContain('150,000');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'builder-en.png'), fullPage: true });

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await poll(() => verdict(page).innerText()).toContain('不通过');
    expect(await verdict(page).innerText()).toContain('《促进和规范数据跨境流动规定》第八条');
    await poll(() => page.getByLabel('公司名称').inputValue()).toBe('Shanghai Example Trading Co.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'builder-zh.png'), fullPage: true });
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  }, BROWSER_TIMEOUT);

  it('opens in Chinese when the browser prefers it', async () => {
    const page = await open('zh-CN');
    expect(await page.locator('h1').innerText()).toBe('xborder 数据出境合规检查');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.context().close();
  }, BROWSER_TIMEOUT);

  it('loads an example file into the form, downloads it back as YAML, and prints the report in both languages', async () => {
    const page = await open('zh-CN');
    await page.locator('input[name="manifest-file"]').setInputFiles(EXAMPLE);
    // The file is read asynchronously: wait for the form to show it.
    await poll(() => page.getByLabel('公司名称').inputValue()).toBe('上海示例贸易有限公司');
    await poll(() => page.getByLabel('今年此前已出境人数（不含敏感）').inputValue()).toBe('20000');
    await poll(() => verdict(page).getAttribute('data-verdict')).toBe('fail');
    expect(await verdict(page).innerText()).toContain('170,000');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 YAML' }).click();
    const yaml = await (await (await download).createReadStream()).toArray();
    expect(Buffer.concat(yaml).toString('utf8')).toMatch(/id: tm-2026-0042[\s\S]*individuals: 150000/);

    await page.getByRole('link', { name: '可打印报告', exact: true }).click();
    const report = page.locator('.report');
    await poll(() => report.innerText()).toContain('当年累计人数与门槛');
    expect(await report.innerText()).toContain('170,000 人');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'report-zh.png'), fullPage: true });
    const pdf = join(SHOTS, 'report-zh.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4' });
    if (hasPdftotext) {
      const text = pdfText(pdf);
      expect(text).toContain('数据出境合规报告');
      expect(text).toMatch(/170,000\s*人/);
      expect(text).toMatch(/100,000\s*人/);
      expect(text).toContain('标准合同备案');
      expect(text).not.toContain('English');   // the console's chrome is not printed
    }
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: '切换为英文' }).click();
    await poll(() => report.innerText()).toContain('Year-to-date figures against the thresholds');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'report-en.png'), fullPage: true });
    await page.context().close();
  }, BROWSER_TIMEOUT);

  it('validation problems are worded as the CLI words them, each field once (was "/exporter/name /exporter/name must NOT have fewer than 1 characters")', async () => {
    const page = await open('en');
    const invalid = page.getByTestId('invalid');
    await poll(() => invalid.count()).toBe(1);
    const items = await invalid.locator('li').allInnerTexts();
    expect(items).toContain('/exporter/name must not be empty');
    for (const item of items) expect(item).not.toMatch(/^(\/\S*) \1( |$)/);
    expect(items.join('\n')).not.toContain('must NOT');
    await page.context().close();
  }, BROWSER_TIMEOUT);

  it('in Chinese, validation problems and the zone comparison are in Chinese too (the core\'s sentences, translated)', async () => {
    const page = await open('zh-CN');
    const invalid = page.getByTestId('invalid');
    // The blank form is not a manifest yet: its problems, as the service reports them, in the page's language.
    await poll(() => invalid.count()).toBe(1);
    const problems = await invalid.innerText();
    expect(problems).toContain('出境说明尚未填写完整');
    expect(problems).toMatch(/须|缺少|不是/);
    expect(problems).not.toMatch(/must|missing required|is not/);
    expect(problems).toContain('/exporter/name 不能为空');
    await page.locator('input[name="manifest-file"]').setInputFiles(EXAMPLE);
    await poll(() => verdict(page).getAttribute('data-verdict')).toBe('fail');
    const zones = page.locator('table.zones tbody tr');
    await poll(() => zones.count()).toBeGreaterThan(1);
    const rows = await zones.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-verdict'), (tr.children[1] as HTMLElement).innerText]));
    const zh: Record<string, string> = { pass: '通过', review: '需人工审查', fail: '不通过' };
    for (const [v, shown] of rows) expect(shown).toBe(zh[v!]);
    await page.context().close();
  }, BROWSER_TIMEOUT);

  // Typing here once hung the page (the editor and a late effect swapped two texts without end; web/src/editor.tsx).
  it('playground: a changed threshold flips test cases; broken YAML shows the error at the line and column pack validate reports', async () => {
    const packs = (await (await fetch(`${served.url}/v1/playground/packs`)).json()) as { pack: { uri: string; text: string } }[];
    const original = packs.find((p) => p.pack.uri === 'cn-national/pack.yaml')?.pack.text ?? '';
    const lines = original.split('\n');
    const thresholdLine = lines.findIndex((l) => l.trim() === 'value: 100000') + 1;
    expect(thresholdLine).toBeGreaterThan(0);

    const page = await open('en-US');
    await page.getByRole('link', { name: 'Pack playground' }).click();
    // The first pack listed is not necessarily the national one (cn-gba sorts before it): choose it.
    await page.locator('#pg-pack').selectOption('cn-national/pack.yaml');
    const tests = page.getByTestId('pg-tests');
    await expect.poll(() => tests.locator('tr').count(), { timeout: 90_000 }).toBeGreaterThan(10);
    expect(await tests.locator('tr[data-ok="false"]').count()).toBe(0);
    expect(await page.getByTestId('pg-valid').count()).toBe(1);

    // 100,000 → 200,000: the case at exactly 100,000 individuals now passes where the table expects a contract.
    const editor = page.locator('#pg-pack-editor');
    const goToLine = async (n: number) => {
      await editor.click();
      await page.keyboard.press('Control+Home');
      for (let i = 1; i < n; i++) await page.keyboard.press('ArrowDown');
    };
    await goToLine(thresholdLine);
    await page.keyboard.press('End');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Backspace');
    await page.keyboard.insertText('200000');
    const flipped = tests.locator('tr[data-flipped="true"]');
    await expect.poll(() => flipped.count(), { timeout: 90_000 }).toBeGreaterThan(0);
    expect(await flipped.first().innerText()).toContain('100,000 non-sensitive individuals need a contract or certification');
    expect(await flipped.first().getAttribute('data-ok')).toBe('false');
    await poll(async () => (await fragmentState(page)).pack ?? '').toContain('value: 200000'); // the edit lives in the fragment
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'playground-en.png'), fullPage: true });

    // Break the YAML at line 7; the position must be the one the CLI reports for the same text.
    await goToLine(7);
    await page.keyboard.press('Home');
    await page.keyboard.insertText('  broken: [');
    await page.keyboard.press('Enter');
    const diagnostics = page.getByTestId('pg-diagnostics');
    await expect.poll(() => diagnostics.innerText(), { timeout: 90_000 }).toMatch(/cn-national\/pack\.yaml:\d+:\d+/);
    const shown = /cn-national\/pack\.yaml:(\d+):(\d+)/.exec(await diagnostics.innerText());
    // The editor's exact text, from the shareable state in the URL fragment.
    const broken = (await fragmentState(page)).pack ?? '';
    expect(broken.split('\n')[6]).toMatch(/^ +broken: \[$/);
    const dir = mkdtempSync(join(tmpdir(), 'xborder-playground-'));
    mkdirSync(join(dir, 'cn-national'));
    writeFileSync(join(dir, 'cn-national/pack.yaml'), broken);
    const cli = xborder(['pack', 'validate', dir]);
    expect(cli.code).toBe(2);
    expect(`${cli.stdout}${cli.stderr}`).toContain(`pack.yaml:${shown?.[1]}:${shown?.[2]}`);
    expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await poll(() => page.locator('.playground .intro').innerText()).toContain('规则包');
    await page.screenshot({ path: join(SHOTS, 'playground-zh.png'), fullPage: true });
    await page.context().close();
  }, BROWSER_TIMEOUT);
});
