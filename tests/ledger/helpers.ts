import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { LedgerEntry } from '../../src/ledger/types.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(ROOT, 'tests/ledger/fixtures');
export const PG_URL = process.env.XBORDER_TEST_PG;

export function entry(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    exporter: '91310000MA1FL0000X',
    manifestId: 'tm-1',
    date: '2026-03-01',
    individuals: 60_000,
    sensitiveIndividuals: 0,
    counted: true,
    ...overrides,
  };
}

export function tempDir(prefix = 'xborder-ledger-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Child processes import the built modules; rebuild when dist is missing or older than a ledger source. */
export function ensureBuilt(): void {
  const srcDir = join(ROOT, 'src/ledger');
  const stale = readdirSync(srcDir).some((f) => {
    if (!f.endsWith('.ts')) return false;
    const out = join(ROOT, 'dist/src/ledger', f.replace(/\.ts$/, '.js'));
    return !existsSync(out) || statSync(out).mtimeMs < statSync(join(srcDir, f)).mtimeMs;
  });
  if (!stale) return;
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json')], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
}

export interface ChildResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

export function runNode(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(FIXTURES, script), ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

/** A fresh schema per test, so PostgreSQL tests start from an empty database like SQLite's temp files. */
export async function freshPgSchema(baseUrl: string): Promise<string> {
  const schema = `xb_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function pgQuery<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
