import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { jsonOffset, lineColumn } from './json-locate.js';

// `yaml` is loaded on first use (its CommonJS build, synchronously): a run over JSON manifests with cached
// packs never needs it, and importing it costs ~30 ms of a ~150 ms cold start.
const require = createRequire(import.meta.url);
let yamlLib: typeof import('yaml') | undefined;
const Y = (): typeof import('yaml') => (yamlLib ??= require('yaml') as typeof import('yaml'));

/** A parsed input and a way back from JSON pointers to 1-based line/column in its text. */
export interface SourceDoc {
  uri: string;
  data: unknown;
  /** Position of the value at `pointer` (or its nearest existing ancestor). */
  locate(pointer: string): { line: number; column: number } | undefined;
}

export interface ParseOptions {
  /** Aliases (&a / *a) are refused in manifests: they hide data and enable alias bombs. */
  allowAliases?: boolean;
  /** Maximum nesting depth; deeper documents are refused before conversion. */
  maxDepth?: number;
}

export class ParseError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

const YAML_OPTIONS = { version: '1.2', schema: 'core', uniqueKeys: true, merge: false, prettyErrors: false } as const;

export const splitPointer = (pointer: string): string[] =>
  pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

export const joinPointer = (segments: readonly (string | number)[]): string =>
  segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');

function positionOf(doc: Document, lc: LineCounter, pointer: string): { line: number; column: number } | undefined {
  const { isCollection, isNode, isSeq } = Y();
  let node: unknown = doc.contents;
  for (const seg of splitPointer(pointer)) {
    if (!isCollection(node)) break;
    const next = node.get(isSeq(node) ? Number(seg) : seg, true);
    if (!isNode(next)) break;
    node = next;
  }
  const range = isNode(node) ? node.range : undefined;
  if (!range) return undefined;
  const { line, col } = lc.linePos(range[0]);
  return { line, column: col };
}

function yamlDoc(text: string): { doc: Document; lc: LineCounter } {
  const lc = new (Y().LineCounter)();
  const doc = Y().parseDocument(text, { ...YAML_OPTIONS, lineCounter: lc, keepSourceTokens: false });
  return { doc, lc };
}

function syntaxError(uri: string, message: string, line?: number, column?: number, hint?: string): ParseError {
  return new ParseError({ code: 'parse-error', severity: 'error', message, location: { uri, pointer: '', line, column }, hint });
}

const isJsonText = (uri: string, text: string): boolean => uri.endsWith('.json') || /^\s*[{[]/.test(text);

/**
 * Parses YAML (1.2 core schema: `NO` stays a string, dates stay strings) or JSON.
 * JSON takes the fast path (JSON.parse) and builds positions only when asked.
 */
export function parseSource(text: string, uri: string, opts: ParseOptions = {}): SourceDoc {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw syntaxError(uri, 'the file is empty', 1, 1, 'a manifest starts with "apiVersion: xborder/v1"');
  if (isJsonText(uri, text)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      // Re-parse as YAML (a superset of JSON) only to get a position for the message.
      const { doc, lc } = yamlDoc(text);
      const first = doc.errors[0];
      const pos = first ? lc.linePos(first.pos[0]) : undefined;
      throw syntaxError(uri, `invalid JSON: ${(err as Error).message}`, pos?.line, pos?.col);
    }
    // Positions come from a scan of the text up to the pointer's value (src/source/json-locate.ts).
    const pos = lineColumn(text);
    const t = text;
    return { uri, data, locate: (pointer) => pos(jsonOffset(t, splitPointer(pointer))) };
  }
  const { doc, lc } = yamlDoc(text);
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const { line, col } = lc.linePos(problem.pos[0]);
    const message = problem.message.split('\n')[0] ?? problem.message;
    const hint = /tab/i.test(message) ? 'indent with spaces: YAML does not allow tabs for indentation' : undefined;
    throw syntaxError(uri, message.replace(/ at line \d+, column \d+.*$/, ''), line, col, hint);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: opts.allowAliases ? 100 : 0 });
  } catch (err) {
    const msg = (err as Error).message;
    if (/alias/i.test(msg)) throw syntaxError(uri, 'YAML aliases (*name) are not allowed here', undefined, undefined, 'write the value out in full');
    throw syntaxError(uri, msg);
  }
  return { uri, data, locate: (pointer) => positionOf(doc, lc, pointer) };
}
