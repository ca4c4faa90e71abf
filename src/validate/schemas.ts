import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceDoc } from '../source/document.js';
import { closest } from './suggest.js';
import { regionCodeFor } from '../model/places.js';
import { escapeSegment, joinPointer, splitPointer } from '../util/json-pointer.js';
import { packageRoot } from '../util/package.js';

// ajv and ajv-formats are CommonJS; createRequire keeps their default exports straightforward under NodeNext.
const require = createRequire(import.meta.url);
// Loaded only when a schema has no standalone validator: ajv itself costs ~15 ms to import.
const ajvLib = () => ({
  Ajv2020: require('ajv/dist/2020').default as typeof import('ajv/dist/2020.js').default,
  addFormats: require('ajv-formats').default as typeof import('ajv-formats').default,
});

export type SchemaName = 'manifest' | 'rule-pack' | 'pack-tests' | 'verdict' | 'config' | 'waivers';

const cache = new Map<SchemaName, ValidateFunction>();
let ajv: InstanceType<ReturnType<typeof ajvLib>["Ajv2020"]> | undefined;

const standaloneDir = new URL('../../schemas/', import.meta.url);

/** Loads a CommonJS file by path: `require` unless a front end installed a loader (setStandaloneLoader). */
export type StandaloneLoader = (path: string) => unknown;
let loadStandalone: StandaloneLoader = (path) => require(path);

/**
 * Lets the caller choose how the prebuilt validators load: the CLI's runs keep V8's compiled code of them between
 * processes (src/load/code-cache.ts), which this layer cannot do itself (it reads no files of its own).
 * Validators already loaded stay as they are.
 */
export function setStandaloneLoader(load: StandaloneLoader): void {
  loadStandalone = load;
}

/** The validator generated at build time (scripts/build-schemas.mjs), if there is one. */
function standalone(name: SchemaName): ValidateFunction | undefined {
  try {
    return loadStandalone(new URL(`${name}.validate.cjs`, standaloneDir).pathname) as ValidateFunction;
  } catch {
    return undefined;
  }
}

/**
 * One validator per schema per process: the standalone one from the build, else compiled on first use
 * (a source checkout without `npm run build:schemas`), then reused.
 */
export function validator(name: SchemaName): ValidateFunction {
  const cached = cache.get(name);
  if (cached) return cached;
  const pre = standalone(name);
  if (pre) {
    cache.set(name, pre);
    return pre;
  }
  const { Ajv2020, addFormats } = ajvLib();
  ajv ??= addFormats(new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true, allowUnionTypes: true }), ['date', 'uri']);
  const schema = require(new URL(`schemas/${name}.schema.json`, packageRoot()).pathname) as object;
  const fn = ajv.compile(schema);
  cache.set(name, fn);
  return fn;
}

/** A schema's field names, and those of them whose values are arrays (schemaFields). */
export interface SchemaFields { fields: ReadonlySet<string>; arrays: ReadonlySet<string> }
const fieldNames = new Map<SchemaName, SchemaFields>();

/**
 * Every field name a schema defines (the keys of its `properties`, at any depth) and which of them hold arrays: what
 * a pointer into a document may name without quoting the document. An unknown key (a name, a phone number typed as a
 * key) is not among them.
 */
export function schemaFields(name: SchemaName): SchemaFields {
  const known = fieldNames.get(name);
  if (known) return known;
  const schema = require(new URL(`schemas/${name}.schema.json`, packageRoot()).pathname) as { $defs?: Record<string, unknown> };
  const fields = new Set<string>();
  const arrays = new Set<string>();
  const resolved = (node: unknown): { type?: unknown } => {
    const ref = (node as { $ref?: unknown } | null)?.$ref;
    return (typeof ref === 'string' && ref.startsWith('#/$defs/') ? schema.$defs?.[ref.slice('#/$defs/'.length)] : node) as { type?: unknown } ?? {};
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) { for (const n of node) walk(n); return; }
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [f, sub] of Object.entries(v)) {
          fields.add(f);
          const type = resolved(sub).type;
          if (type === 'array' || (Array.isArray(type) && type.includes('array'))) arrays.add(f);
        }
      }
      walk(v);
    }
  };
  walk(schema);
  const out = { fields, arrays };
  fieldNames.set(name, out);
  return out;
}

