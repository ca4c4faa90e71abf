/**
 * Replaying an evidence export (`xborder evidence export`) in `pack diff`: each record names its manifest by
 * digest only (records hold no manifest content), so the manifests come from the rest of the corpus, matched by
 * digest, and each is checked on the original decision's as-of date with the year-to-date totals it used.
 * Memory: the digest index (one short entry per manifest file), never the manifests or the records.
 */
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { planJobs, type Job } from '../batch/inputs.js';
import { prepareManifest } from '../evaluate/pipeline.js';
import { readText } from '../io/files.js';
import type { PersonTotals } from '../ledger/types.js';
import { manifestDigest } from './record-decision.js';

/** One decision to replay: the manifest's job, and what the original decision was made with. */
export interface Replay {
  job: Job;
  asOf: string;
  /** The year-to-date totals the decision read from the ledger; absent when it read none. */
  totals?: PersonTotals;
}

interface EvidenceRecord { manifest?: { id?: string; digest?: string }; asOf?: string; totalsUsed?: PersonTotals | null }

/** Whether a file is an evidence export: NDJSON whose first line is a record with a decision id and a record body. */
export function isEvidenceExport(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    const first = JSON.parse(head.split('\n')[0] ?? '') as { decisionId?: unknown; record?: unknown };
    return typeof first.decisionId === 'string' && typeof first.record === 'object' && first.record !== null;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Manifest files of the corpus by digest (the first file wins when two hold the same document). */
async function digestIndex(paths: readonly string[], stdin: () => NodeJS.ReadableStream, maxBytes: number): Promise<Map<string, Job>> {
  const index = new Map<string, Job>();
  for await (const job of (await planJobs(paths, stdin, maxBytes)).jobs) {
    if (job.kind !== 'file') continue;
    let text: string;
    try { text = readText(job.path, maxBytes); } catch { continue; } // unreadable: a record that needs it stays unreplayed
    const p = prepareManifest(text, job.uri);
    if (p.ok) {
      const d = manifestDigest(p.doc.data);
      if (!index.has(d)) index.set(d, { kind: 'file', uri: job.uri, path: job.path });
    }
  }
  return index;
}

/**
 * The decisions of the exports, in export order, each with its manifest; `missing` counts the records whose
 * manifest is not in the corpus (or that carry no digest or date), which cannot be replayed.
 */
export async function* replays(exports: readonly string[], manifests: readonly string[], stdin: () => NodeJS.ReadableStream, maxBytes: number, missing: { count: number }): AsyncGenerator<Replay> {
  const index = await digestIndex(manifests, stdin, maxBytes);
  for (const file of exports) {
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      let rec: EvidenceRecord | undefined;
      try { rec = (JSON.parse(line) as { record?: EvidenceRecord }).record; } catch { rec = undefined; }
      const job = rec?.manifest?.digest ? index.get(rec.manifest.digest) : undefined;
      if (!rec || !job || typeof rec.asOf !== 'string') { missing.count++; continue; }
      yield { job, asOf: rec.asOf, ...(rec.totalsUsed ? { totals: { individuals: rec.totalsUsed.individuals, sensitiveIndividuals: rec.totalsUsed.sensitiveIndividuals } } : {}) };
    }
  }
}
