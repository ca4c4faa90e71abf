/** --format ndjson: one result per line, written as each is ready (batch and stdin streams). */
import type { Formatter, ReportFormat } from './types.js';

/** The same objects as --format json, compact, one per line: every line stands alone. */
const line = (r: unknown): string => `${JSON.stringify(r)}\n`;

export const ndjson: Formatter = (results) => results.map(line).join('');

export const format: ReportFormat = {
  whole: ndjson,
  stream: { begin: () => '', item: line, separator: '', end: () => '' },
};
