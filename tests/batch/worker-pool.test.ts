// Workers started before the input walk (startWorkers) and chunks that shrink at the end of the input
// (Chunker, src/batch/run.ts): the same results in the same order, nothing lost, and an unused pool ends cleanly.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { CheckWorker, Chunker, evaluateAll, startWorkers } from '../../dist/src/batch/run.js';
import { Worker } from 'node:worker_threads';
import { BIN, corpusDir, manifests, xborder } from './helpers.js';

type TextJob = { kind: 'text'; uri: string; text: string };
const jobsOf = (n: number): TextJob[] => manifests(n).map((m, i) => ({ kind: 'text' as const, uri: `m${i}.json`, text: JSON.stringify(m) }));
async function* stream<T>(xs: readonly T[]): AsyncGenerator<T> { for (const x of xs) yield x; }
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => { const out: T[] = []; for await (const x of it) out.push(x); return out; };

async function chunksOf(n: number, size: number, runners: number): Promise<number[][]> {
  const c = new Chunker(stream(Array.from({ length: n }, (_, i) => ({ kind: 'text' as const, uri: String(i), text: '' })))[Symbol.asyncIterator](), size, runners);
  const out: number[][] = [];
  while (!c.done) out.push((await c.next()).map((j) => Number((j as TextJob).uri)));
  return out;
}

describe('Chunker', () => {
  it('hands out every job once, in order, full chunks until the end is in sight', async () => {
    const chunks = await chunksOf(1000, 32, 2);
    expect(chunks.flat()).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(chunks.slice(0, 20).every((c) => c.length === 32)).toBe(true);
    expect(chunks.every((c) => c.length >= 1 && c.length <= 32)).toBe(true);
  });

  it('shrinks the last chunks so no runner is left holding a queue of full ones', async () => {
    const chunks = await chunksOf(1000, 32, 2);
    // The last 64 jobs (what two runners would otherwise hold as two full chunks) come in smaller pieces.
    let seen = 0;
    const tail = [];
    for (const c of [...chunks].reverse()) { if (seen >= 64) break; tail.push(c.length); seen += c.length; }
    expect(Math.max(...tail)).toBeLessThan(32);
    expect(chunks.at(-1)).toHaveLength(1);
  });

  it('copes with inputs shorter than one chunk, and with none', async () => {
    expect((await chunksOf(5, 32, 2)).flat()).toEqual([0, 1, 2, 3, 4]);
    expect(await chunksOf(0, 32, 2)).toEqual([[]]);
  });
});

describe('a worker that renders', () => {
  it('keeps the full results of its latest `keep` chunks for the tally, and answers undefined for older ones', async () => {
    const render = { format: 'ndjson', ctx: { lang: 'en', color: false, rules: new Map(), failOn: 'fail', toolVersion: '0' } };
    const w = new CheckWorker(Worker, { packPaths: [join(process.cwd(), 'rules')], cache: false, opts: {}, render, keep: 1 } as never);
    try {
      await w.ready;
      const jobs = jobsOf(4);
      const first = await w.run(0, jobs.slice(0, 2));
      const second = await w.run(1, jobs.slice(2));
      expect(first.every((c) => 'part' in c && c.part && !c.result && c.fetchResult)).toBe(true);
      const kept = await (second[1] as { fetchResult: () => Promise<{ source: string } | undefined> }).fetchResult();
      expect(kept?.source).toBe('m3.json');
      // An ndjson part is appended as it is: it comes as UTF-8 bytes (moved, not cloned).
      const part = (second[1] as { part: unknown }).part;
      expect(part).toBeInstanceOf(Uint8Array);
      expect(JSON.parse(Buffer.from(part as Uint8Array).toString('utf8')).source).toBe('m3.json');
      expect(await w.fetch(0, 0)).toBeUndefined(); // the first chunk is no longer kept: the main thread checks it again
      // keep: 3 would hold them all, but a chunk request naming chunk 2 as the oldest the tally may ask about drops 0 and 1.
      const w3 = new CheckWorker(Worker, { packPaths: [join(process.cwd(), 'rules')], cache: false, opts: {}, render, keep: 3 } as never);
      try {
        await w3.ready;
        await w3.run(0, jobs.slice(0, 1), 0);
        await w3.run(1, jobs.slice(1, 2), 0);
        expect((await w3.fetch(0, 0))?.source).toBe('m0.json');
        await w3.run(2, jobs.slice(2, 3), 2);
        expect(await w3.fetch(0, 0)).toBeUndefined();
        expect(await w3.fetch(1, 0)).toBeUndefined();
        expect((await w3.fetch(2, 0))?.source).toBe('m2.json');
        // A verdict without a tally record (no personal information) is never asked for again: not held.
        const noPI = { ...manifests(1)[0], personalInformation: undefined, id: 'no-pi' };
        await w3.run(3, [{ kind: 'text', uri: 'no-pi.json', text: JSON.stringify(noPI) }], 3);
        expect(await w3.fetch(3, 0)).toBeUndefined();
      } finally {
        await w3.worker.terminate();
      }
    } finally {
      await w.worker.terminate();
    }
  }, 60_000);
});

describe('a worker pool started before the walk', () => {
  it('gives the in-process results, in input order', async () => {
    const set = await loadPacks();
    const jobs = jobsOf(300);
    const opts = { packPaths: [join(process.cwd(), 'rules')], cache: false, chunkSize: 8 };
    const pool = await startWorkers({ ...opts, jobs: 2 });
    const one = await collect(evaluateAll(stream(jobs), set, { jobs: 1, packPaths: [], cache: false }));
    const two = await collect(evaluateAll(stream(jobs), set, { ...opts, jobs: 2, pool }));
    expect(two.map((c) => ('result' in c ? c.result?.source : undefined))).toEqual(jobs.map((j) => j.uri));
    expect(two).toEqual(one);
  }, 120_000);

  it('closes unused, without an unhandled rejection, even when its worker cannot start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xborder-bad-pack-'));
    writeFileSync(join(dir, 'pack.yaml'), 'kind: RulePack\nmetadata: {}\n');
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => { unhandled.push(e); };
    process.on('unhandledRejection', onUnhandled);
    try {
      const pool = await startWorkers({ jobs: 2, packPaths: [dir], cache: false });
      await new Promise((r) => setTimeout(r, 1500)); // long enough for the worker to fail its pack load
      await pool.close();
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  }, 60_000);

  it('is closed when the walk finds too few files for workers: the CLI ends with the in-process results', () => {
    const dir = corpusDir(5);
    const one = xborder(['check', '--format', 'ndjson', '--jobs', '1', dir]);
    const two = xborder(['check', '--format', 'ndjson', '--jobs', '2', dir]);
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stdout.trim().split('\n')).toHaveLength(5);
  }, 60_000);

  it('is closed when a report file cannot be opened: the run exits 2 instead of hanging on live workers', () => {
    const dir = corpusDir(100);
    for (const target of [['-f', 'sarif=/nonexistent-folder/x.sarif'], ['-o', '/nonexistent-folder/out.txt']]) {
      const r = spawnSync('node', [BIN, 'check', '--jobs', '2', ...target, dir], { encoding: 'utf8', timeout: 30_000 });
      expect(r.signal, target.join(' ')).toBeNull(); // killed by the timeout: the run hung
      expect(r.status, target.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/nonexistent-folder/);
    }
  }, 90_000);
});
