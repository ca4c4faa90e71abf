/**
 * V8's compiled code of the prebuilt schema validators (dist/schemas/*.validate.cjs), kept in the compiled-pack
 * cache directory between runs. The manifest validator is one ~150 KB function that V8 compiles on its first call:
 * ~3 ms to load and ~7 ms to compile per process and per worker thread, ~2 ms with the code kept (issue 17).
 * Node 22 does this for every module (module.enableCompileCache); Node 20 has only vm.Script's cachedData.
 *
 * The entry is named by a digest of the file's text and the Node version: V8 checks the version and flags it was
 * made with and rejects a mismatch, but it compares only the length of the source, so the name must change with
 * the text. It lives beside the compiled packs, in the cache directory, which is used only when it is private to
 * the user (cacheDir in src/load/pack-cache.ts): an entry is code that runs in the process. Every failure falls
 * back to a plain require.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { writeEntry } from './pack-cache.js';

/** Loads the CommonJS file at `path` as `require` would, with V8's code from `dir` when an entry fits. */
export function requireWithCodeCache(dir: string, path: string): unknown {
  const req = createRequire(path);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    return req(path); // require reports the problem its own way
  }
  const name = `${createHash('sha256').update(`${process.version}\u0000${process.arch}\u0000${source}`).digest('hex')}.v8`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(join(dir, name));
  } catch {
    /* no entry yet */
  }
  // The same wrapper as CommonJS modules get: the file runs exactly as under require.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: path, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, req, module, path, dirname(path));
  // Written at exit, not now: by then the validator has run, and the entry holds the code of what it called too.
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeEntry(dir, name, /^[0-9a-f]{64}\.v8$/, () => script.createCachedData()));
  return module.exports;
}
