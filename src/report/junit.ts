/**
 * --format junit: one <testsuite> per manifest file, one <testcase> per manifest. A verdict that fails the
 * gate is a <failure>; an unreadable or invalid manifest is an <error>; a review below the gate is noted
 * in <system-out> so it stays visible without failing the build.
 */
import type { CheckResult, ErrorResult, Finding, Lang, Verdict } from '../model/verdict.js';
import { citationIn, decidedBy, gateOutcome, isError } from '../model/verdict.js';
import type { AssembledStream, FormatContext, Formatter, PartInfo, ReportFormat } from './types.js';
import { assembled } from './assemble.js';
import { errorItems, failsGate, failsGateAs, lines, manifestName, pick, position, reportedFindings, waivedMark, waivedNote, withCitation } from './common.js';
import { attrs, escapeText } from './xml.js';
import { MECHANISM_UNDETERMINED, mechanismHeadline, NOT_LISTED_FAILING, OUTCOME_TEXT, RUN_ERROR } from './labels.js';

/**
 * One finding as a line: "[fail] rule: …", and a waived one "[fail, waived] rule: … ; waived by …" (the verdict
 * contract: waived findings are shown as waived in every format, never as plain fails).
 */
const reasonLine = (v: Verdict, f: Finding, lang: Lang): string => {
  const where = `${position(v.source, f.line, f.column)} ${f.path}`;
  return lang === 'zh'
    ? `[${OUTCOME_TEXT[f.outcome].zh}${f.waived ? '，已例外批准' : ''}] ${f.rule}：${withCitation(pick(f.message, lang), citationIn(f, lang), lang)}位置：${where}${f.waived ? `；${waivedNote(f.waived, lang)}` : ''}`
    : `[${f.outcome}${f.waived ? ', waived' : ''}] ${f.rule}: ${pick(f.message, lang)} (${citationIn(f, lang)}) at ${where}${f.waived ? `; ${waivedNote(f.waived, lang)}` : ''}`;
};

/**
 * The <failure> message: the verdict (marked when its worst findings are waived) and the first finding the gate
 * fails on, which is never a waived one: a waived finding heading the failure read as the reason the build broke.
 */
const failureMessage = (v: Verdict, lang: Lang): string => {
  const gate = gateOutcome(v);
  const first = v.findings.find((f) => !f.waived && f.outcome === gate) ?? decidedBy(v)[0] ?? reportedFindings(v)[0];
  const mark = waivedMark(v, lang);
  if (lang === 'zh') {
    const head = `${OUTCOME_TEXT[v.verdict].zh}${mark}（${mechanismHeadline(v.verdict, v.mechanism).zh}）`;
    return first ? `${head}：${first.rule}：${pick(first.message, lang)}` : head;
  }
  // The ids, as the JSON has them; a review with none names no mechanism it has settled on.
  const head = `${v.verdict}${mark} (${v.verdict === 'review' && v.mechanism === 'none' ? MECHANISM_UNDETERMINED.en : v.mechanism})`;
  return first ? `${head}: ${first.rule}: ${pick(first.message, lang)}` : head;
};

/**
 * A review the gate lets through, noted in <system-out> so it stays visible without failing the build: headed by
 * the verdict as reported ("fail (waived; review remains)" when a waived fail leaves an unwaived review).
 */
const reviewNote = (v: Verdict, reasons: readonly string[], ctx: FormatContext): string => {
  const shown = `${OUTCOME_TEXT[v.verdict][ctx.lang]}${waivedMark(v, ctx.lang)}`;
  return `${ctx.lang === 'zh' ? `${shown}（不计入门禁）：` : `${shown} (below --fail-on ${ctx.failOn}):`}\n${reasons.join('\n')}`;
};

const verdictCase = (v: Verdict, ctx: FormatContext): { xml: string[]; failed: boolean; skipped?: boolean } => {
  const open = `    <testcase${attrs({ name: v.manifest, classname: v.source })}>`;
  const reasons = reportedFindings(v).map((f) => reasonLine(v, f, ctx.lang));
  if (failsGate(v, ctx.failOn) && !failsGateAs(gateOutcome(v), ctx.failOn)) {
    // Every finding that would fail the gate is waived: skipped, with who accepted it and why.
    const why = reportedFindings(v).flatMap((f) => (f.waived ? [`${f.rule}${ctx.lang === 'zh' ? '：' : ': '}${waivedNote(f.waived, ctx.lang)}`] : []));
    const skipped = `      <skipped${attrs({ message: why.join('; ') })}/>`;
    // An unwaived review below the gate stays visible beside the skip, as a review without waivers is.
    const rest = gateOutcome(v) === 'review' ? [`      <system-out>${escapeText(reviewNote(v, reasons, ctx))}</system-out>`] : [];
    return { failed: false, skipped: true, xml: [open, skipped, ...rest, '    </testcase>'] };
  }
  if (failsGate(v, ctx.failOn)) {
    return {
      failed: true,
      xml: [
        open,
        `      <failure${attrs({ message: failureMessage(v, ctx.lang), type: v.verdict })}>${escapeText(reasons.join('\n'))}</failure>`,
        '    </testcase>',
      ],
    };
  }
  if (v.verdict === 'review') {
    return { failed: false, xml: [open, `      <system-out>${escapeText(reviewNote(v, reasons, ctx))}</system-out>`, '    </testcase>'] };
  }
  return { failed: false, xml: [`    <testcase${attrs({ name: v.manifest, classname: v.source })}/>`] };
};

