import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, sep } from 'node:path';
import { compilePacks, PackLoadError } from '../compile/build-pack-set.js';
import type { CompiledPack } from '../compile/compile-pack.js';
import { formatDiagnostic, type Diagnostic } from '../model/diagnostic.js';
import { createPackSet, type PackSet } from '../evaluate/pack-set.js';
import { cacheDir, cacheKey, dropCache, readCache, writeCache } from './pack-cache.js';
import { requireWithCodeCache } from './code-cache.js';
import { ParseError, parseSource, type SourceDoc } from '../source/document.js';
import { decodeText, displayPath, readBytes, walkTree, type Refused } from '../io/files.js';
import { packageRoot, packageVersion } from '../util/package.js';
import { setStandaloneLoader } from '../validate/schemas.js';
import type { TrustOptions } from './trusted.js';
import { broken } from '../util/broken.js';

/** The signing code loads only with a trust store: most runs have none (cold start, each worker). */
const verifyTrusted = async (...args: Parameters<typeof import('./trusted.js').verifyTrusted>): Promise<void> =>
  (await import('./trusted.js')).verifyTrusted(...args);

/** The packs shipped with xborder. */
export const bundledRules = (): string => fileURLToPath(new URL('rules/', packageRoot()));

const PACK_FILE = /^(pack|.+\.pack)\.ya?ml$/;
/** A file name loading reads as a pack (pack.yaml, NAME.pack.yaml). */
export const isPackFileName = (name: string): boolean => PACK_FILE.test(name);

/**
 * Pack files under a directory (every pack.yaml or *.pack.yaml, recursively, sorted), or the file itself. Packs
 * are files inside the pack folder: a symbolic link out of it (say, to /etc/passwd) is refused, never read.
 */
export async function findPackFiles(path: string): Promise<{ paths: string[]; refused: Refused[] }> {
  const info = await stat(path);
  if (info.isDirectory()) return walkTree(path, (name) => PACK_FILE.test(name));
  if ((await lstat(path)).isSymbolicLink()) {
    const [target, folder] = [await realpath(path), await realpath(dirname(path))];
    if (!target.startsWith(folder + sep)) return { paths: [], refused: [{ path, message: 'symbolic link to a file outside the pack folder: not read' }] };
  }
  return { paths: [path], refused: [] };
}

type PackFile = { uri: string; path: string; bytes: Buffer };
type PackText = { uri: string; path: string; text: string };
/** What reading found, in order: a pack file's bytes, or a diagnostic (a missing path, an unreadable file). */
type Slot = { file: PackFile } | { diagnostic: Diagnostic };

const readError = (message: string, uri: string): Diagnostic => ({ code: 'read-error', severity: 'error', message, location: { uri, pointer: '' } });

/** Reads pack files' bytes; missing paths and unreadable files become diagnostics, in the order of the paths. */
async function readPackFiles(paths: readonly string[]): Promise<Slot[]> {
  const slots: Slot[] = [];
  for (const root of paths) {
    let found: string[];
    try {
      const { paths: files, refused } = await findPackFiles(root);
      for (const r of refused) slots.push({ diagnostic: readError(r.message, displayPath(r.path)) });
      found = files;
      if (refused.length) continue;
    } catch {
      slots.push({ diagnostic: readError('pack path not found', root) });
      continue;
    }
    if (found.length === 0) slots.push({ diagnostic: readError('no pack.yaml found here', root) });
    for (const f of found) {
      const uri = displayPath(f);
      try {
        slots.push({ file: { uri, path: f, bytes: readBytes(f) } });
      } catch (err) {
        slots.push({ diagnostic: readError((err as Error).message, uri) });
      }
    }
  }
  return slots;
}

/**
 * The files as text, with every diagnostic in reading order (a file that is not UTF-8 is one, where it was read).
 * A cache hit needs none of it: its key is a digest of the bytes, and those bytes decoded when the entry was written.
 */
function decodeAll(slots: readonly Slot[]): { files: PackText[]; diagnostics: Diagnostic[] } {
  const files: PackText[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const s of slots) {
    if ('diagnostic' in s) {
      diagnostics.push(s.diagnostic);
      continue;
    }
    try {
      files.push({ uri: s.file.uri, path: s.file.path, text: decodeText(s.file.bytes, s.file.path) });
    } catch (err) {
      diagnostics.push(readError((err as Error).message, s.file.uri));
    }
  }
  return { files, diagnostics };
}

