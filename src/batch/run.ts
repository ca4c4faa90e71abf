/**
 * Evaluates a stream of jobs and yields results in input order, in-process (jobs = 1) or on worker threads.
 *
 * Bounded memory: jobs are pulled from the input only while fewer than `maxInFlight` chunks are out, and a
 * finished chunk waits in `done` only until the chunks before it are yielded; the consumer's pace (writing
 * the report) therefore throttles reading. Nothing grows with the size of the batch.
 */
import { Worker } from 'node:worker_threads';
import type { PackSet } from '../evaluate/pack-set.js';
import { errorResult } from '../evaluate/pipeline.js';
import type { Job } from './inputs.js';
import type { TrustOptions } from '../load/trusted.js';
import { NOT_A_MANIFEST, runJob, type JobOptions } from './job.js';
import type { Checked, ChunkRequest, WorkerInit, WorkerReply } from './protocol.js';
import { outcomeOf } from './report-writer.js';
import type { FormatContext } from '../report/types.js';

export interface RunOptions extends JobOptions {
  jobs: number;
  packPaths: string[];
  cache: boolean;
  trust?: TrustOptions;
  /** Jobs per message to a worker: amortises postMessage and structured clone (default 32). */
  chunkSize?: number;
  /** Let workers render streamed formats (see WorkerInit.render). */
  render?: { format: string; ctx: FormatContext };
}

/** In-process: the same code a worker runs, without threads (--jobs 1, and tiny batches). */
async function* inProcess(jobs: AsyncIterable<Job>, set: PackSet, opts: JobOptions): AsyncGenerator<Checked> {
  for await (const job of jobs) {
    const result = await runJob(job, set, opts);
    yield result === NOT_A_MANIFEST ? { notManifest: true } : { outcome: outcomeOf(result), result };
  }
}

const jobUri = (j: Job): string => (j.kind === 'error' ? j.result.source : j.uri);

const failAll = (jobs: readonly Job[], why: string): Checked[] => jobs.map((j) => ({
  outcome: 'error',
  result: errorResult(jobUri(j), [{ code: 'internal', severity: 'error', message: `worker failed: ${why}`, location: { uri: jobUri(j), pointer: '' } }]),
}));

class CheckWorker {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  private pending = new Map<number, { jobs: Job[]; resolve: (r: Checked[]) => void }>();
  /** Why the worker stopped, once it has: later chunks fail at once instead of waiting forever. */
  private dead: string | undefined;

  constructor(init: WorkerInit) {
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: init, stdout: false, stderr: false });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (m: WorkerReply) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'init-error') reject(new Error(m.message));
        else {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          p?.resolve(m.results);
        }
      });
      // A crashed worker fails only its own jobs, each as an internal error (fail closed: never a pass).
      const die = (why: string): void => {
        this.dead ??= why;
        reject(new Error(why));
        for (const [id, p] of this.pending) {
          this.pending.delete(id);
          p.resolve(failAll(p.jobs, why));
        }
      };
      this.worker.on('error', (e) => die(e.message));
      this.worker.on('exit', (code) => die(`exited with code ${code}`));
    });
  }

  get busy(): number {
    return this.pending.size;
  }

  run(id: number, jobs: Job[]): Promise<Checked[]> {
    if (this.dead) return Promise.resolve(failAll(jobs, this.dead));
    return new Promise((resolve) => {
      this.pending.set(id, { jobs, resolve });
      this.worker.postMessage({ id, jobs } satisfies ChunkRequest);
    });
  }
}

async function* onWorkers(jobs: AsyncIterable<Job>, opts: RunOptions): AsyncGenerator<Checked> {
  const init: WorkerInit = {
    packPaths: opts.packPaths, cache: opts.cache, ...(opts.trust ? { trust: { ...opts.trust, record: false } } : {}), opts: { asOf: opts.asOf, explain: opts.explain, maxBytes: opts.maxBytes, waivers: opts.waivers, today: opts.today },
    ...(opts.render ? { render: opts.render } : {}),
  };
  const workers = Array.from({ length: opts.jobs }, () => new CheckWorker(init));
  try {
    await Promise.all(workers.map((w) => w.ready));
    const chunkSize = opts.chunkSize ?? 32;
    // Two chunks per worker: one running, one queued, so a worker never idles waiting for the main thread.
    const maxInFlight = workers.length * 2;
    const inFlight: Promise<Checked[]>[] = [];
    let nextId = 0;
    const it = jobs[Symbol.asyncIterator]();
    let exhausted = false;
    const fill = async (): Promise<void> => {
      while (!exhausted && inFlight.length < maxInFlight) {
        const chunk: Job[] = [];
        while (chunk.length < chunkSize) {
          const n = await it.next();
          if (n.done) { exhausted = true; break; }
          chunk.push(n.value);
        }
        if (chunk.length === 0) break;
        const w = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
        inFlight.push(w.run(nextId++, chunk));
      }
    };
    await fill();
    while (inFlight.length) {
      // In order: wait for the oldest chunk, whatever finished first.
      const results = await (inFlight.shift() as Promise<Checked[]>);
      await fill();
      yield* results;
    }
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

/**
 * Results in input order. `set` is the main thread's compiled packs: used in-process, and only for its
 * rule list otherwise (each worker compiles its own from `packPaths`).
 */
export function evaluateAll(jobs: AsyncIterable<Job>, set: PackSet, opts: RunOptions): AsyncGenerator<Checked> {
  return opts.jobs <= 1 ? inProcess(jobs, set, opts) : onWorkers(jobs, opts);
}
