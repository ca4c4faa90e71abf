/**
 * Report formats by --format name. Adding a format is one module exporting `format: ReportFormat` and one
 * line here; nothing else in the codebase knows format names.
 */
import type { AssembledStream, Formatter, ReportFormat, ResultStream } from './types.js';
import { format as text } from './text.js';
import { format as json } from './json.js';
import { format as ndjson } from './ndjson.js';
import { format as sarif } from './sarif.js';
import { format as junit } from './junit.js';
import { format as markdown } from './markdown.js';
import { format as github } from './github.js';

/** In help order. */
export const FORMATS = { text, json, ndjson, sarif, junit, markdown, github } as const satisfies Record<string, ReportFormat>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

export const isFormatName = (name: string): name is FormatName => Object.hasOwn(FORMATS, name);

/** The whole-batch formatter for a name, or undefined. */
export const getFormatter = (name: string): Formatter | undefined => (isFormatName(name) ? FORMATS[name].whole : undefined);

/** The one-result-at-a-time form of a format, when it has one. */
export const getStream = (name: string): ResultStream | undefined => (isFormatName(name) ? (FORMATS[name] as ReportFormat).stream : undefined);

/** The assembled form (parts placed by the format), when it has one. */
export const getAssembled = (name: string): AssembledStream | undefined => (isFormatName(name) ? (FORMATS[name] as ReportFormat).assembled : undefined);

export { partInfo } from './assemble.js';

export { tallyLine, tallyExitCode } from './summary.js';
export type { PartInfo, Spool, FormatContext, RuleInfo } from './types.js';
