import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exporterIdentity, normaliseName } from '../../src/ledger/key.js';
import { openLedger, parseLedgerSpec, redactLedgerSpec } from '../../src/ledger/open.js';
import { ROOT, ensureBuilt, entry, tempDir } from './helpers.js';

describe('exporterIdentity', () => {
  it('keys on the normalised USCC, else the normalised name, and keeps both for linking', () => {
    expect(exporterIdentity({ name: ' Acme ', uscc: ' 91310000MA1FL0000X ' })).toEqual({ key: '91310000MA1FL0000X', name: 'Acme', uscc: '91310000MA1FL0000X' });
    expect(exporterIdentity({ name: ' Acme Ltd ', uscc: '  ' })).toEqual({ key: 'Acme Ltd', name: 'Acme Ltd' });
    expect(exporterIdentity({ name: 'Acme Ltd' }).key).toBe('Acme Ltd');
    expect(() => exporterIdentity({ name: ' \u200b' })).toThrow(/neither/);
  });
  it('normalises names: NFKC, zero-width, bidi and control characters removed, whitespace collapsed, full-width folded', () => {
    const spellings = ['Acme Trading Co.', 'Acme\u200b Trading Co.', 'Ac\u200dme Trading\u00a0 Co.', '\ufeffAcme\tTrading\nCo.',
      'Ａｃｍｅ\u3000Ｔｒａｄｉｎｇ Ｃｏ．', '\u202eAcme Trading Co.\u202c', 'Acme\u0007 Trading  Co. ', 'Acme\u2060 Trading Co.'];
    for (const s of spellings) expect(normaliseName(s), JSON.stringify(s)).toBe('Acme Trading Co.');
    expect(normaliseName('上海示例贸易有限公司\u200b')).toBe('上海示例贸易有限公司');
    expect(normaliseName('Acme Co')).not.toBe(normaliseName('Acme Co.'));
  });
  it('removes the default-ignorables that are not format characters: variation selectors, CGJ, Hangul fillers', () => {
    for (const c of ['\ufe0f', '\ufe00', '\u034f', '\u3164', '\uffa0', '\u115f', '\u180b', '\u{e0100}']) {
      expect(normaliseName(`上海示例${c}贸易有限公司`), JSON.stringify(c)).toBe('上海示例贸易有限公司');
    }
    expect(normaliseName('Café')).toBe('Café'); // a combining accent is a letter's part, not invisible (NFKC composes it)
  });
});

describe('parseLedgerSpec', () => {
  it('selects PostgreSQL for postgres:// and postgresql:// URLs', () => {
    expect(parseLedgerSpec('postgres://u:p@h/db', {})).toEqual({ kind: 'postgres', url: 'postgres://u:p@h/db' });
    expect(parseLedgerSpec('postgresql://h/db', {})).toEqual({ kind: 'postgres', url: 'postgresql://h/db' });
  });

  it('selects SQLite for paths and sqlite: specs', () => {
    expect(parseLedgerSpec('data/l.db', {})).toEqual({ kind: 'sqlite', file: 'data/l.db' });
    expect(parseLedgerSpec('sqlite:data/l.db', {})).toEqual({ kind: 'sqlite', file: 'data/l.db' });
    expect(parseLedgerSpec('sqlite:///abs/l.db', {})).toEqual({ kind: 'sqlite', file: '/abs/l.db' });
    expect(() => parseLedgerSpec('sqlite:', {})).toThrow(/names no file/);
  });

  it('falls back to XBORDER_LEDGER, then .xborder/ledger.db', () => {
    expect(parseLedgerSpec(undefined, { XBORDER_LEDGER: 'postgres://h/db' })).toEqual({ kind: 'postgres', url: 'postgres://h/db' });
    expect(parseLedgerSpec(undefined, {})).toEqual({ kind: 'sqlite', file: '.xborder/ledger.db' });
    expect(parseLedgerSpec('x.db', { XBORDER_LEDGER: 'postgres://h/db' })).toEqual({ kind: 'sqlite', file: 'x.db' });
  });

  it('refuses other URL schemes and never echoes a password', () => {
    expect(() => parseLedgerSpec('mysql://u:secret@h/db', {})).toThrow(/unsupported ledger URL scheme in mysql:\/\/u:\*\*\*@h\/db/);
    expect(redactLedgerSpec('postgres://user:s3cr3t@db.example:5432/x')).toBe('postgres://user:***@db.example:5432/x');
    expect(redactLedgerSpec('postgres://db.example/x')).toBe('postgres://db.example/x');
  });
});

describe('openLedger', () => {
  beforeAll(() => ensureBuilt(), 60_000);

  it('opens SQLite for a sqlite: spec', async () => {
    const file = join(tempDir(), 'l.db');
    const store = await openLedger(`sqlite:${file}`);
    await store.record(entry());
    await store.close();
    expect(existsSync(file)).toBe(true);
  });

  it('loads no database driver until a ledger is opened (CLI cold start)', () => {
    const probe = `
      import { createRequire } from 'node:module';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => /node_modules[\\\\/](better-sqlite3|pg)[\\\\/]/.test(k)).length;
      await import(${JSON.stringify(join(ROOT, 'dist/src/cli/main.js'))});
      const before = loaded();
      const { openLedger } = await import(${JSON.stringify(join(ROOT, 'dist/src/ledger/open.js'))});
      const store = await openLedger(':memory:');
      await store.close();
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect(res.stderr).toBe('');
    const { before, after } = JSON.parse(res.stdout) as { before: number; after: number };
    expect(before).toBe(0);
    expect(after).toBeGreaterThan(0); // the probe can see drivers, so 0 above is meaningful
  });
});
