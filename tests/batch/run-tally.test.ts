/**
 * One run's transfers of one exporter and year are judged together (src/batch/tally.ts): a pass whose prior the
 * run's earlier transfers exceed is checked again with them counted and is review (`xborder.run-undercount`) when
 * that is stricter; a written pass a later input contradicts makes that input review.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { evaluateAll } from '../../src/batch/run.js';
import { RunTally } from '../../src/batch/tally.js';
import { applyTally } from '../../src/batch/tally-apply.js';
import type { Checked } from '../../src/batch/protocol.js';
import type { TallyRecord } from '../../src/batch/tally-record.js';
import type { Job } from '../../src/batch/inputs.js';
import { NOT_A_MANIFEST } from '../../src/batch/job.js';
import { loadPacks } from '../../src/load/load-packs.js';
import { isError, type CheckResult } from '../../src/model/verdict.js';
import { runCli, tempDir, writeTemp } from '../hardening/cli-run.js';
import { sized } from '../service/fixtures.js';
import { testServer } from '../service/helpers.js';
import { FC_PARAMS } from '../property/arbitraries.js';

const EXPORTER = '杭州小微电子商务有限公司';

/** The 80k example as one transfer: its id, people, date, and optionally the exporter, a USCC and a declared prior. */
function transfer(id: string, individuals: number, date: string, o: { name?: string; uscc?: string; prior?: number } = {}): string {
  let t = sized(id, individuals).replace(/^date: .*$/m, `date: ${date}`).replace(/completedOn: \S+/, 'completedOn: 2025-01-02');
  if (o.name !== undefined) t = t.replace(`name: ${EXPORTER}`, `name: ${JSON.stringify(o.name)}`);
  if (o.uscc !== undefined) t = t.replace(/^(exporter:\n {2}name: .*)$/m, `$1\n  uscc: ${JSON.stringify(o.uscc)}`);
  if (o.prior !== undefined) t = t.replace('priorThisYear: { individuals: 0,', `priorThisYear: { individuals: ${o.prior},`);
  return t;
}

interface Out { manifest: string; verdict: string; counts: { individuals: number }; findings: { rule: string; message: { en: string; zh: string }; path: string; line?: number }[] }
const undercount = (v: Out | undefined) => v?.findings.find((f) => f.rule === 'xborder.run-undercount');

async function check(files: Record<string, string>, extra: string[] = []): Promise<{ code: number; out: Out[]; stdout: string }> {
  const dir = tempDir();
  const paths = Object.entries(files).map(([name, text]) => writeTemp(dir, name, text));
  const r = await runCli(['check', '--format', 'json', ...extra, ...paths]);
  return { code: r.code, out: JSON.parse(r.stdout) as Out[], stdout: r.stdout };
}
const byId = (out: Out[]) => Object.fromEntries(out.map((v) => [v.manifest, v]));

