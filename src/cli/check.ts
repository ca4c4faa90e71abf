import { readFile } from 'node:fs/promises';
import { isError, type CheckResult, type Lang } from '../model/verdict.js';
import type { PackSet } from '../evaluate/pack-set.js';
import type { CheckOptions } from '../evaluate/check.js';
import { checkText, errorResult } from '../pipeline.js';
import { DEFAULT_MAX_BYTES, displayPath, expandInputs, InputError, readText } from '../io/files.js';
import { exitCode, getFormatter, summaryLine, type FormatContext, type RuleInfo } from '../report/index.js';
import type { CliIO } from './io.js';
import { useColor, writeReport } from './io.js';
import { log } from './log.js';
import { PACKAGE_ROOT } from '../package-root.js';

export interface CheckCommandOptions {
  format: string;
  lang: Lang;
  failOn: 'fail' | 'review';
  asOf?: string;
  quiet?: boolean;
  output?: string;
  explain?: boolean;
  maxBytes?: number;
  /** Ledger to read year-to-date totals from (never written by check). */
  ledger?: string;
}

export const toolVersion = async (): Promise<string> =>
  (JSON.parse(await readFile(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string }).version;

export function ruleInfo(set: PackSet): Map<string, RuleInfo> {
  const out = new Map<string, RuleInfo>();
  for (const p of set.packs) {
    for (const r of p.rules) {
      out.set(r.id, { id: r.id, pack: p.meta.id, packVersion: p.meta.version, title: r.title, citation: r.citation, source: p.meta.source, description: r.description });
    }
  }
  return out;
}

/** Splits standard input into manifests: NDJSON (one JSON object per line) or a single YAML/JSON document. */
export function splitStdin(text: string): { text: string; uri: string }[] {
  const lines = text.split(/\r?\n/);
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  if (nonEmpty.length > 1 && nonEmpty.every((l) => l.trimStart().startsWith('{'))) {
    return lines.flatMap((l, i) => (l.trim() === '' ? [] : [{ text: l, uri: `<stdin>:${i + 1}` }]));
  }
  return [{ text, uri: '<stdin>' }];
}

async function gather(inputs: readonly string[], set: PackSet, opts: CheckCommandOptions, io: CliIO, priorFor?: CheckOptions['priorFor']): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const { paths, missing } = await expandInputs(inputs);
  for (const m of missing) results.push(errorResult(m, [{ code: 'read-error', severity: 'error', message: 'no such file or directory', location: { uri: m, pointer: '' } }]));
  const evalOpts = { asOf: opts.asOf, explain: opts.explain, priorFor };
  for (const p of paths) {
    if (p === '-') {
      for (const doc of splitStdin(await io.readStdin())) results.push(await checkText(doc.text, doc.uri, set, evalOpts));
      continue;
    }
    const uri = displayPath(p);
    try {
      results.push(await checkText(await readText(p, opts.maxBytes ?? DEFAULT_MAX_BYTES), uri, set, evalOpts));
    } catch (err) {
      const message = err instanceof InputError ? err.message : `cannot read: ${(err as Error).message}`;
      results.push(errorResult(uri, [{ code: 'read-error', severity: 'error', message, location: { uri, pointer: '' } }]));
    }
  }
  return results;
}

/** `xborder check`: returns the exit code (0 within the gate, 1 a verdict fails it, 2 an input is invalid). */
export async function runCheck(inputs: readonly string[], set: PackSet, opts: CheckCommandOptions, io: CliIO): Promise<number> {
  const formatter = getFormatter(opts.format);
  if (!formatter) {
    io.stderr(`xborder: unknown --format "${opts.format}"\n`);
    return 2;
  }
  const logger = await log();
  let results: CheckResult[];
  if (opts.ledger !== undefined) {
    // The ledger driver loads only when asked for (cold start); an unreadable ledger stops the run (exit 2).
    const { openLedger, redactLedgerSpec } = await import('../ledger/open.js');
    const { exporterKey } = await import('../ledger/key.js');
    let store;
    try {
      store = await openLedger(opts.ledger || undefined);
    } catch (err) {
      io.stderr(`xborder: cannot open ledger ${redactLedgerSpec(opts.ledger)}: ${(err as Error).message}\n`);
      return 2;
    }
    try {
      results = await gather(inputs, set, opts, io, (m, w) => store.totals(exporterKey(m.exporter), w.fromYear, w.toYear, { excludeManifestId: m.id }));
    } finally {
      await store.close();
    }
  } else results = await gather(inputs, set, opts, io);
  for (const r of results) {
    if (isError(r)) logger.warn({ source: r.source, code: r.error.code, line: r.error.line, column: r.error.column }, 'manifest rejected');
    else logger.debug({ manifest: r.manifest, verdict: r.verdict, mechanism: r.mechanism, rules: r.findings.map((f) => f.rule), counts: r.counts }, 'verdict');
  }
  const ctx: FormatContext = { lang: opts.lang, color: !opts.output && useColor(io), rules: ruleInfo(set), failOn: opts.failOn, toolVersion: await toolVersion() };
  await writeReport(io, formatter(results, ctx), opts.output);
  // The text report ends with the summary; other formats keep stdout machine-readable, so it goes to stderr.
  if (!opts.quiet && (opts.format !== 'text' || opts.output)) io.stderr(`${summaryLine(results, opts.failOn)}\n`);
  const code = exitCode(results, opts.failOn);
  logger.info({ checked: results.length, exitCode: code }, 'check finished');
  return code;
}
