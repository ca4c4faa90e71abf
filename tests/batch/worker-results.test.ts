// The tally takes a worker-rendered verdict back from the worker that keeps it (ResultRequest, src/batch/run.ts):
// the run must not end its workers before they answer, or the main thread checks the last results again itself.
// A stand-in worker thread (same protocol, real checks) answers late and marks what it sends back.
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { checkChunk } from '../../dist/src/batch/chunk.js';
import { CheckWorker, evaluateAll } from '../../dist/src/batch/run.js';
import { sized } from '../service/fixtures.js';

type Req = { type: 'chunk'; id: number; jobs: { uri: string }[] } | { type: 'result'; id: number; chunk: number; index: number };
type Set_ = Awaited<ReturnType<typeof loadPacks>>;

/** A worker thread in process: checks chunks at once, answers ResultRequests after `delay` ms, never once terminated. */
function fakeWorker(set: Set_, delay: number, checked: Set<string>) {
  return class extends EventEmitter {
    private readonly kept = new Map<number, unknown[]>();
    private gone = false;
    constructor(_url: URL, private readonly o: { workerData: { opts: object; render: never } }) {
      super();
      setImmediate(() => this.emit('message', { type: 'ready' }));
    }
    postMessage(req: Req): void {
      if (this.gone) return;
      if (req.type === 'result') {
        const r = this.kept.get(req.chunk)?.[req.index] as object | undefined;
        setTimeout(() => { if (!this.gone) this.emit('message', { type: 'result', id: req.id, result: r && { ...r, answeredBy: 'worker' } }); }, delay);
        return;
      }
      const kept: unknown[] = [];
      for (const j of req.jobs) checked.add(j.uri);
      void checkChunk(req.jobs as never, set, this.o.workerData.opts, this.o.workerData.render, kept as never).then((results) => {
        this.kept.set(req.id, kept);
        if (!this.gone) this.emit('message', { type: 'chunk', id: req.id, results });
      });
    }
    async terminate(): Promise<number> {
      if (!this.gone) { this.gone = true; setImmediate(() => this.emit('exit', 1)); }
      return 1;
    }
  } as unknown as typeof Worker;
}

describe('results a worker rendered and the tally needs whole', () => {
  it('come back from that worker even at the end of the run: it is not terminated before it answers', async () => {
    const set = await loadPacks();
    const render = { format: 'ndjson', ctx: { lang: 'en', color: false, rules: new Map(), failOn: 'fail', toolVersion: '0' } };
    // One exporter, 60,000 people a month: from the second on, each is review with the run-undercount finding.
    const jobs = Array.from({ length: 24 }, (_, i) => ({
      kind: 'text' as const, uri: `m${i}.yaml`,
      text: sized(`tm-${i}`, 60_000).replace(/^date: .*$/m, `date: 2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 12)).padStart(2, '0')}`),
    }));
    const checked = new Set<string>();
    const opts = { jobs: 2, packPaths: [], cache: false, render, chunkSize: 2, today: '2026-12-07' };
    const w = new CheckWorker(fakeWorker(set, 300, checked), { packPaths: [], cache: false, opts: { today: opts.today }, render, keep: 1000 } as never);
    const pool = { threads: [w], close: async () => { await w.worker.terminate(); } };
    async function* input() { for (const j of jobs) yield j; }
    const out: { outcome: string; result?: { source: string; answeredBy?: string; findings: { rule: string }[] } }[] = [];
    for await (const c of evaluateAll(input() as never, set, { ...opts, pool } as never)) out.push(c as never);
    expect(out).toHaveLength(jobs.length);
    const fromWorker = out.filter((c) => c.result && checked.has(c.result.source) && c.result.findings.some((f) => f.rule === 'xborder.run-undercount'));
    expect(fromWorker.length).toBeGreaterThan(0);
    // Not checked again on the main thread: the verdict is the one the worker kept.
    expect(fromWorker.map((c) => [c.result!.source, c.result!.answeredBy])).toEqual(fromWorker.map((c) => [c.result!.source, 'worker']));
  }, 60_000);
});
