import { availableParallelism } from 'node:os';
import { isError, ruleKey, type CheckResult, type Lang } from '../model/verdict.js';
import type { PackSet } from '../evaluate/pack-set.js';
import { isFormatName, tallyExitCode, tallyLine, type FormatContext, type RuleInfo } from '../report/index.js';
import { planJobs } from '../batch/inputs.js';
import { folderManifests, foldersWithoutManifests } from './folder-manifests.js';
import { evaluateAll, startWorkers } from '../batch/run.js';
import { createReportWriter, isStreamed } from '../batch/report-writer.js';
import { createProgress, noProgress } from '../batch/progress.js';
import type { AppIO } from './io.js';
import { reportSink, silentLog, stdinOf, useColor, type LogPort } from './io.js';
import { resolveMaxBytes, type ExcludePatterns } from '../io/files.js';
import { packageHomepage, packageVersion } from '../util/package.js';
import { waiverState, type Waiver } from '../evaluate/waivers.js';
import { BUILTIN_RULES } from '../evaluate/checker-findings.js';
import { closest } from '../validate/suggest.js';
import { MESSAGES, say, thrown } from './messages.js';
import { openPriorTotals, type PriorSource } from './prior-totals.js';
import { reportFilesProblem, withoutReports, writeProblem } from './report-files.js';
import type { TrustOptions } from '../load/trusted.js';

/** One report: a format, written to a file or (no file) to stdout. */
export interface ReportTarget {
  format: string;
  file?: string;
}

export interface CheckCommandOptions {
  /** The report on stdout, or in `output`; `reports` replaces both when several formats are written at once. */
  format: string;
  output?: string;
  reports?: ReportTarget[];
  lang: Lang;
  failOn: 'fail' | 'review';
  asOf?: string;
  quiet?: boolean;
  explain?: boolean;
  maxBytes?: number;
  /** Worker threads (default: os.availableParallelism()); 1 checks in-process. */
  jobs?: number;
  /** Pack paths, for workers to load their own compiled packs. */
  packPaths?: string[];
  /** Use the compiled-pack cache in workers (the CLI's default). */
  cache?: boolean;
  /** Ledger to read year-to-date totals from (never created or written by check); checks run in-process with it. */
  ledger?: string;
  /** The ledger came from XBORDER_LEDGER (not --ledger or the configuration): messages name the variable. */
  ledgerFromEnv?: boolean;
  /** An input that yields no manifest is a usage error (exit 2) unless this is set: a renamed folder must not pass. */
  allowEmpty?: boolean;
  /** Only these outcomes are written to the reports (all are counted); errors are always written. */
  only?: readonly ('pass' | 'review' | 'fail')[];
  /** Colour in text reports on stdout: the --color / --no-color choice; otherwise FORCE_COLOR, NO_COLOR and the TTY decide. */
  color?: boolean;
  /** gitignore-style patterns of paths that folder walks leave out, each relative to its base (configuration, --exclude). */
  exclude?: readonly ExcludePatterns[];
  /** Accepted risks from the waivers file, and today's date for their expiry (the caller's clock). */
  waivers?: readonly Waiver[];
  today?: string;
  /** Files the run reads besides its inputs (ledger, waivers, configuration, trust store): no report goes over them. */
  runFiles?: readonly string[];
  /** The trust store the packs were verified against; workers verify their own loads against it. */
  trust?: TrustOptions;
}

/** Below this many inputs, starting worker threads costs more than it saves. */
const MIN_PARALLEL = 64;

/** An input that may expand to many files: standard input, a glob the shell left, or a folder (not a manifest file). */
const mayHoldMany = (input: string): boolean => input === '-' || !/\.(ya?ml|json)$/i.test(input) || /[*?[\]{}]/.test(input);

/** The files the reports go to (a report without one goes to stdout). */
const reportFiles = (reports: readonly ReportTarget[]): string[] => reports.flatMap((r) => (r.file ? [r.file] : []));

export function ruleInfo(set: PackSet): Map<string, RuleInfo> {
  const out = new Map<string, RuleInfo>();
  for (const p of set.packs) {
    for (const r of p.rules) {
      out.set(ruleKey({ pack: p.meta.id, id: r.id }), { id: r.id, pack: p.meta.id, packVersion: p.meta.version, title: r.title, citation: r.citation, citationZh: r.citationZh, source: r.source ?? p.meta.source, description: r.description });
    }
  }
  return out;
}

