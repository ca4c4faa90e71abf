/**
 * The files `check` writes its reports to, vetted before anything is read: a report written over one of the
 * manifests it checks destroys the input (and the next run reads the report as a manifest), and a folder that does
 * not exist was an "internal error: ENOENT". The run's own report files are also never read as manifests when a
 * folder walk or a glob comes upon them (`check manifests/ --output manifests/report.json`, run twice).
 */
import { closeSync, openSync, readSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Job } from '../batch/inputs.js';
import type { Bilingual } from '../model/verdict.js';
import { errorMessageIn } from '../report/error-text.js';
import { DEFAULT_MAX_BYTES, InputError, isManifestText, readText } from '../io/files.js';
import { parseLedgerSpec } from '../ledger/spec.js';
import { errnoText } from '../util/errno-text.js';
import { MESSAGES } from './messages.js';
import type { ProjectSettings } from './project-settings.js';

/** The same file: the same path, or (both existing) the same device and inode (a link, another spelling). */
function sameFile(a: string, b: string, aStat: ReturnType<typeof statSync> | undefined): boolean {
  if (resolve(a) === resolve(b)) return true;
  if (!aStat) return false;
  const s = statSync(b, { throwIfNoEntry: false });
  return s !== undefined && s.isFile() && s.dev === aStat.dev && s.ino === aStat.ino;
}

/**
 * Why the reports cannot go to these files, or undefined. `inputs`: the inputs as named on the command line (files,
 * folders, globs, `-`); a report may not be one of the named files. Folders and globs are not refused: what they
 * find of the run's reports is left out (withoutReports).
 */
export function reportFilesProblem(files: readonly string[], inputs: readonly string[], lang: 'en' | 'zh', runFiles: readonly string[] = []): Bilingual | undefined {
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(resolve(file))) return MESSAGES.reportTwice(file);
    seen.add(resolve(file));
    const dir = dirname(resolve(file));
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return MESSAGES.reportFolderMissing(file, dirname(file));
    const own = statSync(file, { throwIfNoEntry: false });
    if (own?.isDirectory()) return MESSAGES.cannotWrite(file, errorMessageIn('a folder, not a file', lang));
    for (const input of inputs) {
      if (input !== '-' && sameFile(file, input, own?.isFile() ? own : undefined)) return MESSAGES.reportIsInput(file);
    }
    // The ledger (a report over it destroyed the year's totals), the waivers, the configuration, the trust store.
    if (isRunFile(file, runFiles)) return MESSAGES.reportOverRunFile(file);
    // A manifest where the report goes, found by a walk or a glob (`check d --output d/a.json`), would be destroyed
    // and then left out as the run's report: the gate would pass without it. An earlier report is overwritten.
    if (own?.isFile() && holdsManifest(file)) return MESSAGES.reportOverManifest(file);
  }
  return undefined;
}

/** Whether `file` is one of `runFiles` (the same path, or the same existing file by another spelling or a link). */
export function isRunFile(file: string, runFiles: readonly string[]): boolean {
  const own = statSync(file, { throwIfNoEntry: false });
  return runFiles.some((read) => sameFile(file, read, own?.isFile() ? own : undefined));
}

/** The files a run reads besides its inputs (`runFiles` above): a SQLite ledger, the waivers, configuration, trust store. */
export function filesRead(project: Pick<ProjectSettings, 'configFile' | 'waiversFile' | 'trust'>, ledger: string | undefined): string[] {
  return [ledger === undefined ? undefined : sqliteFileOf(ledger), project.waiversFile, project.configFile, project.trust?.file]
    .filter((f): f is string => f !== undefined && f !== '');
}

/** The file of a SQLite ledger spec; undefined for a URL or a spec no ledger opens from (nothing is read then). */
function sqliteFileOf(spec: string): string | undefined {
  try {
    const target = parseLedgerSpec(spec);
    return target.kind === 'sqlite' ? target.file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether an existing file may be a manifest (io/files.ts isManifestText). A file too large to judge is one unless it
 * opens with `[` (a JSON report is an array; a manifest never is), and one that cannot be read is one (fail closed:
 * the walk would leave it out as the run's report, unchecked).
 */
function holdsManifest(file: string): boolean {
  if (!/\.(ya?ml|json)$/i.test(file)) return false;
  try {
    return isManifestText(file, readText(file, DEFAULT_MAX_BYTES));
  } catch (err) {
    if (!(err instanceof InputError) || !/byte limit/.test(err.message)) return true;
    return !(/\.json$/i.test(file) && firstChar(file) === '[');
  }
}

/** The first character of a file other than white space (a byte order mark too), read from its first 4 KB. */
function firstChar(file: string): string | undefined {
  const head = Buffer.alloc(4096);
  const fd = openSync(file, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8').replace(/^[\s\uFEFF]+/, '')[0];
  } finally {
    closeSync(fd);
  }
}

/** The paths a report file may be walked under: as given, and with its folder's links resolved. */
function spellings(file: string): string[] {
  const abs = resolve(file);
  try {
    return [abs, join(realpathSync(dirname(abs)), basename(abs))];
  } catch {
    return [abs];
  }
}

/** The jobs without the run's own report files (found by a folder walk or a glob): a report is never a manifest. */
export async function* withoutReports(jobs: AsyncIterable<Job>, files: readonly string[]): AsyncGenerator<Job> {
  const reports = new Set(files.flatMap(spellings));
  for await (const job of jobs) if (!(job.kind === 'file' && reports.size && reports.has(resolve(job.path)))) yield job;
}

/** Why `file` cannot be written, in both languages: its folder missing (said as such), else the system's reason. */
export function writeProblem(file: string, err: NodeJS.ErrnoException): Bilingual {
  const dir = dirname(file);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return MESSAGES.noFolder(file, dir);
  const why = errnoText(err) ?? err.message;
  return { en: MESSAGES.cannotWrite(file, why).en, zh: MESSAGES.cannotWrite(file, errorMessageIn(why, 'zh')).zh };
}

/**
 * Writes a command's whole output file (pack coverage, diff, changelog; ledger export); undefined when written,
 * else why not (a missing folder was "internal error: ENOENT").
 */
export function writeOutputFile(file: string, text: string): Bilingual | undefined {
  try {
    writeFileSync(file, text);
    return undefined;
  } catch (err) {
    return writeProblem(file, err as NodeJS.ErrnoException);
  }
}
