import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDecisionStore } from '../../src/ledger/decisions.js';
import { openLedger } from '../../src/ledger/open.js';
import { sized } from '../service/fixtures.js';
import { testServer } from '../service/helpers.js';
import { runCli, tempDir, writeTemp } from './cli-run.js';

/**
 * False passes and wrong exit codes found by the fourth adversarial review (December 2026): the service, the ledger,
 * dates and odd inputs. Every `it` here failed before its fix; an `it.fails` is a finding left open, with the fix
 * it needs.
 */

// A check leaves its own manifest out of the ledger's year-to-date totals (re-checking a recorded transfer must not
// count it twice), but it left out any record with the manifest's id. Ids are reused by mistake, and `ledger
// record` refuses the second use, yet the check before it left the first transfer out of the totals: 90,000 in
// January plus 50,000 now was a pass on 50,000. Only a record with the same date and counts is this transfer.
describe('a manifest id already recorded for another transfer does not hide that transfer from the totals', () => {
  it('check --ledger: 90,000 recorded under tm-x, a new 50,000 under tm-x is counted as 140,000 (fail, exit 1)', async () => {
    const dir = tempDir();
    const db = join(dir, 'ledger.db');
    const january = writeTemp(dir, 'january.yaml', sized('tm-x', 90_000).replace(/^date: .*$/m, 'date: 2026-01-10').replace(/completedOn: \S+/, 'completedOn: 2026-01-02'));
    const may = writeTemp(dir, 'may.yaml', sized('tm-x', 50_000));
    expect((await runCli(['ledger', 'record', '--ledger', db, january])).code).toBe(0);
    const r = await runCli(['check', '--format', 'json', '--ledger', db, may]);
    const [v] = JSON.parse(r.stdout) as { verdict: string; counts: { individuals: number } }[];
    expect(v).toMatchObject({ verdict: 'fail', counts: { individuals: 140_000 } });
    expect(r.code).toBe(1);
    // The recorded transfer itself is still counted once when checked again.
    const again = await runCli(['check', '--format', 'json', '--ledger', db, january]);
    expect((JSON.parse(again.stdout) as { counts: { individuals: number } }[])[0]!.counts.individuals).toBe(90_000);
  }, 60_000);

  it('the service with a ledger: the reused id is counted, not a pass (200 with verdict fail, nothing reserved)', async () => {
    const spec = join(tempDir(), 'ledger.db');
    const ledger = await openLedger(spec);
    const decisions = await openDecisionStore(spec);
    const app = await testServer({ ledger, decisions, rateLimit: false, maxEventLoopDelayMs: false });
    try {
      await ledger.record({ exporter: '杭州小微电子商务有限公司', name: '杭州小微电子商务有限公司', manifestId: 'tm-y', date: '2026-01-10', individuals: 90_000, sensitiveIndividuals: 0, counted: true });
      const r = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml' }, payload: sized('tm-y', 50_000) });
      expect(r.json()).toMatchObject({ verdict: 'fail', counts: { individuals: 140_000 } });
      const same = await app.inject({ method: 'POST', url: '/v1/check', headers: { 'content-type': 'application/yaml' }, payload: sized('tm-y', 90_000).replace(/^date: .*$/m, 'date: 2026-01-10').replace(/completedOn: \S+/, 'completedOn: 2026-01-02') });
      expect(same.json()).toMatchObject({ counts: { individuals: 90_000 } });
    } finally {
      await app.close();
      await decisions.close();
      await ledger.close();
    }
  }, 60_000);
});
