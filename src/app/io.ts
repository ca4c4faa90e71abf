/**
 * The ports an operation of src/app/ works through. Front ends (the CLI, the HTTP service, the console's report
 * command) build one AppIO and hand it in: the operations never touch `process`, the terminal or HTTP.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Lang } from '../model/verdict.js';
import type { ReportOut } from '../batch/report-writer.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** Structured logging (pino in the CLI). Only ids, counts, rule ids and verdicts: never manifest text. */
export interface LogPort {
  /** Whether a message at this level would be written: lets a quiet run skip building the message. */
  enabled(level: LogLevel): boolean;
  write(level: LogLevel, fields: Record<string, unknown>, message: string): Promise<void>;
}

export const silentLog: LogPort = { enabled: () => false, write: async () => {} };

export interface AppIO {
  stdout: (s: string) => void;
  /** Bytes to stdout, where the front end can write them (a report is encoded as it is written, not joined first). */
  stdoutBytes?: (b: Uint8Array) => void;
  stderr: (s: string) => void;
  /** Standard input as a stream, for reading NDJSON line by line (batch check). */
  stdinStream?: () => NodeJS.ReadableStream;
  /**
   * When stdout is a pipe, writes are asynchronous on POSIX and queue in memory if the reader is slower than
   * we are: a streamed batch waits on this (a promise only when stdout's buffer is full) before going on.
   */
  stdoutBackpressure?: () => Promise<void> | undefined;
  /** Standard input as text; implementations should stop reading past `maxBytes` and throw InputError. */
  readStdin: (maxBytes?: number) => Promise<string>;
  /** Whether stdout's reader has gone away (EPIPE, as with `| head -1`): the run then ends quietly. */
  stdoutClosed?: () => boolean;
  /** Whether a write to stdout failed (a full disk, an I/O error; not a reader gone away): the report is lost, exit 2. */
  stdoutFailed?: () => boolean;
  isTTY: boolean;
  stderrIsTTY: boolean;
  /** The working directory: where `.xborder.yaml` is looked for. */
  cwd: string;
  /** Configuration from the environment (XBORDER_*, NO_COLOR, TERM), read by the front end, passed in here. */
  env: Readonly<Record<string, string | undefined>>;
  log?: LogPort;
}

/** The language a run speaks when no --lang or configuration says: XBORDER_LANG, else the locale (LC_ALL, LANG). */
export const envLang = (env: AppIO['env']): Lang => (/^zh/i.test(env.XBORDER_LANG ?? env.LC_ALL ?? env.LANG ?? '') ? 'zh' : 'en');

/**
 * Colour: FORCE_COLOR (not 0 or false) asks for it anywhere; NO_COLOR (https://no-color.org) refuses it; otherwise
 * only on a terminal that is not dumb. The --color / --no-color flags override all of these (the caller checks them first).
 */
export const useColor = (io: AppIO): boolean => {
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false') return true;
  return io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
};

/** Standard input as a stream; an AppIO without one gets its readStdin text as a stream. */
export const stdinOf = (io: AppIO): NodeJS.ReadableStream =>
  io.stdinStream ? io.stdinStream() : Readable.from((async function* () { yield await io.readStdin(); })());

/**
 * Where a streamed report goes: stdout, or a file written synchronously (so a slow disk throttles the
 * batch instead of queueing the report in memory).
 */
export function reportSink(io: AppIO, output?: string): { out: ReportOut; close: () => void } {
  if (!output) return { out: io.stdoutBytes ? { bytes: io.stdoutBytes } : io.stdout, close: () => {} };
  const fd = openSync(output, 'w');
  return { out: { bytes: (b) => { writeSync(fd, b); } }, close: () => closeSync(fd) };
}
