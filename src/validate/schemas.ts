import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceDoc } from '../source/document.js';
import { closest } from './suggest.js';
import { escapeSegment } from '../util/json-pointer.js';
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

/** The validator generated at build time (scripts/build-schemas.mjs), if there is one. */
function standalone(name: SchemaName): ValidateFunction | undefined {
  try {
    return require(new URL(`${name}.validate.cjs`, standaloneDir).pathname) as ValidateFunction;
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

/** Validates parsed data; returns [] when valid. */
export function validate(name: SchemaName, doc: SourceDoc): Diagnostic[] {
  const fn = validator(name);
  if (fn(doc.data)) return [];
  return toDiagnostics(fn.errors ?? [], doc);
}

const describe = (e: ErrorObject): { message: string; hint?: string; pointer: string } => {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = closest(field, allowed);
      return {
        pointer: `${e.instancePath}/${escapeSegment(field)}`,
        message: `unknown field "${field}"`,
        hint: guess ? `did you mean "${guess}"?` : allowed.length ? `allowed here: ${allowed.join(', ')}` : undefined,
      };
    }
    case 'required':
      return { pointer: e.instancePath, message: `missing required field "${String(p.missingProperty)}"` };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const guess = typeof e.data === 'string' ? closest(e.data, allowed) : undefined;
      return {
        pointer: e.instancePath,
        message: `must be one of: ${allowed.join(', ')} (got ${JSON.stringify(e.data)})`,
        hint: guess ? `did you mean "${guess}"?` : undefined,
      };
    }
    case 'const':
      return { pointer: e.instancePath, message: `must be exactly ${JSON.stringify(p.allowedValue)} (got ${JSON.stringify(e.data)})` };
    case 'type':
      return { pointer: e.instancePath, message: `must be ${p.type === 'integer' ? 'a whole number' : `of type ${String(p.type)}`} (got ${JSON.stringify(e.data)?.slice(0, 60)})` };
    case 'minimum':
      return { pointer: e.instancePath, message: `must be ${p.comparison === '>=' ? '>=' : '>'} ${String(p.limit)} (got ${String(e.data)})` };
    case 'maximum':
      return { pointer: e.instancePath, message: `must be <= ${String(p.limit)} (got ${String(e.data)})`, hint: 'larger than any real population: check the figure' };
    case 'format':
      return { pointer: e.instancePath, message: `must be a real calendar date YYYY-MM-DD (got ${JSON.stringify(e.data)})` };
    case 'pattern': {
      const d = (e.parentSchema as { description?: string } | undefined)?.description;
      return { pointer: e.instancePath, message: `has an invalid format (got ${JSON.stringify(e.data)?.slice(0, 60)})`, hint: d };
    }
    case 'not':
      return { pointer: e.instancePath, message: `is not allowed here (got ${JSON.stringify(e.data)?.slice(0, 60)})`, hint: (e.parentSchema as { description?: string } | undefined)?.description };
    case 'maxLength': {
      const d = (e.parentSchema as { description?: string } | undefined)?.description;
      const got = typeof e.data === 'string' ? e.data : '';
      return { pointer: e.instancePath, message: `is too long: at most ${String(p.limit)} characters (got ${got.length > 60 ? `${got.length.toLocaleString('en-US')} characters` : JSON.stringify(got)})`, hint: d };
    }
    case 'uniqueItems':
      return { pointer: e.instancePath, message: `must not repeat items (items ${String(p.j)} and ${String(p.i)} are the same)` };
    default:
      return { pointer: e.instancePath, message: e.message ?? e.keyword };
  }
};

/**
 * ajv errors → diagnostics: one per pointer and message, with positions; noise from if/then and anyOf dropped.
 * Unknown fields come first: a typo (`cio`) usually explains the missing field beside it (`ciio`), and the first
 * diagnostic is the one a report shows.
 */
export function toDiagnostics(errors: readonly ErrorObject[], doc: SourceDoc): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const unknownAt = new Map<string, string[]>();
  for (const e of errors) {
    if (e.keyword === 'additionalProperties') unknownAt.set(e.instancePath, [...(unknownAt.get(e.instancePath) ?? []), String((e.params as { additionalProperty: unknown }).additionalProperty)]);
  }
  const ordered = [...errors].sort((a, b) => Number(b.keyword === 'additionalProperties') - Number(a.keyword === 'additionalProperties'));
  for (const e of ordered) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const d = describe(e);
    if (e.keyword === 'required' && !d.hint) {
      const missing = String((e.params as { missingProperty: unknown }).missingProperty);
      const typo = (unknownAt.get(e.instancePath) ?? []).find((u) => closest(u, [missing]) !== undefined);
      if (typo) d.hint = `is "${typo}" a typo for it?`;
    }
    const key = `${d.pointer}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const pos = doc.locate(d.pointer);
    out.push({
      code: 'schema', severity: 'error', message: `${d.pointer || '/'} ${d.message}`, hint: d.hint,
      location: { uri: doc.uri, pointer: d.pointer, line: pos?.line, column: pos?.column },
    });
  }
  return out;
}
