/** --format markdown: a pull-request comment (GitHub-flavoured Markdown). */
import type { CheckResult, ErrorResult, Finding, Lang, Outcome, Verdict } from '../model/verdict.js';
import { citationIn, decidedBy, isError } from '../model/verdict.js';
import type { AssembledStream, FormatContext, Formatter, ReportFormat, Tally } from './types.js';
import { assembled } from './assemble.js';
import { errorItems, lines, manifestName, pick, position, reportedFindings, showControls, waivedMark, waivedNote, withCitation } from './common.js';
import { countOutcome, emptyTally, tallyLine } from './summary.js';
import { DIAGNOSTIC_ZH, HELD_ZH, mechanismCell, operatorText, OUTCOME_TEXT, RUN_ERROR } from './labels.js';

const LABELS = {
  en: {
    title: 'xborder cross-border transfer check',
    gatePassed: 'Gate passed', gatePassedReview: 'Gate passed, with transfers to review', gatePassedWaived: 'Gate passed, by waivers', gateFailed: 'Gate failed',
    head: ['Manifest', 'Verdict', 'Mechanism', 'Key reason'],
    error: 'error', noReason: 'no finding', file: 'File: ',
    notListed: (n: number, of: number) => `${n} of ${of} manifests are counted above but not listed (--only).`,
    leftOut: (n: number, of: number) => `${n} of ${of} manifests are left out to fit a pull-request comment (${COMMENT_LIMIT.toLocaleString('en-US')} characters, failures first); the full report: \`xborder check --format markdown=xborder.md\` or the job's SARIF/JSON report.`,
  },
  zh: {
    title: 'xborder 数据出境检查',
    gatePassed: '门禁通过', gatePassedReview: '门禁通过，但有需人工审查的出境', gatePassedWaived: '门禁通过（经例外批准）', gateFailed: '门禁未通过',
    head: ['出境说明', '结论', '所需机制', '主要原因'],
    error: '错误', noReason: '无发现', file: '文件：',
    notListed: (n: number, of: number) => `${of} 份出境说明中有 ${n} 份计入上方统计，但按 --only 未列出。`,
    leftOut: (n: number, of: number) => `为符合拉取请求评论的长度上限（${COMMENT_LIMIT.toLocaleString('en-US')} 字符，未通过项在前），${of} 份出境说明中有 ${n} 份未列出；完整报告：\`xborder check --format markdown=xborder.md\`，或本次任务的 SARIF/JSON 报告。`,
  },
} as const;

const ICON: Record<Outcome | 'error', string> = { pass: '✅', review: '⚠️', fail: '❌', error: '🚫' };
/** The mark of a waived finding, and of a verdict whose failing findings are all waived. */
const WAIVED_ICON = '⚪';

/**
 * Escape for inline Markdown: backslash-escape ASCII punctuation that Markdown or GFM tables act on
 * (CommonMark allows a backslash before any ASCII punctuation; `$` stops GitHub math, `@` stops mentions),
 * and turn line breaks into <br> so a
 * message cannot end a table row or list item.
 */
