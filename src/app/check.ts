import { availableParallelism } from 'node:os';
import { isError, ruleKey, type CheckResult, type Lang } from '../model/verdict.js';
import type { PackSet } from '../evaluate/pack-set.js';
import { isFormatName, tallyExitCode, tallyLine, type FormatContext, type RuleInfo } from '../report/index.js';
import { planJobs } from '../batch/inputs.js';
import { evaluateAll } from '../batch/run.js';
import { createReportWriter, isStreamed } from '../batch/report-writer.js';
import { createProgress, noProgress } from '../batch/progress.js';
import type { AppIO } from './io.js';
import { reportSink, silentLog, stdinOf, useColor, type LogPort } from './io.js';
import { resolveMaxBytes } from '../io/files.js';
import { packageVersion } from '../util/package.js';
import type { CheckOptions } from '../evaluate/check.js';
import type { LedgerStore } from '../ledger/types.js';
import type { TrustOptions } from '../load/trusted.js';

export interface CheckCommandOptions {
  format: string;
  lang: Lang;
  failOn: 'fail' | 'review';
  asOf?: string;
  quiet?: boolean;
  output?: string;
  explain?: boolean;
  maxBytes?: number;
  /** Worker threads (default: os.availableParallelism()); 1 checks in-process. */
  jobs?: number;
  /** Pack paths, for workers to load their own compiled packs. */
  packPaths?: string[];
  /** Use the compiled-pack cache in workers (the CLI's default). */
  cache?: boolean;
  /** Ledger to read year-to-date totals from (never written by check); checks run in-process with it. */
  ledger?: string;
  /** The trust store the packs were verified against; workers verify their own loads against it. */
  trust?: TrustOptions;
}

/** Below this many inputs, starting worker threads costs more than it saves. */
const MIN_PARALLEL = 64;

export function ruleInfo(set: PackSet): Map<string, RuleInfo> {
  const out = new Map<string, RuleInfo>();
  for (const p of set.packs) {
    for (const r of p.rules) {
      out.set(ruleKey({ pack: p.meta.id, id: r.id }), { id: r.id, pack: p.meta.id, packVersion: p.meta.version, title: r.title, citation: r.citation, source: p.meta.source, description: r.description });
    }
  }
  return out;
}

/**
 * `xborder check`: returns the exit code (0 within the gate, 1 a verdict fails it, 2 an input is invalid).
 * Results stream from input to report in input order (src/batch/); only the tally is kept for the summary.
 */
export async function checkInputs(inputs: readonly string[], set: PackSet, opts: CheckCommandOptions, io: AppIO): Promise<number> {
  if (!isFormatName(opts.format)) {
    io.stderr(`xborder: unknown --format "${opts.format}"\n`);
    return 2;
  }
  const jobsWanted = opts.jobs ?? availableParallelism();
  if (!Number.isInteger(jobsWanted) || jobsWanted < 1) {
    io.stderr(`xborder: --jobs must be a whole number >= 1 (got "${String(opts.jobs)}")\n`);
    return 2;
  }
  // The ledger driver loads only when asked for (cold start); an unreadable ledger stops the run (exit 2).
  let store: LedgerStore | undefined;
  let priorFor: CheckOptions['priorFor'];
  if (opts.ledger !== undefined) {
    const { openLedger, redactLedgerSpec } = await import('../ledger/open.js');
    const { exporterKey } = await import('../ledger/key.js');
    try {
      store = await openLedger(opts.ledger || undefined, {}, io.env);
    } catch (err) {
      io.stderr(`xborder: cannot open ledger ${redactLedgerSpec(opts.ledger)}: ${(err as Error).message}\n`);
      return 2;
    }
    const s = store;
    priorFor = (m, w) => s.totals(exporterKey(m.exporter), w.fromYear, w.toYear, { excludeManifestId: m.id });
  }
  try {
    return await runBatch(inputs, set, opts, io, jobsWanted, priorFor);
  } finally {
    await store?.close();
  }
}

async function runBatch(inputs: readonly string[], set: PackSet, opts: CheckCommandOptions, io: AppIO, jobsWanted: number, priorFor: CheckOptions['priorFor']): Promise<number> {
  let maxBytes: number;
  try {
    maxBytes = resolveMaxBytes(opts.maxBytes, io.env); // --max-bytes, else XBORDER_MAX_BYTES, else 10 MB
  } catch (err) {
    io.stderr(`xborder: ${(err as Error).message}\n`);
    return 2;
  }
  const { total, jobs } = await planJobs(inputs, () => stdinOf(io), maxBytes);
  // Ledger reads are a function of this process: with a ledger, every check runs in-process.
  const parallel = !priorFor && jobsWanted > 1 && (total === undefined || total >= MIN_PARALLEL);
  const ctx: FormatContext = { lang: opts.lang, color: !opts.output && useColor(io), rules: ruleInfo(set), failOn: opts.failOn, toolVersion: packageVersion() };
  const sink = reportSink(io, opts.output);
  const writer = createReportWriter(opts.format, ctx, sink.write);
  // Progress only on a terminal, and not while the report itself scrolls on that terminal (stdout a TTY):
  // redrawing the line would tear the report's own lines.
  const showProgress = io.stderrIsTTY && !opts.quiet && (Boolean(opts.output) || !io.isTTY);
  const progress = showProgress ? createProgress(io.stderr, total) : noProgress;
  const log = io.log ?? silentLog;
  const debug = log.enabled('debug');
  let done = 0;
  try {
    const results = evaluateAll(jobs, set, {
      jobs: parallel ? jobsWanted : 1, packPaths: opts.packPaths ?? [], cache: opts.cache ?? true, trust: opts.trust,
      asOf: opts.asOf, explain: opts.explain, maxBytes, priorFor,
      // Workers render streamed formats; at debug level the main thread needs every result to log it.
      ...(isStreamed(opts.format) && !debug ? { render: { format: opts.format, ctx } } : {}),
    });
    for await (const c of results) {
      if (c.result && (c.outcome === 'error' ? log.enabled('warn') : debug)) await logResult(log, c.result, debug);
      if (c.part !== undefined) writer.addRendered(c.outcome, c.part);
      else if (c.result) writer.add(c.result);
      progress.tick(++done);
      if (!opts.output) {
        const wait = io.stdoutBackpressure?.();
        if (wait) await wait;
      }
    }
  } finally {
    progress.done();
  }
  const t = writer.end();
  sink.close();
  // The text report ends with the summary; other formats keep stdout machine-readable, so it goes to stderr.
  if (!opts.quiet && (opts.format !== 'text' || opts.output)) io.stderr(`${tallyLine(t, opts.failOn)}\n`);
  const code = tallyExitCode(t);
  if (log.enabled('info')) await log.write('info', { checked: t.checked, exitCode: code, jobs: parallel ? jobsWanted : 1 }, 'check finished');
  return code;
}

async function logResult(log: LogPort, r: CheckResult, debug: boolean): Promise<void> {
  if (isError(r)) await log.write('warn', { source: r.source, code: r.error.code, line: r.error.line, column: r.error.column }, 'manifest rejected');
  else if (debug) await log.write('debug', { manifest: r.manifest, verdict: r.verdict, mechanism: r.mechanism, rules: r.findings.map((f) => f.rule), counts: r.counts }, 'verdict');
}
