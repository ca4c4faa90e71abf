/**
 * Writes a report as results arrive, in input order, holding as little as each format allows. A format with a
 * `stream` (src/report/types.ts) is written one result at a time: memory does not grow with the batch, and the
 * output is byte for byte what its whole-batch formatter gives. Each result's part can be rendered where it was
 * checked (a worker thread, see renderItem) so the main thread only stitches parts together; to stdout or a file the
 * report goes as UTF-8 bytes, encoded part by part (encoded). A format with an
 * `assembled` stream places parts itself (reordered, capped, or set aside in spools until counts are known); a
 * format with neither keeps every result until the end.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { gateOutcome, isError, type CheckResult } from '../model/verdict.js';
import { getAssembled, getFormatter, getStream, partInfo, type FormatContext, type PartInfo, type Spool } from '../report/index.js';
import { countOutcome, emptyTally, type Tally } from '../report/summary.js';

export type ResultOutcome = 'pass' | 'review' | 'fail' | 'error';
export const outcomeOf = (r: CheckResult): ResultOutcome => (isError(r) ? 'error' : r.verdict);
/** What the gate counts: the verdict, unless waivers set its failing findings aside. */
export const gateOf = (r: CheckResult): ResultOutcome => (isError(r) ? 'error' : gateOutcome(r));

/** Whether a format's per-result part can be rendered on its own (and so in a worker). */
export const isStreamed = (format: string): boolean => getStream(format) !== undefined || getAssembled(format) !== undefined;

/** One result's part of a streamed report, without separators. */
export function renderItem(format: string, r: CheckResult, ctx: FormatContext): string {
  const item = (getStream(format) ?? getAssembled(format))?.item;
  if (!item) throw new Error(`format ${format} is not streamed`);
  return item(r, ctx);
}

export interface ReportWriter {
  /** A result, rendered here. */
  add(r: CheckResult): void;
  /** A result already rendered by renderItem (streamed formats only). */
  addRendered(part: string | Uint8Array, info: PartInfo): void;
  /** Writes what is left and returns the tally of every result; `runError`: see Tally.runError. */
  end(runError?: boolean): Tally;
  /** The tally so far, without writing anything more (the reader went away). */
  tally(): Tally;
  /** Counts a result the report leaves out (--only), without writing it. */
  skip(outcome: ResultOutcome, gate?: ResultOutcome): void;
}

/** Where a report goes: text, or UTF-8 bytes (the faster way to a file or a pipe, see encoded). */
export type ReportOut = ((s: string) => void) | { bytes: (b: Uint8Array) => void };

interface Buffered {
  write: (s: string) => void;
  /** Bytes already encoded (a worker's part, see worker.ts). */
  bytes: (b: Uint8Array) => void;
  flush: () => void;
}

const utf8 = new TextEncoder();
const utf8Text = new TextDecoder();

/** Coalesces small writes into ~64 KB ones: one write per result is a syscall per result. */
export function buffered(out: (s: string) => void, limit = 64 * 1024): Buffered {
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (size === 0) return;
    out(parts.join(''));
    parts = [];
    size = 0;
  };
  const write = (s: string): void => { parts.push(s); size += s.length; if (size >= limit) flush(); };
  return { write, bytes: (b) => write(utf8Text.decode(b)), flush };
}

/**
 * Like buffered, but encodes each part straight into a 64 KB byte buffer: joining a batch's parts into one string
 * first cost more than rendering them (a verdict holds Chinese, so the joined string is two bytes a character and is
 * copied whole, then encoded). Each flush hands over a copy, so an asynchronous stream may keep it.
 */
export function encoded(out: (b: Uint8Array) => void, size = 64 * 1024): Buffered {
  // A character takes up to 4 bytes: a smaller buffer could never take one, and write() would flush forever.
  if (size < 4) throw new RangeError(`encoded: a buffer of ${size} bytes cannot hold a character`);
  const buf = new Uint8Array(size);
  let at = 0;
  const flush = (): void => {
    if (at === 0) return;
    out(buf.slice(0, at));
    at = 0;
  };
  return {
    write: (s) => {
      // encodeInto stops before a character that does not fit (never inside one): what is left goes on after a flush.
      for (let rest = s; ;) {
        const { read, written } = utf8.encodeInto(rest, buf.subarray(at));
        at += written;
        if (read === rest.length) return;
        flush();
        rest = rest.slice(read);
      }
    },
    bytes: (b) => {
      if (at + b.length > size) flush();
      if (b.length > size) out(b);
      else { buf.set(b, at); at += b.length; }
    },
    flush,
  };
}