describe('check: transfers of one exporter and year in one run', () => {
  it('April with a filed contract: counted, the contract route is in place; the finding names the duties, never "would be pass"', async () => {
    const contract = (t: string) => t.replace(/^safeguards:/m, 'safeguards:\n  standardContract: { signedOn: 2026-04-01, filedOn: 2026-04-03 }');
    const { out } = await check({ 'march.yaml': transfer('tm-m', 60_000, '2026-03-02'), 'april.yaml': contract(transfer('tm-a', 60_000, '2026-04-20')) });
    const f = undercount(byId(out)['tm-a']);
    expect(f?.message.en).toContain('falls under contract-or-certification, in place here, with duties this verdict does not list');
    expect(f?.message.en).not.toContain('would be pass');
  }, 60_000);

  it('60,000 in March then 60,000 in April, both declaring nothing earlier: April is review, naming March and the totals', async () => {
    const { out, code } = await check({ 'march.yaml': transfer('tm-m', 60_000, '2026-03-02'), 'april.yaml': transfer('tm-a', 60_000, '2026-04-20') });
    const v = byId(out);
    expect(v['tm-m']!.verdict).toBe('pass');
    expect(v['tm-a']!.verdict).toBe('review');
    const f = undercount(v['tm-a'])!;
    expect(f.path).toBe('/personalInformation/priorThisYear');
    expect(f.line).toBeGreaterThan(0);
    expect(f.message.en).toContain('tm-m (');
    expect(f.message.en).toContain('60,000 individuals');
    expect(f.message.en).toContain('would be fail (mechanism: contract-or-certification)');
    expect(f.message.zh).toContain('tm-m');
    expect(code).toBe(0); // review is within the default gate (--fail-on fail)
  }, 60_000);

  it('in reverse input order the April pass is already written: March, which contradicts it, is review naming April', async () => {
    const { out } = await check({ 'a-april.yaml': transfer('tm-a', 60_000, '2026-04-20'), 'b-march.yaml': transfer('tm-m', 60_000, '2026-03-02') });
    const v = byId(out);
    expect(v['tm-a']!.verdict).toBe('pass');
    expect(v['tm-m']!.verdict).toBe('review');
    expect(undercount(v['tm-m'])!.message.en).toContain('tm-a (');
  }, 60_000);

  // Hunt (December 2026): April, a review for another reason (a sensitive category without its count), written first,
  // left March after it a silent pass, though the two make 120,000 (a contract); in the other order April is named.
  it('in reverse input order an April review for another reason is already written: March, which contradicts it, is review naming April', async () => {
    const sensitiveUncounted = (t: string) => t.replace(/categories: \[([^\]]*)\]/, 'categories: [$1, spi.health]');
    const april = sensitiveUncounted(transfer('tm-a', 60_000, '2026-04-20'));
    expect(april).toContain('spi.health');
    const { out } = await check({ 'a-april.yaml': april, 'b-march.yaml': transfer('tm-m', 60_000, '2026-03-02') });
    const v = byId(out);
    expect(v['tm-a']!.verdict).toBe('review');
    expect(v['tm-m']!.verdict).toBe('review');
    expect(undercount(v['tm-m'])!.message.en).toContain('tm-a (');
    expect(undercount(v['tm-m'])!.message.en).toContain('was judged on earlier totals');
  }, 60_000);

  it('different exporters, and one exporter in different years, do not interact', async () => {
    const { out } = await check({
      'a.yaml': transfer('tm-1', 60_000, '2026-03-02'),
      'b.yaml': transfer('tm-2', 60_000, '2026-04-20', { name: 'Another Trading Co.' }),
      'c.yaml': transfer('tm-3', 60_000, '2025-12-20'),
      'd.yaml': transfer('tm-4', 60_000, '2027-01-05', { uscc: '91330100MA2H000009' }),
    });
    expect(out.map((v) => [v.manifest, v.verdict])).toEqual([['tm-1', 'pass'], ['tm-2', 'pass'], ['tm-3', 'pass'], ['tm-4', 'pass']]);
    expect(out.some(undercount)).toBe(false);
  }, 60_000);

  it('letter-case, full-width and USCC-linked variants of one exporter are one exporter, as in the ledger', async () => {
    const { out } = await check({
      'a.yaml': transfer('tm-1', 60_000, '2026-03-02', { name: 'ACME Trading Co.' }),
      'b.yaml': transfer('tm-2', 60_000, '2026-04-20', { name: 'acme trading co.' }),
      'c.yaml': transfer('tm-3', 60_000, '2026-03-02', { name: 'Beta Co.', uscc: '91330100MA2H000001' }),
      'd.yaml': transfer('tm-4', 60_000, '2026-04-20', { name: 'Other name Co.', uscc: '91330100MA2H000001' }),
      // A name-only manifest (full-width, lower case) counts with the USCC another manifest of the run linked the name to.
      'e.yaml': transfer('tm-5', 60_000, '2026-05-20', { name: 'ｂｅｔａ co.' }),
    });
    const v = byId(out);
    expect([v['tm-1']!.verdict, v['tm-2']!.verdict, v['tm-3']!.verdict, v['tm-4']!.verdict, v['tm-5']!.verdict]).toEqual(['pass', 'review', 'pass', 'review', 'review']);
  }, 60_000);

  it('a prior that counts the earlier transfer is believed; transfers that stay below every threshold together still pass', async () => {
    const { out } = await check({
      'a.yaml': transfer('tm-1', 60_000, '2026-03-02'),
      'b.yaml': transfer('tm-2', 30_000, '2026-04-20', { prior: 60_000 }),
      'c.yaml': transfer('tm-3', 5_000, '2026-05-02', { name: 'Small Co.' }),
      'd.yaml': transfer('tm-4', 5_000, '2026-06-20', { name: 'Small Co.' }),
    });
    expect(out.map((v) => [v.manifest, v.verdict])).toEqual([['tm-1', 'pass'], ['tm-2', 'pass'], ['tm-3', 'pass'], ['tm-4', 'pass']]);
    expect(out.some(undercount)).toBe(false);
  }, 60_000);

  it('the same file named twice is one transfer, not two', async () => {
    const dir = tempDir();
    const a = writeTemp(dir, 'a.yaml', transfer('tm-1', 60_000, '2026-03-02'));
    const r = await runCli(['check', '--format', 'json', a, a]);
    expect((JSON.parse(r.stdout) as Out[]).map((v) => v.verdict)).toEqual(['pass', 'pass']);
  }, 60_000);

  it('two manifests reusing one id, date and count with other content (another recipient) are two transfers', async () => {
    const de = transfer('tm-1', 60_000, '2026-03-02');
    expect(de).toMatch(/^ {2}country: DE$/m);
    const { out } = await check({ 'de.yaml': de, 'us.yaml': de.replace(/^ {2}country: DE$/m, '  country: US') });
    expect(out.map((v) => v.verdict)).toEqual(['pass', 'review']);
    expect(undercount(out[1])?.message.en).toContain('60,000 individuals');
  }, 60_000);

  it('a review or fail keeps its verdict and gets the finding', async () => {
    const { out } = await check({ 'a.yaml': transfer('tm-1', 60_000, '2026-03-02'), 'b.yaml': transfer('tm-2', 150_000, '2026-04-20') });
    const v = byId(out);
    expect(v['tm-2']!.verdict).toBe('fail');
    expect(undercount(v['tm-2'])).toBeDefined();
  }, 60_000);

  it('--jobs 2 (worker threads, rendered there) gives the same report as --jobs 1', async () => {
    const dir = tempDir();
    // 70 files (parallel from 64), 10 exporters of 7 transfers each, dates out of order.
    for (let i = 0; i < 70; i++) {
      const month = String(1 + ((i * 5) % 12)).padStart(2, '0');
      writeTemp(dir, `m${String(i).padStart(3, '0')}.yaml`, transfer(`tm-${i}`, 20_000 + (i % 3) * 10_000, `2026-${month}-10`, { name: `Exporter ${i % 10} Co.` }));
    }
    const [one, two] = await Promise.all([runCli(['check', '--format', 'json', '--jobs', '1', dir]), runCli(['check', '--format', 'json', '--jobs', '2', dir])]);
    expect(two.stdout).toBe(one.stdout);
    const out = JSON.parse(one.stdout) as Out[];
    expect(out.filter(undercount).length).toBeGreaterThan(10);
    expect(out.filter((v) => v.verdict === 'pass').length).toBeGreaterThan(5);
    const sarif = await Promise.all(['1', '2'].map((j) => runCli(['check', '--format', 'sarif', '--jobs', j, dir])));
    expect(sarif[1]!.stdout).toBe(sarif[0]!.stdout);
    expect(sarif[0]!.stdout).toContain('xborder.run-undercount');
  }, 120_000);
});

