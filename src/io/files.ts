import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** Refuse inputs larger than this before reading them (override with XBORDER_MAX_BYTES or --max-bytes). */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const MANIFEST_EXT = /\.(ya?ml|json)$/i;

export class InputError extends Error {
  constructor(readonly uri: string, message: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

/** --max-bytes, else XBORDER_MAX_BYTES, else the default; anything that is not a positive whole number is refused. */
export function resolveMaxBytes(option: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  if (option !== undefined) {
    if (!Number.isSafeInteger(option) || option <= 0) throw new RangeError(`--max-bytes must be a positive whole number of bytes`);
    return option;
  }
  const raw = env.XBORDER_MAX_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_MAX_BYTES;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n <= 0) throw new RangeError(`XBORDER_MAX_BYTES must be a positive whole number of bytes (got "${raw}")`);
  return n;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** 1-based line/column of a byte offset (counting characters of the valid text before it). */
function bytePosition(buf: Buffer, offset: number): { line: number; column: number } {
  const before = buf.subarray(0, offset);
  let line = 1;
  let start = 0;
  for (let i = before.indexOf(0x0a); i !== -1; i = before.indexOf(0x0a, i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: before.subarray(start).toString('utf8').length + 1 };
}

/**
 * The UTF-16 or UTF-32 encoding of text with NUL bytes, by its byte order mark or, without one, by ASCII written
 * wide (every other byte NUL): what Windows tools save as "Unicode", which is text, not a binary file.
 */
function wideEncoding(buf: Buffer): string | undefined {
  const [a, b, c, d] = buf;
  if (a === 0xff && b === 0xfe) return c === 0 && d === 0 ? 'UTF-32LE' : 'UTF-16LE';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32BE';
  if (a === 0xfe && b === 0xff) return 'UTF-16BE';
  const n = Math.min(buf.length & ~1, 64);
  if (n < 4) return undefined;
  let le = true;
  let be = true;
  for (let i = 0; i < n; i += 2) {
    le &&= buf[i] !== 0 && buf[i + 1] === 0;
    be &&= buf[i] === 0 && buf[i + 1] !== 0;
  }
  return le ? 'UTF-16LE (no byte order mark)' : be ? 'UTF-16BE (no byte order mark)' : undefined;
}

/**
 * Bytes → text, refusing what is not UTF-8 text: a NUL byte (binary file) or an invalid UTF-8 sequence. Without
 * this, Buffer.toString would quietly substitute U+FFFD and the garbage would reach the YAML parser.
 */
export function decodeText(buf: Buffer, uri: string): string {
  const nul = buf.indexOf(0);
  if (nul !== -1) {
    const wide = wideEncoding(buf);
    if (wide) throw new InputError(uri, `text in ${wide}, not UTF-8: save the file as UTF-8`, 1, 1);
    const { line, column } = bytePosition(buf, nul);
    throw new InputError(uri, 'binary file (contains NUL bytes), not YAML or JSON', line, column);
  }
  try {
    return utf8.decode(buf);
  } catch {
    // Find the first bad byte: decode growing prefixes would be quadratic, so look for U+FFFD in a lenient decode.
    const lenient = buf.toString('utf8');
    const bad = lenient.indexOf('\uFFFD');
    const offset = bad === -1 ? 0 : Buffer.byteLength(lenient.slice(0, bad));
    const { line, column } = bytePosition(buf, offset);
    throw new InputError(uri, 'not UTF-8 text (invalid byte sequence); manifests are UTF-8 YAML or JSON', line, column);
  }
}

/** A path a folder walk found but will not read, and why: reported, never skipped in silence. */
export interface Refused { path: string; message: string }

/**
 * gitignore-style patterns of paths not to check, and the folder they are relative to: the working directory for
 * --exclude, the configuration file's folder for its `exclude:` (as its other paths are). Read from the working
 * directory, one configuration left out another folder depending on where the run started: `/prod/` at the top of a
 * repository left out `team/prod/` of a run started in `team/`.
 */
export interface ExcludePatterns { base: string; patterns: readonly string[] }

export interface WalkOptions {
  exclude?: readonly ExcludePatterns[];
  /**
   * Read each file a folder walk finds and leave out those that are not manifests (default). `false` lists them
   * all: the caller reads each file once anyway and asks isManifestText itself (a batch's workers do).
   */
  probe?: boolean;
}

/**
 * The top of the git repository holding `path`: the nearest folder at or above it with a `.git` folder or file (a
 * worktree or submodule has a file); undefined outside any repository. Project files above it belong to no project
 * of this repository (a folder walk's `.gitignore`, the configuration search of src/app/project-files.ts).
 */
export function repositoryRoot(path: string): string | undefined {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The folders whose `.gitignore` a walk of `root` obeys: `root` itself and, inside a git repository, its parents up
 * to the repository's top. Outside a repository no parent counts: a stray `~/.gitignore` or `/tmp/.gitignore` saying
 * `*.yaml` would otherwise leave every manifest below it unchecked.
 */
function ignoreFileFolders(root: string): string[] {
  const start = resolve(root);
  const top = repositoryRoot(start);
  if (top === undefined) return [start];
  const chain: string[] = [];
  for (let dir = start; ; dir = dirname(dir)) {
    chain.push(dir);
    if (dir === top) return chain;
  }
}

/**
 * What a folder walk leaves out, as a project expects: `node_modules`, dot-folders and dot-files (`.git`, `.github`,
 * editor settings), what the `.gitignore` files of ignoreFileFolders ignore, and `--exclude` patterns. Files named
 * on the command line are never left out.
 */
async function walkFilter(root: string, opts: WalkOptions): Promise<(path: string, isDir: boolean) => boolean> {
  const files = ignoreFileFolders(root).map((dir) => ({ dir, file: join(dir, '.gitignore') })).filter((f) => existsSync(f.file));
  const groups = (opts.exclude ?? []).filter((g) => g.patterns.length > 0);
  const byName = (path: string, isDir: boolean): boolean => hiddenOrModules(basename(path), isDir);
  if (files.length === 0 && groups.length === 0) return byName;
  const { default: ignore } = await import('ignore');
  const rules: { base: string; ig: ReturnType<typeof ignore> }[] = [];
  for (const { dir, file } of files) {
    const ig = ignore().add(readFileSync(file, 'utf8'));
    // A folder named on the command line is checked even if a .gitignore above it ignores it (as ripgrep does).
    const rel = relative(dir, resolve(root));
    if (!rel || !ig.ignores(`${rel}/`)) rules.push({ base: dir, ig });
  }
  // Exclude patterns match as a .gitignore in their base folder would.
  for (const g of groups) rules.push({ base: resolve(g.base), ig: ignore().add([...g.patterns]) });
  // Without a rule that applies (no .gitignore, or only ones that ignore the folder named), a walk asks only about
  // names: resolving and matching every path cost more than walking the tree (~100 ms of 10,000 files, before any check).
  if (rules.length === 0) return byName;
  return (path, isDir) => {
    const abs = resolve(path);
    if (hiddenOrModules(basename(abs), isDir)) return true;
    const suffix = isDir ? '/' : '';
    for (const { base, ig } of rules) {
      const rel = relative(base, abs);
      if (rel && !rel.startsWith('..') && ig.ignores(rel + suffix)) return true;
    }
    return false;
  };
}

/** Dot-files and dot-folders, and node_modules folders: never walked into. */
const hiddenOrModules = (name: string, isDir: boolean): boolean => name.startsWith('.') || (isDir && name === 'node_modules');

const PROBE_BYTES = 1024 * 1024;
/** A top-level YAML `kind:` or `apiVersion:` (column 0) and its value. */
const TOP_LEVEL_MARK = /^(kind|apiVersion):[ \t]*["']?([^"'\s#]+)/gm;
const MANIFEST_VALUES: Record<string, string> = { kind: 'TransferManifest', apiVersion: 'xborder/v1' };

/**
 * Whether a YAML/JSON file found in a folder walk may be a manifest. Fail closed: it is skipped only when it
 * declares, at the top level, a `kind` or `apiVersion` that is not a manifest's (a pack test table, a Kubernetes
 * file), or declares neither and has no top-level field a manifest has (a waivers file, a CI workflow); one that
 * cannot be read or parsed, or is larger than the probe, is checked, and so reported if it is not a valid manifest.
 * JSON files without either key (package.json, schemas) are skipped only when they parse and their top-level
 * object has no `exporter` either; a JSON array only when no element has a manifest's field (a `--format json` report).
 */
function looksLikeManifest(path: string): boolean {
  let text: string;
  try {
    if (statSync(path).size > PROBE_BYTES) return true;
    text = readFileSync(path, 'utf8');
  } catch {
    return true; // unreadable: let the checker report it
  }
  return isManifestText(path, text);
}

/** The same decision on a file's text (see looksLikeManifest): false only for what declares another kind. */
export function isManifestText(path: string, text: string): boolean {
  if (/\.json$/i.test(path)) {
    try {
      const v = JSON.parse(text) as Record<string, unknown> | null;
      // An array (xborder's own JSON report, written into the folder it checks) is skipped unless an element could
      // be a manifest: one that is not an object, or has any field a manifest has (however spelt).
      if (Array.isArray(v)) return v.some((x) => !x || typeof x !== 'object' || Array.isArray(x) || Object.keys(x).some((k) => LOOSE_MANIFEST_KEYS.has(looseKey(k))));
      if (!v || typeof v !== 'object' || Object.keys(v).some((k) => looseKey(k) === 'exporter')) return true; // an exporter: a manifest, maybe mistyped
      // No exporter (checked above, however spelt): a manifest only if it says so.
      return v.kind === MANIFEST_VALUES.kind || v.apiVersion === MANIFEST_VALUES.apiVersion;
    } catch {
      return true;
    }
  }
  // Keys compared loosely (`Exporter`, `personal_information`): a mistyped manifest is checked, never left out.
  if (/^\?/m.test(text)) return true; // explicit keys (`? exporter`): cannot tell
  const keys = [...text.matchAll(TOP_LEVEL_KEY)].map(([, k]) => looseKey(k!.replace(/^(["'])(.*)\1$/, '$2')));
  // Skipped only when it declares something and nothing it declares is a manifest's (a typo in one still checks it),
  // and it has no top-level exporter (a manifest with a mistyped kind is checked, and refused, never left out).
  if (keys.includes('exporter')) return true;
  const marks = [...text.matchAll(TOP_LEVEL_MARK)];
  if (marks.length) return marks.some(([, key, value]) => value === MANIFEST_VALUES[key!]);
  // Declaring nothing: a mapping none of whose top-level keys a manifest has (a waivers file, a CI workflow) is
  // something else; one with any manifest key, or whose keys cannot be seen this way (flow style), is checked.
  return keys.length === 0 || keys.some((k) => LOOSE_MANIFEST_KEYS.has(k));
}

/** A key compared loosely: letter case, `_` and `-` aside. */
const looseKey = (k: string): string => k.toLowerCase().replace(/[_-]/g, '').trim();

/** A block mapping's key at column 0 (plain or quoted), before ": " or the end of the line. */
const TOP_LEVEL_KEY = /^("[^"\n]*"|'[^'\n]*'|[^\s#'"{\[\]}&*!|>%@`,-][^:#\n]*?)[ \t]*:(?=[ \t]|$)/gm;
/** The manifest's top-level fields (schemas/manifest.schema.json `properties`; a test keeps the two the same). */
export const MANIFEST_KEYS: ReadonlySet<string> = new Set(['$schema', 'apiVersion', 'kind', 'id', 'date', 'exporter', 'recipient', 'purpose', 'data', 'personalInformation', 'safeguards']);
const LOOSE_MANIFEST_KEYS: ReadonlySet<string> = new Set([...MANIFEST_KEYS].map(looseKey));

/**
 * What folder walks left out (dot-folders and dot-files, node_modules, .gitignore, --exclude): counted so the
 * summary can say so. Folders are counted, not walked; files only when a manifest could have that name.
 */
export interface Ignored { folders: number; files: number }

/** Expands files and directories (recursively, sorted) into manifest paths; keeps the caller's order of arguments. */
export async function expandInputs(inputs: readonly string[], opts: WalkOptions = {}): Promise<{ paths: string[]; missing: string[]; refused: Refused[]; notManifests: number; ignored: Ignored }> {
  const paths: string[] = [];
  const missing: string[] = [];
  const refused: Refused[] = [];
  let notManifests = 0;
  const ignored: Ignored = { folders: 0, files: 0 };
  for (const input of inputs) {
    if (input === '-') { paths.push('-'); continue; }
    let info;
    try {
      info = await stat(input);
    } catch {
      missing.push(input);
      continue;
    }
    if (info.isDirectory()) {
      const leaveOut = await walkFilter(input, opts);
      const found = await walkTree(input, (name) => MANIFEST_EXT.test(name), (p, isDir) => {
        if (!leaveOut(p, isDir)) return false;
        if (isDir) ignored.folders++;
        else if (MANIFEST_EXT.test(p)) ignored.files++;
        return true;
      });
      for (const p of found.paths) {
        if (opts.probe === false || looksLikeManifest(p)) paths.push(p);
        else notManifests++;
      }
      refused.push(...found.refused);
    } else paths.push(input);
  }
  return { paths, missing, refused, notManifests, ignored };
}

const inside = (path: string, root: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Files under `root` (recursively, sorted) whose name passes `accept`. Symbolic links: a link to a file inside the
 * tree is listed under the link's path; a link to a folder inside the tree is not followed (that folder is walked
 * as itself); a link out of the tree, a dangling link and a link to a folder containing it (a loop) are refused,
 * as are special files (FIFOs, devices) with an accepted name.
 */
export async function walkTree(root: string, accept: (name: string) => boolean, skip: (path: string, isDir: boolean) => boolean = () => false): Promise<{ paths: string[]; refused: Refused[] }> {
  const top = await realpath(root);
  const paths: string[] = [];
  const refused: Refused[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (skip(p, e.isDirectory())) continue;
      if (e.isDirectory()) await visit(p);
      else if (e.isFile()) { if (accept(e.name)) paths.push(p); }
      else if (e.isSymbolicLink()) {
        const link = await followLink(p, top);
        if ('problem' in link) { if (link.folder || accept(e.name)) refused.push({ path: p, message: link.problem }); }
        else if (link.info.isDirectory()) {
          if (inside(await realpath(dir), link.target)) refused.push({ path: p, message: 'symbolic link loop (it points to a folder that contains it): not followed' });
        } else if (accept(e.name)) {
          if (link.info.isFile()) paths.push(p);
          else refused.push({ path: p, message: NOT_REGULAR });
        }
      } else if (accept(e.name)) refused.push({ path: p, message: NOT_REGULAR });
    }
  };
  await visit(root);
  return { paths, refused };
}

async function followLink(path: string, top: string): Promise<{ target: string; info: Stats } | { problem: string; folder: boolean }> {
  let target: string;
  try {
    target = await realpath(path);
  } catch (err) {
    const loop = (err as NodeJS.ErrnoException).code === 'ELOOP';
    return { problem: loop ? 'symbolic link loop: not followed' : 'dangling symbolic link (its target does not exist)', folder: loop };
  }
  const info = await stat(target);
  if (!inside(target, top)) return { problem: 'symbolic link to a path outside the folder: not followed', folder: info.isDirectory() };
  return { target, info };
}

const NOT_REGULAR = 'not a regular file (a FIFO, socket or device): not read';

export const displayPath = (p: string): string => {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
};

const scratch = Buffer.allocUnsafe(256 * 1024);

/**
 * Reads a file as UTF-8 text after checking its size: a larger file is refused without being read, and at most
 * the checked size is read even if the file grows meanwhile. NUL bytes and invalid UTF-8 are refused with a
 * position. Synchronous on purpose: one open/fstat/read/close, where the promise version left a batch worker
 * idle ~40% of the time waiting on four sequential thread-pool hops per small file.
 */
export function readText(path: string, maxBytes = DEFAULT_MAX_BYTES): string {
  return readChecked(path, maxBytes, (buf) => decodeText(buf, path));
}

/**
 * The file's bytes, with readText's checks before reading, not decoded (decodeText does that): the pack loader
 * hashes pack files' bytes and decodes them only when it compiles them. A copy, safe to keep.
 */
export function readBytes(path: string, maxBytes = DEFAULT_MAX_BYTES): Buffer {
  return readChecked(path, maxBytes, (buf) => Buffer.from(buf));
}

function readChecked<T>(path: string, maxBytes: number, use: (buf: Buffer) => T): T {
  // Checked before opening: opening a FIFO blocks until a writer comes, and opening a device can have effects.
  let before: Stats;
  try {
    before = statSync(path);
  } catch {
    throw new InputError(path, 'file not found or not readable');
  }
  if (!before.isFile()) throw new InputError(path, before.isDirectory() ? 'a folder, not a file' : NOT_REGULAR);
  let fd: number;
  try {
    // O_NONBLOCK: should the path be swapped for a FIFO after the check, opening it still does not block.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    throw new InputError(path, 'file not found or not readable');
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new InputError(path, NOT_REGULAR);
    if (info.size > maxBytes) throw new InputError(path, `file is ${info.size.toLocaleString('en-US')} bytes, over the ${maxBytes.toLocaleString('en-US')}-byte limit (--max-bytes)`);
    // Manifests are small: reuse one scratch buffer instead of allocating per file (allocation showed at ~5%).
    const buf = info.size <= scratch.length ? scratch.subarray(0, info.size) : Buffer.allocUnsafe(info.size);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return use(buf.subarray(0, off));
  } finally {
    closeSync(fd);
  }
}

/** Stdin as text within the limit, whatever the reader (test doubles may ignore the limit, so check again). */
export async function readStdinText(read: (maxBytes?: number) => Promise<string>, maxBytes: number): Promise<string> {
  const text = await read(maxBytes);
  if (Buffer.byteLength(text) > maxBytes) throw new InputError('<stdin>', `standard input is over the ${maxBytes.toLocaleString('en-US')}-byte limit (--max-bytes)`);
  return text;
}
