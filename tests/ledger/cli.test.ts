import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppIO } from '../../src/app/io.js';
import { runExport, runRecord, runShow } from '../../src/app/ledger.js';
import type { PackSet } from '../../src/evaluate/pack-set.js';
import { loadPacks } from '../../src/load/load-packs.js';
import { tempDir } from './helpers.js';

/** A manifest file: the exporter and counts vary, the rest is a plain consent-based transfer (or HR, or no PI). */
function manifest(dir: string, file: string, o: { id: string; date: string; name: string; uscc?: string; basis?: string; individuals?: number; sensitive?: number }): string {
  const pi = o.individuals === undefined ? [] : [
    'personalInformation:', `  individuals: ${o.individuals}`, `  sensitiveIndividuals: ${o.sensitive ?? 0}`,
    '  priorThisYear: { individuals: 0, sensitiveIndividuals: 0 }',
    'safeguards:', '  separateConsent: true', '  pia: { completedOn: 2026-01-15 }',
  ];
  const categories = o.individuals === undefined ? '[biz.technical]' : o.sensitive ? '[pi.basic, pi.financial]' : '[pi.basic, pi.contact]';
  const text = [
    'apiVersion: xborder/v1', 'kind: TransferManifest', `id: ${o.id}`, `date: ${o.date}`,
    'exporter:', `  name: ${o.name}`, ...(o.uscc ? [`  uscc: ${o.uscc}`] : []), '  region: CN-ZJ', '  ciio: false', '  sector: other',
    'recipient:', '  name: Example GmbH', '  country: DE', '  kind: company',
    'purpose:', `  basis: ${o.basis ?? (o.individuals === undefined ? 'none' : 'consent')}`, '  activity: other',
    'data:', '  - id: d1', `    categories: ${categories}`, '    classification: general',
    ...pi, '',
  ].join('\n');
  const path = join(dir, file);
  writeFileSync(path, text);
  return path;
}

const memoryIO = (env: Record<string, string> = {}): { io: AppIO; out: () => string; err: () => string; clear: () => void } => {
  let out = '';
  let err = '';
  const io = { stdout: (s: string) => { out += s; }, stderr: (s: string) => { err += s; }, env, cwd: process.cwd(), isTTY: false, stderrIsTTY: false, readStdin: async () => '' } as AppIO;
  return { io, out: () => out, err: () => err, clear: () => { out = ''; err = ''; } };
};

