import type { CST, Document, LineCounter } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import { jsonLocator, jsonOffset } from './json-locate.js';
import { lineColumn } from './positions.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { quickParseJson, scanJson } from './json-scan.js';
import { DEFAULT_LIMITS, RESERVED_KEYS, type Limits } from './limits.js';
import { countYamlValues, scanYaml } from './yaml-scan.js';
import { indentProblem } from './yaml-indent.js';
import { joinPointer, splitPointer } from '../util/json-pointer.js';

/** A parsed input and a way back from JSON pointers to 1-based line/column in its text. */
export interface SourceDoc {
  uri: string;
  data: unknown;
  /** Position of the value at `pointer` (or its nearest existing ancestor). */
  locate(pointer: string): { line: number; column: number } | undefined;
  /** Position of the key of the object member at `pointer`, where it has one (else as `locate`). */
  locateKey?(pointer: string): { line: number; column: number } | undefined;
}

export interface ParseOptions {
  /** Aliases (&a / *a) are refused in manifests: they hide data and enable alias bombs. */
  allowAliases?: boolean;
  /** Maximum nesting depth; deeper documents are refused before conversion (default DEFAULT_LIMITS). */
  maxDepth?: number;
  /** Longest single string anywhere in the document (default DEFAULT_LIMITS). */
  maxStringLength?: number;
  /** Most values in the document (default DEFAULT_LIMITS). */
  maxValues?: number;
}

export class ParseError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

// uniqueKeys is off because yaml checks it pairwise (quadratic: a minute for 70,000 keys); duplicateKey() below
// does the same check in linear time.
const YAML_OPTIONS = { version: '1.2', schema: 'core', uniqueKeys: false, merge: false, prettyErrors: false } as const;


function positionOf(doc: Document, lc: LineCounter, pointer: string, key = false): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  const segs = splitPointer(pointer);
  for (const [n, seg] of segs.entries()) {
    if (!yamlLib().isCollection(node)) break;
    if (key && n === segs.length - 1 && yamlLib().isMap(node)) {
      const pair = node.items.find((p) => yamlLib().isScalar(p.key) && String(p.key.value) === seg);
      if (pair && yamlLib().isNode(pair.key)) node = pair.key;
      break;
    }
    const next = node.get(yamlLib().isSeq(node) ? Number(seg) : seg, true);
    if (!yamlLib().isNode(next)) break;
    node = next;
  }
  const range = yamlLib().isNode(node) ? node.range : undefined;
  if (!range) return undefined;
  const { line, col } = lc.linePos(range[0]);
  return { line, column: col };
}

const EMPTY_HINT = 'a manifest starts with "apiVersion: xborder/v1", a rule pack with "apiVersion: xborder/pack/v1"';

function syntaxError(uri: string, message: string, line?: number, column?: number, hint?: string): ParseError {
  return new ParseError({ code: 'parse-error', severity: 'error', message, location: { uri, pointer: '', line, column }, hint });
}

const isJsonText = (uri: string, text: string): boolean => uri.endsWith('.json') || /^\s*[{[]/.test(text);

/** Finds the first prototype-machinery key anywhere in parsed data (iteratively: depth is already bounded). */
function reservedKeyPointer(data: unknown): string | undefined {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: data, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (RESERVED_KEYS.has(k)) return joinPointer([...path, k]);
        stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
      }
    }
  }
  return undefined;
}