describe('check --ledger: the ledger prior plus the run\'s transfers not in it', () => {
  it('March recorded, then March and April checked: April is counted once (120,000, fail), with no run-undercount', async () => {
    const dir = tempDir();
    const db = join(dir, 'ledger.db');
    const march = writeTemp(dir, 'march.yaml', transfer('tm-m', 60_000, '2026-03-02'));
    const april = writeTemp(dir, 'april.yaml', transfer('tm-a', 60_000, '2026-04-20'));
    expect((await runCli(['ledger', 'record', '--ledger', db, march])).code).toBe(0);
    const r = await runCli(['check', '--format', 'json', '--ledger', db, march, april]);
    const v = byId(JSON.parse(r.stdout) as Out[]);
    expect(v['tm-m']).toMatchObject({ verdict: 'pass', counts: { individuals: 60_000 } });
    expect(v['tm-a']).toMatchObject({ verdict: 'fail', counts: { individuals: 120_000 } });
    expect(undercount(v['tm-a'])).toBeUndefined();
  }, 60_000);

  it('recorded under another name of its USCC: the run still counts it for a manifest naming only the run\'s name (review7 #2)', async () => {
    const dir = tempDir();
    const db = join(dir, 'ledger.db');
    const uscc = '91330100MA2XXXXX1Q';
    const stored = writeTemp(dir, 'q-stored.yaml', transfer('tm-q', 50_000, '2026-03-02', { name: 'A Ltd', uscc }));
    expect((await runCli(['ledger', 'record', '--ledger', db, stored])).code).toBe(0);
    // The same transfer under the name "A" (the ledger links only "A Ltd" to the USCC), then a transfer under "A" alone.
    const q = writeTemp(dir, 'q.yaml', transfer('tm-q', 50_000, '2026-03-02', { name: 'A', uscc }));
    const p = writeTemp(dir, 'p.yaml', transfer('tm-p', 60_000, '2026-04-20', { name: 'A' }));
    const r = await runCli(['check', '--format', 'json', '--ledger', db, q, p]);
    const v = byId(JSON.parse(r.stdout) as Out[]);
    expect(v['tm-p']!.verdict).not.toBe('pass'); // 110,000 in all
    expect(undercount(v['tm-p'])).toBeDefined();
  }, 60_000);

  it('a ledger without them: April is review, naming March and the ledger\'s 0', async () => {
    const dir = tempDir();
    const db = join(dir, 'ledger.db');
    const other = writeTemp(dir, 'other.yaml', transfer('tm-o', 1_000, '2026-01-05', { name: 'Unrelated Co.' }));
    expect((await runCli(['ledger', 'record', '--ledger', db, other])).code).toBe(0);
    const march = writeTemp(dir, 'march.yaml', transfer('tm-m', 60_000, '2026-03-02'));
    const april = writeTemp(dir, 'april.yaml', transfer('tm-a', 60_000, '2026-04-20'));
    const r = await runCli(['check', '--format', 'json', '--ledger', db, march, april]);
    const v = byId(JSON.parse(r.stdout) as Out[]);
    expect(v['tm-a']!.verdict).toBe('review');
    expect(undercount(v['tm-a'])!.message.en).toContain("the ledger's 0");
  }, 60_000);
});