/**
 * A pointer into a document as far as it names the schema's own fields (and array positions): an unknown key is the
 * document's text, and may be personal data (`张三: 13800138000` indented under recipient), so it and anything below
 * it become `…`. For messages outside the report (stderr, CI logs), as withoutValue.
 */
export function fieldsOnly(name: SchemaName, pointer: string): string {
  const { fields, arrays } = schemaFields(name);
  const segments = splitPointer(pointer);
  // A position in an array is the format's too; digits elsewhere are a key someone typed.
  const typed = segments.findIndex((s, i) => (/^\d+$/.test(s) && i > 0 && arrays.has(segments[i - 1]!) ? false : !fields.has(s)));
  return typed === -1 ? pointer : `${joinPointer(segments.slice(0, typed))}/…`;
}

/** Validates parsed data; returns [] when valid. */
export function validate(name: SchemaName, doc: SourceDoc): Diagnostic[] {
  const fn = validator(name);
  if (fn(doc.data)) return [];
  return toDiagnostics(fn.errors ?? [], doc);
}

/** Longest quoted value: enough to recognise a typo, too short to copy a file or a secret out through an error. */
const QUOTE_MAX = 40;

/** A value as a message quotes it: JSON, cut short. */
const got = (v: unknown): string => {
  const shown = JSON.stringify(v) ?? String(v);
  return shown.length > QUOTE_MAX ? `${shown.slice(0, QUOTE_MAX)}…` : shown;
};

/** A pointer as a message shows it: cut short like a value (the full pointer stays in the location). */
const shortPointer = (pointer: string): string => (pointer.length > 2 * QUOTE_MAX ? `${pointer.slice(0, 2 * QUOTE_MAX)}…` : pointer || '/');

/** The same diagnostic without the value it quotes (for documents that may not be ours to quote). */
export const withoutValue = (d: Diagnostic): Diagnostic => ({ ...d, message: d.message.replace(/ \(got [\s\S]*\)$/, '') });

/** Values a user writes another way, by field: what they most likely meant (a region's name for its code). */
const MEANT: Partial<Record<string, (written: string) => string | undefined>> = { '/exporter/region': regionCodeFor };

/** At most this many "did you mean" searches per document: a file of thousands of unknown keys gets them for the first. */
const MAX_HINTS = 20;