/**
 * `xborder check`: returns the exit code (0 within the gate, 1 a verdict fails it, 2 an input is invalid).
 * Results stream from input to report in input order (src/batch/); only the tally is kept for the summary.
 */
export async function checkInputs(inputs: readonly string[], set: PackSet, opts: CheckCommandOptions, io: AppIO): Promise<number> {
  const reports = opts.reports ?? [{ format: opts.format, file: opts.output }];
  for (const r of reports) {
    if (!isFormatName(r.format)) {
      say(io.stderr, opts.lang, MESSAGES.unknownFormat(r.format));
      return 2;
    }
  }
  if (reports.filter((r) => !r.file).length > 1) {
    say(io.stderr, opts.lang, MESSAGES.oneStdout());
    return 2;
  }
  // Before anything is read: a report over an input would destroy it; a missing folder is said as such.
  const problem = reportFilesProblem(reportFiles(reports), inputs, opts.lang, [...(opts.runFiles ?? []), ...set.packs.map((p) => p.uri)]);
  if (problem) {
    say(io.stderr, opts.lang, problem);
    return 2;
  }
  const jobsWanted = opts.jobs ?? availableParallelism();
  if (!Number.isInteger(jobsWanted) || jobsWanted < 1) {
    say(io.stderr, opts.lang, MESSAGES.badJobs(String(opts.jobs)));
    return 2;
  }
  const prior = await openPriorTotals(opts.ledger, io, opts.lang, 'check', opts.ledgerFromEnv);
  try {
    return await runBatch(inputs, set, { ...opts, reports }, io, jobsWanted, prior);
  } finally {
    await prior.close();
  }
}

