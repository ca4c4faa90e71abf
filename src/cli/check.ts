import { readFile } from 'node:fs/promises';
import { isError, type CheckResult, type Lang } from '../model/verdict.js';
import type { PackSet } from '../evaluate/pack-set.js';
import { checkText, errorResult } from '../pipeline.js';
import { displayPath, expandInputs, InputError, readStdinText, readText, resolveMaxBytes } from '../io/files.js';
import { exitCode, getFormatter, summaryLine, type FormatContext, type RuleInfo } from '../report/index.js';
import type { CliIO } from './io.js';
import { useColor, writeReport } from './io.js';
import { log } from './log.js';

export interface CheckCommandOptions {
  format: string;
  lang: Lang;
  failOn: 'fail' | 'review';
  asOf?: string;
  quiet?: boolean;
  output?: string;
  explain?: boolean;
  maxBytes?: number;
}

export const toolVersion = async (): Promise<string> =>
  (JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

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

/** An unreadable input becomes an error result in its place: the rest of the batch is still checked. */
function readError(uri: string, err: unknown): CheckResult {
  const e = err instanceof InputError ? err : undefined;
  const message = e ? e.message : `cannot read: ${(err as Error).message}`;
  return errorResult(uri, [{ code: 'read-error', severity: 'error', message, location: { uri, pointer: '', line: e?.line, column: e?.column } }]);
}

async function gather(inputs: readonly string[], set: PackSet, opts: CheckCommandOptions, io: CliIO, maxBytes: number): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const { paths, missing } = await expandInputs(inputs);
  for (const m of missing) results.push(errorResult(m, [{ code: 'read-error', severity: 'error', message: 'no such file or directory', location: { uri: m, pointer: '' } }]));
  const evalOpts = { asOf: opts.asOf, explain: opts.explain };
  for (const p of paths) {
    if (p === '-') {
      let stdin: string;
      try {
        stdin = await readStdinText(io.readStdin, maxBytes);
      } catch (err) {
        results.push(readError('<stdin>', err));
        continue;
      }
      for (const doc of splitStdin(stdin)) results.push(await checkText(doc.text, doc.uri, set, evalOpts));
      continue;
    }
    const uri = displayPath(p);
    let text: string;
    try {
      text = await readText(p, maxBytes);
    } catch (err) {
      results.push(readError(uri, err));
      continue;
    }
    results.push(await checkText(text, uri, set, evalOpts));
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
  let maxBytes: number;
  try {
    maxBytes = resolveMaxBytes(opts.maxBytes, io.env);
  } catch (err) {
    io.stderr(`xborder: ${(err as Error).message}\n`);
    return 2;
  }
  const logger = await log();
  const results = await gather(inputs, set, opts, io, maxBytes);
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