const describe = (e: ErrorObject, hints: { left: number }): { message: string; hint?: string; pointer: string } => {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = hints.left-- > 0 ? closest(field, allowed) : undefined;
      return {
        pointer: `${e.instancePath}/${escapeSegment(field)}`,
        message: `unknown field ${got(field)}`,
        hint: guess ? `did you mean "${guess}"?` : allowed.length ? `allowed here: ${allowed.join(', ')}` : undefined,
      };
    }
    case 'required':
      return { pointer: e.instancePath, message: `missing required field "${String(p.missingProperty)}"` };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const guess = typeof e.data === 'string' && hints.left-- > 0 ? closest(e.data, allowed) : undefined;
      return {
        pointer: e.instancePath,
        message: `must be one of: ${allowed.join(', ')} (got ${got(e.data)})`,
        hint: guess ? `did you mean "${guess}"?` : undefined,
      };
    }
    case 'const':
      return { pointer: e.instancePath, message: `must be exactly ${JSON.stringify(p.allowedValue)} (got ${got(e.data)})` };
    case 'type':
      return { pointer: e.instancePath, message: `must be ${p.type === 'integer' ? 'a whole number' : `of type ${String(p.type)}`} (got ${got(e.data)})` };
    case 'minimum':
      return { pointer: e.instancePath, message: `must be ${p.comparison === '>=' ? '>=' : '>'} ${String(p.limit)} (got ${got(e.data)})` };
    case 'maximum':
      return { pointer: e.instancePath, message: `must be <= ${String(p.limit)} (got ${got(e.data)})`, hint: 'larger than any real population: check the figure' };
    case 'format':
      return { pointer: e.instancePath, message: `must be a real calendar date YYYY-MM-DD (got ${got(e.data)})` };
    case 'pattern': {
      const d = (e.parentSchema as { description?: string } | undefined)?.description;
      const meant = typeof e.data === 'string' ? MEANT[e.instancePath]?.(e.data) : undefined;
      return { pointer: e.instancePath, message: `has an invalid format (got ${got(e.data)})`, hint: meant ? `did you mean "${meant}"?` : d };
    }
    case 'not':
      return { pointer: e.instancePath, message: `is not allowed here (got ${got(e.data)})`, hint: (e.parentSchema as { description?: string } | undefined)?.description };
    case 'maxLength': {
      const d = (e.parentSchema as { description?: string } | undefined)?.description;
      const text = typeof e.data === 'string' ? e.data : '';
      return { pointer: e.instancePath, message: `is too long: at most ${String(p.limit)} characters (got ${text.length > QUOTE_MAX ? `${text.length.toLocaleString('en-US')} characters` : got(text)})`, hint: d };
    }
    // ajv's "must NOT have fewer than 1 characters" is how a validator speaks, not a person.
    case 'minLength':
      return { pointer: e.instancePath, message: p.limit === 1 ? 'must not be empty' : `is too short: at least ${String(p.limit)} characters` };
    case 'minItems':
      return { pointer: e.instancePath, message: p.limit === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} items` };
    case 'uniqueItems':
      return { pointer: e.instancePath, message: `must not repeat items (items ${String(p.j)} and ${String(p.i)} are the same)` };
    default:
      return { pointer: e.instancePath, message: e.message ?? e.keyword };
  }
};

/** Keywords about a string's shape, the most telling first: a real date, then the pattern (with its description). */
const SHAPE_RANK: Partial<Record<string, number>> = { format: 0, pattern: 1, maxLength: 2, minLength: 2 };

/**
 * ajv errors → diagnostics: one per pointer and message, with positions; noise from if/then and anyOf dropped.
 * Unknown fields come first: a typo (`cio`) usually explains the missing field beside it (`ciio`), and the first
 * diagnostic is the one a report shows.
 */
function toDiagnostics(errors: readonly ErrorObject[], doc: SourceDoc): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const unknownAt = new Map<string, string[]>();
  for (const e of errors) {
    if (e.keyword === 'additionalProperties') unknownAt.set(e.instancePath, [...(unknownAt.get(e.instancePath) ?? []), String((e.params as { additionalProperty: unknown }).additionalProperty)]);
  }
  // One shape problem per value: "2026/1/5" breaks both the date pattern and the date format, "USA" both the
  // length and the pattern of a country code; the most telling of them is the one to read.
  const shapeAt = new Map<string, number>();
  for (const e of errors) {
    const rank = SHAPE_RANK[e.keyword];
    if (rank !== undefined) shapeAt.set(e.instancePath, Math.min(rank, shapeAt.get(e.instancePath) ?? rank));
  }
  const hints = { left: MAX_HINTS };
  const ordered = [...errors].sort((a, b) => Number(b.keyword === 'additionalProperties') - Number(a.keyword === 'additionalProperties'));
  for (const e of ordered) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const rank = SHAPE_RANK[e.keyword];
    if (rank !== undefined && rank > shapeAt.get(e.instancePath)!) continue;
    const d = describe(e, hints);
    if (e.keyword === 'required' && !d.hint) {
      const missing = String((e.params as { missingProperty: unknown }).missingProperty);
      const typo = hints.left-- > 0 ? (unknownAt.get(e.instancePath) ?? []).find((u) => closest(u, [missing]) !== undefined) : undefined;
      if (typo) d.hint = `is "${typo}" a typo for it?`;
    }
    const key = `${d.pointer}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // An unknown field is placed at its key: the name is what is wrong, and its value may be a whole block.
    const pos = (e.keyword === 'additionalProperties' ? doc.locateKey?.(d.pointer) : undefined) ?? doc.locate(d.pointer);
    out.push({
      code: 'schema', severity: 'error', message: `${shortPointer(d.pointer)} ${d.message}`, hint: d.hint,
      location: { uri: doc.uri, pointer: d.pointer, line: pos?.line, column: pos?.column },
    });
  }
  return out;
}