async function runBatch(inputs: readonly string[], set: PackSet, opts: CheckCommandOptions, io: AppIO, jobsWanted: number, prior: Pick<PriorSource, 'priorFor' | 'unavailable'>): Promise<number> {
  const { priorFor } = prior;
  let maxBytes: number;
  try {
    maxBytes = resolveMaxBytes(opts.maxBytes, io.env); // --max-bytes, else XBORDER_MAX_BYTES, else 10 MB
  } catch (err) {
    say(io.stderr, opts.lang, thrown((err as Error).message));
    return 2;
  }
  const reports = opts.reports ?? [];
  // Every pack's rules, built when a format first asks (SARIF's rule table): most never do, and the packs of the
  // compiled-pack cache that apply to no manifest are then never decoded.
  let rules: Map<string, RuleInfo> | undefined;
  const ctxFor = (r: ReportTarget): FormatContext => ({
    lang: opts.lang, color: !r.file && (opts.color ?? useColor(io)), get rules() { return (rules ??= ruleInfo(set)); }, failOn: opts.failOn, toolVersion: packageVersion(), toolUri: packageHomepage(),
  });
  const waivers = usableWaivers(opts.waivers, opts.today, opts.lang, io, set);
  const log = io.log ?? silentLog;
  const debug = log.enabled('debug');
  // Workers render one streamed format themselves; the main thread needs whole results to write several
  // formats, to log at debug level, and to see which waivers were used.
  const [only] = reports;
  const workerRender = reports.length === 1 && only && isStreamed(only.format) && !debug && waivers.length === 0;
  // Ledger reads are a function of this process: with a ledger, every check runs in-process.
  const mayParallel = !priorFor && jobsWanted > 1;
  const runOpts = {
    packPaths: opts.packPaths ?? [], cache: opts.cache ?? true, trust: opts.trust,
    asOf: opts.asOf, explain: opts.explain, maxBytes, priorFor, waivers, today: opts.today,
    ...(workerRender ? { render: { format: only.format, ctx: ctxFor(only) } } : {}),
  };
  // A folder, a glob or standard input can hold many manifests: start the workers now, so their start overlaps
  // the walk (closed unused if it finds fewer than MIN_PARALLEL). Named files are counted without a walk.
  const pool = mayParallel && inputs.some(mayHoldMany) ? await startWorkers({ ...runOpts, jobs: jobsWanted }) : undefined;
  let planned: Awaited<ReturnType<typeof planJobs>>;
  let parallel = false;
  let poolOpen = pool !== undefined;
  let outputs: { sink: ReturnType<typeof reportSink>; writer: ReturnType<typeof createReportWriter> }[];
  // Until evaluateAll owns the pool (and closes it), any throw here must close it: live worker threads would keep
  // the process from exiting (a report file that cannot be opened once hung the run instead of exiting 2).
  try {
    planned = await planJobs(inputs, () => stdinOf(io), maxBytes, { exclude: opts.exclude });
    parallel = mayParallel && (planned.total === undefined || planned.total >= MIN_PARALLEL);
    if (pool && !parallel) { poolOpen = false; await pool.close(); }
    outputs = [];
    for (const r of reports) {
      let sink: ReturnType<typeof reportSink>;
      try {
        sink = reportSink(io, r.file);
      } catch (err) {
        // Vetted above, yet unwritable (permissions, or changed since): said with its path, exit 2.
        for (const o of outputs) o.sink.close();
        say(io.stderr, opts.lang, writeProblem(r.file ?? '-', err as NodeJS.ErrnoException));
        if (poolOpen) await pool?.close();
        return 2;
      }
      outputs.push({ sink, writer: createReportWriter(r.format, ctxFor(r), sink.out) });
    }
  } catch (err) {
    if (poolOpen) await pool?.close();
    throw err;
  }
  const { total, ignored } = planned;
  const folders = folderManifests(planned.folders);
  const files = reportFiles(reports);
  const jobs = files.length ? withoutReports(planned.jobs, files) : planned.jobs;
  const toStdout = reports.some((r) => !r.file);
  const used = new Set<number>();
  // Progress only on a terminal, and not while the report itself scrolls on that terminal (stdout a TTY):
  // redrawing the line would tear the report's own lines.
  const showProgress = io.stderrIsTTY && !opts.quiet && (!toStdout || !io.isTTY);
  const progress = showProgress ? createProgress(io.stderr, total) : noProgress;
  let done = 0;
  let notManifests = 0;
  // Worker threads that could not start: the others check their share, the report is finished, the run exits 2.
  const startErrors: string[] = [];
  try {
    const results = evaluateAll(jobs, set, {
      ...runOpts, jobs: parallel ? jobsWanted : 1, ...(parallel && pool ? { pool } : {}),
      onStartError: (err) => { startErrors.push(err.message); },
    });
    for await (const c of results) {
      if (io.stdoutClosed?.()) break; // the reader went away (`| head`): end quietly, nothing more to say
      progress.tick(++done);
      if ('notManifest' in c) { notManifests++; continue; }
      folders.seen(c.result?.source ?? c.source ?? '');
      if (c.result && (c.outcome === 'error' ? log.enabled('info') : debug)) await logResult(log, c.result, debug);
      if (c.result && !isError(c.result)) for (const f of c.result.findings) if (f.waived) used.add(f.waived.entry);
      const shown = !opts.only || c.outcome === 'error' || opts.only.includes(c.outcome);
      for (const { writer } of outputs) {
        if (!shown) writer.skip(c.outcome, c.gate);
        else if (c.part !== undefined) writer.addRendered(c.part, { outcome: c.outcome, gate: c.gate ?? c.outcome, source: c.source ?? '' });
        else if (c.result) writer.add(c.result);
      }
      if (toStdout) {
        const wait = io.stdoutBackpressure?.();
        if (wait) await wait;
      }
    }
  } finally {
    progress.done();
  }
  const first = outputs[0]!.writer;
  // The reader went away before every input was checked: the run cannot vouch for the rest (exit 2, never 0).
  if (io.stdoutClosed?.()) return 2;
  // Known before the reports end, so that they say it too (SARIF's invocation): a worker that cannot load the packs
  // the main thread loaded (the install or the packs changed under the run), a folder with no manifest beside
  // inputs that had some, a ledger that could not be read.
  const empty = foldersWithoutManifests(inputs, planned.empty, folders.unseen());
  const noManifest = first.tally().checked === 0 && !opts.allowEmpty;
  const runError = startErrors.length > 0 || (empty.length > 0 && !opts.allowEmpty) || prior.unavailable() !== undefined || noManifest;
  const t = first.end(runError);
  for (const { writer } of outputs.slice(1)) writer.end(runError);
  for (const { sink } of outputs) sink.close();
  if (notManifests) say(io.stderr, opts.lang, MESSAGES.notManifests(notManifests));
  if (ignored.folders || ignored.files) say(io.stderr, opts.lang, MESSAGES.ignored(ignored));
  const unused = waivers.filter((w) => !used.has(w.entry));
  if (unused.length && !opts.quiet) say(io.stderr, opts.lang, MESSAGES.unusedWaivers(unused.map((w) => `#${w.entry} ${w.rule}`).join(', '), unused.length));
  // Every input was checked (by the other threads), but a worker that cannot load the packs the main thread
  // loaded means the install or the packs changed under the run: the run cannot vouch for itself (exit 2).
  if (startErrors.length) say(io.stderr, opts.lang, MESSAGES.workersFailed(startErrors.length, [...new Set(startErrors)].join('; ')));
  if (noManifest) {
    say(io.stderr, opts.lang, MESSAGES.noManifests(inputs));
    return 2;
  }
  // A folder with no manifest beside inputs that had some: the others are reported, the run still exits 2.
  if (empty.length && !opts.allowEmpty) say(io.stderr, opts.lang, MESSAGES.emptyFolders(empty));
  // The text report ends with the summary; other formats keep stdout machine-readable, so it goes to stderr.
  if (!opts.quiet && !reports.some((r) => r.format === 'text' && !r.file)) io.stderr(`${tallyLine(t, opts.failOn, opts.lang)}\n`);
  const code = tallyExitCode(t);
  if (log.enabled('info')) await log.write('info', { checked: t.checked, exitCode: code, jobs: parallel ? jobsWanted : 1 }, 'check finished');
  return code;
}