export const escapeMarkdown = (s: string): string =>
  showControls(s)
    .replace(/[\\`*_{}[\]()<>#+!|~&^$@]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '<br>');

const outcomeLabel = (o: Outcome | 'error', lang: Lang): string =>
  `${ICON[o]} ${o === 'error' ? LABELS[lang].error : OUTCOME_TEXT[o][lang]}`;

/** A verdict's cell and icon: a fail whose failing findings are all waived shows as waived (⚪), never as pass. */
const verdictLabel = (v: Verdict, lang: Lang): string => {
  const waived = waivedMark(v, lang);
  return waived ? `${WAIVED_ICON} ${OUTCOME_TEXT[v.verdict][lang]}${escapeMarkdown(waived)}` : outcomeLabel(v.verdict, lang);
};

const keyReason = (v: Verdict, lang: Lang): string => {
  const f = decidedBy(v)[0] ?? v.findings[0];
  return f ? withCitation(escapeMarkdown(pick(f.message, lang)), escapeMarkdown(citationIn(f, lang)), lang) : LABELS[lang].noReason;
};

const row = (r: CheckResult, lang: Lang): string => {
  const cells = isError(r)
    ? [escapeMarkdown(manifestName(r)), outcomeLabel('error', lang), '—', escapeMarkdown(`${diagnosticLabel(r.error.code, lang)}${lang === 'zh' ? '：' : ': '}${errorItems(r, lang)[0]?.message ?? r.error.message}`)]
    : [escapeMarkdown(r.manifest), verdictLabel(r, lang), escapeMarkdown(mechanismCell(r.mechanism, lang, r.verdict)), keyReason(r, lang)];
  return `| ${cells.join(' | ')} |`;
};

const findingItem = (v: Verdict, f: Finding, lang: Lang): string =>
  `- **${OUTCOME_TEXT[f.outcome][lang]}** ${escapeMarkdown(f.rule)}: ${escapeMarkdown(pick(f.message, lang))}` +
  ` — *${escapeMarkdown(citationIn(f, lang))}* — ${escapeMarkdown(position(v.source, f.line))}` +
  (f.waived ? ` — ${WAIVED_ICON} ${escapeMarkdown(waivedNote(f.waived, lang))}` : '');

/** With --explain, each evaluated condition and the manifest field it read (Chinese: operators and yes/no in words). */
const reasonItems = (f: Finding, lang: Lang): string[] =>
  (f.reasons ?? []).map((r) => {
    const path = r.path ? ` ${escapeMarkdown(r.path)}` : '';
    if (lang === 'en') return `  - \`${escapeMarkdown(r.fact)} ${escapeMarkdown(r.operator)} ${escapeMarkdown(JSON.stringify(r.expected) ?? '')}\` → ${escapeMarkdown(JSON.stringify(r.actual) ?? '')} (${String(r.held)})${path}`;
    const value = (v: unknown): string => (typeof v === 'boolean' ? (v ? '是' : '否') : `\`${escapeMarkdown(JSON.stringify(v) ?? '')}\``);
    return `  - \`${escapeMarkdown(r.fact)}\` ${escapeMarkdown(operatorText(r.operator, r.fact, 'zh'))} ${value(r.expected)} → ${value(r.actual)}（${HELD_ZH[String(r.held) as keyof typeof HELD_ZH]}）${path}`;
  });

/** A diagnostic code (read-error, schema, …) as a reader sees it: the code in English, its name in Chinese. */
const diagnosticLabel = (code: string, lang: Lang): string => (lang === 'zh' ? DIAGNOSTIC_ZH[code] ?? code : code);

const verdictSection = (v: Verdict, lang: Lang): string[] => {
  // A pass lists the rule that made it pass; fail/review list only what is wrong.
  const shown = v.verdict === 'pass' ? v.findings : reportedFindings(v);
  return [
    `### ${waivedMark(v, lang) ? WAIVED_ICON : ICON[v.verdict]} ${escapeMarkdown(v.manifest)}${escapeMarkdown(waivedMark(v, lang))}`,
    '',
    `${LABELS[lang].file}${escapeMarkdown(v.source)}`,
    '',
    ...shown.flatMap((f) => [findingItem(v, f, lang), ...reasonItems(f, lang)]),
  ];
};

const errorSection = (e: ErrorResult, lang: Lang): string[] => {
  const items = errorItems(e, lang).map((i) => `- ${escapeMarkdown(i.message)} — ${escapeMarkdown(position(e.source, i.line))}`);
  return [`### ${ICON.error} ${escapeMarkdown(manifestName(e))}`, '', `${LABELS[lang].file}${escapeMarkdown(e.source)}`, '', `**${escapeMarkdown(diagnosticLabel(e.error.code, lang))}**`, '', ...items];
};

