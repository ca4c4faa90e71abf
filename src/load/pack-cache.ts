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
const FORMAT = 'xborder-packset-6';

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

// JSON has no Infinity (open-ended effective dates) and no Map (taxonomy): tag them.
const replacer = (_k: string, v: unknown): unknown =>
  v instanceof Map ? { $map: [...v] } : typeof v === 'number' && !Number.isFinite(v) ? { $num: String(v) } : v;
const reviver = (_k: string, v: unknown): unknown => {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { $map?: [unknown, unknown][]; $num?: string };
    const keys = Object.keys(o);
    if (keys.length === 1 && Array.isArray(o.$map)) return new Map(o.$map);
    if (keys.length === 1 && typeof o.$num === 'string') return Number(o.$num);
  }
  return v;
};

export function readCache(dir: string, key: string): CompiledPack[] | undefined {
  try {
    const entry = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8'), reviver) as { key: string; packs: CompiledPack[] };
    return entry.key === key && Array.isArray(entry.packs) ? entry.packs : undefined;
  } catch {
    return undefined; // missing, unreadable or corrupt: compile as if there were no cache
  }
}

/** Best effort: a read-only home or a full disk must never fail a check. Written atomically (rename). */
export function writeCache(dir: string, key: string, packs: readonly CompiledPack[]): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `${key}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    writeFileSync(tmp, JSON.stringify({ key, packs }, replacer), { mode: 0o600 });
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
