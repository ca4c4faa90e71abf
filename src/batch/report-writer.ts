/**
 * Writes a report as results arrive, in input order, holding as little as each format allows:
 *
 * - ndjson, text, json, github: streamed, one result at a time (memory does not grow with the batch);
 *   the output is byte-for-byte what the whole-batch formatter gives for the same results.
 * - sarif, junit, markdown: one document whose header depends on every result (SARIF's exit code and
 *   executionSuccessful, JUnit's per-suite counts, markdown's summary table first), so they keep every
 *   result until the end: memory grows with the batch (roughly 2-4 KB per manifest). Use ndjson for
 *   batches of hundreds of thousands.
 */
import type { CheckResult } from '../model/verdict.js';
import { getFormatter, type FormatContext } from '../report/index.js';
import { github } from '../report/github.js';
import { ndjsonStream } from '../report/ndjson.js';
import { textBlock } from '../report/text.js';
import { count, emptyTally, tallyLine, type Tally } from '../report/summary.js';

export interface ReportWriter {
  add(r: CheckResult): void;
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

const indent = (s: string): string => s.replace(/\n/g, '\n  ');

export function createReportWriter(format: string, ctx: FormatContext, out: (s: string) => void): ReportWriter {
  const t = emptyTally();
  const { write, flush } = buffered(out);
  let n = 0;
  // json: one result is an object, several an array (contract), so the first waits for the second.
  let first: CheckResult | undefined;
  const kept: CheckResult[] = [];

  const add = (r: CheckResult): void => {
    count(t, r, ctx.failOn);
    const i = n++;
    switch (format) {
      case 'ndjson': write(ndjsonStream.item(r, i, ctx)); break;
      case 'github': write(github([r], ctx)); break;
      case 'text': write(i === 0 ? textBlock(r, ctx) : `\n\n${textBlock(r, ctx)}`); break;
      case 'json':
        if (i === 0) { first = r; break; }
        if (i === 1 && first) { write(`[\n  ${indent(JSON.stringify(first, null, 2))}`); first = undefined; }
        write(`,\n  ${indent(JSON.stringify(r, null, 2))}`);
        break;
      default: kept.push(r);
    }
  };

  const end = (): Tally => {
    switch (format) {
      case 'ndjson': case 'github': break;
      case 'text': write(`\n\n${tallyLine(t, ctx.failOn)}\n`); break;
      case 'json':
        if (n === 0) write('[]\n');
        else if (first) write(`${JSON.stringify(first, null, 2)}\n`);
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
  return { add, end };
}
