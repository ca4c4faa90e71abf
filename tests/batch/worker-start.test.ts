// Workers start while the main thread already checks (src/batch/run.ts): the order, the results and a worker
// that cannot start must behave as when every worker was awaited first.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { evaluateAll } from '../../dist/src/batch/run.js';
import { manifests } from './helpers.js';

const jobsOf = (n: number) => manifests(n).map((m, i) => ({ kind: 'text' as const, uri: `m${i}.json`, text: JSON.stringify(m) }));
async function* stream<T>(xs: readonly T[]): AsyncGenerator<T> { for (const x of xs) yield x; }
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => { const out: T[] = []; for await (const x of it) out.push(x); return out; };

describe('worker start (main thread checks meanwhile)', () => {
  it('gives the in-process results, in input order, with two jobs', async () => {
    const set = await loadPacks();
    const jobs = jobsOf(300);
    const one = await collect(evaluateAll(stream(jobs), set, { jobs: 1, packPaths: [], cache: false }));
    const two = await collect(evaluateAll(stream(jobs), set, { jobs: 2, packPaths: [join(process.cwd(), 'rules')], cache: false, chunkSize: 8 }));
    expect(two.map((c) => ('result' in c ? c.result?.source : undefined))).toEqual(jobs.map((j) => j.uri));
    expect(two).toEqual(one);
  }, 120_000);

  it('fails the run (never a partial pass) when a worker cannot load its packs', async () => {
    const set = await loadPacks();
    const dir = mkdtempSync(join(tmpdir(), 'xborder-bad-pack-'));
    writeFileSync(join(dir, 'pack.yaml'), 'kind: RulePack\nmetadata: {}\n');
    const run = collect(evaluateAll(stream(jobsOf(200)), set, { jobs: 2, packPaths: [dir], cache: false, chunkSize: 8 }));
    await expect(run).rejects.toThrow();
  }, 120_000);

  it('fails the run when a worker cannot start even if the main thread checked everything first', async () => {
    const set = await loadPacks();
    const dir = mkdtempSync(join(tmpdir(), 'xborder-bad-pack-'));
    writeFileSync(join(dir, 'pack.yaml'), 'kind: RulePack\nmetadata: {}\n');
    await expect(collect(evaluateAll(stream(jobsOf(1)), set, { jobs: 2, packPaths: [dir], cache: false }))).rejects.toThrow();
  }, 120_000);

  it('with onStartError, goes on without the worker: every input checked once, in order, and the error reported', async () => {
    const set = await loadPacks();
    const dir = mkdtempSync(join(tmpdir(), 'xborder-bad-pack-'));
    writeFileSync(join(dir, 'pack.yaml'), 'kind: RulePack\nmetadata: {}\n');
    const jobs = jobsOf(200);
    const errors: Error[] = [];
    const out = await collect(evaluateAll(stream(jobs), set, { jobs: 3, packPaths: [dir], cache: false, chunkSize: 8, onStartError: (e) => errors.push(e) }));
    expect(out.map((c) => ('result' in c ? c.result?.source : undefined))).toEqual(jobs.map((j) => j.uri));
    expect(out.every((c) => 'outcome' in c && c.outcome !== 'error')).toBe(true);
    expect(errors).toHaveLength(2);
  }, 120_000);
});
