/** Messages between the main thread and check workers (structured clone). */
import type { CheckResult } from '../model/verdict.js';
import type { FormatContext } from '../report/types.js';
import type { Job } from './inputs.js';
import type { JobOptions } from './job.js';
import type { TrustOptions } from '../load/trusted.js';
import type { ResultOutcome } from './report-writer.js';
import type { TallyRecord } from './tally-record.js';

export interface WorkerInit {
  /** Pack paths: each worker loads (from the compiled-pack cache when warm) and compiles its own engines. */
  packPaths: string[];
  cache: boolean;
  /** The trust store the main thread verified the packs against: each worker verifies what it loads too. */
  trust?: TrustOptions;
  opts: JobOptions;
  /**
   * For streamed formats, workers render each result's report part themselves, so the main thread does not
   * re-serialise every verdict (it was the bottleneck with all cores busy).
   */
  render?: { format: string; ctx: FormatContext };
  /**
   * With `render`: at most how many of its latest chunks' full results a worker keeps for ResultRequests (it drops
   * those before ChunkRequest.oldest sooner). The main thread asks as a result leaves the run, after which a worker
   * can finish at most the chunks in flight, so this many suffice; a result no longer kept is checked again on the
   * main thread.
   */
  keep?: number;
}

/** One checked job: the outcome for the tally, and the result, its rendered part, or both. */
export type Checked = Evaluated | { notManifest: true };

export interface Evaluated {
  outcome: ResultOutcome;
  /** The outcome the gate counts, when waivers made it differ from `outcome`. */
  gate?: ResultOutcome;
  /** Always present for errors (logged), and whenever the main thread renders. */
  result?: CheckResult;
  /** Its report part: UTF-8 bytes from a worker for a format whose parts are only concatenated (worker.ts), else text. */
  part?: string | Uint8Array;
  /** With `part`: the result's source (an assembled report groups by it). */
  source?: string;
  /** What the run's tally needs of the manifest (a verdict on personal information): src/batch/tally.ts. */
  record?: TallyRecord;
  /**
   * With `part` and no `result`: the result itself, from the thread that checked it, while it still keeps it
   * (undefined after), for the tally to add a finding to. Set on the main thread, never sent.
   */
  fetchResult?: () => Promise<CheckResult | undefined>;
}

/**
 * `oldest`: the earliest chunk whose results the main thread may still ask about (the one it is yielding): the
 * worker drops the results it keeps of every chunk before it. Messages arrive in order, so a ResultRequest sent
 * before this is answered before they go.
 */
export interface ChunkRequest { type: 'chunk'; id: number; jobs: Job[]; oldest: number }
/** The full result of the `index`th job of chunk `chunk`, which the worker rendered and keeps a while (WorkerInit.keep). */
export interface ResultRequest { type: 'result'; id: number; chunk: number; index: number }
export type WorkerRequest = ChunkRequest | ResultRequest;
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  | { type: 'chunk'; id: number; results: Checked[] }
  | { type: 'result'; id: number; result?: CheckResult };
