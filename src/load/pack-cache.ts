/**
 * A cache of compiled pack sets, keyed by a digest of the pack files' bytes and paths and of the tool
 * version, so that a cold start (and each worker thread) skips YAML parsing, pack-schema validation,
 * semantic checks and compilation (~200 ms for the national pack) when the packs have not changed.
 *
 * Only sets that loaded without a single diagnostic are stored, so a hit can never hide a pack error.
 * The cache lives in the user's cache directory (XDG), never in a shared temporary directory: a planted
 * entry would decide verdicts. XBORDER_CACHE_DIR moves it; XBORDER_NO_CACHE=1 turns it off.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { withEveryField, type CompiledPack, type CompiledRule } from '../compile/compile-pack.js';
import { broken } from '../util/broken.js';
import { makeDirs } from '../util/make-dirs.js';

/** Bump when CompiledPack's shape or the compiler's output changes. */
const FORMAT = 'xborder-packset-24';

/**
 * The cache directory, or undefined for none. An existing one is used only if it is private to this user (owned by
 * it, writable by no one else): its entries decide verdicts, and V8 code kept there runs in the process
 * (src/load/code-cache.ts), so a shared or foreign directory (XBORDER_CACHE_DIR=/tmp/x) is treated as no cache.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.XBORDER_NO_CACHE && env.XBORDER_NO_CACHE !== '0') return undefined;
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : undefined);
  const dir = env.XBORDER_CACHE_DIR || (base ? join(base, 'xborder') : undefined);
  return dir !== undefined && isPrivate(dir) ? dir : undefined;
}

/** Missing (it will be created 0700), or owned by this user and not writable by group or others. */
function isPrivate(dir: string): boolean {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(dir);
  } catch {
    return true;
  }
  const uid = process.getuid?.();
  return (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0;
}

/** A digest of the pack files' bytes (not their decoded text: a hit never decodes them) and paths, and the tool. */
export function cacheKey(toolVersion: string, files: readonly { uri: string; bytes: Uint8Array }[]): string {
  const h = createHash('sha256').update(`${FORMAT}\u0000${toolVersion}\u0000`);
  for (const f of files) h.update(`${f.uri}\u0000${f.bytes.length}\u0000`).update(f.bytes).update('\u0000');
  return h.digest('hex');
}

// JSON has no Infinity (open-ended effective dates) and no Map (taxonomy). The entry stores them as plain JSON
// (a Map as its entries, a number as its string) plus the paths of those few values, so a read is one plain
// JSON.parse and a handful of fixes: a JSON.parse reviver, or a walk over the whole ~0.5 MB entry, cost ~10 ms
// more per process and per worker thread than this.
type Path = (string | number)[];
type Tag = [Path, 'map' | 'num'];

/** A copy with Maps and non-finite numbers encoded; `tags` gets their paths, children before parents. */
function encode(v: unknown, path: Path, tags: Tag[]): unknown {
  if (v instanceof Map) {
    const entries = [...v].map(([k, x], i) => [encode(k, [...path, i, 0], tags), encode(x, [...path, i, 1], tags)]);
    tags.push([path, 'map']);
    return entries;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) {
    tags.push([path, 'num']);
    return String(v);
  }
  if (Array.isArray(v)) return v.map((x, i) => encode(x, [...path, i], tags));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: encode(x, [...path, k], tags), writable: true, enumerable: true, configurable: true });
    return out;
  }
  return v;
}

/** Decodes the tagged values in place; false when a path does not lead to one (a corrupt entry). */
function decode(packs: unknown, tags: unknown): boolean {
  if (!Array.isArray(tags)) return false;
  for (const tag of tags as Tag[]) {
    if (!Array.isArray(tag) || !Array.isArray(tag[0]) || tag[0].length === 0) return false;
    const path = tag[0];
    let parent: unknown = packs;
    for (const k of path.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, k)) return false;
      parent = (parent as Record<string, unknown>)[k];
    }
    const key = path[path.length - 1]!;
    if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, key)) return false;
    const raw = (parent as Record<string, unknown>)[key];
    let value: unknown;
    if (tag[1] === 'map' && Array.isArray(raw)) value = new Map(raw as [unknown, unknown][]);
    else if (tag[1] === 'num' && typeof raw === 'string') value = Number(raw);
    else return false;
    // Defined, never assigned: a key "__proto__" must not set a prototype.
    Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
  }
  return true;
}

