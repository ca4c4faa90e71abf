import { closeSync, openSync, writeSync } from 'node:fs';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { DEFAULT_MAX_BYTES, decodeText, InputError } from '../io/files.js';

/** Where the CLI writes; injected so tests can run commands in-process. */
export interface CliIO {
  stdout: (s: string) => void;
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
  isTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIO = (): CliIO => ({
  stdout: (s) => { process.stdout.write(s); },
  stderr: (s) => { process.stderr.write(s); },
  readStdin: async (maxBytes = DEFAULT_MAX_BYTES) => {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const c of process.stdin) {
      total += (c as Buffer).length;
      // Stop at the limit: an endless or huge stream must not be buffered whole.
      if (total > maxBytes) {
        process.stdin.destroy();
        throw new InputError('<stdin>', `standard input is over the ${maxBytes.toLocaleString('en-US')}-byte limit (--max-bytes)`);
      }
      chunks.push(c as Buffer);
    }
    return decodeText(Buffer.concat(chunks), '<stdin>');
  },
  stdinStream: () => process.stdin,
  stdoutBackpressure: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : undefined),
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
});

/** Colour only on a terminal, never with NO_COLOR (https://no-color.org) set. */
export const useColor = (io: CliIO): boolean => io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';

/** Standard input as a stream; a test's CliIO without one gets its readStdin text as a stream. */
export const stdinOf = (io: CliIO): NodeJS.ReadableStream =>
  io.stdinStream ? io.stdinStream() : Readable.from((async function* () { yield await io.readStdin(); })());

/**
 * Where a streamed report goes: stdout, or a file written synchronously (so a slow disk throttles the
 * batch instead of queueing the report in memory).
 */
export function reportSink(io: CliIO, output?: string): { write: (s: string) => void; close: () => void } {
  if (!output) return { write: io.stdout, close: () => {} };
  const fd = openSync(output, 'w');
  return { write: (s) => { writeSync(fd, s); }, close: () => closeSync(fd) };
}
