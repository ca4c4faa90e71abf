/**
 * Batch input: files, directories (recursive, sorted), globs and `-` (standard input), as a lazy stream of
 * jobs in input order. Nothing here reads a manifest file: workers read their own files, so the main thread
 * only routes work. Standard input is read line by line (NDJSON), never whole, unless it is one document.
 */
import { createInterface } from 'node:readline';
import { stat } from 'node:fs/promises';
import type { ErrorResult } from '../model/verdict.js';
import { errorResult } from '../evaluate/pipeline.js';
import { DEFAULT_MAX_BYTES, displayPath, expandInputs } from '../io/files.js';

export type Job =
  | { kind: 'file'; uri: string; path: string }
  | { kind: 'text'; uri: string; text: string }
  | { kind: 'error'; result: ErrorResult };

const GLOB_CHARS = /[*?[\]{}]/;
const MANIFEST_EXT = /\.(ya?ml|json)$/i;

const readError = (uri: string, message: string): Job =>
  ({ kind: 'error', result: errorResult(uri, [{ code: 'read-error', severity: 'error', message, location: { uri, pointer: '' } }]) });

/**
 * A pattern the shell did not expand (quoted, or no match in the shell): expanded here, sorted, manifests only.
 * An existing path with glob characters in its name is taken literally.
 */
async function expandGlob(pattern: string): Promise<string[] | undefined> {
  if (!GLOB_CHARS.test(pattern)) return undefined;
  if (await stat(pattern).then(() => true, () => false)) return undefined;
  const { glob } = await import('tinyglobby'); // only when the shell left a pattern unexpanded
  const found = await glob(pattern, { onlyFiles: true, expandDirectories: false, absolute: false });
  return found.filter((p) => MANIFEST_EXT.test(p)).sort();
}

/** Every input path, expanded, in input order (paths only: a few bytes each, even for 100,000 files). */
export async function expandAll(inputs: readonly string[]): Promise<({ path: string } | { missing: string } | { stdin: true })[]> {
  const out: ({ path: string } | { missing: string } | { stdin: true })[] = [];
  for (const input of inputs) {
    if (input === '-') { out.push({ stdin: true }); continue; }
    const globbed = await expandGlob(input);
    if (globbed) {
      if (globbed.length === 0) out.push({ missing: input });
      for (const p of globbed) out.push({ path: p });
      continue;
    }
    const { paths, missing } = await expandInputs([input]);
    for (const m of missing) out.push({ missing: m });
    for (const p of paths) out.push({ path: p });
  }
  return out;
}

/**
 * Standard input as jobs. NDJSON (the first non-empty line is a whole JSON object): one job per line,
 * streamed with readline so 100,000 manifests never sit in memory. Anything else is one YAML or JSON
 * document, which has to be read whole to be parsed.
 */
export async function* stdinJobs(stream: NodeJS.ReadableStream, maxBytes = DEFAULT_MAX_BYTES, name = '<stdin>'): AsyncGenerator<Job> {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let mode: 'ndjson' | 'document' | undefined;
  const doc: string[] = [];
  let n = 0;
  let docBytes = 0;
  const over = `over the ${maxBytes.toLocaleString('en-US')}-byte limit (--max-bytes)`;
  for await (const line of rl) {
    n++;
    const bytes = Buffer.byteLength(line) + 1;
    if (mode === 'ndjson' && bytes > maxBytes) {
      yield readError(`${name}:${n}`, `line is ${over}`);
      continue;
    }
    // A single document is read whole: stop at the limit rather than buffer an endless stream.
    if (mode !== 'ndjson' && (docBytes += bytes) > maxBytes) {
      rl.close();
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      yield readError(name, `standard input is ${over}`);
      return;
    }
    if (mode === undefined) {
      const t = line.trim();
      if (t === '') { doc.push(line); continue; }
      mode = t.startsWith('{') && t.endsWith('}') ? 'ndjson' : 'document';
    }
    if (mode === 'ndjson') {
      if (line.trim() !== '') yield { kind: 'text', uri: `${name}:${n}`, text: line };
    } else {
      doc.push(line);
    }
  }
  if (mode !== 'ndjson') yield { kind: 'text', uri: name, text: doc.join('\n') };
}

/** The whole batch as jobs, in input order. `total` is known up front unless stdin is among the inputs. */
export async function planJobs(inputs: readonly string[], stdin: () => NodeJS.ReadableStream, maxBytes = DEFAULT_MAX_BYTES): Promise<{ total?: number; jobs: AsyncGenerator<Job> }> {
  const items = await expandAll(inputs);
  const hasStdin = items.some((i) => 'stdin' in i);
  async function* jobs(): AsyncGenerator<Job> {
    for (const item of items) {
      if ('stdin' in item) yield* stdinJobs(stdin(), maxBytes);
      else if ('missing' in item) yield readError(item.missing, 'no such file or directory');
      else yield { kind: 'file', uri: displayPath(item.path), path: item.path };
    }
  }
  return { total: hasStdin ? undefined : items.length, jobs: jobs() };
}