function parseJson(text: string, uri: string, limits: Limits): SourceDoc {
  const pos = lineColumn(text);
  // Positions come from a scan of the text up to the pointer's value (src/source/json-locate.ts), not a re-parse;
  // remembered per pointer, since a verdict's findings often share one (/personalInformation, /data).
  const seen = new Map<string, { line: number; column: number }>();
  let offset: ReturnType<typeof jsonLocator> | undefined;
  const locate = (pointer: string) => {
    let at = seen.get(pointer);
    if (!at) seen.set(pointer, (at = pos((offset ??= jsonLocator(text))(splitPointer(pointer)))));
    return { ...at };
  };
  const locateKey = (pointer: string) => pos(jsonOffset(text, splitPointer(pointer), true));
  const quick = quickParseJson(text, limits);
  if (quick) return { uri, data: quick.data, locate, locateKey };
  // The scan finds what JSON.parse hides (duplicate keys) or cannot place (syntax errors).
  const problem = scanJson(text, limits);
  if (problem) {
    const { line, column } = lineColumn(text)(problem.offset);
    const where = problem.pointer ? `${problem.pointer} ` : '';
    throw new ParseError({
      code: 'parse-error', severity: 'error', message: `${where}invalid JSON: ${problem.message}`, hint: problem.hint,
      location: { uri, pointer: problem.pointer ?? '', line, column },
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // Unreachable if the scan is right; kept so a scanner gap is still an error, never a crash. Node's message
    // quotes part of the input, which may be personal data: only its offset is kept.
    const offset = /position (\d+)/.exec((err as Error).message)?.[1];
    const at = offset === undefined ? undefined : lineColumn(text)(Number(offset));
    throw syntaxError(uri, 'invalid JSON', at?.line, at?.column);
  }
  return { uri, data, locate, locateKey };
}

/** The tag of a merge key: `merge: false` turns off plain `<<`, but yaml still merges a key tagged so. */
const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** The first repeated, non-scalar or merge (`!!merge <<`) map key, walking the composed document with an explicit stack. */
function duplicateKey(doc: Document): { offset: number; message: string; hint?: string } | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (yamlLib().isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key;
        if (!yamlLib().isScalar(key)) return { offset: yamlLib().isNode(key) ? key.range?.[0] ?? 0 : 0, message: 'map keys must be plain values, not lists or maps' };
        // A merge lets the map's own keys override what it merges, silently: a second `individuals` hidden as a
        // duplicate key would be (a merge of 150,000 beside an own 80,000 passed on the 80,000).
        if (key.tag === MERGE_TAG) return { offset: key.range?.[0] ?? 0, message: 'YAML merge keys (!!merge <<) are not allowed', hint: 'write the fields out in full' };
        const name = String(key.value);
        if (seen.has(name)) return { offset: key.range?.[0] ?? 0, message: `Map keys must be unique ("${name}" appears twice)` };
        seen.add(name);
        stack.push(pair.value);
      }
    } else if (yamlLib().isSeq(node)) stack.push(...node.items);
  }
  return undefined;
}

/**
 * Offset of the first alias that refers to a value containing it (`a: &r [*r]`): it would make the data a loop,
 * and every later walk of it (reserved keys, the schema) would never end. Anchors are followed in document order,
 * as YAML resolves them, so a re-used anchor name inside its own value is not mistaken for one.
 */
function aliasLoop(doc: Document): number | undefined {
  const latest = new Map<string, unknown>();
  let found: number | undefined;
  yamlLib().visit(doc, {
    Node(_key, node, path) {
      if (yamlLib().isAlias(node)) {
        if (path.includes(latest.get(node.source) as never)) { found = node.range?.[0] ?? 0; return yamlLib().visit.BREAK; }
      } else if (node.anchor) latest.set(node.anchor, node);
      return undefined;
    },
  });
  return found;
}

