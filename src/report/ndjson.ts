/** --format ndjson: one result per line, written as each is ready (batch and stdin streams). */
import type { Formatter, StreamFormatter } from './types.js';

/** The same objects as --format json, compact, one per line. No header or footer: every line stands alone. */
export const ndjsonStream: StreamFormatter = {
  item: (result) => `${JSON.stringify(result)}\n`,
};

/** Whole-batch form, for callers that already hold every result. */
export const ndjson: Formatter = (results, ctx) =>
  results.map((r, i) => ndjsonStream.item(r, i, ctx)).join('');
