/**
 * The whole-batch form of a streamed format, from its stream: one code path writes a report, so `whole` and a
 * batch's streamed report are the same bytes by construction.
 */
import { gateOutcome, isError, type CheckResult } from '../model/verdict.js';
import { countOutcome, emptyTally } from './summary.js';
import type { AssembledStream, Formatter, PartInfo, ResultStream, Spool } from './types.js';

export const partInfo = (r: CheckResult): PartInfo => {
  const outcome = isError(r) ? 'error' : r.verdict;
  return { outcome, gate: isError(r) ? outcome : gateOutcome(r), source: r.source };
};

/** A spool in memory: for reports that are whole strings anyway. */
const memorySpool = (): Spool => {
  let parts: string[] = [];
  return { write: (s) => { parts.push(s); }, drain: (to) => { for (const p of parts) to(p); parts = []; }, close: () => { parts = []; } };
};

export const concatenated = (stream: ResultStream): Formatter => (results, ctx) => {
  const t = emptyTally();
  const out = [stream.begin(ctx)];
  let written = false;
  for (const r of results) {
    const { outcome, gate } = partInfo(r);
    countOutcome(t, outcome, ctx.failOn, gate);
    const part = stream.item(r, ctx);
    if (!part) continue;
    if (written) out.push(stream.separator);
    out.push(part);
    written = true;
  }
  out.push(stream.end(ctx, t));
  return out.join('');
};

export const assembled = (stream: AssembledStream): Formatter => (results, ctx) => {
  const out: string[] = [];
  const a = stream.open(ctx, (s) => { out.push(s); }, memorySpool);
  for (const r of results) a.add(stream.item(r, ctx), partInfo(r));
  a.end();
  return out.join('');
};
