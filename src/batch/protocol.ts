/** Messages between the main thread and check workers (structured clone). */
import type { CheckResult } from '../model/verdict.js';
import type { Job } from './inputs.js';
import type { JobOptions } from './job.js';

export interface WorkerInit {
  /** Pack paths: each worker loads (from the compiled-pack cache when warm) and compiles its own engines. */
  packPaths: string[];
  cache: boolean;
  opts: JobOptions;
}

export interface ChunkRequest { id: number; jobs: Job[] }
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  | { type: 'chunk'; id: number; results: CheckResult[] };
