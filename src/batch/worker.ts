/**
 * Worker-thread entry: loads the packs once, then checks chunks of jobs. Each worker has its own PackSet and
 * so its own engines: json-rules-engine Engines are never shared across threads or overlapping runs (#303).
 * Jobs in a chunk run one after another, so this worker's engine pool never grows past one engine per pack.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPacks } from '../load/load-packs.js';
import { NOT_A_MANIFEST, runJob } from './job.js';
import type { Checked, ChunkRequest, WorkerInit, WorkerReply } from './protocol.js';
import { gateOf, outcomeOf, renderItem } from './report-writer.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('xborder worker started outside a worker thread');

const reply = (m: WorkerReply): void => port.postMessage(m);
const render = init.render;

try {
  const set = await loadPacks(init.packPaths, { cache: init.cache, trust: init.trust });
  // Chunks run one after another (the main thread keeps the next one queued here), never interleaved:
  // interleaving would only add a second engine per pack and worse cache locality.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (req: ChunkRequest) => {
    queue = queue.then(async () => {
      const results: Checked[] = [];
      for (const job of req.jobs) {
        const r = await runJob(job, set, init.opts);
        if (r === NOT_A_MANIFEST) { results.push({ notManifest: true }); continue; }
        const outcome = outcomeOf(r);
        const gate = gateOf(r);
        const waived = gate !== outcome ? { gate } : {};
        results.push(render
          ? { outcome, ...waived, part: renderItem(render.format, r, render.ctx), source: r.source, ...(outcome === 'error' ? { result: r } : {}) }
          : { outcome, ...waived, result: r });
      }
      reply({ type: 'chunk', id: req.id, results });
    });
  });
  reply({ type: 'ready' });
} catch (err) {
  reply({ type: 'init-error', message: (err as Error).message });
}
