import { displayPath, InputError, isManifestText, readStdinText, readText, resolveMaxBytes, type ExcludePatterns } from '../io/files.js';
import { expandAll } from '../batch/inputs.js';
import { folderManifests, foldersWithoutManifests } from './folder-manifests.js';
import { prepareManifest } from '../evaluate/pipeline.js';
import { errorItems, position } from '../report/common.js';
import type { Lang } from '../model/verdict.js';
import { errorMessageIn } from '../report/error-text.js';
import type { AppIO } from './io.js';
import { MESSAGES, say, thrown } from './messages.js';

export interface ValidateOptions {
  maxBytes?: number;
  /** Exit 0 when the inputs hold no manifest (default: exit 2, as check). */
  allowEmpty?: boolean;
  /** gitignore-style patterns that folder walks leave out, each relative to its base (configuration, --exclude). */
  exclude?: readonly ExcludePatterns[];
  lang?: Lang;
}

/** The outcome of one input: valid, invalid (its lines are printed), or a walked file of another kind. */
type Validated = 'valid' | 'invalid' | 'not-a-manifest';

/**
 * `xborder validate`: schema and semantic checks of manifests, no evaluation. Exit 0 all valid, 2 otherwise.
 * Inputs are expanded as `check` expands them (folders, globs, `-`), each file is read once, and a file of a
 * folder walk that declares another kind than a manifest's is left out and counted, as `check` does; --exclude and
 * the configuration's `exclude` leave paths out, and an input with no manifest is exit 2 unless --allow-empty.
 */
export async function validateInputs(inputs: readonly string[], io: AppIO, opts: ValidateOptions = {}): Promise<number> {
  const lang = opts.lang ?? 'en';
  let maxBytes: number;
  try {
    maxBytes = resolveMaxBytes(opts.maxBytes, io.env);
  } catch (err) {
    say(io.stderr, lang, thrown((err as Error).message));
    return 2;
  }
  const expanded = await expandAll(inputs, { exclude: opts.exclude });
  const { items, ignored } = expanded;
  const folders = folderManifests(expanded.folders);
  let [total, bad, notManifests] = [0, 0, 0];
  for (const item of items) {
    let outcome: Validated;
    if ('missing' in item) {
      io.stdout(`${item.missing}${lang === 'zh' ? '：' : ': '}${errorMessageIn('no such file or directory', lang)}\n`);
      outcome = 'invalid';
    } else if ('refused' in item) {
      io.stdout(`${displayPath(item.refused)}${lang === 'zh' ? '：' : ': '}${errorMessageIn(item.message, lang)}\n`);
      outcome = 'invalid';
    } else if ('stdin' in item) outcome = await validateOne(io, lang, '<stdin>', () => readStdinText(io.readStdin, maxBytes));
    else outcome = await validateOne(io, lang, displayPath(item.path), () => readText(item.path, maxBytes), item.walked ? item.path : undefined);
    if (outcome === 'not-a-manifest') { notManifests++; continue; }
    if ('path' in item && item.walked) folders.seen(displayPath(item.path));
    total++;
    if (outcome === 'invalid') bad++;
  }
  if (notManifests) say(io.stderr, lang, MESSAGES.notManifests(notManifests));
  if (ignored.folders || ignored.files) say(io.stderr, lang, MESSAGES.ignored(ignored));
  io.stderr(`${MESSAGES.validated(total, bad)[lang]}\n`);
  // As for check: an input with no manifest (an empty or renamed folder) validated nothing, so it does not pass.
  if (total === 0 && !opts.allowEmpty) {
    say(io.stderr, lang, MESSAGES.noManifests(inputs));
    return 2;
  }
  // A folder with no manifest (empty, or every file of another kind) beside inputs that had some validated nothing either.
  const empty = foldersWithoutManifests(inputs, expanded.empty, folders.unseen());
  if (empty.length && !opts.allowEmpty) {
    say(io.stderr, lang, MESSAGES.emptyFolders(empty));
    return 2;
  }
  return bad ? 2 : 0;
}

/** Reads one input once and validates it; `walkedPath` is set for a file found in a folder walk. */
async function validateOne(io: AppIO, lang: Lang, uri: string, read: () => string | Promise<string>, walkedPath?: string): Promise<Validated> {
  let text: string;
  try {
    text = await read();
  } catch (err) {
    const at = err instanceof InputError ? position(uri, err.line, err.column) : uri;
    io.stdout(`${at}${lang === 'zh' ? '：' : ': '}${errorMessageIn((err as Error).message, lang)}\n`);
    return 'invalid';
  }
  const r = prepareManifest(text, uri);
  if (r.ok) {
    io.stdout(`${uri}${lang === 'zh' ? `：有效（${r.manifest.id}）` : `: valid (${r.manifest.id})`}\n`);
    return 'valid';
  }
  // Only a file the checker refuses can be another kind of document, so a valid manifest is parsed once.
  if (walkedPath !== undefined && !isManifestText(walkedPath, text)) return 'not-a-manifest';
  for (const item of errorItems(r.error, lang)) io.stdout(`${position(uri, item.line, item.column)} ${item.message}\n`);
  return 'invalid';
}