/** GitHub refuses a pull-request comment longer than this (characters). */
export const COMMENT_LIMIT = 65_536;

const FIRST: Record<Outcome | 'error', number> = { error: 0, fail: 1, review: 2, pass: 3 };

/** One manifest's table row, then its section: the row is one line (escapeMarkdown turns breaks into <br>). */
const item = (r: CheckResult, ctx: FormatContext): string =>
  `${row(r, ctx.lang)}\n${lines(['', ...(isError(r) ? errorSection(r, ctx.lang) : verdictSection(r, ctx.lang))])}`;

/**
 * A pull-request comment: the gate and the summary, then a table and a section per manifest, failures first.
 * It never exceeds COMMENT_LIMIT: what does not fit is counted in a last line that says where the rest is.
 *
 * Parts are kept per verdict, in input order, and only while they fit: the comment shows the longest run of
 * them, failures first, that fits under the header, and the header only grows as results come (larger counts,
 * a failed gate), so a part dropped once never fits again. Memory is bounded by the cap, not the batch.
 */
const open: AssembledStream['open'] = (ctx, out) => {
  const L = LABELS[ctx.lang];
  const t = emptyTally();
  const kept: string[][] = [[], [], [], []];
  /** The first rank that lost a part: a later part of that rank or below comes after it and cannot show. */
  let cut = kept.length;
  let size = 0;
  /** Results --only leaves out: in the counts (README: "all are counted"), never in the table. */
  let filtered = 0;
  /**
   * Passed with reviews left is not all clear: a person still has to look (the gate only ignores them by --fail-on).
   * `run`, at the end: the whole run's tally, so a run that exits 2 for itself (a folder with no manifest, a ledger it
   * could not read) fails whatever its verdicts; the comment said "Gate passed".
   */
  const head = (run: Tally = t): string[] => {
    // A fail a waiver eased passes the gate, but a person accepted a risk there: not all clear either.
    const gate = run.gateFailures > 0 || run.error > 0 || run.runError ? `❌ ${L.gateFailed}` : run.review > 0 ? `⚠️ ${L.gatePassedReview}` : run.waived > 0 ? `⚠️ ${L.gatePassedWaived}` : `✅ ${L.gatePassed}`;
    return [`## ${L.title}`, '', `**${gate}** — ${tallyLine(run, ctx.failOn, ctx.lang)}`, ...(run.runError ? ['', RUN_ERROR[ctx.lang]] : []), '', `| ${L.head.join(' | ')} |`, `|${L.head.map(() => '---').join('|')}|`];
  };
  const fit = (): void => {
    const room = COMMENT_LIMIT - lines(head()).length - 400; // 400: room for the "left out" line
    while (size > room) {
      const last = kept.findLastIndex((k) => k.length > 0);
      size -= (kept[last]!.pop() as string).length;
      cut = Math.min(cut, last);
    }
  };
  return {
    add: (part, info) => {
      countOutcome(t, info.outcome, ctx.failOn, info.gate);
      const rank = FIRST[info.outcome];
      if (rank >= cut) return;
      kept[rank]!.push(part);
      size += part.length;
      fit();
    },
    skip: (info) => {
      countOutcome(t, info.outcome, ctx.failOn, info.gate);
      filtered++;
    },
    end: (run) => {
      fit();
      const parts = kept.flat();
      const left = t.checked - filtered - parts.length;
      out(lines(head(run)));
      for (const p of parts) out(p.slice(0, p.indexOf('\n') + 1));
      for (const p of parts) out(p.slice(p.indexOf('\n') + 1));
      if (filtered) out(lines(['', `> ${L.notListed(filtered, t.checked)}`]));
      if (left) out(lines(['', `> ${L.leftOut(left, t.checked)}`]));
    },
  };
};

const stream: AssembledStream = { item, open };

export const markdown: Formatter = assembled(stream);

export const format: ReportFormat = { whole: markdown, assembled: stream };