async function logResult(log: LogPort, r: CheckResult, debug: boolean): Promise<void> {
  // The report already shows a rejected manifest; the log repeats it only when asked for (info and below).
  if (isError(r)) await log.write('info', { source: r.source, code: r.error.code, line: r.error.line, column: r.error.column }, 'manifest rejected');
  else if (debug) await log.write('debug', { manifest: r.manifest, verdict: r.verdict, mechanism: r.mechanism, rules: r.findings.map((f) => f.rule), counts: r.counts }, 'verdict');
}

/**
 * Waivers that can apply today. An expired one stops applying and says so; one that expires within
 * EXPIRY_WARNING_DAYS warns, so it is renewed or its finding fixed in time.
 */
export function usableWaivers(all: readonly Waiver[] | undefined, today: string | undefined, lang: Lang, io: Pick<AppIO, 'stderr'>, set?: PackSet): Waiver[] {
  if (!today) return []; // no clock, no waiver: expiry could not be enforced
  const out: Waiver[] = [];
  const known = set && all?.length ? waivableRules(set) : undefined;
  for (const w of all ?? []) {
    // A misspelt or retired rule id matches nothing, silently but for the end-of-run count: said first, with the id meant.
    if (known && !known.live.has(w.rule)) say(io.stderr, lang, MESSAGES.waiverUnknownRule(w.entry, w.rule, known.retired.get(w.rule) ?? closest(w.rule, known.live)));
    const state = waiverState(w, today);
    if (state === 'expired') say(io.stderr, lang, MESSAGES.waiverExpired(w.entry, w.rule, w.expires));
    else {
      if (state === 'expiring') say(io.stderr, lang, MESSAGES.waiverExpiring(w.entry, w.rule, w.expires));
      out.push(w);
    }
  }
  return out;
}

/** The `<pack>/<rule>` keys a waiver may name (the loaded packs' rules, the checker's own), and retired ones → their replacement. */
function waivableRules(set: PackSet): { live: Set<string>; retired: Map<string, string> } {
  const live = new Set<string>(BUILTIN_RULES.map((id) => ruleKey({ pack: 'xborder', id })));
  const retired = new Map<string, string>();
  for (const p of set.packs) {
    for (const r of p.rules) live.add(ruleKey({ pack: p.meta.id, id: r.id }));
    for (const [old, now] of Object.entries(p.aliases)) retired.set(ruleKey({ pack: p.meta.id, id: old }), ruleKey({ pack: p.meta.id, id: now }));
  }
  return { live, retired };
}
