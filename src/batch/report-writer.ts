/**
 * Writes a report as results arrive, in input order, holding as little as each format allows:
 *
 * - ndjson, text, json, github: streamed, one result at a time (memory does not grow with the batch);
 *   the output is byte-for-byte what the whole-batch formatter gives for the same results. Each result's
 *   part can be rendered where it was checked (a worker thread, see renderItem) so the main thread only
 *   stitches strings together.
 * - sarif, junit, markdown: one document whose header depends on every result (SARIF's exit code and
 *   executionSuccessful, JUnit's per-suite counts, markdown's summary table first), so they keep every
 *   result until the end: memory grows with the batch (roughly 2-4 KB per manifest). Use ndjson for
 *   batches of hundreds of thousands.
 */
import { isError, type CheckResult } from '../model/verdict.js';
import { getFormatter, type FormatContext } from '../report/index.js';
import { github } from '../report/github.js';
import { ndjsonStream } from '../report/ndjson.js';
import { textBlock } from '../report/text.js';
import { countOutcome, emptyTally, tallyLine, type Tally } from '../report/summary.js';

export type ResultOutcome = 'pass' | 'review' | 'fail' | 'error';
export const outcomeOf = (r: CheckResult): ResultOutcome => (isError(r) ? 'error' : r.verdict);

/** Formats whose per-result part can be rendered on its own. */
export const STREAMED = new Set(['ndjson', 'text', 'json', 'github']);

const indent = (s: string): string => s.replace(/\n/g, '\n  ');

/** One result's part of a streamed report, without separators (json: indented as an array element). */
export function renderItem(format: string, r: CheckResult, ctx: FormatContext): string {
  switch (format) {
    case 'ndjson': return ndjsonStream.item(r, 0, ctx);
    case 'github': return github([r], ctx);
    case 'text': return textBlock(r, ctx);
    case 'json': return indent(JSON.stringify(r, null, 2));
    default: throw new Error(`format ${format} is not streamed`);
  }
}

export interface ReportWriter {
  /** A result, rendered here. */
  add(r: CheckResult): void;
  /** A result already rendered by renderItem (streamed formats only). */
  addRendered(outcome: ResultOutcome, part: string): void;
  /** Writes what is left and returns the tally of every result. */
  end(): Tally;
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
  let n = 0;
  // json: one result is an object, several an array (contract), so the first waits for the second.
  let first: string | undefined;
  const kept: CheckResult[] = [];

  const addRendered = (outcome: ResultOutcome, part: string): void => {
    countOutcome(t, outcome, ctx.failOn);
    const i = n++;
    switch (format) {
      case 'ndjson': case 'github': write(part); break;
      case 'text': write(i === 0 ? part : `\n\n${part}`); break;
      case 'json':
        if (i === 0) { first = part; break; }
        if (i === 1 && first !== undefined) { write(`[\n  ${first}`); first = undefined; }
        write(`,\n  ${part}`);
        break;
      default: throw new Error(`format ${format} is not streamed`);
    }
  };

  const add = (r: CheckResult): void => {
    if (STREAMED.has(format)) return addRendered(outcomeOf(r), renderItem(format, r, ctx));
    countOutcome(t, outcomeOf(r), ctx.failOn);
    n++;
    kept.push(r);
  };

  const end = (): Tally => {
    switch (format) {
      case 'ndjson': case 'github': break;
      case 'text': write(`\n\n${tallyLine(t, ctx.failOn)}\n`); break;
      case 'json':
        if (n === 0) write('[]\n');
        else if (first !== undefined) write(`${first.replace(/\n {2}/g, '\n')}\n`); // one result: an object, not indented
        else write('\n]\n');
        break;
      default: {
        const formatter = getFormatter(format);
        if (!formatter) throw new Error(`unknown format ${format}`);
        write(formatter(kept, ctx));
      }
    }
    flush();
    return t;
  };
  return { add, addRendered, end };
}