/**
 * The fields of a pack that choosing packs for a manifest reads (src/evaluate/select.ts), its provenance and
 * trust (uri, digest, meta) and its aliases: decoded when the entry is opened. The rest (rules, taxonomy, lists,
 * parameters, texts) is decoded the first time one of them is read, so a manifest pays for the packs that apply
 * to it, not for every pack in the set (issue 17: the national pack is ~1/8 of the ~0.7 MB entry).
 */
const HEAD = new Set(['meta', 'aliases', 'digest', 'uri', 'from', 'to']);

/** One pack in the entry's header: its head fields, every field's name in order, where its body is. */
interface PackIndex {
  head: Record<string, unknown>;
  tags: unknown;
  keys: string[];
  /** Byte offset and length of the body (after the header line): JSON `{"v": {...the other fields}, "tags": [...]}`. */
  body: [number, number];
}

/** A body that cannot be decoded (a corrupt entry): the caller compiles that pack afresh, or the read throws. */
export type Recover = (index: number) => Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isTag = (t: unknown): boolean => Array.isArray(t) && Array.isArray(t[0]) && t[0].length > 0 && (t[1] === 'map' || t[1] === 'num');

/** The header line, checked: every pack's index well formed and the bodies exactly filling the rest of the file. */
function readIndex(buf: Buffer, key: string): { packs: PackIndex[]; base: number } | undefined {
  const nl = buf.indexOf(10);
  if (nl < 0) return undefined;
  const header = JSON.parse(buf.toString('latin1', 0, nl)) as { key?: unknown; packs?: unknown };
  if (header.key !== key || !Array.isArray(header.packs)) return undefined;
  let next = 0;
  for (const p of header.packs as unknown[]) {
    if (!isObject(p) || !isObject(p.head) || !Array.isArray(p.tags) || !p.tags.every(isTag) || !Array.isArray(p.keys)
      || !p.keys.every((k) => typeof k === 'string') || !Array.isArray(p.body) || p.body[0] !== next || !Number.isSafeInteger(p.body[1]) || (p.body[1] as number) < 0) return undefined;
    next += p.body[1] as number;
  }
  return next === buf.length - nl - 1 ? { packs: header.packs as PackIndex[], base: nl + 1 } : undefined;
}