/** Under the 2022/2023 rules (before 2024-03-22): a filed 2023 contract, the PIA before it. */
const rules2022 = (t: string): string => t.replace(/completedOn: \S+/, 'completedOn: 2023-06-01')
  .replace(/^safeguards:/m, 'safeguards:\n  standardContract: { signedOn: 2023-06-05, filedOn: 2023-06-10 }');
/**
 * The 1,000,000-processed question (cn2022.volume.processed-unconfirmed) is the only review left under those rules:
 * waived, as an exporter that confirmed it would, the gate passes and only the counts decide.
 */
const processedWaivers = (dir: string, ids: readonly string[]): string => writeTemp(dir, 'waivers.yaml', `waivers:\n${ids.map((id) => `  - rule: cn-national-2022/cn2022.volume.processed-unconfirmed
    exporter: ${EXPORTER}
    manifest: ${id}
    reason: fewer than 1,000,000 individuals processed, confirmed by the DPO
    approver: DPO
    expires: 2099-12-31
`).join('')}`);
/** A fresh SQLite ledger holding one unrelated transfer. */
async function freshLedger(dir: string): Promise<string> {
  const db = join(dir, 'ledger.db');
  const other = writeTemp(dir, 'other.yaml', transfer('tm-o', 1_000, '2026-01-05', { name: 'Unrelated Co.' }));
  expect((await runCli(['ledger', 'record', '--ledger', db, other])).code).toBe(0);
  return db;
}

describe('check --ledger: the run counts over the window the verdict was judged on, not only the year of its date', () => {
  /** July 2023 and February 2024, 60,000 each under the 2022 rules, both waived, checked with a ledger in `order`. */
  async function julyAndFebruary(order: 'july-first' | 'february-first') {
    const dir = tempDir();
    const db = await freshLedger(dir);
    const july = writeTemp(dir, `${order === 'july-first' ? 'a' : 'b'}-july.yaml`, rules2022(transfer('tm-jul', 60_000, '2023-07-10')));
    const feb = writeTemp(dir, `${order === 'july-first' ? 'b' : 'a'}-feb.yaml`, rules2022(transfer('tm-feb', 60_000, '2024-02-10')));
    const waivers = processedWaivers(dir, ['tm-jul', 'tm-feb']);
    const r = await runCli(['check', '--format', 'json', '--fail-on', 'review', '--ledger', db, '--waivers', waivers, ...(order === 'july-first' ? [july, feb] : [feb, july])]);
    return { r, v: byId(JSON.parse(r.stdout) as Out[]) };
  }

  it('2023-07 then 2024-02 (the 2022 rules count since 1 January of the previous year): 120,000: February, a waived review, gets the finding (its gate fails)', async () => {
    const { r, v } = await julyAndFebruary('july-first');
    expect(undercount(v['tm-jul'])).toBeUndefined();
    const f = undercount(v['tm-feb']);
    expect(f?.message.en).toContain('tm-jul (');
    // Before, the two were never summed: both gates passed (exit 0) on 60,000 each.
    expect(r.code).toBe(1);
  }, 60_000);

  it('in reverse input order the February gate pass is written first: July, dated before it in its window, is review naming it', async () => {
    const { r, v } = await julyAndFebruary('february-first');
    expect(undercount(v['tm-feb'])).toBeUndefined();
    expect(undercount(v['tm-jul'])?.message.en).toContain('tm-feb (');
    expect(r.code).toBe(1);
  }, 60_000);

  it('--as-of in another year than the date (window 2026 for 2025 transfers): every transfer of the window counts, whatever its date, both ways round', async () => {
    const dir = tempDir();
    const db = await freshLedger(dir);
    const files = [
      // Exporter A: the 2026 transfer first, then the 2025 one, whose window (2026) holds it.
      writeTemp(dir, 'a1.yaml', transfer('tm-a26', 60_000, '2026-01-10', { name: 'A Co.' })),
      writeTemp(dir, 'a2.yaml', transfer('tm-a25', 60_000, '2025-04-20', { name: 'A Co.' })),
      // Exporter B: the 2025 transfer passes first; the 2026 one met later contradicts it.
      writeTemp(dir, 'b1.yaml', transfer('tm-b25', 60_000, '2025-04-20', { name: 'B Co.' })),
      writeTemp(dir, 'b2.yaml', transfer('tm-b26', 60_000, '2026-01-10', { name: 'B Co.' })),
    ];
    const r = await runCli(['check', '--format', 'json', '--as-of', '2026-05-01', '--ledger', db, ...files]);
    const v = byId(JSON.parse(r.stdout) as Out[]);
    expect(Object.fromEntries(Object.entries(v).map(([id, x]) => [id, x.verdict]))).toEqual({ 'tm-a26': 'pass', 'tm-a25': 'review', 'tm-b25': 'pass', 'tm-b26': 'review' });
    expect(undercount(v['tm-a25'])?.message.en).toContain('tm-a26 (');
    expect(undercount(v['tm-b26'])?.message.en).toContain('tm-b25 (');
  }, 60_000);
});

