import { closeSync, openSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { once } from 'node:events';

/** Where the CLI writes; injected so tests can run commands in-process. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<string>;
  /** Standard input as a stream, for reading NDJSON line by line (batch check). */
  stdinStream?: () => NodeJS.ReadableStream;
  /**
   * When stdout is a pipe, writes are asynchronous on POSIX and queue in memory if the reader is slower than
   * we are: a streamed batch waits on this (a promise only when stdout's buffer is full) before going on.
   */
  stdoutBackpressure?: () => Promise<void> | undefined;
  isTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIO = (): CliIO => ({
  stdout: (s) => { process.stdout.write(s); },
  stderr: (s) => { process.stderr.write(s); },
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  stdinStream: () => process.stdin,
  stdoutBackpressure: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : undefined),
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
});

export async function writeReport(io: CliIO, report: string, output?: string): Promise<void> {
  if (output) await writeFile(output, report);
  else io.stdout(report);
}

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
