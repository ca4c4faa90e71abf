import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// The built code (npm test builds first), as the other hardening tests.
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { checkText } from '../../dist/src/evaluate/pipeline.js';
import { isError } from '../../dist/src/model/verdict.js';
import * as lib from '../../dist/src/index.js';
import { BASE_MANIFEST, manifestWith, yamlOf } from '../helpers/manifests.js';
import { cliIn, ROOT, runCli, tempDir, writeTemp } from './cli-run.js';
import { testServer } from '../service/helpers.js';

/**
 * Doubtful passes the tenth adversarial round found (December 2026), decided and fixed. Every `it` here failed
 * before its fix unless it is named a control.
 */
const packs = await loadPacks();
/** Non-personal manufacturing data: a pass under CAC 2024 Art 3 whatever the year, so only the date decides. */
const trade = yamlOf(manifestWith(BASE_MANIFEST, {
  purpose: { basis: 'none', activity: 'manufacturing' },
  data: [{ id: 'drawings', categories: ['biz.technical'], classification: 'general' }],
  personalInformation: null,
}));

describe('a check as of a date after 2100-12-31 is refused, as a transfer dated then is', () => {
  // A manifest dated 9999-12-31 is a validation error (the open-ended packs are not the rules of 9999), but the same
  // date given as --as-of, the service's asOf or the library's asOf passed on 2026's rules.
  it('control: as of 2100-12-31 the manifest passes', async () => {
    const r = await checkText(trade, 'm.yaml', packs, { asOf: '2100-12-31' });
    expect(isError(r) ? r.error.message : r.verdict).toBe('pass');
  });
  it('library: asOf 9999-12-31, 2101-01-01 or a date that does not exist is review (no pack in force), not pass', async () => {
    for (const asOf of ['9999-12-31', '2101-01-01', '2026-02-30']) {
      const r = await lib.checkText(trade, 'm.yaml', packs, { asOf, today: '2026-12-07' });
      expect(isError(r), asOf).toBe(false);
      if (isError(r)) continue;
      expect([r.verdict, r.findings.map((f) => f.rule)], asOf).toEqual(['review', ['xborder.no-pack-in-force']]);
    }
  });
  it('CLI: --as-of 9999-12-31 is a usage error (exit 2)', async () => {
    const file = writeTemp(tempDir(), 'trade.yaml', trade);
    const r = await runCli(['check', file, '--as-of', '9999-12-31']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--as-of.*9999-12-31.*2100-12-31 or earlier/);
  }, 60_000);
  it('service: ?asOf=9999-12-31 is 400', async () => {
    const app = await testServer({ today: () => '2026-12-07' });
    try {
      const res = await app.inject({ method: 'POST', url: '/v1/check?asOf=9999-12-31', headers: { 'content-type': 'application/yaml' }, payload: trade });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('2100-12-31 or earlier');
    } finally {
      await app.close();
    }
  });
});

describe('a waiver whose expiry is no date does not apply (it never expired)', () => {
  // checkText takes waivers as objects; waiverState compared NaN (toDay of "never") with `< 0`, so the waiver was
  // active for ever and the fail it covered left the gate (gateOutcome pass). The waivers file refuses such a date.
  const over = yamlOf(manifestWith(BASE_MANIFEST, { personalInformation: { priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } } }));
  const waived = async (expires: string) => {
    const waivers = [{ rule: 'cn-national/cn.volume.contract-non-sensitive', manifest: 'tm-base', reason: 'accepted', approver: 'CISO', expires, entry: 1 }];
    const r = await lib.checkText(over, 'm.yaml', packs, { today: '2026-12-07', waivers });
    if (isError(r)) throw new Error(r.error.message);
    return r.findings.find((f) => f.rule === 'cn.volume.contract-non-sensitive');
  };
  it('control: a real expiry after today waives the fail; one before today does not', async () => {
    expect((await waived('2027-01-31'))?.waived?.expires).toBe('2027-01-31');
    expect((await waived('2026-12-06'))?.waived).toBeUndefined();
  });
  it('"never", "2026-13-01" and "" leave the fail unwaived', async () => {
    for (const expires of ['never', '2026-13-01', '']) {
      const f = await waived(expires);
      expect([f?.outcome, f?.waived], expires).toEqual(['fail', undefined]);
    }
  });
});

