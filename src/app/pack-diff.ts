/**
 * `xborder pack diff`: replays a corpus of manifests under a base and a head pack set through the same code
 * path as `check` (src/batch/), and reports how verdicts move, which rules cause it, and how the packs differ.
 * Results are consumed pairwise as they stream: memory stays flat whatever the size of the corpus. A corpus that
 * includes evidence exports replays those decisions instead, each on its original as-of date and totals.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { planJobs } from '../batch/inputs.js';
import { effectiveEditions } from '../compile/build-pack-set.js';
import { evaluateAll } from '../batch/run.js';
import { NOT_A_MANIFEST, runJob } from '../batch/job.js';
import type { PackSet } from '../evaluate/pack-set.js';
import { findPackFiles } from '../load/load-packs.js';
import { displayPath, readText, resolveMaxBytes } from '../io/files.js';
import type { RulePack } from '../model/pack.js';
import { isError, type Bilingual, type CheckResult, type Lang } from '../model/verdict.js';
import { createImpact, parseFailOn, type Transition } from '../packdiff/impact.js';
import { renderChangelog } from '../packdiff/changelog.js';
import { renderDiff, type DiffFormat } from '../packdiff/render.js';
import { diffPackSets } from '../packdiff/structure.js';
import { parseSource } from '../source/document.js';
import type { AppIO } from './io.js';
import { loadPacksOrReport } from './packs.js';
import { isEvidenceExport, replays } from './evidence-replay.js';
import { MESSAGES, say, thrown } from './messages.js';
import { isRunFile, writeOutputFile } from './report-files.js';

export interface PackDiffOptions {
  base: string;
  head: string;
  corpus: string[];
  format: DiffFormat;
  failOn?: string;
  asOf?: string;
  /** Sample manifests named per rule group (default 3). */
  samples?: number;
  jobs?: number;
  output?: string;
  maxBytes?: number;
  /** The language of messages on stderr (the report stays English). */
  lang?: Lang;
}

