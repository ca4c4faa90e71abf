/**
 * `xborder report`'s work (its command is defined in commands.ts, which loads this module only when the command
 * runs): the verdict `check` would give the file, as HTML or, through Chromium, as PDF.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { checkOneWithManifest } from '../app/check-one.js';
import { usableWaivers } from '../app/check.js';
import { checkLedger } from '../app/check-settings.js';
import { runToday } from '../app/today.js';
import { filesRead, reportFilesProblem, writeProblem } from '../app/report-files.js';
import type { AppIO } from '../app/io.js';
import { MESSAGES, say } from '../app/messages.js';
import { openPriorTotals } from '../app/prior-totals.js';
import { loadProjectPacks, projectSettingsOrReport } from '../app/project-settings.js';
import { rejectedLines } from '../app/rejected.js';
import type { PackSet } from '../evaluate/pack-set.js';
import { displayPath, InputError, readText, resolveMaxBytes } from '../io/files.js';
import type { Manifest } from '../model/manifest.js';
import { isError, withinGate, type Lang, type Verdict } from '../model/verdict.js';
import { errorMessageIn } from '../report/error-text.js';
import { findChromium, printPdf } from './pdf.js';
import { reportDocument, type ReportContext } from './report-html.js';
import { materialsFor } from './materials.js';
import { thresholdsOf } from './thresholds.js';

export interface ReportOptions {
  lang: Lang; pack: string[]; asOf?: string; output?: string; pdf?: string;
  config?: string | false; waivers?: string; ledger?: string; trust?: string;
  /** Given on the command line only: it wins over the configuration's failOn. */
  failOn?: 'fail' | 'review';
}

/**
 * What the report shows beside the verdict, from objects already loaded: the national pack's thresholds (its
 * parameters as written), the materials of the packs that decided, and who sends what to whom (the manifest).
 */
export function reportContext(v: Verdict, m: Manifest | undefined, set: PackSet, generatedOn: string): ReportContext {
  const used = set.packs.filter((p) => v.packs.some((r) => r.id === p.meta.id));
  const national = used.find((p) => p.meta.scope.kind === 'national');
  return {
    thresholds: national ? thresholdsOf(national.parameters) : [],
    materials: materialsFor(v.mechanism, used.map((p) => ({ materials: p.materials, zone: p.meta.scope.kind === 'zone' }))),
    summary: { exporter: m?.exporter.name, recipient: m?.recipient.name, country: m?.recipient.country, date: m?.date },
    generatedOn,
  };
}

const reportCss = (): string => readFileSync(new URL('./report.css', import.meta.url), 'utf8');

/** `langFlag`: --lang when given on the command line (it then wins over the configuration's). */
export async function reportCommand(file: string, o: ReportOptions, langFlag: Lang | undefined, io: AppIO): Promise<number> {
  const project = projectSettingsOrReport({ pack: o.pack, config: o.config, waivers: o.waivers, ledger: o.ledger, trust: o.trust, lang: langFlag, failOn: o.failOn }, io, o.lang);
  if (!project) return 2;
  const lang = project.lang ?? o.lang;
  // The files written (the HTML beside a PDF too) vetted as check vets its reports: never over the manifest itself.
  const outputs = [o.output ?? (o.pdf ? o.pdf.replace(/(\.pdf)?$/i, '.html') : undefined), o.pdf].filter((f): f is string => f !== undefined);
  const refused = reportFilesProblem(outputs, [file], lang, filesRead(project, checkLedger(project, io.env).ledger));
  if (refused) {
    say(io.stderr, lang, refused);
    return 2;
  }
  const set = await loadProjectPacks(project, io, lang);
  if (!set) return 2;
  let text: string;
  try {
    text = readText(file, resolveMaxBytes(undefined, io.env));
  } catch (err) {
    if (!(err instanceof InputError) && !(err instanceof RangeError)) throw err;
    io.stderr(`xborder: ${displayPath(file)}: ${errorMessageIn(err.message, lang)}\n`);
    return 2;
  }
  const clock = runToday(io.env);
  if ('problem' in clock) { say(io.stderr, lang, clock.problem); return 2; }
  const { today } = clock;
  const waivers = usableWaivers(project.waivers, today, lang, io, set);
  const { ledger, ledgerFromEnv } = checkLedger(project, io.env); // --ledger, else ledger:, else XBORDER_LEDGER
  const prior = await openPriorTotals(ledger, io, lang, 'report', ledgerFromEnv);
  let checked: { result: Awaited<ReturnType<typeof checkOneWithManifest>>['result']; manifest?: Manifest };
  try {
    checked = await checkOneWithManifest(text, displayPath(file), set, { asOf: o.asOf, priorFor: prior.priorFor, waivers, today });
    // Totals the ledger could not give: the verdict is not the one check would give with them, so no report.
    if (prior.unavailable()) return 2;
  } finally {
    await prior.close();
  }
  const { result, manifest: m } = checked;
  if (isError(result)) {
    io.stderr(`xborder: ${rejectedLines(result, lang).join('\n')}\n`);
    return 2;
  }
  const html = reportDocument(result, reportContext(result, m, set, new Date().toISOString().slice(0, 10)), lang, reportCss());
  const written = await writeReport(html, o, lang, io);
  // A report is no way around the gate: a verdict that fails it is exit 1 here too, once the report is written.
  return written === 0 && !withinGate(result, project.failOn ?? 'fail') ? 1 : written;
}

/** Writes what was asked for; 0 only when all of it was written. A PDF that could not be made is exit 2. */
async function writeReport(html: string, o: Pick<ReportOptions, 'output' | 'pdf'>, lang: Lang, io: AppIO): Promise<number> {
  const write = (path: string): boolean => {
    try {
      writeFileSync(path, html);
      return true;
    } catch (err) {
      say(io.stderr, lang, writeProblem(path, err as NodeJS.ErrnoException)); // a missing folder said as such
      return false;
    }
  };
  if (!o.pdf) {
    if (!o.output) { io.stdout(html); return 0; }
    return write(o.output) ? 0 : 2;
  }
  // The HTML goes to --output, else next to the PDF, only when it is the fallback or was asked for.
  const htmlPath = o.output ?? o.pdf.replace(/(\.pdf)?$/i, '.html');
  const chromium = findChromium(io.env);
  if (!chromium) {
    say(io.stderr, lang, MESSAGES.noChromium(write(htmlPath) ? htmlPath : undefined));
    return 2;
  }
  if (o.output && !write(o.output)) return 2;
  try {
    await printPdf(chromium, html, o.pdf);
  } catch (err) {
    const fallback = o.output ? o.output : write(htmlPath) ? htmlPath : undefined;
    say(io.stderr, lang, MESSAGES.pdfFailed(errorMessageIn((err as Error).message, lang), fallback));
    return 2;
  }
  return 0;
}
