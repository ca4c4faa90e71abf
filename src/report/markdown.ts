/** --format markdown: a pull-request comment (GitHub-flavoured Markdown). */
import type { CheckResult, ErrorResult, Finding, Lang, Outcome, Verdict } from '../model/verdict.js';
import { citationIn, decidedBy, isError } from '../model/verdict.js';
import type { FormatContext, Formatter, ReportFormat } from './types.js';
import { errorItems, lines, manifestName, pick, position, reportedFindings, showControls, waivedNote, withCitation } from './common.js';
import { tally, tallyLine } from './summary.js';
import { DIAGNOSTIC_ZH, HELD_ZH, mechanismCell, OPERATOR_TEXT } from './labels.js';

const LABELS = {
  en: {
    title: 'xborder cross-border transfer check',
    gatePassed: 'Gate passed', gateFailed: 'Gate failed',
    head: ['Manifest', 'Verdict', 'Mechanism', 'Key reason'],
    error: 'error', noReason: 'no finding', file: 'File: ',
    pass: 'pass', review: 'review', fail: 'fail',
    leftOut: (n: number, of: number) => `${n} of ${of} manifests are left out to fit a pull-request comment (${COMMENT_LIMIT.toLocaleString('en-US')} characters, failures first); the full report: \`xborder check --format markdown=xborder.md\` or the job's SARIF/JSON report.`,
  },
  zh: {
    title: 'xborder 数据出境检查',
    gatePassed: '门禁通过', gateFailed: '门禁未通过',
    head: ['清单', '结论', '所需机制', '主要原因'],
    error: '错误', noReason: '无发现', file: '文件：',
    pass: '通过', review: '需人工审查', fail: '不通过',
    leftOut: (n: number, of: number) => `为符合拉取请求评论的长度上限（${COMMENT_LIMIT.toLocaleString('en-US')} 字符，未通过项在前），${of} 份清单中有 ${n} 份未列出；完整报告：\`xborder check --format markdown=xborder.md\`，或本次任务的 SARIF/JSON 报告。`,
  },
} as const;

const ICON: Record<Outcome | 'error', string> = { pass: '✅', review: '⚠️', fail: '❌', error: '🚫' };

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
  `${ICON[o]} ${o === 'error' ? LABELS[lang].error : LABELS[lang][o]}`;

const keyReason = (v: Verdict, lang: Lang): string => {
  const f = decidedBy(v)[0] ?? v.findings[0];
  return f ? withCitation(escapeMarkdown(pick(f.message, lang)), escapeMarkdown(citationIn(f, lang)), lang) : LABELS[lang].noReason;
};

const row = (r: CheckResult, lang: Lang): string => {
  const cells = isError(r)
    ? [escapeMarkdown(manifestName(r)), outcomeLabel('error', lang), '—', escapeMarkdown(`${diagnosticLabel(r.error.code, lang)}${lang === 'zh' ? '：' : ': '}${errorItems(r, lang)[0]?.message ?? r.error.message}`)]
    : [escapeMarkdown(r.manifest), outcomeLabel(r.verdict, lang), escapeMarkdown(mechanismCell(r.mechanism, lang)), keyReason(r, lang)];
  return `| ${cells.join(' | ')} |`;
};

const findingItem = (v: Verdict, f: Finding, lang: Lang): string =>
  `- **${LABELS[lang][f.outcome]}** ${escapeMarkdown(f.rule)}: ${escapeMarkdown(pick(f.message, lang))}` +
  ` — *${escapeMarkdown(citationIn(f, lang))}* — ${escapeMarkdown(position(v.source, f.line))}` +
  (f.waived ? ` — ⚪ ${escapeMarkdown(waivedNote(f.waived, lang))}` : '');

/** With --explain, each evaluated condition and the manifest field it read (Chinese: operators and yes/no in words). */
const reasonItems = (f: Finding, lang: Lang): string[] =>
  (f.reasons ?? []).map((r) => {
    const path = r.path ? ` ${escapeMarkdown(r.path)}` : '';
    if (lang === 'en') return `  - \`${escapeMarkdown(r.fact)} ${escapeMarkdown(r.operator)} ${escapeMarkdown(JSON.stringify(r.expected) ?? '')}\` → ${escapeMarkdown(JSON.stringify(r.actual) ?? '')} (${String(r.held)})${path}`;
    const value = (v: unknown): string => (typeof v === 'boolean' ? (v ? '是' : '否') : `\`${escapeMarkdown(JSON.stringify(v) ?? '')}\``);
    return `  - \`${escapeMarkdown(r.fact)}\` ${OPERATOR_TEXT[r.operator]?.zh ?? escapeMarkdown(r.operator)} ${value(r.expected)} → ${value(r.actual)}（${HELD_ZH[String(r.held) as keyof typeof HELD_ZH]}）${path}`;
  });

/** A diagnostic code (read-error, schema, …) as a reader sees it: the code in English, its name in Chinese. */
const diagnosticLabel = (code: string, lang: Lang): string => (lang === 'zh' ? DIAGNOSTIC_ZH[code] ?? code : code);

const verdictSection = (v: Verdict, lang: Lang): string[] => {
  // A pass lists the rule that made it pass; fail/review list only what is wrong.
  const shown = v.verdict === 'pass' ? v.findings : reportedFindings(v);
  return [
    `### ${ICON[v.verdict]} ${escapeMarkdown(v.manifest)}`,
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
const rank = (r: CheckResult): number => FIRST[isError(r) ? 'error' : r.verdict];

/**
 * A pull-request comment: the gate and the summary, then a table and a section per manifest, failures first.
 * It never exceeds COMMENT_LIMIT: what does not fit is counted in a last line that says where the rest is.
 */
export const markdown: Formatter = (results, ctx: FormatContext) => {
  const L = LABELS[ctx.lang];
  const t = tally(results, ctx.failOn);
  const gate = t.gateFailures > 0 || t.error > 0 ? `❌ ${L.gateFailed}` : `✅ ${L.gatePassed}`;
  const head = [`## ${L.title}`, '', `**${gate}** — ${tallyLine(t, ctx.failOn, ctx.lang)}`, '', `| ${L.head.join(' | ')} |`, `|${L.head.map(() => '---').join('|')}|`];
  const ordered = [...results].sort((a, b) => rank(a) - rank(b));
  const rows: string[] = [];
  const sections: string[] = [];
  let size = lines(head).length + 400; // room for the "left out" line
  for (const r of ordered) {
    const rowText = row(r, ctx.lang);
    const section = ['', ...(isError(r) ? errorSection(r, ctx.lang) : verdictSection(r, ctx.lang))];
    const added = rowText.length + 1 + lines(section).length;
    if (size + added > COMMENT_LIMIT) break;
    size += added;
    rows.push(rowText);
    sections.push(...section);
  }
  const left = results.length - rows.length;
  const more = left ? ['', `> ${L.leftOut(left, results.length)}`] : [];
  return lines([...head, ...rows, ...sections, ...more]);
};

export const format: ReportFormat = { whole: markdown };
