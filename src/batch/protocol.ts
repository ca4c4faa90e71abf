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
}

/** One checked job: the outcome for the tally, and the result, its rendered part, or both. */
export type Checked = Evaluated | { notManifest: true };

export interface Evaluated {
  outcome: ResultOutcome;
  /** The outcome the gate counts, when waivers made it differ from `outcome`. */
  gate?: ResultOutcome;
  /** Always present for errors (logged), and whenever the main thread renders. */
  result?: CheckResult;
  part?: string;
  /** With `part`: the result's source (an assembled report groups by it). */
  source?: string;
  /** What the run's tally needs of the manifest (a verdict on personal information): src/batch/tally.ts. */
  record?: TallyRecord;
}

export interface ChunkRequest { id: number; jobs: Job[] }
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  | { type: 'chunk'; id: number; results: Checked[] };