/**
 * A spool that stays in memory up to `memory` characters, then moves to a temporary file (private, and unlinked
 * as soon as it is open where the system allows, so nothing is left behind even if the process is killed).
 */
export function fileSpool(memory = 1 << 20): Spool {
  let parts: string[] = [];
  let size = 0;
  // Once on disk, parts are encoded as they come (encoded), not joined first.
  let file: { fd: number; path: string; unlinked: boolean; out: Buffered } | undefined;
  let length = 0;
  const write = (s: string): void => {
    if (file) return file.out.write(s);
    parts.push(s);
    size += s.length;
    if (size <= memory) return;
    const path = join(tmpdir(), `xborder-spool-${process.pid}-${randomUUID()}`);
    const fd = openSync(path, 'wx+', 0o600);
    file = { fd, path, unlinked: false, out: encoded((b) => { length += writeSync(fd, b, 0, b.length, length); }) };
    try { unlinkSync(path); file.unlinked = true; } catch { /* removed on close instead */ }
    for (const p of parts) file.out.write(p);
    [parts, size] = [[], 0];
  };
  const drain = (to: (s: string) => void): void => {
    if (file) {
      file.out.flush();
      const buf = Buffer.alloc(64 * 1024);
      const text = new StringDecoder('utf8');
      for (let at = 0; at < length;) {
        const n = readSync(file.fd, buf, 0, buf.length, at);
        at += n;
        to(text.write(buf.subarray(0, n)));
      }
      to(text.end());
      ftruncateSync(file.fd, 0);
      length = 0;
    } else {
      for (const p of parts) to(p);
    }
    [parts, size] = [[], 0];
  };
  const close = (): void => {
    [parts, size] = [[], 0];
    if (!file) return;
    closeSync(file.fd);
    if (!file.unlinked) rmSync(file.path, { force: true });
    file = undefined;
  };
  return { write, drain, close };
}

export function createReportWriter(format: string, ctx: FormatContext, out: ReportOut, spool: () => Spool = fileSpool): ReportWriter {
  const t = emptyTally();
  const { write, bytes, flush } = typeof out === 'function' ? buffered(out) : encoded(out.bytes);
  const stream = getStream(format);
  const assembler = getAssembled(format)?.open(ctx, write, spool);
  const whole = getFormatter(format);
  if (!whole) throw new Error(`unknown format ${format}`);
  const kept: CheckResult[] = [];
  let written = false;
  if (stream) write(stream.begin(ctx));

  const addRendered = (part: string | Uint8Array, info: PartInfo): void => {
    countOutcome(t, info.outcome, ctx.failOn, info.gate);
    if (assembler) return assembler.add(typeof part === 'string' ? part : utf8Text.decode(part), info);
    if (!stream) throw new Error(`format ${format} is not streamed`);
    if (!part.length) return;
    if (written) write(stream.separator);
    if (typeof part === 'string') write(part);
    else bytes(part);
    written = true;
  };

  const add = (r: CheckResult): void => {
    if (stream || assembler) return addRendered(renderItem(format, r, ctx), partInfo(r));
    countOutcome(t, outcomeOf(r), ctx.failOn, gateOf(r));
    kept.push(r);
  };

  const end = (runError?: boolean): Tally => {
    if (runError) t.runError = true;
    if (assembler) assembler.end(t);
    else write(stream ? stream.end(ctx, t) : whole(kept, ctx));
    flush();
    return t;
  };
  const skip = (outcome: ResultOutcome, gate?: ResultOutcome): void => {
    countOutcome(t, outcome, ctx.failOn, gate);
    // An assembled format writes its own totals (markdown's summary, JUnit's opening tags): it must count it too.
    assembler?.skip({ outcome, gate: gate ?? outcome });
  };
  return { add, addRendered, end, tally: () => t, skip };
}
