/**
 * The project's own files beside its manifests: `.xborder.yaml` (configuration) and the waivers file. Both are
 * parsed and validated like a manifest, so a mistake is reported with file, line, column and field (exit 2).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { formatDiagnostic, locationIn, type Diagnostic } from '../model/diagnostic.js';
import type { Waiver } from '../evaluate/waivers.js';
import { displayPath, readText, repositoryRoot } from '../io/files.js';
import { ParseError, parseSource, type SourceDoc } from '../source/document.js';
import { isIsoDate } from '../util/dates.js';
import { validate, type SchemaName } from '../validate/schemas.js';

const CONFIG_NAMES = ['.xborder.yaml', '.xborder.yml'];

export interface ProjectConfig {
  /** Where the file is: relative paths inside it are resolved against its folder. */
  file: string;
  packs?: string[];
  format?: string[];
  failOn?: 'fail' | 'review';
  lang?: 'en' | 'zh';
  exclude?: string[];
  ledger?: string;
  waivers?: string;
  trust?: string;
}

/** A project file that cannot be used: every problem, each with its position. */
export class ProjectFileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
  }
}

/**
 * `.xborder.yaml` in `cwd` or the nearest folder above it, or undefined. Inside a git repository the search stops at
 * its top (as a folder walk's `.gitignore` does, src/io/files.ts): a stray configuration in a folder above the
 * repository (a home or checkout folder) would otherwise change the packs and the gate of every project below it
 * unseen. Outside any repository every folder up to the root is searched.
 */
export function findConfig(cwd: string): string | undefined {
  const top = repositoryRoot(cwd);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    if (dir === top || dirname(dir) === dir) return undefined;
  }
}

function readDoc(file: string, schema: SchemaName): SourceDoc {
  const uri = displayPath(file);
  let doc: SourceDoc;
  try {
    doc = parseSource(readText(file), uri, { allowAliases: false });
  } catch (err) {
    if (err instanceof ParseError) throw new ProjectFileError([err.diagnostic]);
    throw new ProjectFileError([{ code: 'read-error', severity: 'error', message: (err as Error).message, location: { uri, pointer: '' } }]);
  }
  const problems = validate(schema, doc);
  if (problems.length) throw new ProjectFileError(problems);
  return doc;
}

/** A URL (postgres://…, sqlite:…) rather than a path: neither resolved against the folder nor looked for on disk. */
const isUrl = (p: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(p);
const relativeTo = (file: string, p: string): string => (isAbsolute(p) || isUrl(p) ? p : join(dirname(file), p));

/** The settings naming files that must exist when the run uses them (a ledger may be created by the run). */
export type ConfiguredFile = 'packs' | 'waivers' | 'trust';

/**
 * A file the configuration names that does not exist, at its line and key: reported later, by the code that opens
 * it, the error named the file alone ("waiver.yaml file not found"), never the configuration that named it.
 */
function missingFiles(doc: SourceDoc, file: string, data: Partial<Record<ConfiguredFile, string | string[]>>, used: readonly ConfiguredFile[]): Diagnostic[] {
  const named = used.flatMap((key) => {
    const v = data[key];
    return Array.isArray(v) ? v.map((p, i) => ({ pointer: `/${key}/${i}`, p })) : v ? [{ pointer: `/${key}`, p: v }] : [];
  });
  return named
    .filter(({ p }) => !isUrl(p) && !existsSync(relativeTo(file, p)))
    .map(({ pointer, p }) => ({
      code: 'read-error', severity: 'error', message: `${pointer} no such file or directory (got ${JSON.stringify(p)})`,
      hint: `paths in ${basename(file)} are relative to its folder`, location: locationIn(doc, pointer),
    }));
}

/**
 * Reads and validates a configuration file; paths in it come back resolved against its folder. Each setting in
 * `used` (those no flag overrides) must name files that exist.
 */
export function readConfig(file: string, used: readonly ConfiguredFile[] = []): ProjectConfig {
  const doc = readDoc(file, 'config');
  const data = doc.data as Omit<ProjectConfig, 'file' | 'format'> & { format?: string | string[] };
  const missing = missingFiles(doc, file, data, used);
  if (missing.length) throw new ProjectFileError(missing);
  return {
    file,
    ...(data.packs ? { packs: data.packs.map((p) => relativeTo(file, p)) } : {}),
    ...(data.format ? { format: (Array.isArray(data.format) ? data.format : [data.format]).map((f) => f.replace(/=(.+)$/, (_, out: string) => `=${relativeTo(file, out)}`)) } : {}),
    ...(data.failOn ? { failOn: data.failOn } : {}),
    ...(data.lang ? { lang: data.lang } : {}),
    ...(data.exclude ? { exclude: data.exclude } : {}),
    ...(data.ledger ? { ledger: relativeTo(file, data.ledger) } : {}),
    ...(data.waivers ? { waivers: relativeTo(file, data.waivers) } : {}),
    ...(data.trust ? { trust: relativeTo(file, data.trust) } : {}),
  };
}

/**
 * Reads and validates a waivers file; a date that is not a real calendar date is an error with its position.
 * `warn` hears of waivers that are valid but likely wider than meant.
 */
export function readWaivers(file: string, warn: (d: Diagnostic) => void = () => undefined): Waiver[] {
  const doc = readDoc(file, 'waivers');
  const entries = (doc.data as { waivers: Omit<Waiver, 'entry'>[] }).waivers;
  const problems: Diagnostic[] = [];
  entries.forEach((w, i) => {
    if (isIsoDate(w.expires)) return;
    const pointer = `/waivers/${i}/expires`;
    problems.push({ code: 'schema', severity: 'error', message: `${pointer} "${w.expires.slice(0, 20)}" is not a real date (YYYY-MM-DD)`, location: locationIn(doc, pointer) });
  });
  if (problems.length) throw new ProjectFileError(problems);
  entries.forEach((w, i) => {
    // Allowed (the verdict contract says "exporter or manifest"), but a manifest id is unique only within one
    // exporter's manifests: without the exporter, another exporter's manifest with the same id is waived too.
    if (w.manifest === undefined || w.exporter !== undefined) return;
    const pointer = `/waivers/${i}/manifest`;
    const pos = doc.locateKey?.(pointer) ?? doc.locate(pointer);
    warn({
      code: 'semantic', severity: 'warning', message: `${pointer} waiver #${i + 1} names manifest "${w.manifest}" but no exporter, so it waives that manifest id of every exporter`,
      hint: 'name the exporter too: manifest ids are unique only per exporter', location: { uri: doc.uri, pointer, line: pos?.line, column: pos?.column },
    });
  });
  return entries.map((w, i) => ({ ...w, exporter: w.exporter?.trim(), entry: i + 1 }));
}
