import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xborder-ledger-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ledger = join(dir, 'ledger.db');
const manifest = 'examples/manifests/pass-sme-80k-below-threshold.yaml';

// Every ledger command takes --lang like the others; a missing file is named once, not "f.yaml: f.yaml: …".
describe('ledger --lang and messages', () => {
  it('record and show in Chinese; the table headers and the errors too; exit codes unchanged', () => {
    const rec = xborder(['ledger', 'record', manifest, 'nosuch.yaml', '--ledger', ledger, '--lang', 'zh']);
    expect(rec.code).toBe(2);
    expect(rec.stdout).toMatch(/^已记录 tm-2026-0101（.+，2026年）：80,000 人/);
    expect(rec.stderr).toBe('xborder ledger: nosuch.yaml: 文件不存在或无法读取\n');
    const show = xborder(['ledger', 'show', '--ledger', ledger, '--lang', 'zh']);
    expect(show.code).toBe(0);
    expect(show.stdout.split('\n')[0]).toMatch(/^数据处理者\s+年度\s+出境次数\s+个人信息人数/);
    const bad = xborder(['ledger', 'show', '--ledger', ledger, '--year', '26', '--lang', 'zh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--year 须为四位数年份');
    expect(xborder(['ledger', 'export', '--ledger', ledger, '--lang', 'zh']).stdout).toContain('exporter,year,transfers');
  });

  it('English: the missing file is named once', () => {
    const r = xborder(['ledger', 'record', 'nosuch.yaml', '--ledger', ledger]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('xborder ledger: nosuch.yaml: file not found or not readable\n');
  });
});
