/** Report formatters by --format name. */
import type { Formatter, StreamFormatter } from './types.js';
import { json } from './json.js';
import { ndjson, ndjsonStream } from './ndjson.js';
import { sarif } from './sarif.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { github } from './github.js';
import { text } from './text.js';

/** Every --format name, in help order. */
export const FORMAT_NAMES = ['text', 'json', 'ndjson', 'sarif', 'junit', 'markdown', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export const formatters: Readonly<Record<FormatName, Formatter>> = {
  text, json, ndjson, sarif, junit, markdown, github,
};

/** Formats that can be written one result at a time (batch input, stdin streams). */
export const streamFormatters: Readonly<Partial<Record<FormatName, StreamFormatter>>> = { ndjson: ndjsonStream };

export const isFormatName = (name: string): name is FormatName => (FORMAT_NAMES as readonly string[]).includes(name);

/** The whole-batch formatter for a name, or undefined. */
export const getFormatter = (name: string): Formatter | undefined =>
  Object.hasOwn(formatters, name) ? formatters[name as keyof typeof formatters] : undefined;

export { formatJson, jsonValue } from './json.js';
export { summaryLine, exitCode, tally, count, emptyTally, tallyLine, tallyExitCode, type Tally } from './summary.js';
export type { Formatter, StreamFormatter, FormatContext, RuleInfo } from './types.js';