describe('the service\'s batch endpoint goes through the same tally', () => {
  it('POST /v1/check/batch: the second line of one exporter is review', async () => {
    const app = await testServer({ rateLimit: false, maxEventLoopDelayMs: false });
    try {
      const ndjson = [transfer('tm-m', 60_000, '2026-03-02'), transfer('tm-a', 60_000, '2026-04-20')].map((t) => JSON.stringify(parseYaml(t))).join('\n');
      const res = await app.inject({ method: 'POST', url: '/v1/check/batch', headers: { 'content-type': 'application/x-ndjson' }, payload: ndjson });
      const lines = res.body.trim().split('\n').map((l) => JSON.parse(l) as Out);
      expect(lines.map((l) => l.verdict)).toEqual(['pass', 'review']);
      expect(undercount(lines[1])).toBeDefined();
    } finally {
      await app.close();
    }
  }, 60_000);
});

const set = await loadPacks();
async function verdicts(texts: readonly string[]): Promise<string[]> {
  async function* jobs(): AsyncGenerator<Job> { for (const [i, text] of texts.entries()) yield { kind: 'text', uri: `m${i}.yaml`, text }; }
  const out: string[] = [];
  for await (const c of evaluateAll(jobs(), set, { jobs: 1, packPaths: [], cache: false })) {
    const r = 'result' in c ? (c.result as CheckResult) : undefined;
    out.push(!r || isError(r) ? 'error' : r.verdict);
  }
  return out;
}

describe('property: an earlier transfer of the same exporter never turns a review into a pass', () => {
  const one = fc.record({
    day: fc.integer({ min: 1, max: 360 }),
    individuals: fc.constantFrom(1, 5_000, 40_000, 60_000, 99_999, 150_000),
    prior: fc.constantFrom(0, 0, 30_000, 60_000, 100_000),
  });
  const text = (id: string, t: { day: number; individuals: number; prior: number }): string =>
    transfer(id, t.individuals, new Date(Date.UTC(2026, 0, t.day)).toISOString().slice(0, 10), { prior: t.prior });

  it('inputs in date order, a transfer added first (dated on or before them all): no review or fail becomes pass', async () => {
    await fc.assert(fc.asyncProperty(fc.array(one, { minLength: 1, maxLength: 4 }), one, async (list, added) => {
      const sorted = [...list].sort((a, b) => a.day - b.day);
      const before = await verdicts(sorted.map((t, i) => text(`tm-${i}`, t)));
      const first = { ...added, day: Math.min(added.day, sorted[0]!.day) };
      const after = (await verdicts([text('tm-added', first), ...sorted.map((t, i) => text(`tm-${i}`, t))])).slice(1);
      for (const [i, v] of before.entries()) if (v !== 'pass') expect(after[i]).not.toBe('pass');
    }), { ...FC_PARAMS, numRuns: Math.min(FC_PARAMS.numRuns, 40) });
  }, 120_000);
});

const inWindowOf = (p: TallyRecord): boolean => p.window!.from <= p.year && p.year <= p.window!.to;

