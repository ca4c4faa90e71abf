/**
 * The console's command on the xborder command line (`report`), added to the CLI's program by bin/xborder.js
 * like the service's: the printable report of one manifest's verdict, as HTML or, through Chromium, as PDF.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { checkOne } from '../app/check-one.js';
import type { AppIO } from '../app/io.js';
import { loadPacksOrReport } from '../app/packs.js';
import type { PackSet } from '../evaluate/pack-set.js';
import { displayPath, InputError, readText } from '../io/files.js';
import { bundledRules } from '../load/load-packs.js';
import { yamlLib } from '../source/yaml-lib.js';
import { isError, type Lang, type Verdict } from '../model/verdict.js';
import { findChromium, printPdf } from './pdf.js';
import { reportDocument, type ReportContext } from './report-html.js';
import { thresholdsOf } from './thresholds.js';

interface ReportOptions { lang: Lang; pack: string[]; asOf?: string; output?: string; pdf?: string }

const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function addConsoleCommands(program: Command, io: AppIO, setCode: (code: number) => void): void {
  program.command('report')
    .description('printable report of one manifest\'s verdict: HTML (stdout or --output), or PDF with --pdf through headless Chromium')
    .argument('<manifest>', 'manifest file')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['en', 'zh']).default(/^zh/i.test(io.env.LANG ?? '') ? 'zh' : 'en'))
    .addOption(new Option('-p, --pack <path>', 'rule pack file or directory (repeatable; default: the bundled rules/)').argParser(collect).default([]))
    .option('--as-of <date>', 'evaluate as of this date instead of the manifest\'s date')
    .option('-o, --output <file>', 'write the HTML to this file instead of stdout')
    .option('--pdf <file>', 'print the report to this PDF (needs chromium; without it the HTML is written next to it)')
    .action(async (file: string, o: ReportOptions) => {
      const set = await loadPacksOrReport(o.pack.length ? o.pack : [bundledRules()], io, { cache: true });
      setCode(set ? await reportCommand(file, set, o, io) : 2);
    });
}

/** The national pack's thresholds, read from the pack file itself (compiled packs keep values only). */
function thresholds(v: Verdict, set: PackSet): ReportContext['thresholds'] {
  const pack = set.packs.find((p) => p.meta.scope.kind === 'national' && v.packs.some((r) => r.id === p.meta.id));
  if (!pack) return [];
  try {
    return thresholdsOf((yamlLib().parse(readFileSync(pack.uri, 'utf8')) as { parameters?: Parameters<typeof thresholdsOf>[0] }).parameters);
  } catch {
    return [];
  }
}

const reportCss = (): string => readFileSync(new URL('./report.css', import.meta.url), 'utf8');

async function reportCommand(file: string, set: PackSet, o: ReportOptions, io: AppIO): Promise<number> {
  let text: string;
  try {
    text = readText(file);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    io.stderr(`xborder: ${displayPath(file)}: ${err.message}\n`);
    return 2;
  }
  const result = await checkOne(text, displayPath(file), set, { asOf: o.asOf });
  if (isError(result)) {
    io.stderr(`xborder: ${result.source}${result.error.line ? `:${result.error.line}:${result.error.column ?? 1}` : ''} ${result.error.message}\n`);
    return 2;
  }
  const m = yamlLib().parse(text) as { date?: string; exporter?: { name?: string }; recipient?: { name?: string; country?: string } };
  const html = reportDocument(result, {
    thresholds: thresholds(result, set),
    summary: { exporter: m.exporter?.name, recipient: m.recipient?.name, country: m.recipient?.country, date: m.date },
    generatedOn: new Date().toISOString().slice(0, 10),
  }, o.lang, reportCss());
  if (!o.pdf) {
    if (o.output) writeFileSync(o.output, html);
    else io.stdout(html);
    return 0;
  }
  const chromium = findChromium(io.env);
  if (!chromium) {
    const htmlPath = o.output ?? o.pdf.replace(/(\.pdf)?$/i, '.html');
    writeFileSync(htmlPath, html);
    io.stderr(`xborder: no Chromium found (set XBORDER_CHROMIUM or install chromium); wrote the HTML report to ${htmlPath}\n`);
    return 0;
  }
  if (o.output) writeFileSync(o.output, html);
  try {
    await printPdf(chromium, html, o.pdf);
  } catch (err) {
    io.stderr(`xborder: ${(err as Error).message}\n`);
    return 2;
  }
  return 0;
}
