/**
 * Evaluates a stream of jobs and yields results in input order, in-process (jobs = 1) or on worker threads.
 *
 * Bounded memory: jobs are pulled from the input only while fewer than `maxInFlight` chunks are out, and a
 * finished chunk waits in `done` only until the chunks before it are yielded; the consumer's pace (writing
 * the report) therefore throttles reading. Nothing grows with the size of the batch.
 */
import type { Worker } from 'node:worker_threads';
import type { PackSet } from '../evaluate/pack-set.js';
import { errorResult } from '../evaluate/pipeline.js';
import type { Job } from './inputs.js';
import type { TrustOptions } from '../load/trusted.js';
import type { JobOptions } from './job.js';
import { checkChunk } from './chunk.js';
import { runJobTallied, type TalliedJob } from './job.js';
import { applyTally } from './tally-apply.js';
import type { PersonTotals } from '../evaluate/derive-facts.js';
import type { Checked, ChunkRequest, ResultRequest, WorkerInit, WorkerReply } from './protocol.js';
import type { CheckResult } from '../model/verdict.js';
import type { FormatContext } from '../report/types.js';

const CHUNK_SIZE = 32;

export interface RunOptions extends JobOptions {
  jobs: number;
  packPaths: string[];
  cache: boolean;
  trust?: TrustOptions;
  /** Jobs per message to a worker: amortises postMessage and structured clone (default CHUNK_SIZE). */
  chunkSize?: number;
  /** Let workers render streamed formats (see WorkerInit.render). */
  render?: { format: string; ctx: FormatContext };
  /**
   * Called once per worker thread that cannot start (its packs do not load, its script is missing). With it, the run
   * goes on without that worker (it never had a chunk: the others and the main thread check every input) and the
   * caller decides the exit code after finishing its report; without it, the first such error is thrown.
   */
  onStartError?: (err: Error) => void;
  /**
   * Judge each manifest against the run's earlier ones of its exporter and year (src/batch/tally.ts): the default.
   * `false` for a corpus of variants rather than transfers (pack diff compares packs, manifest by manifest, as its
   * evidence replay does).
   */
  tally?: boolean;
  /**
   * Worker threads started before the inputs were walked (startWorkers), so their import and pack load overlap
   * the walk; evaluateAll uses them (and terminates them) instead of starting its own. Built from the same options.
   */
  pool?: WorkerPool;
}

/** In-process: the same code a worker runs, without threads (--jobs 1, and tiny batches). */
async function* inProcess(jobs: AsyncIterable<Job>, set: PackSet, opts: JobOptions): AsyncGenerator<[Job, Checked]> {
  for await (const job of jobs) for (const c of await checkChunk([job], set, opts)) yield [job, c];
}

/**
 * The main thread's own share of a parallel run: it would otherwise only route chunks and write the report, and
 * one worker fewer saves a whole isolate's start-up, pack loading and JIT warm-up.
 */
class LocalRunner {
  busy = 0;
  readonly capacity = 1;
  readonly started = true;

  constructor(private readonly set: PackSet, private readonly opts: JobOptions, private readonly render?: RunOptions['render']) {}

  async run(_id: number, jobs: Job[]): Promise<Checked[]> {
    this.busy++;
    try {
      const out: Checked[] = [];
      for (const job of jobs) {
        const kept: (CheckResult | undefined)[] = [];
        const [c] = await checkChunk([job], this.set, this.opts, this.render, this.render ? kept : undefined);
        // Rendered here too (the same parts as a worker's): the result stays at hand for the tally.
        out.push(c && !('notManifest' in c) && !c.result && kept[0] ? { ...c, fetchResult: () => Promise.resolve(kept[0]) } : c!);
        // A chunk is all promise callbacks: yield so the workers' replies are handled and they get new chunks.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return out;
    } finally {
      this.busy--;
    }
  }
}

const jobUri = (j: Job): string => (j.kind === 'error' ? j.result.source : j.uri);

const failAll = (jobs: readonly Job[], why: string): Checked[] => jobs.map((j) => ({
  outcome: 'error',
  result: errorResult(jobUri(j), [{ code: 'internal', severity: 'error', message: `worker failed: ${why}`, location: { uri: jobUri(j), pointer: '' } }]),
}));

export class CheckWorker {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  private pending = new Map<number, { jobs: Job[]; resolve: (r: Checked[]) => void }>();
  /** ResultRequests awaiting their reply, by request id. */
  private asked = new Map<number, (r: CheckResult | undefined) => void>();
  /** Their promises, until answered: the run ends (and terminates the worker) only after them (answered()). */
  private asking = new Set<Promise<CheckResult | undefined>>();
  private nextAsk = 0;
  /** Why the worker stopped, once it has: later chunks fail at once instead of waiting forever. */
  private dead: string | undefined;
  /** Loaded its packs and listening: only then does it get chunks (the main thread checks meanwhile). */
  started = false;

