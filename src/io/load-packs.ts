import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, sep } from 'node:path';
import { buildPackSet, PackLoadError } from '../compile/build-pack-set.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { createPackSet, type PackSet } from '../evaluate/pack-set.js';
import { cacheDir, cacheKey, readCache, writeCache } from './pack-cache.js';
import { ParseError, parseSource, type SourceDoc } from '../source/document.js';
import { displayPath, readText, walkTree, type Refused } from './files.js';
import { PACKAGE_ROOT } from '../package-root.js';

/** The packs shipped with xborder. */
export const BUNDLED_RULES = fileURLToPath(new URL('rules/', PACKAGE_ROOT));

const PACK_FILE = /^(pack|.+\.pack)\.ya?ml$/;

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

/** Reads pack files as text; missing paths and unreadable files become diagnostics. */
async function readPackTexts(paths: readonly string[]): Promise<{ files: { uri: string; text: string }[]; diagnostics: Diagnostic[] }> {
  const files: { uri: string; text: string }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const root of paths) {
    let found: string[];
    try {
      const { paths: files, refused } = await findPackFiles(root);
      for (const r of refused) diagnostics.push({ code: 'read-error', severity: 'error', message: r.message, location: { uri: displayPath(r.path), pointer: '' } });
      found = files;
      if (refused.length) continue;
    } catch {
      diagnostics.push({ code: 'read-error', severity: 'error', message: 'pack path not found', location: { uri: root, pointer: '' } });
      continue;
    }
    if (found.length === 0) diagnostics.push({ code: 'read-error', severity: 'error', message: 'no pack.yaml found here', location: { uri: root, pointer: '' } });
    for (const f of found) {
      const uri = displayPath(f);
      try {
        files.push({ uri, text: readText(f) });
      } catch (err) {
        diagnostics.push({ code: 'read-error', severity: 'error', message: (err as Error).message, location: { uri, pointer: '' } });
      }
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

/** Reads and parses pack files; unreadable or unparsable files become diagnostics. */
export async function readPackDocs(paths: readonly string[]): Promise<{ docs: SourceDoc[]; diagnostics: Diagnostic[] }> {
  const read = await readPackTexts(paths);
  const parsed = parseAll(read.files);
  return { docs: parsed.docs, diagnostics: [...read.diagnostics, ...parsed.diagnostics] };
}

export interface LoadPacksOptions {
  /**
   * Reuse compiled packs from the user's cache directory (src/io/pack-cache.ts). The CLI's check command
   * and its workers turn this on; the library default is off, so an embedding process never writes files.
   */
  cache?: boolean;
}

/** Loads, validates and compiles packs (default: the bundled rules/). Throws PackLoadError listing every problem. */
export async function loadPacks(paths: readonly string[] = [BUNDLED_RULES], opts: LoadPacksOptions = {}): Promise<PackSet> {
  const read = await readPackTexts(paths);
  const dir = opts.cache && read.diagnostics.length === 0 ? cacheDir() : undefined;
  const key = dir ? cacheKey(await packageVersion(), read.files) : '';
  if (dir) {
    const hit = readCache(dir, key);
    if (hit) return createPackSet(hit);
  }
  const { docs, diagnostics } = parseAll(read.files);
  const built = buildPackSet(docs);
  const all = [...read.diagnostics, ...diagnostics, ...built.diagnostics];
  if (all.length || !built.set) throw new PackLoadError(all);
  if (dir) writeCache(dir, key, built.set.packs);
  return built.set;
}

let version: string | undefined;
async function packageVersion(): Promise<string> {
  const pkg = (JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  // dist/build-id changes on every build (scripts/build-schemas.mjs): a rebuilt compiler never reads old entries.
  const build = await readFile(new URL('../../build-id', import.meta.url), 'utf8').catch(() => 'dev');
  version ??= `${pkg}+${build.trim()}`;
  return version;
}