describe('RunTally', () => {
  const rec = (id: string, day: number, individuals: number, prior: number, o: Partial<TallyRecord> = {}): TallyRecord => ({
    name: 'ACME', year: 2026, day, date: `d${day}`, id, source: `${id}.yaml`, individuals, sensitiveIndividuals: 0,
    prior: { individuals: prior, sensitiveIndividuals: 0 }, recorded: false, verdict: 'pass', mechanism: 'none', duties: [], ...o,
  });
  const step = (t: RunTally, r: TallyRecord) => { const a = t.assess(r); return { a, added: t.add(r, a.extra, a.earlier ? undefined : r.prior) }; };

  it('sums only transfers dated on or before, counts sensitive PI apart, and leaves recorded transfers to the ledger', () => {
    const t = new RunTally();
    step(t, rec('a', 10, 50, 0));
    step(t, rec('b', 30, 70, 0, { recorded: true }));
    step(t, rec('s', 5, 0, 0, { sensitiveIndividuals: 9 }));
    const x = (prior: number, sensitive: number) => rec('x', 20, 1, prior, { prior: { individuals: prior, sensitiveIndividuals: sensitive } });
    expect(t.assess(x(50, 9)).earlier).toBeUndefined();
    expect(t.assess(x(50, 8)).earlier).toBeDefined();
    expect(t.assess(x(40, 9)).earlier).toMatchObject({ count: 2, totals: { individuals: 50, sensitiveIndividuals: 9 } });
    // With a ledger prior, the run adds only what the ledger does not hold.
    expect(t.assess(rec('z', 40, 1, 120, { ledger: { individuals: 70, sensitiveIndividuals: 0 }, prior: { individuals: 120, sensitiveIndividuals: 9 } })).earlier).toBeUndefined();
    expect(t.assess(rec('z', 40, 1, 119, { ledger: { individuals: 70, sensitiveIndividuals: 0 }, prior: { individuals: 119, sensitiveIndividuals: 9 } })).earlier).toBeDefined();
  });

  it('a pass later in the year, already written, is named when an earlier-dated transfer exceeds its prior', () => {
    const t = new RunTally();
    step(t, rec('june', 160, 10, 5));
    const { added } = step(t, rec('march', 60, 6, 0));
    expect(added.later).toEqual([{ id: 'june', source: 'june.yaml' }]);
    // Same day: the one first in the input may be the earlier, so the second is checked (assess), not the first.
    const same = new RunTally();
    step(same, rec('p', 100, 10, 0));
    const second = step(same, rec('q', 100, 10, 0));
    expect(second.added.later).toEqual([]);
    expect(second.a.earlier).toBeDefined();
  });

  it('a name linked to a USCC merges what the run held under each, and names a pass that leaves contradicted', () => {
    const t = new RunTally();
    step(t, rec('n', 10, 10, 0, { name: 'ACME' }));
    step(t, rec('u', 20, 10, 0, { name: undefined, uscc: 'U1' }));
    const { a } = step(t, rec('link', 300, 1, 100, { name: 'ACME', uscc: 'U1' }));
    expect(a.revealed).toEqual([{ id: 'u', source: 'u.yaml' }]);
  });

  // The 2022 rules' window: the previous year too. Day numbers run on across years.
  const w22 = (year: number) => ({ year, window: { from: year - 1, to: year } });

  it('counts the run\'s transfers of every year of the window, dated on or before it; not a year outside it', () => {
    const t = new RunTally();
    step(t, rec('y21', 10, 40, 0, w22(2021)));
    step(t, rec('y22', 400, 50, 0, w22(2022)));
    step(t, rec('y23late', 900, 70, 0, w22(2023)));
    // 2023 day 800: counts 2022 (whole) and 2023 up to day 800, never 2021 nor the later 2023 transfer.
    expect(t.assess(rec('x', 800, 1, 0, w22(2023))).earlier).toMatchObject({ count: 1, totals: { individuals: 50 } });
    expect(t.assess(rec('x', 800, 1, 50, w22(2023))).earlier).toBeUndefined();
    // The 2024 rules count the year of the date only.
    expect(t.assess(rec('x', 800, 1, 0, { year: 2023, window: { from: 2023, to: 2023 } })).earlier).toBeUndefined();
  });

  it('a transfer of a year a written pass counts whole contradicts it; one of a year outside its window does not', () => {
    const t = new RunTally();
    step(t, rec('feb24', 800, 60, 0, w22(2024)));
    expect(step(t, rec('dec22', 400, 60, 0, w22(2022))).added.later).toEqual([]);
    expect(step(t, rec('jul23', 600, 60, 0, w22(2023))).added.later).toEqual([{ id: 'feb24', source: 'feb24.yaml' }]);
  });

  it('a window without the year of the date (--as-of in another year) counts every transfer of its years, both ways', () => {
    const asOf26 = (year: number) => ({ year, window: { from: 2026, to: 2026 } });
    const t = new RunTally();
    step(t, rec('a26', 900, 60, 0, asOf26(2026)));
    expect(t.assess(rec('a25', 500, 1, 0, asOf26(2025))).earlier).toMatchObject({ totals: { individuals: 60 } });
    const u = new RunTally();
    step(u, rec('b25', 500, 60, 0, asOf26(2025)));
    // Dated after it, yet of its window: the 2025 pass counted it as none.
    expect(step(u, rec('b26', 900, 60, 0, asOf26(2026))).added.later).toEqual([{ id: 'b25', source: 'b25.yaml' }]);
  });

  it('a name linked to a USCC: a pass on one side counting the previous year is lowered by the other side\'s transfers of that year', () => {
    const t = new RunTally();
    step(t, rec('n23', 900, 10, 0, { name: 'ACME', ...w22(2023) }));
    step(t, rec('u22', 400, 10, 0, { name: undefined, uscc: 'U1', ...w22(2022) }));
    const { a } = step(t, rec('link', 950, 1, 100, { name: 'ACME', uscc: 'U1', ...w22(2023) }));
    expect(a.revealed).toEqual([{ id: 'n23', source: 'n23.yaml' }]);
  });

  it('the same transfer met twice is one, wherever its exporter\'s buckets were merged', () => {
    const t = new RunTally();
    step(t, rec('a', 10, 60, 0, { uscc: 'U1' }));
    expect(step(t, rec('a', 10, 60, 0, { uscc: 'U1' })).a.earlier).toBeUndefined();
    expect(t.assess(rec('b', 20, 1, 60, { uscc: 'U1' })).earlier).toBeUndefined();
  });

  it('property: what it counts and what it finds contradicted are those of a plain list of the transfers met', () => {
    // Windows follow the year, as in a run without --as-of: two years up to 2023 (the 2022 rules), one from 2024.
    const windowOf = (year: number) => ({ from: year <= 2023 ? year - 1 : year, to: year });
    const one = fc.record({
      name: fc.constantFrom('A', 'B'), year: fc.integer({ min: 2022, max: 2025 }), doy: fc.integer({ min: 0, max: 4 }),
      individuals: fc.integer({ min: 0, max: 40 }), prior: fc.integer({ min: 0, max: 80 }), pass: fc.boolean(), recorded: fc.boolean(),
    });
    // An --as-of puts every manifest in one window: 2026's holds none of their years (the fail-closed reading).
    fc.assert(fc.property(fc.array(one, { minLength: 1, maxLength: 14 }), fc.constantFrom(undefined, 2024, 2026), (list, asOf) => {
      const t = new RunTally();
      const met: { r: TallyRecord; slack?: number }[] = [];
      for (const [i, x] of list.entries()) {
        const r = rec(`t${i}`, x.year * 1000 + x.doy, x.individuals, x.prior, {
          name: x.name, year: x.year, window: asOf === undefined ? windowOf(x.year) : windowOf(asOf), recorded: x.recorded, verdict: x.pass ? 'pass' : 'review',
        });
        const counts = (p: TallyRecord, q: TallyRecord, strict: boolean) => q.name === p.name && !q.recorded && q.individuals > 0
          && (q.year === p.year ? (strict ? q.day < p.day : q.day <= p.day) : p.window!.from <= q.year && q.year <= (inWindowOf(p) ? p.year - 1 : p.window!.to));
        const extra = met.filter((m) => counts(r, m.r, false)).reduce((n, m) => n + m.r.individuals, 0);
        const a = t.assess(r);
        expect(a.extra.individuals).toBe(extra);
        expect(a.earlier !== undefined).toBe(extra > r.prior.individuals);
        const verified = r.verdict === 'pass' && !a.earlier ? r.prior : undefined;
        const added = t.add(r, a.extra, verified);
        let contradicted = false;
        for (const m of met) {
          if (m.slack === undefined || !counts(m.r, r, true)) continue;
          m.slack -= r.individuals;
          if (m.slack < 0) contradicted = true;
        }
        expect(added.later.length > 0).toBe(contradicted);
        met.push({ r, ...(verified ? { slack: verified.individuals - extra } : {}) });
      }
    }), { ...FC_PARAMS, numRuns: Math.max(FC_PARAMS.numRuns, 300) });
  });

  it('past its bound it compares nothing more and says so (review, never pass)', () => {
    const t = new RunTally(8);
    step(t, rec('a', 1, 1, 0));
    step(t, rec('b', 2, 1, 0, { name: 'B' }));
    expect(step(t, rec('c', 3, 1, 0, { name: 'C' })).added.untracked).toBe(true);
    expect(t.assess(rec('d', 4, 1, 100)).untracked).toBe(true);
  });

  it('a file that changed between the worker\'s read and the main thread\'s is an error result, never the old pass', async () => {
    const r1 = rec('a', 10, 60_000, 0, { date: '2026-01-10' });
    const r2 = rec('b', 20, 60_000, 0, { date: '2026-01-20' });
    const job = (id: string): Job => ({ kind: 'file', uri: `${id}.yaml`, path: `/nonexistent/${id}.yaml` });
    const rendered = (r: TallyRecord): Checked => ({ outcome: 'pass', part: '{}', source: r.source, record: r });
    async function* results(): AsyncGenerator<[Job, Checked]> { yield [job('a'), rendered(r1)]; yield [job('b'), rendered(r2)]; }
    // Read again, the second file says 70,000: not the manifest the worker checked.
    const recheck = async () => ({ result: NOT_A_MANIFEST, record: { ...r2, individuals: 70_000 } }) as const;
    const out: Checked[] = [];
    for await (const c of applyTally(results(), recheck)) out.push(c);
    expect(out[0]).toMatchObject({ outcome: 'pass' });
    expect(out[1]).toMatchObject({ outcome: 'error', result: { error: { code: 'read-error' } } });
  });

  describe('results a worker rendered', () => {
    const job = (id: string): Job => ({ kind: 'file', uri: `${id}.yaml`, path: `/nonexistent/${id}.yaml` });
    const verdictOf = (r: TallyRecord) => ({ manifest: r.id, source: r.source, verdict: 'pass', mechanism: 'none', findings: [], obligations: [] }) as unknown as CheckResult;
    const rendered = (r: TallyRecord, fetchResult?: () => Promise<CheckResult | undefined>): Checked => ({ outcome: 'pass', part: '{}', source: r.source, record: r, ...(fetchResult ? { fetchResult } : {}) });
    // In reverse date order: the second (10 January) contradicts the first's pass (20 January), with no check again needed to judge it.
    const jan20 = rec('a', 20, 60_000, 0, { date: '2026-01-20' });
    const jan10 = rec('b', 10, 60_000, 0, { date: '2026-01-10' });
    const others = (id: string, day: number) => rec(id, day, 10, 0, { name: `other-${id}` });
    const collect = async (it: AsyncIterable<Checked>) => { const out: Checked[] = []; for await (const c of it) out.push(c); return out; };

    it('get the finding on the verdict the worker keeps: the main thread does not check them again', async () => {
      let rechecks = 0;
      const recheck = async () => { rechecks++; return { result: NOT_A_MANIFEST } as const; };
      async function* results(): AsyncGenerator<[Job, Checked]> {
        yield [job('a'), rendered(jan20, async () => verdictOf(jan20))];
        yield [job('b'), rendered(jan10, async () => verdictOf(jan10))];
      }
      const out = await collect(applyTally(results(), recheck));
      expect(rechecks).toBe(0);
      expect(out[0]).toMatchObject({ outcome: 'pass', part: '{}' });
      expect(out[1]).toMatchObject({ outcome: 'review', result: { manifest: 'b', verdict: 'review', findings: [{ rule: 'xborder.run-undercount' }] } });
    });

    it('one the worker no longer keeps is checked again here, once, without extra totals', async () => {
      const calls: unknown[] = [];
      const recheck = async (_j: Job, extra?: unknown) => { calls.push(extra); return { result: verdictOf(jan10), record: jan10 }; };
      async function* results(): AsyncGenerator<[Job, Checked]> {
        yield [job('a'), rendered(jan20, async () => verdictOf(jan20))];
        yield [job('b'), rendered(jan10, async () => undefined)];
      }
      const out = await collect(applyTally(results(), recheck));
      expect(calls).toEqual([undefined]);
      expect(out[1]).toMatchObject({ outcome: 'review', result: { manifest: 'b' } });
    });

    it('stay in input order while their verdicts come back out of order, and a slow input holds no finished result back', async () => {
      let release!: () => void;
      const slow = new Promise<void>((resolve) => { release = resolve; });
      let answer!: () => void;
      const late = new Promise<void>((resolve) => { answer = resolve; });
      async function* results(): AsyncGenerator<[Job, Checked]> {
        yield [job('a'), rendered(jan20, async () => verdictOf(jan20))];
        yield [job('b'), rendered(jan10, async () => { await late; return verdictOf(jan10); })]; // its verdict comes last
        yield [job('c'), rendered(others('c', 5))];
        await slow; // the input stalls (a pipe waiting for its writer)
        yield [job('d'), rendered(others('d', 6))];
      }
      const seen: string[] = [];
      const done = (async () => { for await (const c of applyTally(results(), async () => ({ result: NOT_A_MANIFEST }) as const)) seen.push((c as { record: TallyRecord }).record?.id ?? (c as { result: CheckResult }).result.manifest!); })();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toEqual(['a']); // b waits for its verdict, and c waits behind b
      answer();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toEqual(['a', 'b', 'c']); // out before the input goes on
      release();
      await done;
      expect(seen).toEqual(['a', 'b', 'c', 'd']);
    });
  });

  it('100,000 transfers of one exporter stay linear (each walks at most 366 days)', () => {
    const t = new RunTally();
    const start = performance.now();
    for (let i = 0; i < 100_000; i++) step(t, rec(`t${i}`, (i * 7919) % 365, 10, 0));
    expect(performance.now() - start).toBeLessThan(20_000);
  });
});

it('the docs list the finding', () => {
  expect(readFileSync(join(import.meta.dirname, '../../docs/questionable-inputs.md'), 'utf8')).toContain('xborder.run-undercount');
});

describe('xborder explain knows the checker\'s own findings', () => {
  it('explains xborder.run-undercount (and the other built-in ids) with exit 0, in English and Chinese', async () => {
    const r = await runCli(['explain', 'xborder.run-undercount']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Earlier transfers in the same run exceed the stated year-to-date totals');
    const zh = await runCli(['explain', '--lang', 'zh', 'xborder/xborder.prior-unstated']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('人工审查');
  }, 60_000);
});
