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
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CompiledPack } from '../compile/compile-pack.js';

/** Bump when CompiledPack's shape or the compiler's output changes. */
const FORMAT = 'xborder-packset-9';

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.XBORDER_NO_CACHE && env.XBORDER_NO_CACHE !== '0') return undefined;
  if (env.XBORDER_CACHE_DIR) return env.XBORDER_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : undefined);
  return base ? join(base, 'xborder') : undefined;
}

export function cacheKey(toolVersion: string, files: readonly { uri: string; text: string }[]): string {
  const h = createHash('sha256').update(`${FORMAT}\u0000${toolVersion}\u0000`);
  for (const f of files) h.update(`${f.uri}\u0000${f.text.length}\u0000${f.text}\u0000`);
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

export function readCache(dir: string, key: string): CompiledPack[] | undefined {
  try {
    const entry = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as { key: string; packs: CompiledPack[]; tags: unknown };
    return entry.key === key && Array.isArray(entry.packs) && decode(entry.packs, entry.tags) ? entry.packs : undefined;
  } catch {
    return undefined; // missing, unreadable or corrupt: compile as if there were no cache
  }
}

/** Best effort: a read-only home or a full disk must never fail a check. Written atomically (rename). */
export function writeCache(dir: string, key: string, packs: readonly CompiledPack[]): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `${key}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    const tags: Tag[] = [];
    const encoded = encode(packs, [], tags);
    // ASCII only (\uXXXX for the Chinese texts): a one-byte string decodes and JSON-parses faster on every hit.
    const json = JSON.stringify({ key, packs: encoded, tags }).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    writeFileSync(tmp, json, { mode: 0o600 });
    renameSync(tmp, join(dir, `${key}.json`));
    prune(dir);
  } catch {
    /* ignore */
  }
}

/** Every rebuild or pack edit makes a new entry: keep the most recent few. */
function prune(dir: string, keep = 16): void {
  const entries = readdirSync(dir).filter((f) => /^[0-9a-f]{64}\.json$/.test(f))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const e of entries.slice(keep)) unlinkSync(join(dir, e.f));
}
