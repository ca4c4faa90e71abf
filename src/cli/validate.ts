import { displayPath, expandInputs, readText } from '../io/files.js';
import { prepareManifest } from '../pipeline.js';
import { errorItems, position } from '../report/common.js';
import type { CliIO } from './io.js';

/** `xborder validate`: schema and semantic checks of manifests, no evaluation. Exit 0 all valid, 2 otherwise. */
export async function runValidate(inputs: readonly string[], io: CliIO, maxBytes?: number): Promise<number> {
  const { paths, missing } = await expandInputs(inputs);
  let bad = missing.length;
  for (const m of missing) io.stdout(`${m}: no such file or directory\n`);
  for (const p of paths) {
    const uri = p === '-' ? '<stdin>' : displayPath(p);
    let text: string;
    try {
      text = p === '-' ? await io.readStdin() : await readText(p, maxBytes);
    } catch (err) {
      bad++;
      io.stdout(`${uri}: ${(err as Error).message}\n`);
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
