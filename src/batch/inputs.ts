/**
 * Batch input: files, directories (recursive, sorted), globs and `-` (standard input), as a lazy stream of
 * jobs in input order. Nothing here reads a manifest file: workers read their own files, so the main thread
 * only routes work. Standard input is read line by line (NDJSON), never whole, unless it is one document.
 */
import { stat } from 'node:fs/promises';
import type { ErrorResult } from '../model/verdict.js';
import { errorResult } from '../evaluate/pipeline.js';
import { decodeText, DEFAULT_MAX_BYTES, displayPath, expandInputs, InputError, type Ignored, type WalkOptions } from '../io/files.js';
import { notJsonLine } from '../io/ndjson.js';
import { groupDigits } from '../util/numbers.js';

export type Job =
  /** `walked`: found in a folder walk, so left out (not checked) if it declares another kind than a manifest's. */
  | { kind: 'file'; uri: string; path: string; walked?: true }
  | { kind: 'text'; uri: string; text: string }
  | { kind: 'error'; result: ErrorResult };

const GLOB_CHARS = /[*?[\]{}]/;
const MANIFEST_EXT = /\.(ya?ml|json)$/i;

const readError = (uri: string, message: string, line?: number, column?: number): Job =>
  ({ kind: 'error', result: errorResult(uri, [{ code: 'read-error', severity: 'error', message, location: { uri, pointer: '', line, column } }]) });

/**
 * A folder input and the files its walk found (as the jobs' uris): one whose every file turns out to declare another
 * kind holds no manifest, as an empty folder does, which only the results can tell (src/app/folder-manifests.ts).
 */
export interface WalkedFolder { input: string; uris: string[] }

type Item = { path: string; walked?: true } | { missing: string } | { refused: string; message: string } | { stdin: true };

/**
 * A pattern the shell did not expand (quoted, or no match in the shell): expanded here, sorted, manifests only.
 * An existing path with glob characters in its name is taken literally.
 */
async function expandGlob(pattern: string): Promise<{ paths: string[]; matched: number } | undefined> {
  if (!GLOB_CHARS.test(pattern)) return undefined;
  if (await stat(pattern).then(() => true, () => false)) return undefined;
  const { glob } = await import('tinyglobby'); // only when the shell left a pattern unexpanded
  const found = await glob(pattern, { onlyFiles: true, expandDirectories: false, absolute: false });
  return { paths: found.filter((p) => MANIFEST_EXT.test(p)).sort(), matched: found.length };
}

/** A pattern that found nothing is not a missing file: "no such file" would send the user looking for one. */
export const noMatch = (pattern: string, matched: number): string =>
  matched ? `the pattern "${pattern}" matched no .yaml, .yml or .json files` : `the pattern "${pattern}" matched no files`;

/**
 * Every input path, expanded, in input order (paths only: a few bytes each, even for 100,000 files). Files of a
 * folder walk are not opened here: the job that reads one decides whether it is a manifest (src/batch/job.ts).
 */
export async function expandAll(inputs: readonly string[], opts: WalkOptions = {}): Promise<{ items: Item[]; ignored: Ignored; empty: string[]; folders: WalkedFolder[] }> {
  const out: Item[] = [];
  const folders: WalkedFolder[] = [];
  const ignored: Ignored = { folders: 0, files: 0 };
  // Folders that held no manifest file: beside other inputs they would pass the gate unseen (a renamed folder).
  const empty: string[] = [];
  for (const input of inputs) {
    if (input === '-') { out.push({ stdin: true }); continue; }
    const globbed = await expandGlob(input);
    if (globbed) {
      if (globbed.paths.length === 0) out.push({ refused: input, message: noMatch(input, globbed.matched) });
      for (const p of globbed.paths) out.push({ path: p });
      continue;
    }
    const { paths, missing, refused, ignored: left } = await expandInputs([input], { ...opts, probe: false });
    const walked = paths.length !== 1 || paths[0] !== input; // a file named on the command line comes back as itself
    ignored.folders += left.folders;
    ignored.files += left.files;
    for (const m of missing) out.push({ missing: m });
    for (const r of refused) out.push({ refused: r.path, message: r.message });
    if (paths.length === 0 && missing.length === 0 && refused.length === 0) empty.push(input);
    for (const p of paths) out.push(walked ? { path: p, walked: true } : { path: p });
    if (walked && paths.length) folders.push({ input, uris: paths.map(displayPath) });
  }
  return { items: out, ignored, empty, folders };
}

/** One line of a stream as bytes (without its newline), or `over` when it passed the limit and was dropped. */
type Line = { n: number; bytes: Buffer } | { n: number; over: true; head: string };

/**
 * Splits a byte stream into lines, holding at most `maxBytes` of one line: the rest of a longer line is dropped
 * as it arrives, so a stream without newlines cannot grow memory without bound.
 */
