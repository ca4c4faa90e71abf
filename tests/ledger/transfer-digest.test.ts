/**
 * transferDigest (src/ledger/entry.ts): what a transfer is beyond its id, date and counts (recipient, purpose, data),
 * without the free text that describes it. A description corrected after `ledger record` left the digest different,
 * so a re-check counted the transfer twice (a false fail) and recording it again was refused as a reused id.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { transferDigest } from '../../src/ledger/entry.js';
import { BASE_MANIFEST, manifestWith, type ManifestObject } from '../helpers/manifests.js';
import { runCli, tempDir, writeTemp } from '../hardening/cli-run.js';

const m = manifestWith(BASE_MANIFEST, {
  purpose: { description: 'newsletter' },
  data: [{ id: 'customers', categories: ['pi.basic', 'pi.contact'], classification: 'general', description: 'e-mail list', records: 150000 }],
}) as ManifestObject & Parameters<typeof transferDigest>[0];
const digestOf = (...patches: object[]) => transferDigest(manifestWith(m, ...patches) as typeof m);

describe('transferDigest', () => {
  it('ignores descriptions and row counts', () => {
    expect(digestOf({ purpose: { description: 'news letter' } })).toBe(transferDigest(m));
    expect(digestOf({ data: [{ id: 'customers', categories: ['pi.basic', 'pi.contact'], classification: 'general', description: 'email list', records: 150001 }] })).toBe(transferDigest(m));
  });
  it.each([
    ['the recipient', { recipient: { name: 'Other Pte. Ltd.' } }],
    ['the basis', { purpose: { basis: 'contract' } }],
    ['a category', { data: [{ id: 'customers', categories: ['pi.basic'], classification: 'general', description: 'e-mail list', records: 150000 }] }],
    ['the classification', { data: [{ id: 'customers', categories: ['pi.basic', 'pi.contact'], classification: 'important', description: 'e-mail list', records: 150000 }] }],
  ])('changes with %s', (_what, patch) => {
    expect(digestOf(patch)).not.toBe(transferDigest(m));
  });
});

describe('a recorded transfer whose description is corrected', { timeout: 60_000 }, () => {
  it('is the same transfer: left out of its own totals, and "already recorded"', async () => {
    const dir = tempDir();
    const ledger = `${dir}/ledger.db`;
    const sixty = { personalInformation: { individuals: 60_000, priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } } };
    const first = writeTemp(dir, 'first.yaml', stringify(manifestWith(m, sixty)));
    expect((await runCli(['ledger', 'record', first, '--ledger', ledger])).code).toBe(0);
    const fixed = writeTemp(dir, 'fixed.yaml', stringify(manifestWith(m, sixty, { purpose: { description: 'monthly newsletter' } })));
    const check = await runCli(['check', fixed, '--ledger', ledger, '--format', 'json', '--no-config']);
    expect(JSON.parse(check.stdout)[0]).toMatchObject({ verdict: 'pass', counts: { individuals: 60_000 } });
    const again = await runCli(['ledger', 'record', fixed, '--ledger', ledger]);
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('already recorded')]);
  });
});
