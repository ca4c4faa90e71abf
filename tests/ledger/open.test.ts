import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exporterKey } from '../../src/ledger/key.js';
import { openLedger, parseLedgerSpec, redactLedgerSpec } from '../../src/ledger/open.js';
import { ROOT, ensureBuilt, entry, tempDir } from './helpers.js';

describe('exporterKey', () => {
  it('prefers the trimmed USCC, else the name', () => {
    expect(exporterKey({ name: 'Acme', uscc: ' 91310000MA1FL0000X ' })).toBe('91310000MA1FL0000X');
    expect(exporterKey({ name: ' Acme Ltd ', uscc: '  ' })).toBe('Acme Ltd');
    expect(exporterKey({ name: 'Acme Ltd' })).toBe('Acme Ltd');
    expect(() => exporterKey({ name: ' ' })).toThrow(/neither/);
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
