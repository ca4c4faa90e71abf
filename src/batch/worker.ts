/**
 * Worker-thread entry: loads the packs once, then checks chunks of jobs. Each worker has its own PackSet and
 * so its own engines: json-rules-engine Engines are never shared across threads or overlapping runs (#303).
 * Jobs in a chunk run one after another, so each engine of this worker's cache runs once at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPacks } from '../load/load-packs.js';
import { checkChunk } from './chunk.js';
import type { CheckResult } from '../model/verdict.js';
import type { Checked, WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';
import { getStream } from '../report/index.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('xborder worker started outside a worker thread');

const reply = (m: WorkerReply, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer);
const render = init.render;
// A part the main thread only appends to the report goes as UTF-8 bytes, moved rather than copied: cloning the text
// (two bytes a character, verdicts hold Chinese) cost this thread and the main thread more than encoding it.
const asBytes = render !== undefined && getStream(render.format) !== undefined;
const utf8 = new TextEncoder();

/** The chunk's parts encoded, and the buffers to move with the reply. */
function encodeParts(checked: Checked[]): ArrayBuffer[] {
  const moved: ArrayBuffer[] = [];
  for (const c of checked) {
    if ('notManifest' in c || typeof c.part !== 'string') continue;
    const b = utf8.encode(c.part);
    c.part = b;
    moved.push(b.buffer as ArrayBuffer);
  }
  return moved;
}

try {
  const set = await loadPacks(init.packPaths, { cache: init.cache, trust: init.trust });
  // Chunks run one after another (the main thread keeps the next one queued here), never interleaved:
  // interleaving would only add a second engine per pack and worse cache locality.
  let queue: Promise<void> = Promise.resolve();
  // The full results of the latest rendered chunks, oldest first (a Map keeps insertion order).
  const kept = new Map<number, (CheckResult | undefined)[]>();
  port.on('message', (req: WorkerRequest) => {
    // Answered at once, not queued behind chunks: the main thread waits on it to finish a result.
    if (req.type === 'result') return reply({ type: 'result', id: req.id, result: kept.get(req.chunk)?.[req.index] });
    for (const id of kept.keys()) if (id < req.oldest) kept.delete(id);
    queue = queue.then(async () => {
      const results = render && init.keep ? [] : undefined;
      const checked = await checkChunk(req.jobs, set, init.opts, render, results);
      if (results) {
        kept.set(req.id, results);
        if (kept.size > init.keep!) kept.delete(kept.keys().next().value!);
      }
      reply({ type: 'chunk', id: req.id, results: checked }, asBytes ? encodeParts(checked) : undefined);
    });
  });
  reply({ type: 'ready' });
} catch (err) {
  reply({ type: 'init-error', message: (err as Error).message });
}