/** A pack's body fields, decoded; undefined when the bytes are not what the writer wrote. */
function readBody(buf: Buffer, at: number, length: number, keys: readonly string[]): Record<string, unknown> | undefined {
  try {
    const body = JSON.parse(buf.toString('latin1', at, at + length)) as { v?: unknown; tags?: unknown };
    if (!isObject(body.v) || !keys.every((k) => HEAD.has(k) || Object.hasOwn(body.v as object, k))) return undefined;
    return decode(body.v, body.tags) ? body.v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A pack whose head is decoded and whose other fields are getters: the first read of any of them decodes the
 * pack's body and puts plain values in their place (same keys, same order, as the compiler built them).
 */
function lazyPack(index: PackIndex, load: () => Record<string, unknown>): CompiledPack {
  const pack: Record<string, unknown> = {};
  const rest = index.keys.filter((k) => !HEAD.has(k));
  const fill = (): void => {
    const body = load();
    // JSON leaves out a rule's absent optional fields: back to the compiler's one shape (withEveryField).
    if (Array.isArray(body.rules)) body.rules = (body.rules as CompiledRule[]).map(withEveryField);
    for (const k of rest) Object.defineProperty(pack, k, { value: body[k], writable: true, enumerable: true, configurable: true });
  };
  for (const k of index.keys) {
    if (HEAD.has(k)) Object.defineProperty(pack, k, { value: index.head[k], writable: true, enumerable: true, configurable: true });
    else {
      Object.defineProperty(pack, k, {
        get: () => { fill(); return pack[k]; },
        set: (v: unknown) => { fill(); pack[k] = v; },
        enumerable: true,
        configurable: true,
      });
    }
  }
  return pack as unknown as CompiledPack;
}

/**
 * The packs of an entry, each decoded on first use (lazyPack). A missing, unreadable or malformed entry, or a
 * header that does not match, is a miss (undefined: compile as if there were no cache). A body found corrupt
 * later is replaced by `recover(index)` (the loader compiles the set afresh); without it, reading it throws.
 */
export function readCache(dir: string, key: string, recover?: Recover): CompiledPack[] | undefined {
  let buf: Buffer;
  let index: ReturnType<typeof readIndex>;
  try {
    buf = readFileSync(join(dir, `${key}.json`));
    index = readIndex(buf, key);
    if (!index) return undefined;
    for (const p of index.packs) if (!decode(p.head, p.tags)) return undefined;
  } catch {
    return undefined; // missing, unreadable or corrupt: compile as if there were no cache
  }
  const { packs, base } = index;
  const corrupt = (i: number): never => broken(`the compiled-pack cache entry ${key}.json is corrupt (pack ${i + 1}); delete it or set XBORDER_NO_CACHE=1`);
  return packs.map((p, i) => lazyPack(p, () => {
    const body = readBody(buf, base + p.body[0], p.body[1], p.keys);
    if (body) return body;
    const fresh = recover?.(i) ?? corrupt(i);
    return fresh.digest === p.head.digest ? fresh : corrupt(i);
  }));
}

/** ASCII only (\uXXXX for the Chinese texts): a one-byte string decodes and JSON-parses faster on every hit. */
const ascii = (json: string): string => json.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * One header line (the key, each pack's head and where its body is), then the packs' bodies back to back. Best
 * effort and atomic (writeEntry).
 */
export function writeCache(dir: string, key: string, packs: readonly CompiledPack[]): void {
  writeEntry(dir, `${key}.json`, /^[0-9a-f]{64}\.json$/, () => {
    const index: PackIndex[] = [];
    const bodies: string[] = [];
    let at = 0;
    for (const pack of packs as unknown as Record<string, unknown>[]) {
      const keys = Object.keys(pack);
      const head: Record<string, unknown> = {};
      const rest: Record<string, unknown> = {};
      for (const k of keys) Object.defineProperty(HEAD.has(k) ? head : rest, k, { value: pack[k], writable: true, enumerable: true, configurable: true });
      const headTags: Tag[] = [];
      const bodyTags: Tag[] = [];
      const body = ascii(JSON.stringify({ v: encode(rest, [], bodyTags), tags: bodyTags }));
      index.push({ head: encode(head, [], headTags) as Record<string, unknown>, tags: headTags, keys, body: [at, body.length] });
      bodies.push(body);
      at += body.length;
    }
    return `${ascii(JSON.stringify({ key, packs: index }))}\n${bodies.join('')}`;
  });
}

/** Removes an entry found corrupt, so that the next run writes a good one. */
export function dropCache(dir: string, key: string): void {
  try {
    unlinkSync(join(dir, `${key}.json`));
  } catch {
    /* already gone */
  }
}

/**
 * Best effort (a read-only home or a full disk must never fail a run): `data()` written to `dir/name` atomically
 * (rename), then only the most recent few entries named like `entries` kept, as every rebuild, pack edit or Node
 * version makes a new one. The compiled packs and V8's code (src/load/code-cache.ts) share it.
 */
export function writeEntry(dir: string, name: string, entries: RegExp, data: () => string | Uint8Array, keep = 16): void {
  try {
    makeDirs(dir, 0o700);
    const tmp = join(dir, `${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    writeFileSync(tmp, data(), { mode: 0o600 });
    renameSync(tmp, join(dir, name));
    const kept = readdirSync(dir).filter((f) => entries.test(f))
      .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs })).sort((a, b) => b.t - a.t);
    for (const e of kept.slice(keep)) unlinkSync(join(dir, e.f));
  } catch {
    /* ignore: the next run builds it again */
  }
}