  constructor(WorkerThread: typeof Worker, init: WorkerInit) {
    this.worker = new WorkerThread(new URL('./worker.js', import.meta.url), { workerData: init, stdout: false, stderr: false });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (m: WorkerReply) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'init-error') reject(new Error(m.message));
        else if (m.type === 'result') {
          this.asked.get(m.id)?.(m.result);
          this.asked.delete(m.id);
        } else {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          p?.resolve(m.results.map((c, i) => ('notManifest' in c || c.result ? c : { ...c, fetchResult: () => this.fetch(m.id, i) })));
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
        for (const [id, answer] of this.asked) {
          this.asked.delete(id);
          answer(undefined); // the main thread checks it again itself
        }
      };
      this.worker.on('error', (e) => die(e.message));
      this.worker.on('exit', (code) => die(`exited with code ${code}`));
    });
    // A pool closed unused (the walk found too few inputs) never awaits `ready`: its start error is not a crash.
    this.ready.catch(() => undefined);
  }

  readonly capacity = WORKER_CAPACITY;

  get busy(): number {
    return this.pending.size;
  }

  /** Chunk `id`; `oldest` the earliest chunk whose results the tally may still ask for (ChunkRequest). */
  run(id: number, jobs: Job[], oldest = 0): Promise<Checked[]> {
    if (this.dead) return Promise.resolve(failAll(jobs, this.dead));
    return new Promise((resolve) => {
      this.pending.set(id, { jobs, resolve });
      this.worker.postMessage({ type: 'chunk', id, jobs, oldest } satisfies ChunkRequest);
    });
  }

  /** The full result of a job this worker rendered, while it keeps it (WorkerInit.keep); undefined after, or once it died. */
  fetch(chunk: number, index: number): Promise<CheckResult | undefined> {
    if (this.dead) return Promise.resolve(undefined);
    const asked = new Promise<CheckResult | undefined>((resolve) => {
      const id = this.nextAsk++;
      this.asked.set(id, resolve);
      this.worker.postMessage({ type: 'result', id, chunk, index } satisfies ResultRequest);
    });
    this.asking.add(asked);
    void asked.then(() => this.asking.delete(asked));
    return asked;
  }

  /**
   * Once every ResultRequest sent so far is answered: at once from a worker with no chunk left, undefined from one
   * that died. The tally asks for the last results after the last chunk came back; terminating the worker before it
   * answers would make the main thread check each of them again (and read its file again).
   */
  async answered(): Promise<void> {
    while (this.asking.size) await Promise.all(this.asking);
  }
}

/** What a worker thread keeps queued (one running, two waiting), and the main thread (LocalRunner) one. */
const WORKER_CAPACITY = 3;

/**
 * Chunks out and not yet yielded, finished or not: more than the runners hold, so a runner that finished its
 * chunks gets more while an older chunk is still running elsewhere (with exactly their capacity, the main thread
 * sat idle behind the worker's queue). Still bounded: memory does not grow with the batch.
 */
const maxInFlight = (jobs: number): number => 4 * (WORKER_CAPACITY * (jobs - 1) + 1);

