/** Streamed SARIF, JUnit and markdown (issue 11, item 12): same bytes as the whole-batch formatters, however placed. */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { checkText } from '../../dist/src/evaluate/pipeline.js';
import { ruleInfo } from '../../dist/src/app/check.js';
import { buffered, createReportWriter, encoded, fileSpool } from '../../dist/src/batch/report-writer.js';
import { FORMATS } from '../../dist/src/report/index.js';
import { COMMENT_LIMIT } from '../../dist/src/report/markdown.js';
import type { CheckResult } from '../../dist/src/model/verdict.js';
import { manifests, xborder } from './helpers.js';

const spoolFiles = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith(`xborder-spool-${process.pid}-`));

describe('file spool', () => {
  it('gives back what it was given, in order, across 64 KB reads that split characters; reusable; leaves no file', () => {
    const s = fileSpool(10); // to a file after 10 characters
    const text = Array.from({ length: 30_000 }, (_, i) => `${i}:数据出境✅;`);
    for (const t of text) s.write(t);
    expect(spoolFiles()).toEqual([]); // unlinked as soon as it was opened
    let out = '';
    s.drain((x) => { out += x; });
    expect(out).toBe(text.join(''));
    s.write('again');
    out = '';
    s.drain((x) => { out += x; });
    expect(out).toBe('again');
    s.close();
    expect(spoolFiles()).toEqual([]);
  });
});

describe('encoded report output', () => {
  it('is the UTF-8 of what buffered joins, with characters (and surrogate pairs) across every 64-byte flush', () => {
    const parts = Array.from({ length: 3_000 }, (_, i) => `${i}:数据出境😀;${'x'.repeat(i % 97)}`);
    const big = new TextEncoder().encode(`${'大'.repeat(50)}|`); // bytes longer than the buffer: written as they are
    let text = '';
    const t = buffered((s) => { text += s; }, 64);
    const chunks: Uint8Array[] = [];
    const b = encoded((x) => { chunks.push(x); }, 64);
    for (const [i, p] of parts.entries()) {
      if (i % 500 === 7) { t.bytes(big); b.bytes(big); }
      t.write(p);
      b.write(p);
    }
    t.flush();
    b.flush();
    expect(chunks.every((c) => c.length <= 64 || c.length === big.length)).toBe(true);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
    expect(text).toContain('2999:数据出境😀;');
  });

  it('hands over a copy at each flush: a stream that keeps a chunk sees what was written then', () => {
    const kept: Uint8Array[] = [];
    const b = encoded((x) => { kept.push(x); }, 8);
    for (const p of ['aaaaaa', 'bbbbbb', 'cccccc']) b.write(p);
    b.flush();
    expect(kept.map((k) => Buffer.from(k).toString())).toEqual(['aaaaaabb', 'bbbbcccc', 'cc']);
  });
});

describe('streamed reports through the batch writer', { timeout: 60_000 }, () => {
  const results = async (n: number): Promise<CheckResult[]> => {
    const set = await loadPacks();
    const out: CheckResult[] = [];
    for (const [i, m] of manifests(n, 5).entries()) out.push(await checkText(JSON.stringify(m), i % 7 < 4 ? 'multi.yaml' : `m${i}.json`, set));
    out.splice(3, 0, await checkText('{"apiVersion": ', 'broken.json', set));
    return out;
  };

  it('equal the whole-batch formatters when suites and the markdown cap are spread over many parts', async () => {
    const set = await loadPacks();
    const rs = await results(400);
    for (const failOn of ['fail', 'review'] as const) {
      const ctx = { lang: 'en' as const, color: false, rules: ruleInfo(set), failOn, toolVersion: '0.1.0' };
      for (const format of ['sarif', 'junit', 'markdown'] as const) {
        let out = '';
        const w = createReportWriter(format, ctx, (s) => { out += s; }, () => fileSpool(100)); // spools on disk
        for (const r of rs) w.add(r);
        w.end();
        expect(out, `${format} --fail-on ${failOn}`).toBe(FORMATS[format].whole(rs, ctx));
      }
    }
  });

  it('markdown: a failure that comes after the comment is full still shows, before the passes it displaces', async () => {
    const set = await loadPacks();
    const ctx = { lang: 'en' as const, color: false, rules: ruleInfo(set), failOn: 'fail' as const, toolVersion: '0.1.0' };
    const rs = await results(400);
    const passes = rs.filter((r) => !('error' in r) && r.verdict === 'pass');
    const fail = rs.find((r) => !('error' in r) && r.verdict === 'fail') as CheckResult;
    const batch = [...passes, ...passes, ...passes, { ...fail, manifest: 'the-late-failure' }];
    let out = '';
    const w = createReportWriter('markdown', ctx, (s) => { out += s; });
    for (const r of batch) w.add(r);
    w.end();
    expect(out.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    const rows = out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Manifest'));
    expect(rows[0]).toContain('the-late-failure');
    expect(out).toMatch(new RegExp(`> ${batch.length - rows.length} of ${batch.length} manifests are left out`));
  });
});

describe('streamed reports through the CLI', { timeout: 120_000 }, () => {
  it('are the same bytes rendered in workers (--jobs 2) as in process, for every streamed format', () => {
    const input = `${manifests(150, 3).map((m) => JSON.stringify(m)).join('\n')}\n{"broken": \n`;
    // A streamed format's parts (text, json, ndjson, sarif, github) come from workers as UTF-8 bytes (worker.ts); the
    // parts an assembler places (junit, markdown) as text.
    for (const format of Object.keys(FORMATS)) {
      const one = xborder(['check', '-', '--format', format, '--jobs', '1', '--quiet'], { input });
      const two = xborder(['check', '-', '--format', format, '--jobs', '2', '--quiet'], { input });
      expect(one.code).toBe(2);
      expect(two.stdout, format).toBe(one.stdout);
      expect(one.stdout.length).toBeGreaterThan(1000);
    }
  });

  it('--only leaves results out without breaking the report (json used to begin "[,")', () => {
    const r = xborder(['check', '--only', 'fail', '--format', 'json', 'tests/fixtures/batch/b-pass-trade.json', 'tests/fixtures/batch/a-fail-sme-150k.yaml']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { verdict: string }[]).map((v) => v.verdict)).toEqual(['fail']);
    const s = xborder(['check', '--only', 'fail', '--format', 'sarif', 'tests/fixtures/batch/b-pass-trade.json', 'tests/fixtures/batch/a-fail-sme-150k.yaml']);
    expect((JSON.parse(s.stdout) as { runs: { results: unknown[] }[] }).runs[0]?.results.length).toBeGreaterThan(0);
  });
});
