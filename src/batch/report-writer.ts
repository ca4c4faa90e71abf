/**
 * Writes a report as results arrive, in input order, holding as little as each format allows. A format with a
 * `stream` (src/report/types.ts) is written one result at a time: memory does not grow with the batch, and the
 * output is byte for byte what its whole-batch formatter gives. Each result's part can be rendered where it was
 * checked (a worker thread, see renderItem) so the main thread only stitches strings together. A format
 * without one (its header depends on every result) keeps every result until the end.
 */
import { gateOutcome, isError, type CheckResult } from '../model/verdict.js';
import { getFormatter, getStream, type FormatContext } from '../report/index.js';
import { countOutcome, emptyTally, type Tally } from '../report/summary.js';

export type ResultOutcome = 'pass' | 'review' | 'fail' | 'error';
export const outcomeOf = (r: CheckResult): ResultOutcome => (isError(r) ? 'error' : r.verdict);
/** What the gate counts: the verdict, unless waivers set its failing findings aside. */
export const gateOf = (r: CheckResult): ResultOutcome => (isError(r) ? 'error' : gateOutcome(r));

/** Whether a format's per-result part can be rendered on its own (and so in a worker). */
export const isStreamed = (format: string): boolean => getStream(format) !== undefined;

/** One result's part of a streamed report, without separators. */
export function renderItem(format: string, r: CheckResult, ctx: FormatContext): string {
  const stream = getStream(format);
  if (!stream) throw new Error(`format ${format} is not streamed`);
  return stream.item(r, ctx);
}

export interface ReportWriter {
  /** A result, rendered here. */
  add(r: CheckResult): void;
  /** A result already rendered by renderItem (streamed formats only); `gate` when waivers changed it. */
  addRendered(outcome: ResultOutcome, part: string, gate?: ResultOutcome): void;
  /** Writes what is left and returns the tally of every result. */
  end(): Tally;
  /** The tally so far, without writing anything more (the reader went away). */
  tally(): Tally;
  /** Counts a result the report leaves out (--only), without writing it. */
  skip(outcome: ResultOutcome, gate?: ResultOutcome): void;
}

/** Coalesces small writes into ~64 KB ones: one write per result is a syscall per result. */
export function buffered(write: (s: string) => void, limit = 64 * 1024): { write: (s: string) => void; flush: () => void } {
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (size === 0) return;
    write(parts.join(''));
    parts = [];
    size = 0;
  };
  return { write: (s) => { parts.push(s); size += s.length; if (size >= limit) flush(); }, flush };
}

export function createReportWriter(format: string, ctx: FormatContext, out: (s: string) => void): ReportWriter {
  const t = emptyTally();
  const { write, flush } = buffered(out);
  const stream = getStream(format);
  const whole = getFormatter(format);
  if (!whole) throw new Error(`unknown format ${format}`);
  const kept: CheckResult[] = [];
  if (stream) write(stream.begin(ctx));

  const addRendered = (outcome: ResultOutcome, part: string, gate?: ResultOutcome): void => {
    if (!stream) throw new Error(`format ${format} is not streamed`);
    if (t.checked > 0) write(stream.separator);
    countOutcome(t, outcome, ctx.failOn, gate);
    write(part);
  };

  const add = (r: CheckResult): void => {
    if (stream) return addRendered(outcomeOf(r), stream.item(r, ctx), gateOf(r));
    countOutcome(t, outcomeOf(r), ctx.failOn, gateOf(r));
    kept.push(r);
  };

  const end = (): Tally => {
    write(stream ? stream.end(ctx, t) : whole(kept, ctx));
    flush();
    return t;
  };
  return { add, addRendered, end, tally: () => t, skip: (outcome, gate) => { countOutcome(t, outcome, ctx.failOn, gate); } };
}