async function* splitLines(stream: NodeJS.ReadableStream, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let over = false;
  let head = '';
  let n = 0;
  const end = (): Line => {
    n++;
    const line: Line = over ? { n, over: true, head } : { n, bytes: Buffer.concat(parts, size) };
    [parts, size, over, head] = [[], 0, false, ''];
    return line;
  };
  for await (const chunk of stream) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    while (buf.length) {
      const nl = buf.indexOf(0x0a);
      const piece = nl === -1 ? buf : buf.subarray(0, nl);
      if (!over && size + piece.length > maxBytes) {
        head = Buffer.concat([...parts, piece]).subarray(0, 64).toString('utf8');
        [parts, size, over] = [[], 0, true];
      }
      if (!over) { parts.push(Buffer.from(piece)); size += piece.length; }
      if (nl === -1) break;
      yield end();
      buf = buf.subarray(nl + 1);
    }
  }
  if (over || size > 0) yield end();
}

/**
 * Standard input as jobs. NDJSON (the first non-empty line is a whole JSON object): one job per line, streamed
 * so 100,000 manifests never sit in memory; a line over the byte limit is an error for that line and the next
 * lines go on. Anything else is one YAML or JSON document, read whole up to the byte limit. Lines get the same
 * NUL and UTF-8 checks as files, and a line that is not JSON at all is said so here, for every reader of the stream
 * ("line N is not valid JSON", never a YAML reading's "must be of type object"); the other lines are still checked.
 */
export async function* stdinJobs(stream: NodeJS.ReadableStream, maxBytes = DEFAULT_MAX_BYTES, name = '<stdin>'): AsyncGenerator<Job> {
  let mode: 'ndjson' | 'document' | undefined;
  const doc: Buffer[] = [];
  let docBytes = 0;
  // groupDigits, not toLocaleString: the first ICU number format costs a cold start tens of milliseconds.
  const over = `over the ${groupDigits(maxBytes)}-byte limit (--max-bytes)`;
  for await (const line of splitLines(stream, maxBytes)) {
    const uri = `${name}:${line.n}`;
    if (mode === undefined) {
      const t = 'over' in line ? line.head.trim() : line.bytes.toString('utf8').trim();
      if (t === '' && !('over' in line)) { doc.push(line.bytes); docBytes += line.bytes.length + 1; continue; }
      mode = t.startsWith('{') && ('over' in line || t.endsWith('}')) ? 'ndjson' : 'document';
    }
    if (mode === 'ndjson') {
      if ('over' in line) { yield readError(uri, `line is ${over}`); continue; }
      try {
        const text = decodeText(line.bytes, uri);
        if (text.trim() === '') continue;
        const bad = notJsonLine(text);
        yield bad ? notJsonError(uri, line.n, bad) : { kind: 'text', uri, text };
      } catch (err) {
        const e = err as InputError;
        yield readError(uri, e.message, e.line, e.column);
      }
      continue;
    }
    // A single document is read whole: stop at the limit rather than buffer an endless stream (returning
    // closes the line splitter, which destroys the stream).
    if ('over' in line || (docBytes += line.bytes.length + 1) > maxBytes) {
      yield readError(name, `standard input is ${over}`);
      return;
    }
    doc.push(line.bytes);
  }
  if (mode === 'ndjson') return;
  try {
    yield { kind: 'text', uri: name, text: decodeText(Buffer.concat(doc.flatMap((b, i) => (i ? [NEWLINE, b] : [b]))), name) };
  } catch (err) {
    const e = err as InputError;
    yield readError(name, e.message, e.line, e.column);
  }
}

const NEWLINE = Buffer.from('\n');

/** An NDJSON line that is not JSON: line 1 of its own document `<stdin>:N`, at the column where it breaks. */
const notJsonError = (uri: string, n: number, bad: { message: string; column: number }): Job => ({
  kind: 'error',
  result: errorResult(uri, [{ code: 'parse-error', severity: 'error', message: `line ${n} is not valid JSON: ${bad.message}`, location: { uri, pointer: '', line: 1, column: bad.column } }]),
});

/** The whole batch as jobs, in input order. `total` is known up front unless stdin is among the inputs. */
export async function planJobs(inputs: readonly string[], stdin: () => NodeJS.ReadableStream, maxBytes = DEFAULT_MAX_BYTES, opts: WalkOptions = {}): Promise<{ total?: number; ignored: Ignored; empty: string[]; folders: WalkedFolder[]; jobs: AsyncGenerator<Job> }> {
  const { items, ignored, empty, folders } = await expandAll(inputs, opts);
  const hasStdin = items.some((i) => 'stdin' in i);
  async function* jobs(): AsyncGenerator<Job> {
    for (const item of items) {
      if ('stdin' in item) yield* stdinJobs(stdin(), maxBytes);
      else if ('missing' in item) yield readError(item.missing, 'no such file or directory');
      else if ('refused' in item) yield readError(displayPath(item.refused), item.message);
      else yield { kind: 'file', uri: displayPath(item.path), path: item.path, ...(item.walked ? { walked: true as const } : {}) };
    }
  }
  return { total: hasStdin ? undefined : items.length, ignored, empty, folders, jobs: jobs() };
}
