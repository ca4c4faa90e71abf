import { readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { buildPackSet, PackLoadError } from '../compile/build-pack-set.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { PackSet } from '../evaluate/pack-set.js';
import { ParseError, parseSource, type SourceDoc } from '../source/document.js';
import { displayPath, readText } from './files.js';
import { PACKAGE_ROOT } from '../package-root.js';

/** The packs shipped with xborder. */
export const BUNDLED_RULES = fileURLToPath(new URL('rules/', PACKAGE_ROOT));

const PACK_FILE = /^(pack|.+\.pack)\.ya?ml$/;

/** Pack files under a directory (every pack.yaml or *.pack.yaml, recursively, sorted), or the file itself. */
export async function findPackFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = join(path, e.name);
    if (e.isDirectory()) out.push(...(await findPackFiles(p)));
    else if (PACK_FILE.test(e.name)) out.push(p);
  }
  return out;
}

/** Reads and parses pack files; unreadable or unparsable files become diagnostics. */
export async function readPackDocs(paths: readonly string[]): Promise<{ docs: SourceDoc[]; diagnostics: Diagnostic[] }> {
  const docs: SourceDoc[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const root of paths) {
    let files: string[];
    try {
      files = await findPackFiles(root);
    } catch {
      diagnostics.push({ code: 'read-error', severity: 'error', message: 'pack path not found', location: { uri: root, pointer: '' } });
      continue;
    }
    if (files.length === 0) diagnostics.push({ code: 'read-error', severity: 'error', message: 'no pack.yaml found here', location: { uri: root, pointer: '' } });
    for (const f of files) {
      const uri = displayPath(f);
      try {
        docs.push(parseSource(await readText(f), uri, { allowAliases: true }));
      } catch (err) {
        diagnostics.push(err instanceof ParseError ? err.diagnostic
          : { code: 'read-error', severity: 'error', message: (err as Error).message, location: { uri, pointer: '' } });
      }
    }
  }
  return { docs, diagnostics };
}

/** Loads, validates and compiles packs (default: the bundled rules/). Throws PackLoadError listing every problem. */
export async function loadPacks(paths: readonly string[] = [BUNDLED_RULES]): Promise<PackSet> {
  const { docs, diagnostics } = await readPackDocs(paths);
  const built = buildPackSet(docs);
  const all = [...diagnostics, ...built.diagnostics];
  if (all.length || !built.set) throw new PackLoadError(all);
  return built.set;
}
