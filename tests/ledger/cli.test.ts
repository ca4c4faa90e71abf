import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runExport, runRecord, runShow, type LedgerDeps, type LoadManifestResult } from '../../src/app/ledger.js';
import { tempDir } from './helpers.js';

const manifests: Record<string, LoadManifestResult> = {
  'tm-1.yaml': { ok: true, counted: true, manifest: {
    id: 'tm-1', date: '2026-03-01', exporter: { name: 'Acme Data Ltd', uscc: '91310000MA1FL0000X' },
    personalInformation: { individuals: 60_000, sensitiveIndividuals: 0 } } },
  'tm-2.yaml': { ok: true, counted: true, manifest: {
    id: 'tm-2', date: '2026-05-01', exporter: { name: 'Acme Data Ltd', uscc: '91310000MA1FL0000X' },
    personalInformation: { individuals: 32_000, sensitiveIndividuals: 12 } } },
  'hr.yaml': { ok: true, counted: false, manifest: {
    id: 'hr-1', date: '2026-05-02', exporter: { name: 'Beta Co' },
    personalInformation: { individuals: 800, sensitiveIndividuals: 0 } } },
  'no-pi.yaml': { ok: true, counted: true, manifest: { id: 'trade-1', date: '2026-06-01', exporter: { name: 'Beta Co' } } },
  'bad.yaml': { ok: false, message: 'schema: /date must match format "date"' },
};

describe('xborder ledger', () => {
  let ledger: string;
  let out: string;
  let err: string;
  let deps: LedgerDeps;

  beforeEach(() => {
    ledger = join(tempDir(), 'ledger.db');
    out = '';
    err = '';
    deps = {
      loadManifest: async (file) => manifests[file] ?? { ok: false, message: 'not found' },
      stdout: (t) => { out += t; },
      stderr: (t) => { err += t; },
    };
  });

  it('records, says so, and is idempotent', async () => {
    expect(await runRecord(['tm-1.yaml'], { ledger }, deps)).toBe(0);
    expect(out).toBe('recorded tm-1 for 91310000MA1FL0000X 2026: 60,000 individuals (year total 60,000; sensitive 0)\n');
    out = '';
    expect(await runRecord(['tm-1.yaml', 'tm-2.yaml'], { ledger }, deps)).toBe(0);
    expect(out).toBe(
      'already recorded tm-1 for 91310000MA1FL0000X 2026 (no change; year total 60,000; sensitive 0)\n'
      + 'recorded tm-2 for 91310000MA1FL0000X 2026: 32,000 individuals, 12 sensitive (year total 92,000; sensitive 12)\n');
    expect(err).toBe('');
  });

  it('marks exempt transfers and records transfers without personal information as zero', async () => {
    expect(await runRecord(['hr.yaml', 'no-pi.yaml'], { ledger }, deps)).toBe(0);
    expect(out).toBe(
      'recorded hr-1 for Beta Co 2026: 800 individuals, exempt: recorded but not counted (year total 0; sensitive 0)\n'
      + 'recorded trade-1 for Beta Co 2026: 0 individuals (year total 0; sensitive 0)\n');
  });

  it('reports a bad manifest, records the others, and exits 2', async () => {
    expect(await runRecord(['bad.yaml', 'tm-1.yaml'], { ledger }, deps)).toBe(2);
    expect(err).toBe('xborder ledger: bad.yaml: schema: /date must match format "date"\n');
    expect(out).toContain('recorded tm-1');
  });

  it('exits 2 with a redacted message when the ledger cannot be opened', async () => {
    expect(await runRecord(['tm-1.yaml'], { ledger: 'mysql://u:hunter2@h/db' }, deps)).toBe(2);
    expect(err).toContain('mysql://u:***@h/db');
    expect(err).not.toContain('hunter2');
  });

  it('shows totals, filtered by exporter and year', async () => {
    await runRecord(['tm-1.yaml', 'tm-2.yaml', 'hr.yaml'], { ledger }, deps);
    out = '';
    expect(await runShow({ ledger }, deps)).toBe(0);
    expect(out.split('\n')[2]).toMatch(/^91310000MA1FL0000X\s+2026\s+2\s+92,000\s+12\s+0\s+0$/);
    expect(out.split('\n')[3]).toMatch(/^Beta Co\s+2026\s+1\s+0\s+0\s+800\s+0$/);
    out = '';
    expect(await runShow({ ledger, exporter: 'Beta Co' }, deps)).toBe(0);
    expect(out).not.toContain('91310000MA1FL0000X');
    out = '';
    expect(await runShow({ ledger, year: '2025' }, deps)).toBe(0);
    expect(out).toBe('no transfers recorded\n');
    expect(await runShow({ ledger, year: '26' }, deps)).toBe(2);
    expect(err).toContain('--year must be a four-digit year');
  });

  it('exports CSV to stdout and JSON to a file', async () => {
    await runRecord(['tm-1.yaml'], { ledger }, deps);
    out = '';
    expect(await runExport({ ledger }, deps)).toBe(0);
    expect(out).toBe('\uFEFFexporter,year,transfers,individuals,sensitive_individuals,uncounted_individuals,uncounted_sensitive_individuals\r\n'
      + '91310000MA1FL0000X,2026,1,60000,0,0,0\r\n');
    const file = join(tempDir(), 'totals.json');
    expect(await runExport({ ledger, format: 'json', output: file }, deps)).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject([{ exporter: '91310000MA1FL0000X', individuals: 60_000 }]);
    expect(await runExport({ ledger, format: 'xml' }, deps)).toBe(2);
  });

});