describe('xborder ledger', () => {
  let packs: PackSet;
  let dir: string;
  let ledger: string;
  let files: Record<'tm1' | 'tm2' | 'hr' | 'noPi' | 'bad', string>;
  let m: ReturnType<typeof memoryIO>;

  beforeAll(async () => { packs = await loadPacks(); });

  beforeEach(() => {
    dir = tempDir();
    ledger = join(dir, 'ledger.db');
    const acme = { name: 'Acme Data Ltd', uscc: '91310000MA1FL0000X' };
    files = {
      tm1: manifest(dir, 'tm-1.yaml', { id: 'tm-1', date: '2026-03-01', ...acme, individuals: 60_000 }),
      tm2: manifest(dir, 'tm-2.yaml', { id: 'tm-2', date: '2026-05-01', ...acme, individuals: 32_000, sensitive: 12 }),
      hr: manifest(dir, 'hr.yaml', { id: 'hr-1', date: '2026-05-02', name: 'Beta Co', basis: 'hr', individuals: 800 }),
      noPi: manifest(dir, 'no-pi.yaml', { id: 'trade-1', date: '2026-06-01', name: 'Beta Co' }),
      bad: join(dir, 'bad.yaml'),
    };
    writeFileSync(files.bad, 'apiVersion: xborder/v1\nkind: TransferManifest\nid: x\ndate: 2026-13-45\n');
    m = memoryIO();
  });

  it('records, says so, and is idempotent', async () => {
    expect(await runRecord([files.tm1], { ledger, packs }, m.io)).toBe(0);
    expect(m.err()).toBe('');
    expect(m.out()).toBe('recorded tm-1 for 91310000MA1FL0000X 2026: 60,000 individuals (year total 60,000; sensitive 0)\n');
    m.clear();
    expect(await runRecord([files.tm1, files.tm2], { ledger, packs }, m.io)).toBe(0);
    expect(m.out()).toBe(
      'already recorded tm-1 for 91310000MA1FL0000X 2026 (no change; year total 60,000; sensitive 0)\n'
      + 'recorded tm-2 for 91310000MA1FL0000X 2026: 32,000 individuals, 12 sensitive (year total 92,000; sensitive 12)\n');
    expect(m.err()).toBe('');
  });

  it('marks exempt transfers and records transfers without personal information as zero', async () => {
    expect(await runRecord([files.hr, files.noPi], { ledger, packs }, m.io)).toBe(0);
    expect(m.out()).toBe(
      'recorded hr-1 for Beta Co 2026: 800 individuals, exempt: recorded but not counted (year total 0; sensitive 0)\n'
      + 'recorded trade-1 for Beta Co 2026: 0 individuals (year total 0; sensitive 0)\n');
  });

  it('reports a bad manifest by position only, records the others, and exits 2', async () => {
    expect(await runRecord([files.bad, files.tm1], { ledger, packs }, m.io)).toBe(2);
    expect(m.err()).toMatch(/^xborder ledger: \S*bad\.yaml: not a valid manifest: \d+ problems? at \S*bad\.yaml:\d+:\d+.*; `xborder validate \S*bad\.yaml` shows them\n$/);
    expect(m.err()).not.toContain('2026-13-45');
    expect(m.out()).toContain('recorded tm-1');
  });

  it('exits 2 with a redacted message when the ledger cannot be opened', async () => {
    expect(await runRecord([files.tm1], { ledger: 'mysql://u:hunter2@h/db', packs }, m.io)).toBe(2);
    expect(m.err()).toContain('mysql://u:***@h/db');
    expect(m.err()).not.toContain('hunter2');
  });

  it('opens the ledger XBORDER_LEDGER names in the AppIO environment when --ledger is not given', async () => {
    const viaEnv = memoryIO({ XBORDER_LEDGER: ledger });
    expect(await runRecord([files.tm1], { packs }, viaEnv.io)).toBe(0);
    expect(await runShow({ ledger }, m.io)).toBe(0);
    expect(m.out()).toContain('91310000MA1FL0000X');
  });

  it('refuses a manifest over the size limit: XBORDER_MAX_BYTES from the AppIO, or --max-bytes over it', async () => {
    const small = memoryIO({ XBORDER_MAX_BYTES: '100' });
    expect(await runRecord([files.tm1], { ledger, packs }, small.io)).toBe(2);
    expect(small.err()).toMatch(/^xborder ledger: \S*tm-1\.yaml: file is [\d,]+ bytes, over the 100-byte limit \(--max-bytes\)\n$/);
    expect(small.out()).toBe('');
    expect(await runRecord([files.tm1], { ledger, packs, maxBytes: 100_000 }, small.io)).toBe(0);
    const broken = memoryIO({ XBORDER_MAX_BYTES: 'lots' });
    expect(await runRecord([files.tm1], { ledger, packs, lang: 'zh' }, broken.io)).toBe(2);
    expect(broken.err()).toBe('xborder ledger: XBORDER_MAX_BYTES 须为正整数（字节数）（实际为 "lots"）\n');
  });

  it('shows totals, filtered by exporter and year', async () => {
    await runRecord([files.tm1, files.tm2, files.hr], { ledger, packs }, m.io);
    m.clear();
    expect(await runShow({ ledger }, m.io)).toBe(0);
    expect(m.out().split('\n')[2]).toMatch(/^91310000MA1FL0000X\s+2026\s+2\s+92,000\s+12\s+0\s+0$/);
    expect(m.out().split('\n')[3]).toMatch(/^Beta Co\s+2026\s+1\s+0\s+0\s+800\s+0$/);
    m.clear();
    expect(await runShow({ ledger, exporter: 'Beta Co' }, m.io)).toBe(0);
    expect(m.out()).not.toContain('91310000MA1FL0000X');
    m.clear();
    expect(await runShow({ ledger, year: '2025' }, m.io)).toBe(0);
    expect(m.out()).toBe('no transfers recorded\n');
    expect(await runShow({ ledger, year: '26' }, m.io)).toBe(2);
    expect(m.err()).toBe('xborder ledger: --year must be a four-digit year, got "26"\n');
  });

  it('says everything in Chinese with --lang zh (出境说明 for the manifest, 台账 for the ledger); exit codes unchanged', async () => {
    const zh = { ledger, packs, lang: 'zh' } as const;
    expect(await runShow({ ledger, lang: 'zh' }, m.io)).toBe(2); // show never creates the ledger
    // The reason names the ledger: said once (never "无法打开台账 x.db：x.db …").
    expect(m.err()).toBe(`xborder ledger: ${ledger} 尚未创建台账（\`xborder ledger record\` 会创建；可用 --ledger 或 XBORDER_LEDGER 指定其他台账）\n`);
    m.clear();
    expect(await runRecord([files.tm1, files.hr, files.bad, join(dir, 'nosuch.yaml')], zh, m.io)).toBe(2);
    expect(m.out()).toBe('已记录 tm-1（91310000MA1FL0000X，2026年）：60,000 人（全年累计 60,000 人；敏感 0 人）\n'
      + '已记录 hr-1（Beta Co，2026年）：800 人，豁免：已记录但不计入累计（全年累计 0 人；敏感 0 人）\n');
    const lines = m.err().split('\n');
    expect(lines[0]).toMatch(/^xborder ledger: \S*bad\.yaml: 不是有效的出境说明：\d+ 处问题，位于 \S*bad\.yaml:\d+:\d+.*；`xborder validate \S*bad\.yaml` 可列出详情$/);
    expect(lines[1]).toMatch(/^xborder ledger: \S*nosuch\.yaml: 文件不存在或无法读取$/);
    m.clear();
    expect(await runRecord([files.tm1, files.tm2], zh, m.io)).toBe(0);
    expect(m.out()).toBe('已记录过 tm-1（91310000MA1FL0000X，2026年），未作更改（全年累计 60,000 人；敏感 0 人）\n'
      + '已记录 tm-2（91310000MA1FL0000X，2026年）：32,000 人，其中敏感 12 人（全年累计 92,000 人；敏感 12 人）\n');
    // The same name under a second USCC: recorded, with a note that check --ledger reviews this exporter.
    m.clear();
    const other = manifest(dir, 'tm-3.yaml', { id: 'tm-3', date: '2026-07-01', name: 'Acme Data Ltd', uscc: '91310000MA1FL0001Y', individuals: 10 });
    expect(await runRecord([other], zh, m.io)).toBe(0);
    expect(m.out().split('\n')[1]).toBe('  注意：该名称在台账中对应多个统一社会信用代码；在人工处理之前，check --ledger 对该数据处理者的结论为需人工审查');
    m.clear();
    expect(await runShow({ ledger, year: '2025', lang: 'zh' }, m.io)).toBe(0);
    expect(m.out()).toBe('台账中尚无出境记录\n');
    expect(await runShow({ ledger, year: '26', lang: 'zh' }, m.io)).toBe(2);
    expect(await runExport({ ledger, format: 'xml', lang: 'zh' }, m.io)).toBe(2);
    expect(await runRecord([files.tm1], { ...zh, ledger: 'mysql://u:hunter2@h/db' }, m.io)).toBe(2);
    expect(m.err()).toBe('xborder ledger: --year 须为四位数年份，实际为 "26"\n'
      + 'xborder ledger: --format 须为 csv 或 json，实际为 "xml"\n'
      + 'xborder ledger: 无法打开台账 mysql://u:***@h/db：不支持的台账 URL 协议：mysql://u:***@h/db\n');
  });

  it('exports CSV to stdout and JSON to a file', async () => {
    await runRecord([files.tm1], { ledger, packs }, m.io);
    m.clear();
    expect(await runExport({ ledger }, m.io)).toBe(0);
    expect(m.out()).toBe('\uFEFFexporter,year,transfers,individuals,sensitive_individuals,uncounted_individuals,uncounted_sensitive_individuals\r\n'
      + '91310000MA1FL0000X,2026,1,60000,0,0,0\r\n');
    const file = join(tempDir(), 'totals.json');
    expect(await runExport({ ledger, format: 'json', output: file }, m.io)).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject([{ exporter: '91310000MA1FL0000X', individuals: 60_000 }]);
    expect(await runExport({ ledger, format: 'xml' }, m.io)).toBe(2);
    expect(m.err()).toBe('xborder ledger: --format must be csv or json, got "xml"\n');
  });
});