describe("a configuration's exclude is relative to its own folder, not to where the run starts", () => {
  // `/prod/` in the .xborder.yaml at the top of a repository (its drafts folder) was read from the working directory:
  // a run started in team/ left out team/prod/, whose manifest fails, and exited 0; a run from the top checked it.
  const repo = (): string => {
    const dir = tempDir();
    mkdirSync(join(dir, '.git'));
    for (const d of ['prod', 'team/prod']) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, '.xborder.yaml'), 'exclude: ["/prod/"]\n');
    writeFileSync(join(dir, 'prod', 'draft.yaml'), 'not: a manifest\n');
    writeFileSync(join(dir, 'team', 'prod', 'big.yaml'), readFileSync(join(ROOT, 'examples/manifests/fail-sme-150k-singapore.yaml'), 'utf8'));
    return dir;
  };
  it('control: run from the top, the pattern leaves out prod/ only and the failing manifest fails the gate', () => {
    const r = cliIn(repo(), ['check', '.', '--format', 'ndjson', '-q']);
    expect([r.code, r.stdout]).toEqual([1, expect.stringContaining('team/prod/big.yaml')]);
  });
  it('run from team/: the failing manifest of team/prod/ is checked (exit 1), not left out (exit 0)', () => {
    const r = cliIn(join(repo(), 'team'), ['check', '.', '--format', 'ndjson', '-q']);
    expect([r.code, r.stdout]).toEqual([1, expect.stringContaining('prod/big.yaml')]);
  });
  it('control: --exclude stays relative to the working directory', () => {
    const r = cliIn(join(repo(), 'team'), ['check', '.', '--exclude', '/prod/', '--allow-empty', '-q']);
    expect(r.code).toBe(0);
  });
});

describe('a clock pinned after 2100-12-31 is refused, as an --as-of there is', () => {
  // XBORDER_TODAY=9999-12-31 (or the library's today) made every safeguard dated before it count as made: a contract
  // signed and filed next year counted as filed for a transfer next year, and passed; the real clock fails it.
  const planned = yamlOf(manifestWith(BASE_MANIFEST, {
    date: '2027-02-01',
    personalInformation: { priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } },
    safeguards: { pia: { completedOn: '2026-11-02' }, standardContract: { signedOn: '2027-01-11', filedOn: '2027-01-15', ref: 'SH-1' } },
  }));
  it('CLI: XBORDER_TODAY=9999-12-31 is exit 2; control: on 2026-12-07 the contract is not yet made (fail)', async () => {
    const file = writeTemp(tempDir(), 'planned.yaml', planned);
    const far = await runCli(['check', file], { env: { XBORDER_TODAY: '9999-12-31' } });
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/XBORDER_TODAY must be a real date YYYY-MM-DD, 2100-12-31 or earlier/);
    const now = await runCli(['check', file, '--format', 'json'], { env: { XBORDER_TODAY: '2026-12-07' } });
    expect([now.code, (JSON.parse(now.stdout) as { verdict: string }[])[0]?.verdict]).toEqual([1, 'fail']);
  }, 60_000);
  it('library: today 9999-12-31 throws; control: 2100-12-31 is a clock', async () => {
    await expect(lib.checkText(planned, 'm.yaml', packs, { today: '9999-12-31' })).rejects.toThrow(/today option must be a real date YYYY-MM-DD, 2100-12-31 or earlier/);
    const r = await lib.checkText(planned, 'm.yaml', packs, { today: '2100-12-31' });
    expect(isError(r)).toBe(false);
  });
});

describe('the ledger tells a reused manifest id with the same date and counts from the recorded transfer', () => {
  // The ledger keyed "the same transfer" on id, date and counts only, so a second transfer (another recipient) of
  // 60,000 people under the recorded id was left out of its own totals as if it were the recorded one: 60,000, below
  // the threshold, where the year holds 120,000. Records keep a digest of recipient, purpose and data (migration 6).
  const sixty = (recipient: object) => yamlOf(manifestWith(BASE_MANIFEST, {
    id: 'tm-reused', recipient, personalInformation: { individuals: 60_000, priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } },
  }));
  it('a second transfer under the recorded id is not a pass with --ledger, and recording it is refused', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'ledger.db');
    const first = writeTemp(dir, 'first.yaml', sixty({ name: 'Example Pte. Ltd.', country: 'SG', kind: 'company' }));
    const second = writeTemp(dir, 'second.yaml', sixty({ name: 'Another Recipient LLC', country: 'US', kind: 'company' }));
    expect((await runCli(['ledger', 'record', first, '--ledger', ledger])).code).toBe(0);
    const r = await runCli(['check', second, '--ledger', ledger, '--format', 'json']);
    expect((JSON.parse(r.stdout) as { verdict: string }[])[0]?.verdict).not.toBe('pass');
    // The recorded manifest itself is still left out of its own totals (a pass), and the second is never "already recorded".
    const again = await runCli(['check', first, '--ledger', ledger, '--format', 'json']);
    expect((JSON.parse(again.stdout) as { verdict: string }[])[0]?.verdict).toBe('pass');
    const rec = await runCli(['ledger', 'record', second, '--ledger', ledger]);
    expect(rec.code).toBe(2);
    expect(rec.stderr).toContain('recipient/purpose/data');
  }, 60_000);
});
