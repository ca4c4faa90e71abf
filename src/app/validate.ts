import { displayPath, expandInputs, InputError, readStdinText, readText, resolveMaxBytes } from '../io/files.js';
import { prepareManifest } from '../evaluate/pipeline.js';
import { errorItems, position } from '../report/common.js';
import type { AppIO } from './io.js';

/** `xborder validate`: schema and semantic checks of manifests, no evaluation. Exit 0 all valid, 2 otherwise. */
export async function validateInputs(inputs: readonly string[], io: AppIO, maxBytesOption?: number): Promise<number> {
  let maxBytes: number;
  try {
    maxBytes = resolveMaxBytes(maxBytesOption, io.env);
  } catch (err) {
    io.stderr(`xborder: ${(err as Error).message}\n`);
    return 2;
  }
  const { paths, missing } = await expandInputs(inputs);
  let bad = missing.length;
  for (const m of missing) io.stdout(`${m}: no such file or directory\n`);
  for (const p of paths) {
    const uri = p === '-' ? '<stdin>' : displayPath(p);
    let text: string;
    try {
      text = p === '-' ? await readStdinText(io.readStdin, maxBytes) : readText(p, maxBytes);
    } catch (err) {
      bad++;
      const at = err instanceof InputError ? position(uri, err.line, err.column) : uri;
      io.stdout(`${at}: ${(err as Error).message}\n`);
      continue;
    }
    const r = prepareManifest(text, uri);
    if (r.ok) io.stdout(`${uri}: valid (${r.manifest.id})\n`);
    else {
      bad++;
      for (const item of errorItems(r.error)) io.stdout(`${position(uri, item.line, item.column)} ${item.message}\n`);
    }
  }
  io.stderr(`${paths.length + missing.length} validated: ${paths.length + missing.length - bad} valid, ${bad} invalid\n`);
  return bad ? 2 : 0;
}
