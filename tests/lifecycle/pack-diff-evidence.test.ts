/**
 * `pack diff --corpus <evidence export> <manifests>` (issue 16): the service's decisions are replayed under both
 * pack sets on their original as-of dates and with the year-to-date totals they read from the ledger; the
 * manifests are found in the corpus by the digest the records carry. A record that cannot be replayed is exit 2.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { openDecisionStore } from '../../dist/src/ledger/decisions.js';
import { recordDecision } from '../../dist/src/app/record-decision.js';
import { mergePatch } from '../../src/packtest/merge-patch.js';
import { ROOT, xborder } from '../helpers/cli.js';

let dir: string;
const at = (...p: string[]): string => join(dir, ...p);

/** Decides each manifest through the service's recordDecision() into a fresh ledger, then exports the evidence via the CLI. */
async function exportOf(name: string, decisions: { file: string; asOf?: string; reserve?: boolean }[]): Promise<string> {
  const set = await loadPacks();
  const store = await openDecisionStore(at(`${name}.db`));
  try {
    for (const d of decisions) await recordDecision(readFileSync(d.file, 'utf8'), d.file, set, store, { asOf: d.asOf, reserve: d.reserve, force: d.reserve });
  } finally {
    await store.close();
  }
  const r = xborder(['evidence', 'export', '--ledger', at(`${name}.db`)]);
  expect(r.code, r.stderr).toBe(0);
  writeFileSync(at(`${name}.ndjson`), r.stdout);
  return at(`${name}.ndjson`);
}