const workerInit = (opts: Omit<RunOptions, 'pool'>): WorkerInit => ({
  packPaths: opts.packPaths, cache: opts.cache, ...(opts.trust ? { trust: { ...opts.trust, record: false } } : {}), opts: { asOf: opts.asOf, explain: opts.explain, maxBytes: opts.maxBytes, waivers: opts.waivers, today: opts.today },
  // A bound only: a request is sent as its result leaves the run, after which the worker can finish at most the
  // chunks in flight; each chunk request also says which kept results the tally can no longer ask about (oldest).
  ...(opts.render ? { render: opts.render, keep: maxInFlight(opts.jobs) + 1 } : {}),
});

/** Worker threads started ahead of their work: hand to evaluateAll as `pool`, or `close()` when unused. */
export interface WorkerPool {
  readonly threads: readonly CheckWorker[];
  close(): Promise<void>;
}

/**
 * Starts the `jobs - 1` worker threads of a parallel run now, with the options evaluateAll will get: a worker
 * needs ~0.1 s of CPU (and more wall time) to import and load its packs, which this overlaps with the input walk.
 */
export async function startWorkers(opts: Omit<RunOptions, 'pool'>): Promise<WorkerPool> {
  const init = workerInit(opts);
  // Loaded here: a run in process (one manifest, --jobs 1) never pays for worker_threads.
  const { Worker: WorkerThread } = await import('node:worker_threads');
  const threads = Array.from({ length: Math.max(0, opts.jobs - 1) }, () => new CheckWorker(WorkerThread, init));
  return { threads, close: async () => { await Promise.all(threads.map((w) => w.worker.terminate())); } };
}

/**
 * Jobs in chunks of `size`, read ahead by `lookahead` jobs so the end of the input is seen coming: the last
 * chunks shrink so the runners finish together (a worker keeps three chunks queued; full chunks there would
 * leave the other threads idle at the end while it works through them).
 */
export class Chunker {
  private readonly ahead: Job[] = [];
  private exhausted = false;
  constructor(private readonly it: AsyncIterator<Job>, private readonly size: number, private readonly runners: number, private readonly lookahead = size * 8) {}

  get done(): boolean {
    return this.exhausted && this.ahead.length === 0;
  }

  async next(): Promise<Job[]> {
    while (!this.exhausted && this.ahead.length < this.lookahead) {
      const n = await this.it.next();
      if (n.done) this.exhausted = true;
      else this.ahead.push(n.value);
    }
    // Near the end: a share of what is left for each runner, twice over, down to single jobs.
    const size = this.exhausted ? Math.min(this.size, Math.max(1, Math.ceil(this.ahead.length / (2 * this.runners)))) : this.size;
    return this.ahead.splice(0, size);
  }
}

