import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, sep } from 'node:path';
import { compilePacks, PackLoadError } from '../compile/build-pack-set.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { createPackSet, type PackSet } from '../evaluate/pack-set.js';
import type { CompiledPack, CompiledRule } from '../compile/compile-pack.js';
import { cacheDir, cacheKey, readCache, writeCache } from './pack-cache.js';
import { ParseError, parseSource, type SourceDoc } from '../source/document.js';
import { displayPath, readText, walkTree, type Refused } from '../io/files.js';
import { packageRoot, packageVersion } from '../util/package.js';
import type { TrustOptions } from './trusted.js';

/** The signing code loads only with a trust store: most runs have none (cold start, each worker). */
const verifyTrusted = async (...args: Parameters<typeof import('./trusted.js').verifyTrusted>): Promise<void> =>
  (await import('./trusted.js')).verifyTrusted(...args);

/** The packs shipped with xborder. */
export const bundledRules = (): string => fileURLToPath(new URL('rules/', packageRoot()));

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
async function readPackTexts(paths: readonly string[]): Promise<{ files: { uri: string; path: string; text: string }[]; diagnostics: Diagnostic[] }> {
  const files: { uri: string; path: string; text: string }[] = [];
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
        files.push({ uri, path: f, text: readText(f) });
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

export interface LoadPacksOptions {
  /**
   * Reuse compiled packs from the user's cache directory (src/load/pack-cache.ts). The CLI's check command
   * and its workers turn this on; the library default is off, so an embedding process never writes files.
   */
  cache?: boolean;
  /** A trust store: every pack must verify against it before the set exists (src/load/trusted.ts). */
  trust?: TrustOptions;
}

/** Loads, validates and compiles packs (default: the bundled rules/). Throws PackLoadError listing every problem. */
export async function loadPacks(paths: readonly string[] = [bundledRules()], opts: LoadPacksOptions = {}): Promise<PackSet> {
  const read = await readPackTexts(paths);
  const dir = opts.cache && read.diagnostics.length === 0 ? cacheDir() : undefined;
  const key = dir ? cacheKey(await buildVersion(), read.files) : '';
  if (dir) {
    const hit = readCache(dir, key);
    if (hit) {
      if (opts.trust) await verifyTrusted(hit, read.files, opts.trust);
      return createPackSet(oneRuleShape(hit));
    }
  }
  const { docs, diagnostics } = parseAll(read.files);
  const built = compilePacks(docs);
  const all = [...read.diagnostics, ...diagnostics, ...built.diagnostics];
  if (all.length || !built.packs) throw new PackLoadError(all);
  if (opts.trust) await verifyTrusted(built.packs, read.files, opts.trust);
  if (dir) writeCache(dir, key, built.packs);
  return createPackSet(oneRuleShape(built.packs));
}

/** Every field of a compiled rule, in one order: the type makes a field added to CompiledRule a compile error here. */
const RULE_FIELDS: { [K in keyof Required<CompiledRule>]: undefined } = {
  id: undefined, pack: undefined, packVersion: undefined, index: undefined, kind: undefined, title: undefined, description: undefined,
  mechanism: undefined, outcome: undefined, exemptible: undefined, message: undefined, action: undefined, citation: undefined,
  citationZh: undefined, subject: undefined, source: undefined, when: undefined, from: undefined, to: undefined,
  engineRule: undefined, guards: undefined,
};

/**
 * The packs with every rule built to one hidden class (an absent optional field is there as undefined). Optional
 * fields left out, by the compiler or by the cache's JSON, gave the 174 bundled rules 7 shapes: each `rule.x` read of
 * the evaluator was megamorphic, and a shape first met after a function was optimised threw that code away (a
 * recompile that every worker thread paid again).
 */
function oneRuleShape(packs: readonly CompiledPack[]): CompiledPack[] {
  return packs.map((p) => ({ ...p, rules: p.rules.map((r) => ({ ...RULE_FIELDS, ...r }) as CompiledRule) }));
}

let version: string | undefined;
/** The package version plus the build id: a rebuilt compiler never reads cache entries of an older build. */
async function buildVersion(): Promise<string> {
  const build = await readFile(new URL('../../build-id', import.meta.url), 'utf8').catch(() => 'dev');
  version ??= `${packageVersion()}+${build.trim()}`;
  return version;
}