const diff = (baseDir: string, headDir: string, ...corpus: string[]) =>
  xborder(['pack', 'diff', '--base', baseDir, '--head', headDir, '--corpus', ...corpus, '-f', 'json']);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xborder-diff-evidence-'));
  // Beijing before and after its 2026 list (in force from 2026-05-11), as in pack-diff.test.ts.
  cpSync(join(ROOT, 'rules'), at('base'), { recursive: true });
  for (const f of readdirSync(at('base', 'zone-beijing'))) if (f.startsWith('two-zones-2026.')) rmSync(at('base', 'zone-beijing', f));
  mkdirSync(at('beijing'));
  const suite = parse(readFileSync(join(ROOT, 'rules/zone-beijing/two-zones-2026.tests.yaml'), 'utf8')) as { base: object; cases: { manifest?: object; patch?: object }[] };
  suite.cases.forEach((c, i) => writeFileSync(at('beijing', `c${i}.json`), JSON.stringify(c.manifest ?? mergePatch(suite.base, c.patch ?? {}))));
  // A national pack whose contract threshold is 120,000 instead of 100,000, to see which totals a replay used.
  cpSync(join(ROOT, 'rules'), at('raised'), { recursive: true });
  const packFile = at('raised', 'cn-national', 'pack.yaml');
  writeFileSync(packFile, readFileSync(packFile, 'utf8').replace(/(nonSensitiveContractThreshold:\n {4}value: )100000/, '$1120000'));
  expect(readFileSync(packFile, 'utf8')).toContain('value: 120000');
  mkdirSync(at('ytd'));
  const m = (id: string, individuals: number) => ({
    apiVersion: 'xborder/v1', kind: 'TransferManifest', id, date: '2026-03-02',
    // A stated sector: without one, more than 100,000 people would be review until the sector is known (xborder.sector-unstated).
    exporter: { name: 'Replay Trading Co.', uscc: '91310000MA1FL0000X', region: 'CN-GD', ciio: false, sector: 'trade' },
    recipient: { name: 'Replay Pte Ltd', country: 'SG', kind: 'company' },
    purpose: { basis: 'consent', activity: 'international-trade' },
    data: [{ id: 'customers', categories: ['pi.basic', 'pi.contact'], classification: 'general' }],
    personalInformation: { individuals, sensitiveIndividuals: 0 },
    safeguards: { separateConsent: true, pia: { completedOn: '2026-02-01' } },
  });
  writeFileSync(at('ytd', 'first.yaml'), stringify(m('tm-ytd-1', 50_000)));
  writeFileSync(at('ytd', 'second.json'), JSON.stringify(m('tm-ytd-2', 60_000), null, 2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pack diff over an evidence export', { timeout: 300_000 }, () => {
  it('replays each decision on its own as-of date: none moves before the 2026 list, the same as --as-of after it', async () => {
    const files = readdirSync(at('beijing')).sort().map((f) => at('beijing', f));
    const before = await exportOf('before', files.map((file) => ({ file, asOf: '2025-06-01' })));
    const after = await exportOf('after', files.map((file) => ({ file, asOf: '2026-06-01' })));
    const head = join(ROOT, 'rules');
    const early = diff(at('base'), head, before, at('beijing'));
    expect(early.code, early.stderr).toBe(0);
    const e = JSON.parse(early.stdout);
    expect(e.replay).toEqual({ records: files.length, replayed: files.length, missing: 0 });
    expect(e.impact.transitions).toEqual({});
    const late = JSON.parse(diff(at('base'), head, after, at('beijing')).stdout);
    const asOf = JSON.parse(xborder(['pack', 'diff', '--base', at('base'), '--head', head, '--corpus', at('beijing'), '--as-of', '2026-06-01', '-f', 'json']).stdout);
    expect(Object.keys(late.impact.transitions).length).toBeGreaterThan(0);
    expect(late.impact.transitions).toEqual(asOf.impact.transitions);
    expect(late.impact.groups.map((g: { rule: string }) => g.rule)).toEqual(asOf.impact.groups.map((g: { rule: string }) => g.rule));
  });

  it('replays with the year-to-date totals the decision read: 50,000 before + 60,000 crosses 100,000 but not 120,000', async () => {
    const exp = await exportOf('ytd', [{ file: at('ytd', 'first.yaml'), reserve: true }, { file: at('ytd', 'second.json'), reserve: true }]);
    const lines = readFileSync(exp, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[1].record.totalsUsed).toMatchObject({ individuals: 50_000 });
    const r = diff(join(ROOT, 'rules'), at('raised'), exp, at('ytd'));
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    // Under the bundled pack the second transfer (110,000 this year) needs a contract it lacks; at 120,000 it is exempt.
    expect(j.impact.transitions).toEqual({ 'fail-to-pass': 1 });
    expect(j.impact.unchanged).toBe(1);
    expect(j.impact.groups.map((g: { direction: string; rule: string }) => `${g.direction} ${g.rule}`)).toContain('stops cn.volume.contract-non-sensitive=fail');
    // The same manifests without the evidence see only this transfer's 60,000: nothing changes.
    const plain = JSON.parse(diff(join(ROOT, 'rules'), at('raised'), at('ytd')).stdout);
    expect(plain.impact.transitions).toEqual({});
    expect(plain.replay).toBeUndefined();
    const text = xborder(['pack', 'diff', '--base', join(ROOT, 'rules'), '--head', at('raised'), '--corpus', exp, at('ytd')]);
    expect(text.stdout).toContain('Replayed 2 of 2 evidence records on their original as-of dates and year-to-date totals');
  });

  it('a record whose manifest is not in the corpus is reported and the run exits 2', async () => {
    const exp = await exportOf('partial', [{ file: at('ytd', 'first.yaml') }, { file: at('ytd', 'second.json') }]);
    mkdirSync(at('only-first'));
    cpSync(at('ytd', 'first.yaml'), at('only-first', 'first.yaml'));
    const r = xborder(['pack', 'diff', '--base', join(ROOT, 'rules'), '--head', at('raised'), '--corpus', exp, at('only-first')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('1 evidence record(s) could not be replayed');
    expect(r.stdout).toContain('Replayed 1 of 2 evidence records');
    expect(r.stdout).toContain('1 NOT replayed');
  });
});
