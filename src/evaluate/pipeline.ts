import type { Diagnostic } from '../model/diagnostic.js';
import type { Manifest } from '../model/manifest.js';
import type { CheckResult, ErrorResult } from '../model/verdict.js';
import { checkManifest, type CheckOptions } from './check.js';
import type { PackSet } from './pack-set.js';
import { ParseError, parseSource, type SourceDoc } from '../source/document.js';
import { validateManifest } from '../validate/manifest.js';

/** Diagnostics → the contract's error object: the first problem up front, every problem in details. */
export function errorResult(source: string, diagnostics: readonly Diagnostic[], manifestId?: string): ErrorResult {
  const first = diagnostics[0];
  const details = diagnostics.map((d) => ({
    message: d.message, path: d.location.pointer, line: d.location.line, column: d.location.column, hint: d.hint,
  }));
  return {
    source,
    ...(manifestId ? { manifest: manifestId } : {}),
    error: {
      code: first?.code ?? 'internal',
      message: first ? `${first.message}${first.hint ? ` (${first.hint})` : ''}` : 'unknown error',
      line: first?.location.line,
      column: first?.location.column,
      path: first?.location.pointer,
      details,
    },
  };
}

/**
 * An error the checker did not expect while checking one manifest, as that manifest's error result (code
 * `internal`): a run or a request goes on with its other manifests, and no verdict (never a pass) is made up.
 */
export const internalError = (uri: string, err: unknown): ErrorResult =>
  errorResult(uri, [{ code: 'internal', severity: 'error', message: `internal error: ${(err as Error).message}`, location: { uri, pointer: '' } }]);

const idOf = (data: unknown): string | undefined => {
  const id = data && typeof data === 'object' ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 128) : undefined;
};

export type PrepareResult = { ok: true; doc: SourceDoc; manifest: Manifest } | { ok: false; error: ErrorResult };

/** Parse and validate one manifest text. Pure: no files, no clocks. */
export function prepareManifest(text: string, uri: string): PrepareResult {
  let doc: SourceDoc;
  try {
    doc = parseSource(text, uri, { allowAliases: false });
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, error: errorResult(uri, [err.diagnostic]) };
    return { ok: false, error: errorResult(uri, [{ code: 'parse-error', severity: 'error', message: `cannot parse: ${(err as Error).message}`, location: { uri, pointer: '' } }]) };
  }
  const { manifest, diagnostics } = validateManifest(doc);
  if (!manifest) return { ok: false, error: errorResult(uri, diagnostics, idOf(doc.data)) };
  return { ok: true, doc, manifest };
}

/** Text in, verdict or error out: the whole pure pipeline for one manifest. */
export async function checkText(text: string, uri: string, set: PackSet, opts: Omit<CheckOptions, 'source' | 'locate'> = {}): Promise<CheckResult> {
  const prepared = prepareManifest(text, uri);
  if (!prepared.ok) return prepared.error;
  return checkManifest(prepared.manifest, set, { ...opts, source: uri, locate: prepared.doc.locate });
}

/** One manifest as a parsed object or as YAML/JSON text: the library's `check`. Invalid input gives an error result. */
export async function checkValue(manifest: unknown, set: PackSet, opts: Omit<CheckOptions, 'locate'> = {}): Promise<CheckResult> {
  const source = opts.source ?? '<memory>';
  if (typeof manifest === 'string') return checkText(manifest, source, set, opts);
  const { manifest: m, diagnostics } = validateManifest({ uri: source, data: manifest, locate: () => undefined });
  if (!m) return errorResult(source, diagnostics);
  return checkManifest(m, set, { ...opts, source });
}