function parseYaml(text: string, uri: string, limits: Limits, allowAliases: boolean): SourceDoc {
  const tooMany = countYamlValues(text, limits);
  if (tooMany) {
    const { line, column } = lineColumn(text)(tooMany.offset);
    throw syntaxError(uri, tooMany.message, line, column);
  }
  const lc = new (yamlLib().LineCounter)();
  const tokens: CST.Token[] = [...new (yamlLib().Parser)(lc.addNewLine).parse(text)];
  const at = (offset: number): { line: number; column: number } => {
    const { line, col } = lc.linePos(offset);
    return { line, column: col };
  };
  const scan = scanYaml(tokens, limits, allowAliases);
  if (scan.problem) {
    const { line, column } = at(scan.problem.offset);
    throw syntaxError(uri, scan.problem.message, line, column, scan.problem.hint);
  }
  const docs = [...new (yamlLib().Composer)<Document.Parsed['contents'] & object>({ ...YAML_OPTIONS }).compose(tokens, true, text.length)];
  const doc = docs[0] as unknown as Document;
  const second = docs[1] as unknown as Document | undefined;
  if (second) {
    const { line, column } = at(second.range?.[0] ?? 0);
    throw syntaxError(uri, 'a file holds one YAML document; found a second one', line, column, 'remove the "---" separator or split the file');
  }
  const firstError = doc.errors[0];
  const indent = firstError && indentProblem(text, doc, firstError);
  if (indent) {
    const { line, column } = at(indent.offset);
    throw new ParseError({
      code: 'parse-error', severity: 'error', message: `${indent.pointer ? `${indent.pointer} ` : ''}${indent.message}`, hint: indent.hint,
      location: { uri, pointer: indent.pointer ?? '', line, column },
    });
  }
  const problem = firstError ?? doc.warnings[0] ?? duplicateKey(doc);
  if (problem) {
    const { line, column } = at('pos' in problem ? problem.pos[0] : problem.offset);
    const message = problem.message.split('\n')[0] ?? problem.message;
    const hint = 'hint' in problem ? problem.hint : /tab/i.test(message) ? 'indent with spaces: YAML does not allow tabs for indentation' : undefined;
    throw syntaxError(uri, message.replace(/ at line \d+, column \d+.*$/, ''), line, column, hint);
  }
  // Only comments (or a lone `---`): no node to place "must be of type object" at, so say it here, at its start.
  if (doc.contents === null) throw syntaxError(uri, 'the file holds only comments, no document', 1, 1, EMPTY_HINT);
  const loop = scan.firstAlias === undefined ? undefined : aliasLoop(doc);
  if (loop !== undefined) {
    const { line, column } = at(loop);
    throw syntaxError(uri, 'a YAML alias refers to the value that contains it (a loop)', line, column, 'write the value out in full');
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: allowAliases ? 100 : 0 });
  } catch (err) {
    const msg = (err as Error).message;
    const pos = scan.firstAlias !== undefined ? at(scan.firstAlias) : undefined;
    if (/alias/i.test(msg)) {
      throw syntaxError(uri, allowAliases ? 'YAML aliases expand to too much data' : 'YAML aliases (*name) are not allowed here', pos?.line, pos?.column, 'write the value out in full');
    }
    throw syntaxError(uri, msg, pos?.line, pos?.column);
  }
  const reserved = reservedKeyPointer(data);
  const locate = (pointer: string) => positionOf(doc, lc, pointer);
  const locateKey = (pointer: string) => positionOf(doc, lc, pointer, true);
  if (reserved !== undefined) {
    const pos = locate(reserved);
    const key = splitPointer(reserved).at(-1) ?? '';
    throw new ParseError({
      code: 'parse-error', severity: 'error', message: `${reserved} key "${key}" is not allowed`, hint: 'reserved: it could change how JavaScript objects behave',
      location: { uri, pointer: reserved, line: pos?.line, column: pos?.column },
    });
  }
  return { uri, data, locate, locateKey };
}

/**
 * Parses YAML (1.2 core schema: `NO` stays a string, dates stay strings) or JSON, refusing what an untrusted
 * document could use against us: deep nesting, huge strings, aliases (unless allowed), duplicate keys and
 * prototype keys. Every refusal is a ParseError with a line and column; nothing here recurses on input depth.
 */
export function parseSource(text: string, uri: string, opts: ParseOptions = {}): SourceDoc {
  const limits: Limits = {
    maxDepth: opts.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxStringLength: opts.maxStringLength ?? DEFAULT_LIMITS.maxStringLength,
    maxValues: opts.maxValues ?? DEFAULT_LIMITS.maxValues,
  };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw syntaxError(uri, 'the file is empty', 1, 1, EMPTY_HINT);
  return isJsonText(uri, text) ? parseJson(text, uri, limits) : parseYaml(text, uri, limits, opts.allowAliases ?? false);
}