/** A base that is not a path is a git ref: the head directory's tree at that ref, extracted to a temporary directory. */
function baseFromGit(ref: string, head: string): { path: string; cleanup: () => void } {
  const git = (args: string[], cwd: string): string => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  let root: string;
  let prefix: string;
  try {
    root = git(['rev-parse', '--show-toplevel'], head);
    prefix = git(['rev-parse', '--show-prefix'], head);
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  } catch {
    throw new Error(`--base ${ref}: neither a pack directory nor a git ref of the repository holding ${head}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'xborder-base-'));
  try {
    const tar = execFileSync('git', ['archive', '--format=tar', ref, '--', prefix || '.'], { cwd: root, maxBuffer: 512 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`--base ${ref}: cannot read ${prefix || 'the repository'} at that ref (${(err as Error).message.split('\n')[0]})`);
  }
  return { path: join(dir, prefix), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** --base as a directory, else as a git ref; undefined after saying why neither works. */
function resolveBase(o: { base: string; head: string }, io: AppIO, lang: Lang = 'en'): { path: string; cleanup: () => void } | undefined {
  try {
    return existsSync(o.base) ? { path: o.base, cleanup: () => {} } : baseFromGit(o.base, o.head);
  } catch (err) {
    say(io.stderr, lang, thrown((err as Error).message));
    return undefined;
  }
}

/**
 * The packs as written, each edition merged over the one it `extends` (as the compiler does): a new edition writes
 * only what changes, so diffing its text would report everything it inherits as removed.
 */
async function rawPacks(path: string): Promise<RulePack[]> {
  const { paths: files, refused } = await findPackFiles(path);
  if (refused[0]) throw new Error(`${displayPath(refused[0].path)}: ${refused[0].message}`);
  const packs = files.map((f) => parseSource(readText(f), displayPath(f), { allowAliases: true }).data as RulePack);
  // Both sets were loaded (validated) first, so every parent exists and there is no cycle.
  return effectiveEditions(packs).map((p, i) => p ?? packs[i]!);
}

/** `xborder pack changelog --base --head`: bilingual release notes (markdown) from the structural diff. */
export async function packChangelog(o: { base: string; head: string; output?: string }, io: AppIO): Promise<number> {
  const base = resolveBase(o, io);
  if (!base) return 2;
  try {
    const headSet = await loadPacksOrReport([o.head], io);
    if (!headSet) return 2;
    const over = overwritesRead(o.output, [...headSet.packs.map((p) => p.uri), ...(await findPackFiles(base.path)).paths]);
    if (over) { say(io.stderr, 'en', over); return 2; }
    const [before, after] = [await rawPacks(base.path), await rawPacks(o.head)];
    const text = renderChangelog(diffPackSets(before, after), before, after);
    if (!o.output) { io.stdout(text); return 0; }
    const problem = writeOutputFile(o.output, text);
    if (problem) say(io.stderr, 'en', problem);
    return problem ? 2 : 0;
  } finally {
    base.cleanup();
  }
}

/**
 * Why `-o` may not be written: it is a pack file the command read (as `pack coverage` refuses) or a corpus file named
 * on the command line; writing it would destroy what the next run compares. Checked before anything is compared.
 */
function overwritesRead(output: string | undefined, packs: readonly string[], corpus: readonly string[] = []): Bilingual | undefined {
  if (output === undefined) return undefined;
  if (isRunFile(output, packs)) return MESSAGES.reportOverRunFile(output);
  return isRunFile(output, corpus.filter((c) => c !== '-')) ? MESSAGES.reportIsInput(output) : undefined;
}

const noStdin = (): NodeJS.ReadableStream => Readable.from([]);

export async function packDiff(o: PackDiffOptions, io: AppIO): Promise<number> {
  const lang = o.lang ?? 'en';
  let failOn: Transition[];
  let maxBytes: number;
  try {
    failOn = o.failOn === undefined ? [] : parseFailOn(o.failOn);
    maxBytes = resolveMaxBytes(o.maxBytes, io.env);
  } catch (err) {
    say(io.stderr, lang, thrown((err as Error).message));
    return 2;
  }
  if (o.corpus.includes('-')) { say(io.stderr, lang, MESSAGES.diffStdin()); return 2; }
  const base = resolveBase(o, io, lang);
  if (!base) return 2;
  try {
    const baseSet = await loadPacksOrReport([base.path], io, {}, lang);
    // Say which side failed: base packs from an older release may not load in this one (a fact changed its type).
    if (!baseSet) say(io.stderr, lang, MESSAGES.diffBaseUnloadable(o.base));
    const headSet = baseSet && (await loadPacksOrReport([o.head], io, {}, lang));
    if (baseSet && !headSet) say(io.stderr, lang, MESSAGES.diffHeadUnloadable(o.head));
    if (!baseSet || !headSet) return 2;
    const over = overwritesRead(o.output, [...baseSet.packs, ...headSet.packs].map((p) => p.uri), o.corpus);
    if (over) { say(io.stderr, lang, over); return 2; }
    const impact = createImpact(o.samples ?? 3);
    const exports = o.corpus.filter(isEvidenceExport);
    const missing = { count: 0 };
    // Corpus inputs that are no manifest (missing path, unreadable, invalid): the gate says nothing about them.
    let inputErrors = 0;
    const add = (x: CheckResult, y: CheckResult): void => {
      if (isError(x) || isError(y)) inputErrors += 1;
      impact.add(x, y);
    };
    if (exports.length) {
      // Each decision again, on its own as-of date and with the totals it read: in process, one record at a time.
      const manifests = o.corpus.filter((c) => !exports.includes(c));
      for await (const r of replays(exports, manifests, noStdin, maxBytes, missing)) {
        const opts = { asOf: r.asOf, maxBytes, ...(r.totals ? { priorFor: async () => r.totals! } : {}) };
        const [x, y] = [await runJob(r.job, baseSet, opts), await runJob(r.job, headSet, opts)];
        if (x !== NOT_A_MANIFEST && y !== NOT_A_MANIFEST) add(x, y); // indexed files are manifests: always true
      }
    } else {
      const run = async (set: PackSet, path: string) => evaluateAll((await planJobs(o.corpus, noStdin, maxBytes)).jobs, set, {
        jobs: o.jobs ?? 1, packPaths: [path], cache: true, asOf: o.asOf, maxBytes, tally: false, // variants, not one run's transfers
      });
      const [a, b] = [await run(baseSet, base.path), await run(headSet, o.head)];
      try {
        for (;;) {
          const [x, y] = await Promise.all([a.next(), b.next()]);
          if (x.done || y.done) break;
          if ('result' in x.value && 'result' in y.value && x.value.result && y.value.result) add(x.value.result, y.value.result);
        }
      } finally {
        await Promise.all([a.return(undefined), b.return(undefined)]); // stops the worker threads
      }
    }
    const packs = diffPackSets(await rawPacks(base.path), await rawPacks(o.head));
    const result = impact.result();
    const tripped = failOn.filter((t) => (result.transitions[t] ?? 0) > 0);
    const replay = exports.length ? { records: result.manifests + missing.count, replayed: result.manifests, missing: missing.count } : undefined;
    // As `check`: a corpus that names nothing (a renamed or mistyped folder) or holds inputs that are no manifest
    // must not pass the gate on what was never compared.
    const incomplete = result.manifests === 0 ? MESSAGES.diffNoManifests() : inputErrors ? MESSAGES.diffBadInputs(inputErrors) : undefined;
    const gate = { failOn, tripped, ...(incomplete ? { incomplete: incomplete.en } : {}) };
    const text = renderDiff({ base: o.base, head: o.head, ...(o.asOf ? { asOf: o.asOf } : {}), ...(replay ? { replay } : {}), impact: result, packs, gate }, o.format);
    if (!o.output) io.stdout(text);
    else {
      const problem = writeOutputFile(o.output, text);
      if (problem) { say(io.stderr, lang, problem); return 2; }
    }
    // A record that could not be replayed is a decision the analysis says nothing about: the run is incomplete.
    if (missing.count) {
      say(io.stderr, lang, MESSAGES.diffNotReplayed(missing.count));
      return 2;
    }
    if (incomplete) {
      say(io.stderr, lang, MESSAGES.diffIncomplete(incomplete));
      return 2;
    }
    return tripped.length ? 1 : 0;
  } finally {
    base.cleanup();
  }
}
