import { displayPath, InputError, isManifestText, readStdinText, readText, resolveMaxBytes } from '../io/files.js';
import { expandAll } from '../batch/inputs.js';
import { prepareManifest } from '../evaluate/pipeline.js';
import { errorItems, position } from '../report/common.js';
import type { AppIO } from './io.js';
import { MESSAGES, say } from './messages.js';

/** The outcome of one input: valid, invalid (its lines are printed), or a walked file of another kind. */
type Validated = 'valid' | 'invalid' | 'not-a-manifest';

/**
 * `xborder validate`: schema and semantic checks of manifests, no evaluation. Exit 0 all valid, 2 otherwise.
 * Inputs are expanded as `check` expands them (folders, globs, `-`), each file is read once, and a file of a
 * folder walk that declares another kind than a manifest's is left out and counted, as `check` does.
 */
export async function validateInputs(inputs: readonly string[], io: AppIO, maxBytesOption?: number): Promise<number> {
  let maxBytes: number;
  try {
    maxBytes = resolveMaxBytes(maxBytesOption, io.env);
  } catch (err) {
    io.stderr(`xborder: ${(err as Error).message}\n`);
    return 2;
  }
  const { items, ignored } = await expandAll(inputs);
  let [total, bad, notManifests] = [0, 0, 0];
  for (const item of items) {
    let outcome: Validated;
    if ('missing' in item) {
      io.stdout(`${item.missing}: no such file or directory\n`);
      outcome = 'invalid';
    } else if ('refused' in item) {
      io.stdout(`${displayPath(item.refused)}: ${item.message}\n`);
      outcome = 'invalid';
    } else if ('stdin' in item) outcome = await validateOne(io, '<stdin>', () => readStdinText(io.readStdin, maxBytes));
    else outcome = await validateOne(io, displayPath(item.path), () => readText(item.path, maxBytes), item.walked ? item.path : undefined);
    if (outcome === 'not-a-manifest') { notManifests++; continue; }
    total++;
    if (outcome === 'invalid') bad++;
  }
  if (notManifests) say(io.stderr, 'en', MESSAGES.notManifests(notManifests));
  if (ignored.folders || ignored.files) say(io.stderr, 'en', MESSAGES.ignored(ignored));
  io.stderr(`${total} validated: ${total - bad} valid, ${bad} invalid\n`);
  return bad ? 2 : 0;
}

/** Reads one input once and validates it; `walkedPath` is set for a file found in a folder walk. */
async function validateOne(io: AppIO, uri: string, read: () => string | Promise<string>, walkedPath?: string): Promise<Validated> {
  let text: string;
  try {
    text = await read();
  } catch (err) {
    const at = err instanceof InputError ? position(uri, err.line, err.column) : uri;
    io.stdout(`${at}: ${(err as Error).message}\n`);
    return 'invalid';
  }
  const r = prepareManifest(text, uri);
  if (r.ok) {
    io.stdout(`${uri}: valid (${r.manifest.id})\n`);
    return 'valid';
  }
  // Only a file the checker refuses can be another kind of document, so a valid manifest is parsed once.
  if (walkedPath !== undefined && !isManifestText(walkedPath, text)) return 'not-a-manifest';
  for (const item of errorItems(r.error)) io.stdout(`${position(uri, item.line, item.column)} ${item.message}\n`);
  return 'invalid';
}