async function* onWorkers(jobs: AsyncIterable<Job>, set: PackSet, opts: RunOptions): AsyncGenerator<[Job, Checked]> {
  const init = workerInit(opts);
  const threads = opts.pool ? [...opts.pool.threads] : (await startWorkers(opts)).threads;
  const local = new LocalRunner(set, init.opts, opts.render);
  // A worker thread keeps three chunks (one running, two queued) so it never waits for the main thread; the main
  // thread takes one of its own only when it has none, and checks it between turns of its event loop (LocalRunner).
  const runners: { busy: number; capacity: number; started: boolean; run: (id: number, jobs: Job[], oldest: number) => Promise<Checked[]> }[] = [...threads, local];
  const inFlightMax = maxInFlight(threads.length + 1);
  try {
    const chunkSize = opts.chunkSize ?? CHUNK_SIZE;
    const inFlight: { id: number; jobs: Job[]; done: Promise<Checked[]> }[] = []; // in input order, finished or not
    let nextId = 0;
    // The chunk whose results are being yielded: the tally has asked for what it needs of every chunk before it.
    let yielding = 0;
    const chunker = new Chunker(jobs[Symbol.asyncIterator](), chunkSize, runners.length);
    let exhausted = false;
    // Hands out chunks whenever a runner has room: called as each chunk finishes, not only the oldest, so a slow
    // chunk at the head does not leave the other runners idle (results still come out in input order).
    const fillOnce = async (): Promise<void> => {
      while (!exhausted && inFlight.length < inFlightMax) {
        const free = runners.filter((r) => r.started && r.busy < r.capacity);
        if (free.length === 0) return;
        const runner = free.reduce((a, b) => (b.busy < a.busy ? b : a));
        const chunk = await chunker.next();
        if (chunker.done) exhausted = true;
        if (chunk.length === 0) return;
        const id = nextId++;
        const done = runner.run(id, chunk, yielding);
        done.then(() => fill(), () => undefined);
        inFlight.push({ id, jobs: chunk, done });
      }
    };
    // One fill at a time (the input iterator is not re-entrant); a call during one makes it go round once more.
    let current: Promise<void> | undefined;
    let again = false;
    const fill = (): Promise<void> => {
      if (current) { again = true; return current; }
      const run = (async () => { do { again = false; await fillOnce(); } while (again); })();
      current = run;
      const clear = (): void => { if (current === run) current = undefined; };
      run.then(clear, clear);
      return run;
    };
    // Workers are not awaited: the main thread checks its share while they import and load packs (their start
    // left it idle before), and each takes chunks once ready. A worker that cannot start never had a chunk: with
    // onStartError the run goes on without it (the caller finishes its report and fails the run); without, its
    // error is thrown at the next result, as before.
    let startError: unknown;
    const settled = Promise.allSettled(threads.map((w) => w.ready.then(() => { w.started = true; void fill(); }, (err: unknown) => {
      if (opts.onStartError) opts.onStartError(err instanceof Error ? err : new Error(String(err)));
      else startError ??= err;
    })));
    await fill();
    while (inFlight.length || !exhausted) {
      if (startError) throw startError;
      if (inFlight.length === 0) { await fill(); continue; } // every started runner is free: this fill hands out work
      const next = inFlight.shift()!;
      yielding = next.id;
      let results = await next.done;
      // A reply that is not one result per job would lose manifests or misplace them: every job of it is an error.
      if (results.length !== next.jobs.length) results = failAll(next.jobs, `a worker returned ${results.length} results for ${next.jobs.length} manifests`);
      await fill();
      if (startError) throw startError;
      // One result per job, in the chunk's order (checkChunk and failAll both).
      for (let i = 0; i < results.length; i++) yield [next.jobs[i]!, results[i]!];
    }
    await settled; // a worker that failed to start after the last chunk is still reported
    if (startError) throw startError;
    // Every result is out: the tally's requests for the last of them are on their way (CheckWorker.answered).
    await Promise.all(threads.map((w) => w.answered()));
  } finally {
    await Promise.all(threads.map((w) => w.worker.terminate()));
  }
}

/**
 * Results in input order. `set` is the main thread's compiled packs: the main thread checks its own share with
 * them; each of the `jobs - 1` worker threads loads its own from `packPaths`.
 */
export function evaluateAll(jobs: AsyncIterable<Job>, set: PackSet, opts: RunOptions): AsyncGenerator<Checked> {
  const jobOpts: JobOptions = { asOf: opts.asOf, explain: opts.explain, maxBytes: opts.maxBytes, priorFor: opts.priorFor, waivers: opts.waivers, today: opts.today };
  const results = opts.jobs <= 1 ? inProcess(jobs, set, jobOpts) : onWorkers(jobs, set, opts);
  if (opts.tally === false) return (async function* () { for await (const [, c] of results) yield c; })();
  // Each manifest is judged against the run's earlier ones of its exporter and year (src/batch/tally.ts).
  return applyTally(results, (job, extra) => recheck(job, set, jobOpts, extra));
}

/** A job checked again on the main thread, with `extra` added to the earlier totals it reads (the ledger's, or none). */
function recheck(job: Job, set: PackSet, opts: JobOptions, extra?: PersonTotals): Promise<TalliedJob> {
  if (!extra) return runJobTallied(job, set, opts, true);
  const { priorFor } = opts;
  return runJobTallied(job, set, {
    ...opts,
    priorFor: async (m, w) => {
      const base = priorFor ? await priorFor(m, w) : { individuals: 0, sensitiveIndividuals: 0 };
      return { ...base, individuals: base.individuals + extra.individuals, sensitiveIndividuals: base.sensitiveIndividuals + extra.sensitiveIndividuals };
    },
  }, true);
}
