import { once } from 'node:events';
import type { AppIO } from '../app/io.js';
import { DEFAULT_MAX_BYTES, decodeText, InputError } from '../io/files.js';
import { pinoLog } from './log.js';

/** The real process behind the ports: stdout, stderr, stdin, the environment and a pino logger on stderr. */
export const processIO = (): AppIO => {
  // A closed pipe is an 'error' event on stdout; without a listener it would crash with a stack trace.
  // Any other write error (a full disk: `> /dev/full`) lost the report: said in one line, and the run exits 2 (the
  // bin shim reads stdoutFailed), never the uncaught throw's stack trace and exit 1, which reads as a gate failure.
  let closed = false;
  let failed = false;
  // Stderr carries only the summary, warnings and logs: one that cannot be written (`2> /dev/full`) must not crash
  // the run with exit 1 (a gate failure) when the report itself was written.
  process.stderr.on('error', () => undefined);
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    closed = true;
    if (err.code === 'EPIPE' || failed) return;
    failed = true;
    process.stderr.write(`xborder: cannot write to standard output: ${err.code ?? err.message}; the report is incomplete\n`);
  });
  return {
    stdout: (s) => { if (!closed) process.stdout.write(s); },
    stdoutBytes: (b) => { if (!closed) process.stdout.write(b); },
    stdoutClosed: () => closed,
    stdoutFailed: () => failed,
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
    // Waits for 'drain'; a pipe that closes meanwhile rejects the wait (an 'error' event), which ends it too.
    stdoutBackpressure: () => (process.stdout.writableNeedDrain && !closed
      ? once(process.stdout, 'drain').then(() => undefined, () => undefined) : undefined),
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    log: pinoLog,
  };
};