const errorCase = (e: ErrorResult, lang: Lang): string[] => {
  const items = errorItems(e, lang);
  const details = items.map((i) => `${i.message}${lang === 'zh' ? ' 位置：' : ' at '}${position(e.source, i.line, i.column)}${i.path ? ` ${i.path}` : ''}`);
  return [
    `    <testcase${attrs({ name: manifestName(e), classname: e.source })}>`,
    `      <error${attrs({ message: items[0]?.message ?? e.error.message, type: e.error.code })}>${escapeText(details.join('\n'))}</error>`,
    '    </testcase>',
  ];
};

/** One manifest's <testcase>, whole lines. */
const item = (r: CheckResult, ctx: FormatContext): string => lines(isError(r) ? errorCase(r, ctx.lang) : verdictCase(r, ctx).xml);

/**
 * Suites are runs of consecutive results from one source file, and both <testsuite> and <testsuites> count
 * what they hold in their opening tags: a suite's cases wait in one spool until the next file starts, finished
 * suites in another until the end, when the totals are known. Only a spool's memory part stays in memory.
 */
const open: AssembledStream['open'] = (ctx, out, spool) => {
  const body = spool();
  const cases = spool();
  const total = { tests: 0, failures: 0, errors: 0 };
  let suite: { name: string; tests: number; failures: number; errors: number; skipped: number } | undefined;
  const close = (): void => {
    if (!suite) return;
    const { name, tests, failures, errors, skipped } = suite;
    body.write(`  <testsuite${attrs({ name, tests, failures, errors, skipped })}>\n`);
    cases.drain(body.write);
    body.write('  </testsuite>\n');
  };
  // As verdictCase decides: failing under the gate, unless every failing finding is waived (skipped).
  const kindOf = ({ outcome, gate }: Pick<PartInfo, 'outcome' | 'gate'>): 'errors' | 'failures' | 'skipped' | undefined =>
    outcome === 'error' ? 'errors' : !failsGateAs(outcome, ctx.failOn) ? undefined : gate !== 'error' && failsGateAs(gate, ctx.failOn) ? 'failures' : 'skipped';
  /** Results that fail the gate and that --only leaves out. */
  let unlisted = 0;
  const count = (kind: ReturnType<typeof kindOf>): void => {
    total.tests++;
    if (kind === 'errors' || kind === 'failures') total[kind]++;
  };
  return {
    add: (part, info) => {
      if (suite?.name !== info.source) {
        close();
        suite = { name: info.source, tests: 0, failures: 0, errors: 0, skipped: 0 };
      }
      const kind = kindOf(info);
      suite.tests++;
      if (kind) suite[kind]++;
      count(kind);
      cases.write(part);
    },
    // A result --only leaves out has no <testcase>, but <testsuites> still counts it: its tests/failures/errors are
    // the whole run's, the numbers the summary line and every other format give (README: "all are counted"), so a
    // CI dashboard reading the totals sees 9 failures of 25, not of the 15 shown. Each <testsuite> counts only the
    // cases it holds: a suite whose every case was left out is not written, so there is nothing to carry the rest.
    skip: (info) => {
      const kind = kindOf(info);
      count(kind);
      if (kind === 'failures' || kind === 'errors') unlisted++;
    },
    end: (run) => {
      close();
      // Cases of the run itself, in a suite of their own. A run that exits 2 for itself (a folder with no manifest, a
      // ledger it could not read) is an error; results that fail the gate but --only leaves out are one failure case.
      // Without them a CI test report, which counts <testcase> elements, showed such a run green. The run error adds
      // to the totals; the left-out results are already in them.
      const runError = run?.runError === true;
      if (runError) count('errors');
      out(lines(['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: 'xborder', ...total })}>`]));
      const own: string[] = [];
      if (runError) {
        const message = RUN_ERROR[ctx.lang];
        own.push(`    <testcase${attrs({ name: 'run', classname: 'xborder' })}>`, `      <error${attrs({ message })}>${escapeText(message)}</error>`, '    </testcase>');
      }
      if (unlisted) {
        const message = NOT_LISTED_FAILING(unlisted)[ctx.lang];
        own.push(`    <testcase${attrs({ name: 'not-listed', classname: 'xborder' })}>`, `      <failure${attrs({ message, type: 'not-listed' })}>${escapeText(message)}</failure>`, '    </testcase>');
      }
      if (own.length) {
        const counts = { tests: Number(runError) + Number(unlisted > 0), failures: Number(unlisted > 0), errors: Number(runError), skipped: 0 };
        out(lines([`  <testsuite${attrs({ name: 'xborder', ...counts })}>`, ...own, '  </testsuite>']));
      }
      body.drain(out);
      out('</testsuites>\n');
      cases.close();
      body.close();
    },
  };
};

const stream: AssembledStream = { item, open };

export const junit: Formatter = assembled(stream);

export const format: ReportFormat = { whole: junit, assembled: stream };
