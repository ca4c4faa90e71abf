import { mkdtempSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';

const MANIFEST = 'examples/manifests/fail-sme-150k-singapore.yaml';

/**
 * A ledger that opens (its schema page is sound) but whose transfers table and index are not: the first read of
 * year-to-date totals fails after the open succeeded.
 */
function brokenLedger(): string {
  const db = join(mkdtempSync(join(tmpdir(), 'xborder-ledger-read-')), 'ledger.db');
  expect(xborder(['ledger', 'record', '--ledger', db, MANIFEST]).code).toBe(0);
  const conn = new Database(db, { readonly: true });
  const pageSize = conn.pragma('page_size', { simple: true }) as number;
  const pages = conn.prepare("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'xborder_transfers'").all() as { rootpage: number }[];
  conn.close();
  const fd = openSync(db, 'r+');
  for (const { rootpage } of pages) writeSync(fd, Buffer.alloc(16, 0xff), 0, 16, (rootpage - 1) * pageSize);
  closeSync(fd);
  return db;
}

describe('a ledger read that fails after the ledger opened', () => {
  it('report says why on stderr (exit 2), in English and Chinese, instead of exiting 2 in silence', () => {
    const db = brokenLedger();
    const en = xborder(['report', '--no-config', '--lang', 'en', '--ledger', db, MANIFEST]);
    expect(en.code).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toMatch(/^xborder: cannot read ledger .*ledger\.db: .+; year-to-date totals are unknown/m);
    const zh = xborder(['report', '--no-config', '--lang', 'zh', '--ledger', db, MANIFEST]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/^xborder: 无法读取台账 .*ledger\.db：.+当年累计人数未知/m);
  });

  it('check says it once for many manifests, reports each as review, exit 2', () => {
    const db = brokenLedger();
    const r = xborder(['check', '--no-config', '--format', 'json', '--ledger', db, MANIFEST, MANIFEST]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject([
      { verdict: 'review', findings: [{ rule: 'xborder.ledger-unavailable' }] },
      { verdict: 'review', findings: [{ rule: 'xborder.ledger-unavailable' }] },
    ]);
    expect(r.stderr.match(/cannot read ledger/g)).toHaveLength(1);
  });
});
