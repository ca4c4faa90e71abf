/**
 * --format junit: one <testsuite> per manifest file, one <testcase> per manifest. A verdict that fails the
 * gate is a <failure>; an unreadable or invalid manifest is an <error>; a review below the gate is noted
 * in <system-out> so it stays visible without failing the build.
 */
import type { CheckResult, ErrorResult, Finding, Lang, Verdict } from '../model/verdict.js';
import { citationIn, decidedBy, gateOutcome, isError } from '../model/verdict.js';
import type { FormatContext, Formatter, ReportFormat } from './types.js';
import { errorItems, failsGate, failsGateAs, groupBySource, lines, manifestName, pick, position, reportedFindings, waivedNote, withCitation } from './common.js';
import { attrs, escapeText } from './xml.js';
import { MECHANISM_TEXT, OUTCOME_TEXT } from './labels.js';

const reasonLine = (v: Verdict, f: Finding, lang: Lang): string => {
  const where = `${position(v.source, f.line, f.column)} ${f.path}`;
  return lang === 'zh'
    ? `[${OUTCOME_TEXT[f.outcome].zh}] ${f.rule}：${withCitation(pick(f.message, lang), citationIn(f, lang), lang)}位置：${where}`
    : `[${f.outcome}] ${f.rule}: ${pick(f.message, lang)} (${citationIn(f, lang)}) at ${where}`;
};

const failureMessage = (v: Verdict, lang: Lang): string => {
  const first = decidedBy(v)[0] ?? reportedFindings(v)[0];
  if (lang === 'zh') {
    const head = `${OUTCOME_TEXT[v.verdict].zh}（${MECHANISM_TEXT[v.mechanism].zh}）`;
    return first ? `${head}：${first.rule}：${pick(first.message, lang)}` : head;
  }
  const head = `${v.verdict} (${v.mechanism})`;
  return first ? `${head}: ${first.rule}: ${pick(first.message, lang)}` : head;
};

const verdictCase = (v: Verdict, ctx: FormatContext): { xml: string[]; failed: boolean; skipped?: boolean } => {
  const open = `    <testcase${attrs({ name: v.manifest, classname: v.source })}>`;
  const reasons = reportedFindings(v).map((f) => reasonLine(v, f, ctx.lang));
  if (failsGate(v, ctx.failOn) && !failsGateAs(gateOutcome(v), ctx.failOn)) {
    // Every finding that would fail the gate is waived: skipped, with who accepted it and why.
    const why = reportedFindings(v).flatMap((f) => (f.waived ? [`${f.rule}${ctx.lang === 'zh' ? '：' : ': '}${waivedNote(f.waived, ctx.lang)}`] : []));
    return { failed: false, skipped: true, xml: [open, `      <skipped${attrs({ message: why.join('; ') })}/>`, '    </testcase>'] };
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
    const note = `${ctx.lang === 'zh' ? '需人工审查（不计入门禁）：' : `review (below --fail-on ${ctx.failOn}):`}\n${reasons.join('\n')}`;
    return { failed: false, xml: [open, `      <system-out>${escapeText(note)}</system-out>`, '    </testcase>'] };
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

const suite = (source: string, results: CheckResult[], ctx: FormatContext) => {
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const body: string[] = [];
  for (const r of results) {
    if (isError(r)) {
      errors++;
      body.push(...errorCase(r, ctx.lang));
    } else {
      const c = verdictCase(r, ctx);
      if (c.failed) failures++;
      if (c.skipped) skipped++;
      body.push(...c.xml);
    }
  }
  const head = `  <testsuite${attrs({ name: source, tests: results.length, failures, errors, skipped })}>`;
  return { failures, errors, xml: [head, ...body, '  </testsuite>'] };
};

export const junit: Formatter = (results, ctx) => {
  const suites = groupBySource(results).map(([source, rs]) => suite(source, rs, ctx));
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const errors = suites.reduce((n, s) => n + s.errors, 0);
  return lines([
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'xborder', tests: results.length, failures, errors })}>`,
    ...suites.flatMap((s) => s.xml),
    '</testsuites>',
  ]);
};

export const format: ReportFormat = { whole: junit };
