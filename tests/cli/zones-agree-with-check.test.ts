import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROOT, xborder } from '../helpers/cli.js';
import { testServer } from '../service/helpers.js';

/**
 * `zones` is the manifest as `check` sees it, once per zone: a row must never pass what `check` of the same manifest
 * (same zone) fails. It used to check every row without today (a safeguard dated after it counted as in place) and
 * without the ledger (earlier transfers recorded there did not count).
 */
type Rows = { zones: { zone: string; verdict: string }[] };
const TODAY = { XBORDER_TODAY: '2026-12-07', XBORDER_LEDGER: '', XBORDER_TRUST: '' };
const dir = mkdtempSync(join(tmpdir(), 'xborder-zones-'));
const example = (name: string) => readFileSync(join(ROOT, 'examples/manifests', name), 'utf8');

/** The 80,000-customer SME (no zone), planned for 2027, its impact assessment dated after today. */
const future = join(dir, 'future.yaml');
writeFileSync(future, example('pass-sme-80k-below-threshold.yaml').replace('date: 2026-05-06', 'date: 2027-03-01').replace('completedOn: 2026-04-15', 'completedOn: 2027-02-01'));

const verdictOf = (file: string, env: NodeJS.ProcessEnv, ...args: string[]): string => {
  const r = xborder(['check', '--format', 'ndjson', '--quiet', ...args, file], { env });
  return (JSON.parse(r.stdout.split('\n')[0]!) as { verdict: string }).verdict;
};
const rowsOf = (file: string, env: NodeJS.ProcessEnv, ...args: string[]) => {
  const r = xborder(['zones', '--format', 'json', ...args, file], { env });
  return { code: r.code, stderr: r.stderr, rows: r.stdout ? (JSON.parse(r.stdout) as Rows).zones : [] };
};

describe('zones judges every row as check judges the manifest', () => {
  it('a safeguard dated after today is not in place in any row (XBORDER_TODAY)', () => {
    expect(verdictOf(future, TODAY)).toBe('fail');
    const { code, rows } = rowsOf(future, TODAY);
    expect(code).toBe(1); // the manifest's own row (zone none) fails, as check of it does
    expect(rows.find((r) => r.zone === 'none')!.verdict).toBe('fail');
    expect(rows.filter((r) => r.verdict === 'pass').map((r) => r.zone)).toEqual([]);
  });

  it('an XBORDER_TODAY that is no date is a usage error, as for check', () => {
    const r = rowsOf(future, { ...TODAY, XBORDER_TODAY: '2026-13-01' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('XBORDER_TODAY must be a real date');
  });

  describe('with a ledger of earlier transfers', () => {
    const ledger = join(dir, 'ledger.db');
    const earlier = join(dir, 'earlier.yaml');
    beforeAll(() => {
      // 30,000 people's PI of the same exporter in March: with the 80,000 of May, 110,000 this year.
      writeFileSync(earlier, example('pass-sme-80k-below-threshold.yaml').replace('id: tm-2026-0101', 'id: tm-2026-0050').replace('date: 2026-05-06', 'date: 2026-03-02').replace('individuals: 80000', 'individuals: 30000').replace('completedOn: 2026-04-15', 'completedOn: 2026-02-15'));
      expect(xborder(['ledger', 'record', earlier, '--ledger', ledger], { env: TODAY }).code).toBe(0);
    });
    const may = join(ROOT, 'examples/manifests/pass-sme-80k-below-threshold.yaml');

    it('--ledger and XBORDER_LEDGER count the recorded transfers in every row', () => {
      expect(verdictOf(may, TODAY)).toBe('pass');
      expect(verdictOf(may, TODAY, '--ledger', ledger)).toBe('fail');
      for (const [env, args] of [[TODAY, ['--ledger', ledger]], [{ ...TODAY, XBORDER_LEDGER: ledger }, []]] as const) {
        const { code, rows } = rowsOf(may, env, ...args);
        expect(code).toBe(1);
        expect(rows.find((r) => r.zone === 'none')!.verdict).toBe('fail');
        expect(rows.filter((r) => r.verdict === 'pass').map((r) => r.zone)).toEqual([]);
      }
      // Without the ledger the rows pass, as check does: the ledger is what changed them.
      expect(rowsOf(may, TODAY).rows.find((r) => r.zone === 'none')!.verdict).toBe('pass');
    });

    it('a ledger that does not exist is refused (exit 2, every row review), never read as empty', () => {
      const { code, stderr, rows } = rowsOf(may, TODAY, '--ledger', join(dir, 'typo.db'));
      expect(code).toBe(2);
      expect(stderr).toContain('zones never creates a ledger');
      expect(rows.length).toBeGreaterThan(1);
      expect(new Set(rows.map((r) => r.verdict))).toEqual(new Set(['review']));
    });
  });
});

describe('/v1/zones judges every row as /v1/check does', () => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await testServer({ today: () => '2026-12-07' }); });
  afterAll(async () => { await app.close(); });

  it('a safeguard dated after the service\'s today is not in place in any row', async () => {
    const payload = readFileSync(future);
    const check = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml' }, payload });
    expect(check.json().verdict).toBe('fail');
    const res = await app.inject({ method: 'POST', url: '/v1/zones', headers: { 'content-type': 'application/yaml' }, payload });
    expect(res.statusCode).toBe(200);
    const rows = (res.json() as Rows).zones;
    expect(rows.find((r) => r.zone === 'none')!.verdict).toBe('fail');
    expect(rows.filter((r) => r.verdict === 'pass').map((r) => r.zone)).toEqual([]);
  });
});