const parseAll = (files: readonly { uri: string; text: string }[]): { docs: SourceDoc[]; diagnostics: Diagnostic[] } => {
  const docs: SourceDoc[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { uri, text } of files) {
    try {
      docs.push(parseSource(text, uri, { allowAliases: true }));
    } catch (err) {
      diagnostics.push(err instanceof ParseError ? err.diagnostic
        : { code: 'read-error', severity: 'error', message: (err as Error).message, location: { uri, pointer: '' } });
    }
  }
  return { docs, diagnostics };
};

export interface LoadPacksOptions {
  /**
   * Reuse compiled packs from the user's cache directory (src/load/pack-cache.ts), and V8's code of the schema
   * validators (src/load/code-cache.ts). The CLI's check command and its workers turn this on; the library
   * default is off, so an embedding process never writes files.
   */
  cache?: boolean;
  /** A trust store: every pack must verify against it before the set exists (src/load/trusted.ts). */
  trust?: TrustOptions;
}

/** Loads, validates and compiles packs (default: the bundled rules/). Throws PackLoadError listing every problem. */
export async function loadPacks(paths: readonly string[] = [bundledRules()], opts: LoadPacksOptions = {}): Promise<PackSet> {
  const slots = await readPackFiles(paths);
  const files = slots.flatMap((s) => ('file' in s ? [s.file] : []));
  const dir = opts.cache && files.length === slots.length ? cacheDir() : undefined;
  // The same directory keeps V8's code of the schema validators (the manifest's is compiled on every first check).
  if (dir) setStandaloneLoader((path) => requireWithCodeCache(dir, path));
  const key = dir ? cacheKey(await buildVersion(), files) : '';
  let read: ReturnType<typeof decodeAll> | undefined;
  const texts = (): ReturnType<typeof decodeAll> => (read ??= decodeAll(slots));
  if (dir) {
    // Packs decode on first use: one found corrupt then is compiled afresh from the same files (the set the
    // entry was written from), and the entry is rewritten, as a corrupt entry found now would be.
    let fresh: CompiledPack[] | undefined;
    const recover = (i: number): Record<string, unknown> => {
      if (!fresh) {
        dropCache(dir, key);
        fresh = compileTexts(texts());
        writeCache(dir, key, fresh);
      }
      return (fresh[i] as unknown as Record<string, unknown> | undefined) ?? broken(`the compiled-pack cache entry ${key}.json does not match the packs`);
    };
    const hit = readCache(dir, key, recover);
    if (hit) {
      if (opts.trust) await verifyTrusted(hit, texts().files, opts.trust);
      return createPackSet(hit);
    }
  }
  const packs = compileTexts(texts());
  if (opts.trust) await verifyTrusted(packs, texts().files, opts.trust);
  if (dir) writeCache(dir, key, packs);
  return createPackSet(packs);
}

/** Parses and compiles pack texts; throws PackLoadError listing every problem (reading's first). */
function compileTexts({ files, diagnostics: read }: ReturnType<typeof decodeAll>): CompiledPack[] {
  const { docs, diagnostics } = parseAll(files);
  const built = compilePacks(docs);
  const all = problemsToShow([...read, ...diagnostics], built.diagnostics);
  if (all.length || !built.packs) throw new PackLoadError(all);
  return built.packs;
}

/**
 * Every problem once, in order. When a pack could not be read or parsed, the ids it defines are missing from the
 * set, and every other pack's use of them would be reported too (hundreds of lines for one typo in the national
 * pack): those are left out, with one line saying how many, until the pack reads again.
 */
function problemsToShow(unread: readonly Diagnostic[], built: readonly Diagnostic[]): Diagnostic[] {
  const shown = unread.length ? built.filter((d) => d.unknownId === undefined) : [...built];
  const left = built.length - shown.length;
  const seen = new Set<string>();
  const out = [...unread, ...shown].filter((d) => {
    const key = formatDiagnostic(d);
    return !seen.has(key) && Boolean(seen.add(key));
  });
  if (left) {
    out.push({ code: 'semantic', severity: 'warning', location: { uri: unread[0]!.location.uri, pointer: '' },
      message: `unknown taxonomy ids of the other packs not shown (${left}): the pack above that could not be read may define those ids` });
  }
  return out;
}

let version: string | undefined;
/** The package version plus the build id (read once): a rebuilt compiler never reads cache entries of an older build. */
async function buildVersion(): Promise<string> {
  if (version === undefined) {
    const build = await readFile(new URL('../../build-id', import.meta.url), 'utf8').catch(() => 'dev');
    version = `${packageVersion()}+${build.trim()}`;
  }
  return version;
}
